from django.urls import path

from localgbf.web.species import views

urlpatterns = [
    path("governments/<slug:code>/species/", views.page, name="species"),
    path("governments/<slug:code>/species/upload/", views.upload, name="species-upload"),
    path(
        "governments/<slug:code>/species/import/",
        views.import_existing,
        name="species-import-existing",
    ),
    path("governments/<slug:code>/species/refresh/", views.refresh, name="species-refresh"),
    path("governments/<slug:code>/species/fetch/", views.fetch_new, name="species-fetch-new"),
    path(
        "governments/<slug:code>/species/taxa/<str:name>/",
        views.species_detail,
        name="species-taxon",
    ),
    path("species/imports/<int:pk>/", views.import_detail, name="species-import"),
    path("species/fetches/<int:pk>/", views.fetch_detail, name="species-fetch"),
]
