"""Remove names and e-mails from the registrations of events older than N months.

    manage.py anonymise_registrations --months 24

Counts (by status, institution, position) are kept; run it from cron or by hand."""

from django.core.management.base import BaseCommand, CommandError

from pzss.events.services.privacy import registrations_anonymise


class Command(BaseCommand):
    help = "Anonymise the registrations of events that ended more than --months months ago."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, required=True)

    def handle(self, *args, months: int, **options):
        if months < 1:
            raise CommandError("--months must be at least 1")
        count = registrations_anonymise(months=months)
        self.stdout.write(f"Anonymised {count} registrations of events older than {months} months.")
