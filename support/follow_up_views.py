"""The institution's follow-up page, without an account: the report's recommendations
through a signed link, a form for each (what was done, the state); every answer is kept.
A tampered or expired link is a 404; once the follow-up is closed the page is read-only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from support import report_selectors as selectors
from support import report_services as services
from support.models import FollowUpInvitation, Recommendation
from support.report_forms import AnswerForm


def _invitation_or_404(signed: str) -> FollowUpInvitation:
    invitation = selectors.invitation_of(signed)
    if invitation is None:
        raise Http404
    return invitation


class FollowUpAnswerView(View):
    def _page(self, request, invitation, forms=None, status=200):
        report = selectors.report_of(invitation.report.visit)
        forms = forms or {}
        rows = [
            (r, forms.get(r.pk) or AnswerForm(prefix=f"r{r.pk}", initial={"state": r.state}))
            for r in report.recommendations.all()
        ]
        return render(
            request,
            "support/follow_up/answer.html",
            {
                "invitation": invitation,
                "report": report,
                "visit": report.visit,
                "rows": rows,
                "read_only": report.is_closed,
            },
            status=status,
        )

    def get(self, request, signed):
        return self._page(request, _invitation_or_404(signed))

    def post(self, request, signed):
        invitation = _invitation_or_404(signed)
        try:
            recommendation = invitation.report.recommendations.get(
                pk=int(request.POST.get("recommendation", ""))
            )
        except (ValueError, Recommendation.DoesNotExist) as exc:
            raise Http404 from exc
        form = AnswerForm(request.POST, prefix=f"r{recommendation.pk}")
        if form.is_valid():
            try:
                services.follow_up_answer(
                    invitation=invitation,
                    recommendation=recommendation,
                    action_taken=form.cleaned_data["action_taken"],
                    state=form.cleaned_data["state"],
                    answered_by=form.cleaned_data["answered_by"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Your answer on recommendation %(n)s is recorded. Thank you.")
                    % {"n": recommendation.order},
                )
                return redirect(request.path)
        return self._page(request, invitation, {recommendation.pk: form}, status=400)
