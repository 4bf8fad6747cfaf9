"""The API's own addresses, outside the language prefix: `/api/v1/...`, `/api/openapi.json`."""

from django.urls import path

from localgbf.web.api.api import api

urlpatterns = [path("", api.urls)]
