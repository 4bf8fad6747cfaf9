from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from localgbf.web.governments.login import LoginView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("localgbf.web.api.root_urls")),
    # The admin signs in through the platform's page, which limits failed attempts.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url="/static/localgbf/favicon.svg", permanent=True)),
]

urlpatterns += i18n_patterns(
    path(
        "accounts/login/",
        LoginView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("governments/", include("localgbf.web.governments.urls")),
    path("jobs/", include("localgbf.web.jobs.urls")),
    path("frameworks/national/", include("localgbf.web.frameworks.urls")),
    path("", include("localgbf.web.plans.urls")),
    path("", include("localgbf.web.datasets.urls")),
    path("", include("localgbf.web.species.urls")),
    path("", include("localgbf.web.computations.urls")),
    path("", include("localgbf.web.assessments.urls")),
    path("", include("localgbf.web.batches.urls")),
    path("", include("localgbf.web.commitments.urls")),
    path("", include("localgbf.web.participation.urls")),
    path("", include("localgbf.web.portal.urls")),
    path("", include("localgbf.web.api.urls")),
    path("", include("localgbf.web.core.urls")),
    prefix_default_language=True,
)
