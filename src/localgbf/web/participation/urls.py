from django.urls import path

from localgbf.web.participation import consultation_views as cv
from localgbf.web.participation import public_views as pv
from localgbf.web.participation import report_views as rv
from localgbf.web.participation import support_views as sv
from localgbf.web.participation import views

urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:code>/", views.organisation, name="organisation"),
    path(
        "organisations/<slug:code>/members/<slug:government>/support/",
        sv.member_support,
        name="member-support",
    ),
    path("governments/<slug:code>/network-support/", sv.government_support, name="network-support"),
    path("support-notes/<int:pk>/answer/", sv.answer_note, name="support-note-answer"),
    path("governments/<slug:code>/cepa/", views.cepa_list, name="cepa"),
    path("governments/<slug:code>/cepa/new/", views.cepa_edit, name="cepa-new"),
    path("governments/<slug:code>/cepa/<int:pk>/", views.cepa_edit, name="cepa-edit"),
    path("governments/<slug:code>/consultations/", cv.consultation_list, name="consultations"),
    path(
        "governments/<slug:code>/consultations/new/", cv.consultation_new, name="consultation-new"
    ),
    path("consultations/<int:pk>/", cv.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/input/", cv.consultation_input, name="consultation-input"),
    path(
        "consultations/<int:pk>/inputs/<int:input_pk>/respond/",
        cv.consultation_respond,
        name="consultation-respond",
    ),
    path("consultations/<int:pk>/close/", cv.consultation_close, name="consultation-close"),
    path(
        "consultations/<int:pk>/export.<str:fmt>",
        cv.consultation_export,
        name="consultation-export",
    ),
    path(
        "governments/<slug:code>/plan-of-action/", rv.country_report, name="plan-of-action-report"
    ),
    path(
        "governments/<slug:code>/plan-of-action/export.<str:fmt>",
        rv.country_export,
        name="plan-of-action-export",
    ),
    path("organisations/<slug:code>/plan-of-action/", rv.network_report, name="network-report"),
    path(
        "organisations/<slug:code>/plan-of-action/export.<str:fmt>",
        rv.network_export,
        name="network-report-export",
    ),
    path(
        "governments/<slug:code>/public-consultations/",
        pv.consultation_list,
        name="public-consultations",
    ),
    path(
        "governments/<slug:code>/plan/v<int:number>/public-consultation/new/",
        pv.consultation_new,
        name="public-consultation-new",
    ),
    path("public-consultations/<int:pk>/", pv.consultation_detail, name="public-consultation"),
    path("public-consultations/<int:pk>/comment/", pv.comment, name="public-comment"),
    path("public-consultations/<int:pk>/close/", pv.close, name="public-consultation-close"),
    path("public-comments/confirm/<str:token>/", pv.confirm, name="public-comment-confirm"),
    path("public-comments/<int:pk>/moderate/", pv.moderate, name="public-comment-moderate"),
    path("public-comments/<int:pk>/answer/", pv.answer, name="public-comment-answer"),
]
