from django.urls import path

from localgbf.web.portal import views

urlpatterns = [
    path("portal/", views.index, name="portal"),
    path("portal/targets/<str:code>/", views.target, name="portal-target"),
    path("portal/<slug:code>/", views.government, name="portal-government"),
    path("portal/<slug:code>/edit/", views.edit_profile, name="portal-edit"),
    path("portal/<slug:code>/open-data/", views.downloads, name="portal-open-data"),
    path("portal/<slug:code>/open-data/<str:fmt>/", views.download, name="portal-download"),
]
