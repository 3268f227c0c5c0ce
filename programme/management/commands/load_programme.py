from django.core.management.base import BaseCommand
from django.db import transaction

from programme import services
from programme.loading import SEED_2021, SEED_2021_TARGETS, import_file
from programme.models import Programme


class Command(BaseCommand):
    help = (
        "Load the institute's 2021 work programme from programme/fixtures and publish it "
        "(approved, and adopted as the text shows: signed by the board's president; the "
        "text records no separate board decision, so none is recorded). Does nothing when "
        "a 2021 programme exists."
    )

    def handle(self, *args, **options):
        if Programme.objects.filter(year=2021).exists():
            self.stdout.write("The 2021 work programme is already loaded.")
            return
        with transaction.atomic():
            revision = import_file(SEED_2021, targets=SEED_2021_TARGETS, year=2021)
            services.revision_submit(user=None, revision=revision)
            services.revision_approve(user=None, revision=revision)
            services.revision_adopt(user=None, revision=revision, as_signed=True)
            services.revision_publish(user=None, revision=revision)
        self.stdout.write(self.style.SUCCESS("Loaded and published the 2021 work programme."))
