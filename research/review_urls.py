"""The institute's review of submissions, under staff/research/data/review/
(namespace `research:review`)."""

from django.urls import path

from research import review_views as views

app_name = "review"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/accept/", views.review_accept, name="accept"),
    path("<int:pk>/return/", views.review_return, name="return"),
    path(
        "periods/<int:period_pk>/institutions/<int:institution_pk>/",
        views.enter_for_centre,
        name="enter",
    ),
]
