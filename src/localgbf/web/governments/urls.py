from django.urls import path

from localgbf.web.governments import views
from localgbf.web.governments.audit_log import audit_log

urlpatterns = [
    path("", views.directory, name="directory"),
    path("audit/", audit_log, name="audit-log"),
    path("<slug:code>/", views.detail, name="government"),
    path("<slug:code>/edit/", views.edit, name="government-edit"),
]
