from django.contrib import admin

from localgbf.web.participation.models import (
    CepaActivity,
    Organisation,
    OrganisationMember,
    OrganisationStaff,
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
