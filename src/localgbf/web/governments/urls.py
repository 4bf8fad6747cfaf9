from django.urls import path

from localgbf.web.governments import views

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:code>/", views.detail, name="government"),
    path("<slug:code>/edit/", views.edit, name="government-edit"),
]
