from django.contrib import admin

from grogrund.areas.models import Area, Challenge, Dataset, Indicator, PoliceClassification


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent", "members"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "kind", "direction", "unit"]


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "visibility", "retrieved_at"]


admin.site.register(PoliceClassification)
admin.site.register(Challenge)
