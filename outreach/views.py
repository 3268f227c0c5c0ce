"""The institute's public home page."""

from django.shortcuts import render

from pzss.events.selectors import public_upcoming_activities
from pzss.lib.public_cache import public_cache


@public_cache
def home(request):
    return render(
        request,
        "outreach/home.html",
        {"upcoming": public_upcoming_activities()[:6]},
    )
