"""Who may do what. Groups `staff` and `director`; superusers may do everything. The
group `institution` is an institution's own login (a centre reporting its figures): it
sees only its institution's pages, never a staff page.

Anonymous users are sent to the login page; a logged-in user without the role gets 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

STAFF = "staff"
DIRECTOR = "director"
INSTITUTION = "institution"


def _groups(user) -> frozenset[str]:
    # Cached on the user object: role checks run several times a request.
    cached = getattr(user, "_pzss_groups", None)
    if cached is None:
        cached = (
            frozenset(user.groups.values_list("name", flat=True))
            if user.is_authenticated
            else frozenset()
        )
        user._pzss_groups = cached
    return cached


def is_staff_member(user) -> bool:
    """Staff pages: advisors, the director and administrators."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(_groups(user) & {STAFF, DIRECTOR})


def is_director(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or DIRECTOR in _groups(user)


def institution_of(user):
    """The institution an `institution` login reports for, or None (not such a login, or
    not bound to an institution: then it may see nothing of any)."""
    if not user.is_authenticated or INSTITUTION not in _groups(user):
        return None
    cached = getattr(user, "_pzss_institution", False)
    if cached is False:
        # get_user_model(), not type(user): request.user is a lazy wrapper.
        account = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list("institution_account__institution", flat=True)
            .first()
        )
        cached = account
        user._pzss_institution = cached
    return cached


def is_institution_user(user) -> bool:
    """An institution's own login that is bound to its institution."""
    return institution_of(user) is not None


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return is_staff_member(self.request.user)


class DirectorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return is_director(self.request.user)


def role_required(check: Callable) -> Callable:
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.pzss_role = check.__name__
        return wrapped

    return decorator


class InstitutionRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return is_institution_user(self.request.user)


staff_required = role_required(is_staff_member)
institution_required = role_required(is_institution_user)
director_required = role_required(is_director)
