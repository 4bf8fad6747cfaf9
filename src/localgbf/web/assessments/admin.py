from django.contrib import admin

from localgbf.web.assessments.models import (
    Assessment,
    BandTableVersion,
    ComputationRecord,
    ScoreCardFile,
)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("government", "edition", "reference_year", "status", "version", "updated_at")
    list_filter = ("status", "edition")
    search_fields = ("government__code",)
    raw_id_fields = ("government", "created_by", "completed_by")
    readonly_fields = ("version", "created_at", "updated_at", "completed_at")


@admin.register(BandTableVersion)
class BandTableVersionAdmin(admin.ModelAdmin):
    list_display = ("edition", "version", "filename", "imported_by", "imported_at")
    list_filter = ("edition",)
    readonly_fields = ("sha256", "size", "imported_by", "imported_at")


@admin.register(ComputationRecord)
class ComputationRecordAdmin(admin.ModelAdmin):
    list_display = ("government", "indicator", "source", "status", "created_at")
    list_filter = ("status", "source")
    raw_id_fields = ("government", "job", "assessment", "decided_by")


@admin.register(ScoreCardFile)
class ScoreCardFileAdmin(admin.ModelAdmin):
    list_display = ("assessment", "format", "digest", "size", "created_at")
    raw_id_fields = ("assessment",)
