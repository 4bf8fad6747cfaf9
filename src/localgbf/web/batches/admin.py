from django.contrib import admin

from localgbf.web.batches.models import BatchItem, BatchRun


class BatchItemInline(admin.TabularInline):
    model = BatchItem
    extra = 0
    fields = ("code", "name", "government", "status", "records", "seconds", "error")
    readonly_fields = fields


@admin.register(BatchRun)
class BatchRunAdmin(admin.ModelAdmin):
    list_display = ("__str__", "country", "created_by", "created_at", "finished_at", "cluster")
    list_filter = ("country",)
    readonly_fields = ("job", "created_by", "created_at", "finished_at", "cluster", "seconds")
    inlines = [BatchItemInline]


@admin.register(BatchItem)
class BatchItemAdmin(admin.ModelAdmin):
    list_display = ("code", "batch", "status", "records", "seconds")
    list_filter = ("status",)
    search_fields = ("code", "name")
