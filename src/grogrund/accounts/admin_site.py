"""The admin: for superusers only, and every edit in it kept in the history like any other.

`GrogrundAdminSite` is Django's default admin site here (accounts.apps.GrogrundAdminConfig),
so every app's `@admin.register` gets the history mixin without writing it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import BaseModelFormSet
from django.http import HttpRequest

from grogrund.accounts.history import record_any, snapshot
from grogrund.accounts.models import HistoryAction, HistoryChannel

_BEFORE = "_grogrund_admin_before"


def _stored(obj: Model) -> Model | None:
    """The object as the database still has it (the form has changed the one in hand)."""
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def _record(request: HttpRequest, obj: Model, action: str, before: Any, after: Any) -> None:
    if action == HistoryAction.UPDATE and before == after:
        return  # saved without a change
    record_any(
        user=request.user,
        obj=obj,
        action=action,
        before=before,
        after=after,
        via=HistoryChannel.ADMIN,
    )


class HistoryAdminMixin:
    """Keeps each addition, change and deletion made in the admin, inline rows included."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if change and obj.pk is not None:
            stored = _stored(obj)
            befores = request.__dict__.setdefault(_BEFORE, {})
            befores[(type(obj), obj.pk)] = snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _record(request, obj, HistoryAction.CREATE, None, snapshot(obj))
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        before = request.__dict__.get(_BEFORE, {}).get((type(obj), obj.pk))
        _record(request, obj, HistoryAction.UPDATE, before, snapshot(obj))
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        _record(request, obj, HistoryAction.DELETE, snapshot(obj), None)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            _record(request, obj, HistoryAction.DELETE, snapshot(obj), None)
        super().delete_queryset(request, queryset)  # type: ignore[misc]

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet, change: bool
    ) -> None:
        befores: dict[Any, Any] = {}
        for inline in formset.initial_forms:
            obj = inline.instance
            stored = _stored(obj) if obj.pk is not None else None
            if stored is not None:
                befores[obj.pk] = snapshot(stored)
        # Deleting clears an object's primary key: note which ones go before they do.
        deleted = [(f.instance, befores.get(f.instance.pk)) for f in formset.deleted_forms]
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            _record(request, obj, HistoryAction.CREATE, None, snapshot(obj))
        for obj, _fields in formset.changed_objects:
            _record(request, obj, HistoryAction.UPDATE, befores.get(obj.pk), snapshot(obj))
        for obj, before in deleted:
            if before is not None:
                obj.pk = before["id"]  # for the entry's object id
                _record(request, obj, HistoryAction.DELETE, before, None)


class GrogrundAdminSite(admin.AdminSite):
    """Only active superusers: a staff flag alone opens nothing. Every registered ModelAdmin
    keeps its edits in the history."""

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, HistoryAdminMixin):
            base = type(base.__name__, (HistoryAdminMixin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, base, **options)
