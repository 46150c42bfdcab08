from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from grogrund.accounts.models import Membership, Organisation, User


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
