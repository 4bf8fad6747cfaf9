from django.contrib import admin

from localgbf.web.computations.models import Computation, ComputationInput, SavedClassMap


class InputInline(admin.TabularInline):
    model = ComputationInput
    extra = 0
    raw_id_fields = ("dataset",)


@admin.register(Computation)
class ComputationAdmin(admin.ModelAdmin):
    list_display = ("pk", "government", "class_map_preset", "species", "created_at", "finished_at")
    list_filter = ("species",)
    raw_id_fields = ("job", "class_map")
    readonly_fields = ("result", "created_by", "created_at", "finished_at")
    inlines = [InputInline]


@admin.register(SavedClassMap)
class SavedClassMapAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "base", "updated_at")
    readonly_fields = ("created_by", "created_at", "updated_at")
