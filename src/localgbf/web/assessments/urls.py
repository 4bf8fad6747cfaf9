from django.urls import path

from localgbf.web.assessments import bandviews, entry, scorecards, views

urlpatterns = [
    path("governments/<slug:code>/assessments/", views.index, name="assessments"),
    path("governments/<slug:code>/assessments/new/", views.create, name="assessment-new"),
    path("assessments/band-tables/", bandviews.band_tables, name="band-tables"),
    path(
        "assessments/band-tables/<int:pk>/file/",
        bandviews.band_table_file,
        name="band-table-file",
    ),
    path("assessments/<int:pk>/", views.overview, name="assessment"),
    path("assessments/<int:pk>/profile/", views.profile, name="assessment-profile"),
    path("assessments/<int:pk>/complete/", views.complete, name="assessment-complete"),
    path(
        "assessments/<int:pk>/computations/<int:record>/",
        views.computation,
        name="assessment-computation",
    ),
    path(
        "assessments/<int:pk>/indicators/<int:number>/",
        entry.indicator,
        name="assessment-indicator",
    ),
    path("assessments/<int:pk>/scorecard/", scorecards.scorecard, name="assessment-scorecard"),
    path(
        "assessments/<int:pk>/scorecard.pdf",
        scorecards.scorecard_pdf,
        name="assessment-scorecard-pdf",
    ),
    path(
        "assessments/<int:pk>/scorecard.<str:fmt>",
        scorecards.scorecard_file,
        name="assessment-scorecard-file",
    ),
    path("assessments/<int:pk>/rescore/", scorecards.rescore, name="assessment-rescore"),
    path(
        "assessments/<int:pk>/evidence/<str:sha256>/",
        scorecards.evidence_download,
        name="assessment-evidence",
    ),
]
