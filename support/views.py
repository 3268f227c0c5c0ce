"""Expert support (area I): the standing groups of supervisors and lawyers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import StandingGroup
from pzss.lib.roles import StaffRequiredMixin
from support import group_selectors, selectors, services
from support.forms import StandingGroupForm


class StandingGroupListView(StaffRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "support/group_list.html",
            {
                "groups": group_selectors.standing_groups_with_meetings(
                    user=request.user, year=timezone.localdate().year
                ),
                "year": timezone.localdate().year,
            },
        )


class StandingGroupEditView(StaffRequiredMixin, View):
    def _group(self, request, pk) -> StandingGroup:
        try:
            return selectors.standing_group(user=request.user, pk=pk)
        except StandingGroup.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, pk):
        group = self._group(request, pk)
        form = StandingGroupForm(
            initial={
                "name": group.name,
                "description": group.description,
                "institutions": list(group.institutions.all()),
                "members": list(group.members.all()),
            }
        )
        return render(request, "support/group_form.html", {"group": group, "form": form})

    def post(self, request, pk):
        group = self._group(request, pk)
        form = StandingGroupForm(request.POST)
        if form.is_valid():
            try:
                services.standing_group_update(user=request.user, group=group, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The group is saved."))
                return redirect("support:groups")
        return render(
            request, "support/group_form.html", {"group": group, "form": form}, status=400
        )
