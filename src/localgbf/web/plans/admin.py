from django.contrib import admin

from localgbf.web.plans.models import (
    Action,
    AlignmentLink,
    BudgetLine,
    CapacityNeed,
    CapacityOffer,
    ExchangeRate,
    Goal,
    LocalTarget,
    Plan,
    PlanDocument,
    PlanVersion,
    ReportingCurrency,
    TechnologyTransfer,
)


class VersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ("number", "status", "title", "adopted_on")
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("government", "kind", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("government",)
    inlines = [VersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "number", "status", "adopted_on")
    list_filter = ("status",)
    raw_id_fields = ("plan", "national_framework", "based_on", "created_by")


@admin.register(PlanDocument)
class PlanDocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "version", "url", "language")
    raw_id_fields = ("version",)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "version")
    raw_id_fields = ("version",)


@admin.register(LocalTarget)
class LocalTargetAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "version", "local_only")
    list_filter = ("local_only",)
    raw_id_fields = ("goal",)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "version", "status", "local_only")
    list_filter = ("status", "local_only")
    raw_id_fields = ("target",)
    inlines = [BudgetLineInline]


@admin.register(AlignmentLink)
class AlignmentLinkAdmin(admin.ModelAdmin):
    list_display = ("__str__", "version", "degree")
    list_filter = ("degree",)
    raw_id_fields = ("version", "target", "action", "element")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("action", "year", "amount", "currency", "source", "status")
    list_filter = ("status", "source", "currency")
    raw_id_fields = ("action",)


@admin.register(ReportingCurrency)
class ReportingCurrencyAdmin(admin.ModelAdmin):
    list_display = ("country", "currency")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("country", "year", "currency", "rate", "source")
    list_filter = ("currency",)


@admin.register(CapacityNeed)
class CapacityNeedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "topic", "is_open")
    list_filter = ("topic", "is_open")


@admin.register(CapacityOffer)
class CapacityOfferAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "topic", "is_active")
    list_filter = ("topic", "is_active")


@admin.register(TechnologyTransfer)
class TechnologyTransferAdmin(admin.ModelAdmin):
    list_display = ("__str__", "government", "topic", "status")
    list_filter = ("topic", "status")
