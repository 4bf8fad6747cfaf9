from django.contrib import admin

from localgbf.web.portal.models import MapLayer, PublicProfile


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    list_display = ("government", "data_licence", "seat_latitude", "seat_longitude", "updated_at")
    raw_id_fields = ("government",)
    readonly_fields = ("updated_by", "updated_at")


@admin.register(MapLayer)
class MapLayerAdmin(admin.ModelAdmin):
    list_display = ("government", "kind", "features", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("government", "dataset")
    readonly_fields = ("geometry", "warnings")
