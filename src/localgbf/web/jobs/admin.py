from django.contrib import admin

from localgbf.web.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "progress", "government", "created_by", "created_at")
    list_filter = ("status", "kind")
    readonly_fields = ("started_at", "finished_at", "worker", "attempts")
