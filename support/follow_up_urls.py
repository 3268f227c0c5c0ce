"""The institution's follow-up of a visit report, without an account (a signed link)."""

from django.urls import path

from support.follow_up_views import FollowUpAnswerView

app_name = "support_follow_up"

urlpatterns = [
    path("<str:signed>/", FollowUpAnswerView.as_view(), name="answer"),
]
