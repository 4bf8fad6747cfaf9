from django.contrib import admin

from localgbf.web.datasets.models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "government", "filename", "size", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("title", "filename", "sha256")
    readonly_fields = ("sha256", "size", "uploaded_by", "uploaded_at")
