"""The public event pages: upcoming events, an event with its sign-up form, the iCalendar
feed, the personal registration page reached through the e-mailed link, the certificate
check, and the privacy notice of sign-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pzss.core.models import Activity, ActivityKind, Area, RegistrationStatus
from pzss.documents.models import DocumentStatus
from pzss.events import ratelimit
from pzss.events.documents import certificate_document_request
from pzss.events.models import Certificate
from pzss.events.public_forms import SignupForm
from pzss.events.selectors import (
    SEATS_TOPIC,
    certificate_by_code,
    certificate_code_normalised,
    event_seats_topic,
    event_url,
    institution_search,
    public_event,
    public_event_for_signup,
    public_upcoming_activities,
    registration_by_signed_token,
    seats_left,
    signed_token,
    waitlist_position,
)
from pzss.events.services.decisions import cancel_refusal, registration_cancel
from pzss.events.services.signup import (
    registration_link_resend,
    registration_signup,
    signup_closed_reason,
)
from pzss.events.services.waitlist import signup_for
from pzss.events.structured_data import event_structured_data
from pzss.lib.forms import add_service_errors
from pzss.lib.ical import calendar
from pzss.lib.middleware import compressible
from pzss.lib.public_cache import public_cache


def _filters(request) -> tuple[int | None, str | None]:
    area = request.GET.get("area") or None
    kind = request.GET.get("kind") or None
    area_value = int(area) if area and area.isdigit() and int(area) in Area.values else None
    kind_value = kind if kind in ActivityKind.values else None
    return area_value, kind_value


@public_cache(topics=lambda request: [SEATS_TOPIC])
def event_list(request):
    area_value, kind_value = _filters(request)
    page = Paginator(public_upcoming_activities(area=area_value, kind=kind_value), 20).get_page(
        request.GET.get("page")
    )
    for activity in page.object_list:
        activity.seats_left = seats_left(activity)
        activity.signup_open = _closed_reason(activity) is None
    return render(
        request,
        "events/event_list.html",
        {
            "page_obj": page,
            "areas": Area.choices,
            "kinds": ActivityKind.choices,
            "area": area_value,
            "kind": kind_value,
        },
    )


@require_GET
def event_feed(request):
    """The upcoming public events as an iCalendar feed (same filters as the list)."""
    area_value, kind_value = _filters(request)
    body = calendar(
        public_upcoming_activities(area=area_value, kind=kind_value)[:500],
        language=get_language(),
        url_for=event_url,
        name=_("Provincial Institute for Social Protection: events"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pzss-events.ics"'
    return response


def _event_or_404(pk: int, selector=public_event) -> Activity:
    try:
        return selector(pk)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc


def _closed_reason(activity: Activity) -> str | None:
    return signup_closed_reason(activity, signup_for(activity))


def _event_page(request, activity: Activity, form=None, status: int = 200, notice: str = ""):
    closed = _closed_reason(activity)
    questions = list(activity.questions.all())
    if form is None and closed is None:
        form = SignupForm(questions=questions)
    return render(
        request,
        "events/event_detail.html",
        {
            "activity": activity,
            "signup": signup_for(activity),
            "seats_left": seats_left(activity),
            "closed_reason": closed,
            "form": form if closed is None else None,
            "notice": notice,
            "structured_data": event_structured_data(activity, language=get_language()),
        },
        status=status,
    )


@public_cache(topics=lambda request, pk: [event_seats_topic(pk)])
def event_detail(request, pk: int):
    return _event_page(request, _event_or_404(pk))


@require_GET
def event_ics(request, pk: int):
    activity = _event_or_404(pk)
    response = HttpResponse(
        calendar([activity], language=get_language(), url_for=event_url),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{activity.pk}.ics"'
    return response


@require_POST
def event_register(request, pk: int):
    activity = _event_or_404(pk, public_event_for_signup)
    if not ratelimit.hit(request):
        return _event_page(
            request,
            activity,
            form=SignupForm(request.POST, questions=list(activity.questions.all())),
            status=429,
            notice=_(
                "Too many sign-ups from your address in a short time. Please wait a minute "
                "and send the form again."
            ),
        )
    closed = _closed_reason(activity)
    if closed:
        return _event_page(request, activity, status=400, notice=closed)
    form = SignupForm(request.POST, questions=list(activity.questions.all()))
    if not form.is_valid():
        return _event_page(request, activity, form=form, status=400)
    data = form.cleaned_data
    try:
        result = registration_signup(
            activity=activity,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            institution=data["institution"],
            position=data["position"],
            answers=form.answers(),
            language=get_language() or "sr",
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _event_page(request, activity, form=form, status=400)
    if not result.created:
        # Someone (maybe not the owner) typed an e-mail that is already registered: never
        # hand out that registration's link here, send it to the address instead.
        registration_link_resend(registration=result.registration)
        return render(request, "events/signup_again.html", {"activity": activity})
    return redirect("events:registration", token=signed_token(result.registration))


@require_GET
def institution_options(request):
    """Search-as-you-type for the institution select (an htmx fragment of options)."""
    return render(
        request,
        "events/_institution_options.html",
        {"institutions": institution_search(request.GET.get("q", ""))},
    )


@require_http_methods(["GET", "POST"])
def registration_manage(request, token: str):
    registration = registration_by_signed_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        if action != "cancel":
            return HttpResponse(status=400)
        refusal = cancel_refusal(registration)
        if refusal:
            messages.info(request, refusal)
        else:
            registration_cancel(registration=registration)
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
        return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration_manage.html",
        {
            "registration": registration,
            "activity": registration.activity,
            "can_cancel": cancel_refusal(registration) is None,
            "position": waitlist_position(registration),
            "statuses": RegistrationStatus,
        },
    )


@require_GET
def registration_certificate(request, token: str):
    """The person's own certificate PDF, through their personal link."""
    registration = registration_by_signed_token(token)
    if registration is None:
        raise Http404
    certificate = Certificate.objects.filter(
        registration=registration, revoked_at__isnull=True
    ).first()
    if certificate is None:
        raise Http404
    document = certificate_document_request(certificate.pk)
    if document.status != DocumentStatus.READY:
        messages.info(request, _("Your certificate is being prepared. Try again in a minute."))
        return redirect("events:registration", token=token)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.number}.pdf",
        content_type="application/pdf",
    )


def certificate_verify(request, code: str | None = None):
    typed = code if code is not None else request.GET.get("code", "")
    normalised = certificate_code_normalised(typed)
    if code is None and normalised:
        # From the lookup form to the code's own address, the one its QR code prints.
        return redirect("events:certificate", code=normalised)
    certificate = certificate_by_code(normalised) if normalised else None
    if normalised == "":
        problem, status = ("blank" if "code" in request.GET else ""), 200
    elif normalised is None:
        problem, status = "malformed", 404
    elif certificate is None:
        problem, status = "unknown", 404
    else:
        problem, status = ("revoked" if certificate.revoked_at else ""), 200
    return render(
        request,
        "events/certificate_verify.html",
        {"certificate": certificate, "code": typed.strip()[:40], "problem": problem},
        status=status,
    )


@compressible
def privacy(request):
    return render(request, "events/privacy.html")
