from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from pzss.core.demo import create_demo_accounts, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo accounts, demo activities and each app's own demo data "
        "(idempotent). Prints the demo logins."
    )

    def handle(self, *args, **options):
        # The demo's people are made up: the e-mails its services send as they go (a
        # sign-up's confirmation, a request's receipt) are dropped, not printed to the
        # console or sent, when the tasks run here (eager, as under `make run`).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._load()

    def _load(self):
        accounts = create_demo_accounts()
        created = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo activities created: {created}"))
        # Apps above the core add their own demo data (the core names none of them), in
        # the order of INSTALLED_APPS unless an app's `demo_order` puts it later (area I
        # chooses the centres it visits by area III's figures, so it loads after them).
        for config in sorted(apps.get_app_configs(), key=lambda c: getattr(c, "demo_order", 0)):
            if hasattr(config, "load_demo"):
                self.stdout.write(config.load_demo())
        # …and apps that derive data from all of it (the search index) finish after them.
        for config in apps.get_app_configs():
            if hasattr(config, "demo_loaded"):
                self.stdout.write(config.demo_loaded())
        # …and apps with logins of their own (a centre's) name them with the others.
        for config in apps.get_app_configs():
            if hasattr(config, "demo_logins"):
                accounts.extend(config.demo_logins())
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(f"Demo logins ({settings.SITE_URL}/accounts/login/):"))
        for username, password, role in accounts:
            self.stdout.write(f"  {role:<12} {username:<12} {password}")
