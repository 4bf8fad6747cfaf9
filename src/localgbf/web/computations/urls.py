from django.urls import path

from localgbf.web.computations import views

urlpatterns = [
    path("governments/<slug:code>/computations/", views.index, name="computations"),
    path("governments/<slug:code>/computations/new/", views.new, name="computation-new"),
    path("computations/<int:pk>/", views.detail, name="computation"),
    path("governments/<slug:code>/class-maps/new/", views.class_map, name="class-map-new"),
    path("governments/<slug:code>/class-maps/<int:pk>/", views.class_map, name="class-map"),
]
