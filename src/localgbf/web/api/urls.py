from django.urls import path

from localgbf.web.api import views

urlpatterns = [
    path("api/docs/", views.docs, name="api-docs"),
    path("account/api-tokens/", views.tokens, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.revoke, name="api-token-revoke"),
]
