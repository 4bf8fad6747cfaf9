from django.contrib import admin

from localgbf.web.frameworks.models import Framework, FrameworkElement


class ElementInline(admin.TabularInline):
    model = FrameworkElement
    extra = 0
    fields = ("kind", "code", "title", "parent", "order")
    raw_id_fields = ("parent",)


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("slug", "version", "kind", "country", "is_current", "packaged")
    list_filter = ("kind", "is_current")
    inlines = [ElementInline]


@admin.register(FrameworkElement)
class FrameworkElementAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "framework")
    list_filter = ("framework", "kind")
    search_fields = ("code",)
