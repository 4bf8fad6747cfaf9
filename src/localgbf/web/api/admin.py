from django.contrib import admin

from localgbf.web.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    raw_id_fields = ("user",)
    readonly_fields = ("digest", "hint", "created_at", "last_used_at")
