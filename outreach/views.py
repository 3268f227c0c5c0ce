from django.core.paginator import Paginator
from django.shortcuts import render

from outreach.selectors import public_upcoming_activities
from pzss.core.models import ActivityKind, Area


def home(request):
    return render(
        request,
        "outreach/home.html",
        {"upcoming": public_upcoming_activities()[:6]},
    )


def event_list(request):
    area = request.GET.get("area") or None
    kind = request.GET.get("kind") or None
    area_value = int(area) if area and area.isdigit() and int(area) in Area.values else None
    kind_value = kind if kind in ActivityKind.values else None
    page = Paginator(public_upcoming_activities(area=area_value, kind=kind_value), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "outreach/event_list.html",
        {
            "page_obj": page,
            "areas": Area.choices,
            "kinds": ActivityKind.choices,
            "area": area_value,
            "kind": kind_value,
        },
    )


def privacy(request):
    return render(request, "outreach/privacy.html")
