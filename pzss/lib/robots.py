from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pzss.lib.discovery import absolute_url

DISALLOWED = ["/staff/", "/accounts/", "/admin/", "/registrations/", "/language/", "/i18n/"]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Search engines may read the public site; staff pages, logins, a registrant's own
    link and the language switch are not for them. The sitemap lists the public pages, at
    the portal's public address (SITE_URL) like every address it gives out."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
