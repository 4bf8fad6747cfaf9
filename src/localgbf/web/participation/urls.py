from django.urls import path

from localgbf.web.participation import views

urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:code>/", views.organisation, name="organisation"),
    path("governments/<slug:code>/cepa/", views.cepa_list, name="cepa"),
    path("governments/<slug:code>/cepa/new/", views.cepa_edit, name="cepa-new"),
    path("governments/<slug:code>/cepa/<int:pk>/", views.cepa_edit, name="cepa-edit"),
]
