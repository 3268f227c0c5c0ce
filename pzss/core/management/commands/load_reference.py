from django.core.management.base import BaseCommand

from pzss.core.reference import load_reference


class Command(BaseCommand):
    help = "Load the districts, municipalities, institutions and standing groups of AP Vojvodina."

    def handle(self, *args, **options):
        counts = load_reference()
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in counts.items())))
