from django.urls import path

from localgbf.web.frameworks import views

urlpatterns = [
    path("", views.national_index, name="national-frameworks"),
    path("template.<str:fmt>", views.national_template, name="national-template"),
    path("<slug:code>/import/", views.national_import, name="national-import"),
    path("<slug:slug>/<str:version>/", views.national_detail, name="national-framework"),
]
