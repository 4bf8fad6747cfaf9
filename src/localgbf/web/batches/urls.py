from django.urls import path

from localgbf.web.batches import views

urlpatterns = [
    path("governments/<slug:code>/batches/", views.index, name="batches"),
    path("batches/<int:pk>/", views.detail, name="batch"),
    path("batches/<int:pk>/summary.<str:fmt>", views.summary, name="batch-summary"),
    path("batches/<int:pk>/results/<str:code>.json", views.result, name="batch-result"),
]
