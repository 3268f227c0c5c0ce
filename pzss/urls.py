from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from pzss.lib.health import healthz, ping
from pzss.lib.language import switch_language
from pzss.lib.public_cache import public_cache
from pzss.lib.robots import robots_txt
from pzss.lib.sitemaps import SITEMAPS
from research import reporting_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    # Each app adds its section of the map in its AppConfig.ready() (pzss.lib.sitemaps).
    path("sitemap.xml", public_cache(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("outreach.urls")),
    path("", include("pzss.events.public_urls")),
    path("staff/outreach/", include("outreach.staff_urls")),
    path("programme/", include("programme.urls")),
    path("research/", include("research.mapping_public_urls")),
    path("research/studies/", include("research.study_public_urls")),
    path("search/", include("pzss.search.urls")),
    # Area II's transcript without an account (before any other /training/ page, so that
    # "transcript" is never read as one of theirs).
    path("training/transcript/", include("training.points_public_urls")),
    path("staff/", include("pzss.events.urls")),
    path("staff/documents/", include("pzss.documents.urls")),
    path("staff/", include("pzss.core.urls")),
    path("staff/support/", include("support.urls")),
    path("support/request/", include("support.request_public_urls")),
    # an institution's follow-up of a visit report, through its signed link (issue 14)
    path("support/follow-up/", include("support.follow_up_urls")),
    path("staff/training/", include("training.urls")),
    path("training/", include("training.catalogue_public_urls")),
    # the needs survey's signed respondent links and published results (issue 13, part 3)
    path("training/", include("training.survey_public_urls")),
    path("staff/research/", include("research.urls")),
    path("research/statistics/", include("research.report_public_urls")),
    # An institution's own reporting pages (area III), and where a login lands.
    path("reporting/", include("research.reporting_urls")),
    path("accounts/home/", reporting_views.landing, name="landing"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "ПЗСЗ — администрација"
admin.site.site_title = "ПЗСЗ"
