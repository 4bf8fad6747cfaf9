from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from localgbf.web.governments import audit
from localgbf.web.governments.models import AuditEntry, Government, Membership


def _role(membership: Membership) -> dict[str, Any]:
    return {
        "user": membership.user.get_username(),
        "government": membership.government.code if membership.government_id else None,
        "role": membership.role,
    }


def record_role_removal(request: HttpRequest, membership: Membership) -> None:
    audit.record(
        request.user,
        "role.revoke",
        membership,
        before=_role(membership),
        government=membership.government,
    )


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

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Roles granted, changed or removed in the inline are audited like any other change."""
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        befores = {
            f.instance.pk: _role(Membership.objects.get(pk=f.instance.pk))
            for f in formset.forms
            if f.instance.pk and f.has_changed()
        }
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                record_role_removal(request, Membership.objects.get(pk=deleted.instance.pk))
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record(
                request.user, "role.grant", obj, after=_role(obj), government=obj.government
            )
        for obj, _fields in formset.changed_objects:
            audit.record(
                request.user,
                "role.change",
                obj,
                before=befores.get(obj.pk),
                after=_role(obj),
                government=obj.government,
            )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "government", "created_at")
    list_filter = ("role",)
    raw_id_fields = ("user", "government")

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        before = _role(Membership.objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,
            "role.change" if change else "role.grant",
            obj,
            before=before,
            after=_role(obj),
            government=obj.government,
        )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        record_role_removal(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for obj in queryset.select_related("user", "government"):
            record_role_removal(request, obj)
        super().delete_queryset(request, queryset)


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
