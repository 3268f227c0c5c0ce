import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction

from programme import services
from programme.loading import SEED_2021, SEED_2021_DECISION, SEED_2021_TARGETS, import_file
from programme.models import Programme


class Command(BaseCommand):
    help = (
        "Load the institute's 2021 work programme from programme/fixtures and publish it "
        "(approved, adopted by the board's decision 393/2020 of 14.12.2020). Does nothing "
        "when a 2021 programme exists."
    )

    def handle(self, *args, **options):
        if Programme.objects.filter(year=2021).exists():
            self.stdout.write("The 2021 work programme is already loaded.")
            return
        number, date = SEED_2021_DECISION
        with transaction.atomic():
            revision = import_file(SEED_2021, targets=SEED_2021_TARGETS, year=2021)
            services.revision_submit(user=None, revision=revision)
            services.revision_approve(user=None, revision=revision)
            services.revision_adopt(
                user=None,
                revision=revision,
                decision_number=number,
                decision_date=dt.date.fromisoformat(date),
            )
            services.revision_publish(user=None, revision=revision)
        self.stdout.write(self.style.SUCCESS("Loaded and published the 2021 work programme."))
