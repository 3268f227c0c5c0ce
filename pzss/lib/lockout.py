"""The login lockout's handler: django-axes' database handler, except for what a
successful login forgives.

The lockout counts failures two ways apart (settings.AXES_LOCKOUT_PARAMETERS): per
username from any address, and per address for any username. Axes' own reset on success
deletes every attempt that matches either way, so one login wiped the address's failures
on every other account — a sprayer with one account of their own could try four passwords,
log in, and start again — and the account's failures from every other address. Here a
successful login deletes only the failures of that username from that address: the
person who just proved who they are is forgiven their typos, and nothing else is."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class LockoutHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
