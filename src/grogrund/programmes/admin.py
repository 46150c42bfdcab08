from django.contrib import admin

from grogrund.programmes.models import ChangeLog, Goal, Measurement, Programme, StepStatus


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "visibility", "start_year", "horizon_years"]
    raw_id_fields = ["areas"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["programme", "area", "indicator", "target_count", "deadline_year"]
    raw_id_fields = ["area", "reference_area"]


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    """History is written by services only: read it here, never change it."""

    list_display = ["at", "programme", "object_type", "object_id", "action", "user"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # nor deleted (ChangeLog refuses it too)


admin.site.register(StepStatus)
admin.site.register(Measurement)
