from django.conf import settings
from django.utils.translation import get_language

from pzss.lib.discovery import HTML_LANG
from pzss.lib.roles import is_director, is_institution_user, is_staff_member


def portal(request) -> dict:
    user = getattr(request, "user", None)
    lang = (get_language() or settings.LANGUAGE_CODE).lower()
    return {
        "html_lang": HTML_LANG.get(lang, lang),
        "is_staff_member": bool(user and is_staff_member(user)),
        "is_director": bool(user and is_director(user)),
        "is_institution_user": bool(user and is_institution_user(user)),
        "INSTITUTE": settings.INSTITUTE,
    }
