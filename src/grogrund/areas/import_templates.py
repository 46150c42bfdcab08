"""Import templates: a named, reusable mapping for an import (CSV/XLSX column mapping, SCB
mapping, Kolada options, survey definition), used from the web and the command line alike and
shared like other data (visibility + shared_with, decided in accounts.access).

Selectors read with access applied; services write, for editors of the owner only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from grogrund.accounts.access import editable, visible
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import ImportTemplate
from grogrund.areas.services import check_editor
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location

# ---------------------------------------------------------------------------------------
# Selectors


def templates_for(user: Any, kind: str | None = None) -> QuerySet[ImportTemplate]:
    """The templates `user` may see (and so use), optionally of one kind."""
    qs = visible(ImportTemplate.objects.all(), user).select_related("owner")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name", "owner__name")


def editable_templates_for(user: Any) -> QuerySet[ImportTemplate]:
    return editable(ImportTemplate.objects.all(), user)


def template_for_organisation(
    *, organisation: Organisation, name: str, kind: str
) -> ImportTemplate | None:
    """The template `name` that members of `organisation` may use (the command line, which
    acts for one organisation): its own first, then one shared with it, then a public one."""
    qs = ImportTemplate.objects.filter(name=name, kind=kind)
    own = qs.filter(owner=organisation).first()
    if own is not None:
        return own
    shared = Q(shared_with=organisation) & ~Q(visibility=Visibility.PRIVATE)
    if organisation.in_network:
        shared |= Q(visibility=Visibility.NETWORK)
    shared |= Q(visibility=Visibility.PUBLIC)
    return qs.filter(shared).order_by("owner__name").distinct().first()


def mapping_as_yaml(template: ImportTemplate) -> str:
    return yaml.safe_dump(template.mapping, allow_unicode=True, sort_keys=False)


# ---------------------------------------------------------------------------------------
# Services


def _check_editor(user: Any, owner: Organisation) -> None:
    check_editor(
        user,
        owner,
        gettext_noop(
            "You may not change import templates of %(organisation)s: you need the role "
            "editor or administrator in that organisation."
        ),
    )


def _save(template: ImportTemplate, shared_with: Iterable[Organisation] | None) -> ImportTemplate:
    try:
        with transaction.atomic():
            template.save()
            if shared_with is not None:
                template.shared_with.set(shared_with)
    except IntegrityError as exc:
        raise SourceError(
            gettext_noop(
                "%(organisation)s already has an import template named '%(name)s'. Choose "
                "another name."
            ),
            {"organisation": template.owner.name, "name": template.name},
            Location(file=""),
            code="duplicate_template",
        ) from exc
    return template


def create_template(
    *,
    user: Any,
    owner: Organisation,
    name: str,
    kind: str,
    mapping: dict[str, Any],
    description: str = "",
    visibility: str = Visibility.PRIVATE,
    shared_with: Iterable[Organisation] = (),
) -> ImportTemplate:
    """A new template of `owner`; only its editors may (`user` None: a trusted caller)."""
    _check_editor(user, owner)
    template = ImportTemplate(
        owner=owner,
        name=name.strip(),
        kind=kind,
        mapping=mapping,
        description=description,
        visibility=visibility,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    return _save(template, list(shared_with))


def update_template(
    *,
    user: Any,
    template: ImportTemplate,
    name: str | None = None,
    mapping: dict[str, Any] | None = None,
    description: str | None = None,
    visibility: str | None = None,
    shared_with: Iterable[Organisation] | None = None,
) -> ImportTemplate:
    _check_editor(user, template.owner)
    if name is not None:
        template.name = name.strip()
    if mapping is not None:
        template.mapping = mapping
    if description is not None:
        template.description = description
    if visibility is not None:
        template.visibility = visibility
    return _save(template, None if shared_with is None else list(shared_with))


def delete_template(*, user: Any, template: ImportTemplate) -> None:
    _check_editor(user, template.owner)
    template.delete()
