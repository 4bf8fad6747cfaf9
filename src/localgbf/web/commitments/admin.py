from django.contrib import admin

from localgbf.web.commitments.models import (
    Commitment,
    CommitmentDocument,
    CommitmentVersion,
    Evidence,
    Kpi,
    OfficialContact,
    ProgressReport,
    ProgressValue,
    ReviewSettings,
)

REVIEW_FIELDS = (
    "state",
    "submitted_at",
    "submitted_by",
    "review_deadline",
    "decided_at",
    "decided_by",
    "accepted_how",
    "review_comment",
)


class KpiInline(admin.TabularInline):
    model = Kpi
    extra = 0
    raw_id_fields = ("source_target",)


class DocumentInline(admin.TabularInline):
    model = CommitmentDocument
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "number", "created_at")
    search_fields = ("government__code",)
    raw_id_fields = ("government", "plan_targets", "plan_actions", "created_by")


@admin.register(CommitmentVersion)
class CommitmentVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "state", "submitted_at", "review_deadline", "accepted_how")
    list_filter = ("state", "accepted_how")
    raw_id_fields = (
        "commitment",
        "primary_global",
        "primary_national",
        "other_global",
        "other_national",
        "indicators",
        "created_by",
        "submitted_by",
        "decided_by",
    )
    # Review decisions go through the review queue, where they are checked and audited.
    readonly_fields = REVIEW_FIELDS
    inlines = [KpiInline, DocumentInline]


class ValueInline(admin.TabularInline):
    model = ProgressValue
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ("filename", "sha256", "size", "uploaded_by")


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "state", "level", "submitted_at", "review_deadline")
    list_filter = ("state", "level")
    raw_id_fields = (
        "commitment",
        "version",
        "based_on",
        "created_by",
        "submitted_by",
        "decided_by",
    )
    readonly_fields = REVIEW_FIELDS
    inlines = [ValueInline, EvidenceInline]


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("__str__", "version", "unit", "target_value", "deadline")
    raw_id_fields = ("version", "source_target")


@admin.register(CommitmentDocument)
class CommitmentDocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "version", "url")
    raw_id_fields = ("version",)


@admin.register(ProgressValue)
class ProgressValueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "report")
    raw_id_fields = ("report", "kpi")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "report", "size", "uploaded_at")
    raw_id_fields = ("report", "uploaded_by")
    readonly_fields = ("filename", "sha256", "size")


@admin.register(OfficialContact)
class OfficialContactAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "updated_at")
    raw_id_fields = ("government", "updated_by")


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(admin.ModelAdmin):
    list_display = ("country", "auto_accept", "changed_at")
    raw_id_fields = ("country", "changed_by")
