from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from grogrund.accounts.models import ApiToken, HistoryEntry, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "in_network", "is_fictional"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(User)
class GrogrundUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Grogrund", {"fields": ["language"]}))
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their users on the account page; here they can be seen and revoked
    (set "revoked"), never read: only the hash is stored."""

    list_display = ["name", "user", "prefix", "access", "created_at", "expires_at", "last_used_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at", "last_used_ip"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    """History is read here, never written, changed or deleted."""

    list_display = ["at", "organisation", "object_type", "object_id", "action", "via", "user"]
    list_filter = ["via", "action", "object_type"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
