from django.contrib import admin

from localgbf.web.species.models import Fetch, SpeciesImport, SpeciesSummary


@admin.register(SpeciesImport)
class SpeciesImportAdmin(admin.ModelAdmin):
    list_display = ("pk", "government", "dataset", "kind", "store_entry", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("dataset", "job")
    readonly_fields = ("result", "created_by", "created_at", "finished_at")


@admin.register(Fetch)
class FetchAdmin(admin.ModelAdmin):
    list_display = ("pk", "government", "service", "method", "store_entry", "doi", "created_at")
    list_filter = ("service", "method")
    raw_id_fields = ("boundary", "job")
    readonly_fields = ("result", "created_by", "created_at", "finished_at")


@admin.register(SpeciesSummary)
class SpeciesSummaryAdmin(admin.ModelAdmin):
    list_display = ("government", "computed_at")
    readonly_fields = ("data", "computed_at")
