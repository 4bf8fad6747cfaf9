from django.urls import path

from localgbf.web.commitments.views import commitments, exports, progress, review

urlpatterns = [
    path(
        "governments/<slug:code>/commitments/",
        commitments.government_commitments,
        name="commitments",
    ),
    path("governments/<slug:code>/commitments/new/", commitments.create, name="commitment-new"),
    path(
        "governments/<slug:code>/commitments/from-plan/",
        commitments.from_plan,
        name="commitment-from-plan",
    ),
    path("governments/<slug:code>/commitments/ort.zip", exports.ort_export, name="ort-export"),
    path("governments/<slug:code>/cbd-contact/", exports.contact, name="cbd-contact"),
    path("commitments/<int:pk>/", commitments.detail, name="commitment"),
    path("commitments/<int:pk>/edit/", commitments.edit, name="commitment-edit"),
    path("commitments/<int:pk>/kpis/", commitments.kpis, name="commitment-kpis"),
    path("commitments/<int:pk>/submit/", commitments.submit, name="commitment-submit"),
    path(
        "commitments/<int:pk>/new-version/",
        commitments.new_version,
        name="commitment-new-version",
    ),
    path("commitments/<int:pk>/ort.json", exports.ort_one, name="commitment-ort"),
    path("commitments/<int:pk>/reports/new/", progress.start, name="progress-new"),
    path("progress/<int:pk>/", progress.detail, name="progress-report"),
    path("progress/<int:pk>/edit/", progress.edit, name="progress-edit"),
    path("progress/<int:pk>/submit/", progress.submit, name="progress-submit"),
    path("progress/<int:pk>/evidence/", progress.add_evidence, name="progress-evidence"),
    path("evidence/<int:pk>/", progress.download_evidence, name="evidence-download"),
    path("evidence/<int:pk>/remove/", progress.remove_evidence, name="evidence-remove"),
    path("review/<slug:code>/", review.queue, name="review-queue"),
    path("review/<slug:code>/settings/", review.review_settings, name="review-settings"),
    path("review/item/<str:kind>/<int:pk>/", review.decide, name="review-decide"),
    path("national-report/<slug:code>/", exports.national_report, name="national-report"),
    path(
        "national-report/<slug:code>/report.<str:fmt>",
        exports.national_report_file,
        name="national-report-file",
    ),
]
