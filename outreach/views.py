"""The public home page, the pages of the four areas of work and news, and the staff
pages of area IV: news items, and the media and campaign fields of an activity."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from outreach import selectors, services
from outreach.areas import AREA_PAGES, area_page
from outreach.forms import InformationCampaignForm, MediaAppearanceForm, NewsItemForm
from outreach.library import selectors as library_selectors
from outreach.models import NewsItem
from outreach.structured_data import home_structured_data, news_picture_url, news_structured_data
from pzss.core import selectors as core_selectors
from pzss.core.extensions import area_links, programme_in_force
from pzss.core.models import ActivityKind, ActivityStatus
from pzss.core.views import activity_page_context
from pzss.events.selectors import public_upcoming_activities
from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404

# How many of each an area's page lists (each list links to the whole of it).
AREA_EVENTS = 6
AREA_NEWS = 5
AREA_PUBLICATIONS = 6


@public_cache
def home(request):
    """Queries: the programme in force, the next six public events, the latest three
    news items and the latest three publications (4, whatever the data)."""
    return render(
        request,
        "outreach/home.html",
        {
            "programme": programme_in_force(),
            "upcoming": public_upcoming_activities()[:6],
            "news": selectors.latest_news(count=3),
            "publications": library_selectors.latest_publications(count=3),
            "areas": AREA_PAGES,
            "structured_data": home_structured_data(),
        },
    )


# --- the four areas of work ---------------------------------------------------------------


@public_cache
def area(request, numeral: str):
    """What the institute does in one area, the area's goals in the programme in force,
    and its upcoming events, recent news and publications.

    Queries: the programme in force, its goals of the area, the area's next public
    events, its latest news and its latest publications (5, whatever the data)."""
    page = area_page(numeral)
    if page is None:
        raise Http404
    return render(
        request,
        "outreach/area.html",
        {
            "area": page,
            "areas": AREA_PAGES,
            "programme": programme_in_force(area=page.area.value),
            "upcoming": public_upcoming_activities(area=page.area.value)[:AREA_EVENTS],
            "news": selectors.area_news(area=page.area.value, count=AREA_NEWS),
            "publications": library_selectors.latest_publications(
                area=page.area.value, count=AREA_PUBLICATIONS
            ),
            "links": area_links(area=page.area.value),
        },
    )


# --- public news ----------------------------------------------------------------------


@public_cache
def news_list(request):
    page = selectors.public_news_page(page=request.GET.get("page"))
    return render(request, "outreach/news_list.html", {"page_obj": page, "items": page})


@public_cache
def news_detail(request, year: int, slug: str):
    item = get_for_user_or_404(selectors.public_news_item, year=year, slug=slug)
    return render(
        request,
        "outreach/news_detail.html",
        {
            "item": item,
            "picture_url": news_picture_url(item),
            "structured_data": news_structured_data(item, language=get_language()),
        },
    )


def _picture_response(item: NewsItem) -> FileResponse:
    if not item.picture:
        raise Http404
    content_type = mimetypes.guess_type(item.picture.name)[0] or "application/octet-stream"
    response = FileResponse(item.picture.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def news_picture(request, year: int, slug: str):
    """A published item's picture; a draft's is not reachable by anyone outside."""
    item = get_for_user_or_404(selectors.public_news_item, year=year, slug=slug)
    response = _picture_response(item)
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- staff: news ----------------------------------------------------------------------


class NewsListView(StaffRequiredMixin, View):
    def get(self, request):
        page = selectors.staff_news_page(user=request.user, page=request.GET.get("page"))
        return render(request, "outreach/staff/news_list.html", {"page_obj": page})


def _tell_what_was_removed(request, result: services.NewsResult) -> None:
    if result.sanitised.changed:
        messages.warning(
            request,
            _("Removed from the body because it is not allowed: %(removed)s. The rest is saved.")
            % {"removed": result.sanitised.removed_summary()},
        )


def _news_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.NEWS_FIELDS}


class NewsCreateView(StaffRequiredMixin, View):
    template = "outreach/staff/news_form.html"

    def _source(self, request):
        """The held activity the item is written from (`?activity=`), or None."""
        pk = request.GET.get("activity") or request.POST.get("from_activity")
        if not pk or not str(pk).isdigit():
            return None
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
        if activity.status != ActivityStatus.HELD:
            messages.warning(request, _("A news item is written from an activity once it is held."))
            return None
        return activity

    def get(self, request):
        source = self._source(request)
        initial, linked = {}, []
        if source is not None:
            draft = selectors.news_draft_from_activity(user=request.user, activity=source)
            linked = draft.pop("activities")
            initial = {**draft, "activities": linked}
        form = NewsItemForm(initial=initial, linked=linked)
        return render(request, self.template, {"form": form, "source": source})

    def post(self, request):
        source = self._source(request)
        linked = [source] if source else []
        form = NewsItemForm(request.POST, request.FILES, linked=linked)
        if form.is_valid():
            try:
                result = services.news_create(
                    user=request.user,
                    data=_news_data(form),
                    picture=form.cleaned_data.get("picture"),
                    activities=form.cleaned_data["activities"],
                    publish="publish" in request.POST,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _tell_what_was_removed(request, result)
                messages.success(request, _("The news item is saved."))
                return redirect("outreach_staff:news_edit", pk=result.item.pk)
        return render(request, self.template, {"form": form, "source": source}, status=400)


class NewsUpdateView(StaffRequiredMixin, View):
    template = "outreach/staff/news_form.html"

    def _item(self, request, pk) -> NewsItem:
        return get_for_user_or_404(selectors.news_item_for_user, user=request.user, pk=pk)

    def get(self, request, pk):
        item = self._item(request, pk)
        form = NewsItemForm(instance=item, initial={"activities": list(item.activities.all())})
        return render(request, self.template, {"form": form, "item": item})

    def post(self, request, pk):
        item = self._item(request, pk)
        form = NewsItemForm(request.POST, request.FILES, instance=self._item(request, pk))
        if form.is_valid():
            try:
                result = services.news_update(
                    user=request.user,
                    item=item,
                    data=_news_data(form),
                    picture=form.cleaned_data.get("picture"),
                    remove_picture=form.cleaned_data.get("remove_picture", False),
                    activities=form.cleaned_data["activities"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _tell_what_was_removed(request, result)
                messages.success(request, _("The news item is saved."))
                return redirect("outreach_staff:news_edit", pk=pk)
        return render(request, self.template, {"form": form, "item": item}, status=400)


class NewsPublishView(StaffRequiredMixin, View):
    publish = True

    def post(self, request, pk):
        item = get_for_user_or_404(selectors.news_item_for_user, user=request.user, pk=pk)
        if self.publish:
            item = services.news_publish(user=request.user, item=item)
            if item.is_scheduled:
                messages.success(
                    request,
                    _("The news item will be published on %(when)s.")
                    % {"when": _local_datetime(item.published_at)},
                )
            else:
                messages.success(request, _("The news item is published."))
        else:
            services.news_unpublish(user=request.user, item=item)
            messages.success(request, _("The news item is a draft again: it is not public."))
        return redirect("outreach_staff:news_edit", pk=pk)


def _local_datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class NewsPreviewView(StaffRequiredMixin, View):
    """The item as the public will see it, whatever its status (staff only)."""

    def get(self, request, pk):
        item = get_for_user_or_404(selectors.news_item_for_user, user=request.user, pk=pk)
        item.public_activities = [a for a in item.activities.all() if a.is_public]
        return render(request, "outreach/news_detail.html", {"item": item, "preview": True})


class NewsPictureView(StaffRequiredMixin, View):
    def get(self, request, pk):
        item = get_for_user_or_404(selectors.news_item_for_user, user=request.user, pk=pk)
        response = _picture_response(item)
        response["Cache-Control"] = "private, no-store"
        return response


# --- staff: the media and campaign fields of an activity ----------------------------------


class _ActivityExtensionView(StaffRequiredMixin, View):
    kind: str
    form_class: type
    panel: str

    def save(self, request, activity, form):
        raise NotImplementedError

    def post(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_detail, user=request.user, pk=pk)
        if activity.kind != self.kind:
            raise Http404
        form = self.form_class(request.POST, instance=self.instance_of(activity))
        if form.is_valid():
            try:
                self.save(request, activity, form)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("Saved."))
                return redirect("core:activity_detail", pk=pk)
        context = activity_page_context(request, activity, panels={self.panel: {"form": form}})
        return render(request, "core/activity_detail.html", context, status=400)


class MediaAppearanceView(_ActivityExtensionView):
    kind = ActivityKind.MEDIA_APPEARANCE
    form_class = MediaAppearanceForm
    panel = "outreach-media"

    def instance_of(self, activity):
        return selectors.media_appearance_of(activity)

    def save(self, request, activity, form):
        data = {name: form.cleaned_data[name] for name in services.MEDIA_FIELDS}
        services.media_appearance_save(
            user=request.user,
            activity=activity,
            data=data,
            speakers=form.cleaned_data["speakers"],
        )


class InformationCampaignView(_ActivityExtensionView):
    kind = ActivityKind.INFORMATION_CAMPAIGN
    form_class = InformationCampaignForm
    panel = "outreach-campaign"

    def instance_of(self, activity):
        return selectors.information_campaign_of(activity)

    def save(self, request, activity, form):
        data = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        services.information_campaign_save(user=request.user, activity=activity, data=data)


# --- the panels of the activity page (registered in apps.py) ------------------------------


def news_panel(request, activity, **_overrides) -> dict:
    return {"news_items": selectors.news_of_activity(activity=activity)}


def media_panel(request, activity, *, form=None) -> dict:
    if activity.kind != ActivityKind.MEDIA_APPEARANCE:
        return {"show": False}
    appearance = selectors.media_appearance_of(activity)
    return {
        "show": True,
        "appearance": appearance,
        "form": form or MediaAppearanceForm(instance=appearance),
    }


def campaign_panel(request, activity, *, form=None) -> dict:
    if activity.kind != ActivityKind.INFORMATION_CAMPAIGN:
        return {"show": False}
    campaign = selectors.information_campaign_of(activity)
    return {
        "show": True,
        "campaign": campaign,
        "form": form or InformationCampaignForm(instance=campaign),
    }
