from django.urls import path

from localgbf.web.datasets import views

urlpatterns = [
    path("governments/<slug:code>/datasets/", views.index, name="datasets"),
    path("datasets/<int:pk>/", views.detail, name="dataset"),
    path("datasets/<int:pk>/download/", views.download, name="dataset-download"),
]
