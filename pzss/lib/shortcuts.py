"""The one way a view loads what it works on: through a selector that takes the user and
returns only what that user may see. Whatever the selector does not give is a 404, so a
page of something a user may not see looks the same as a page of nothing."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

T = TypeVar("T")


def get_for_user_or_404(selector: Callable[..., T], **kwargs) -> T:
    try:
        return selector(**kwargs)
    except (ObjectDoesNotExist, PermissionDenied) as exc:
        raise Http404 from exc
