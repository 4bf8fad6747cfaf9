from django.urls import path

from localgbf.web.jobs import views

urlpatterns = [
    path("<int:pk>/", views.detail, name="job"),
    path("<int:pk>/status.json", views.status, name="job-status"),
]
