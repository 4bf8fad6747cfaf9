from django.contrib import admin

from localgbf.web.participation.models import (
    CepaActivity,
    Organisation,
    OrganisationMember,
    OrganisationOffer,
    OrganisationStaff,
    SupportNote,
)


class MemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0


class StaffInline(admin.TabularInline):
    model = OrganisationStaff
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "country")
    list_filter = ("kind",)
    inlines = [MemberInline, StaffInline]


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ("organisation", "government", "joined")


@admin.register(OrganisationStaff)
class OrganisationStaffAdmin(admin.ModelAdmin):
    list_display = ("organisation", "user", "role")


@admin.register(CepaActivity)
class CepaActivityAdmin(admin.ModelAdmin):
    list_display = ("government", "kind", "start", "audience", "reach")
    list_filter = ("kind", "audience")
    filter_horizontal = ("actions", "kmgbf_targets")


@admin.register(SupportNote)
class SupportNoteAdmin(admin.ModelAdmin):
    list_display = ("organisation", "government", "language", "created_at", "answered_at")
    raw_id_fields = ("plan_version", "assessment", "commitment")


@admin.register(OrganisationOffer)
class OrganisationOfferAdmin(admin.ModelAdmin):
    list_display = ("organisation", "need", "is_active", "created_at")
    raw_id_fields = ("need",)
