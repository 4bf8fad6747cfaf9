from django.contrib import admin

from localgbf.web.governments.models import AuditEntry, Government, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "kind", "parent", "population", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "government", "created_at")
    list_filter = ("role",)
    raw_id_fields = ("user", "government")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_repr", "government")
    list_filter = ("action", "object_type")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
