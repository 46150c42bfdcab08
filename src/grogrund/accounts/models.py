"""Organisations, users, memberships and sharing.

Access to data is decided in `grogrund.accounts.access`, from the fields defined here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    HOUSING_COMPANY = "housing_company", _("Housing company")
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    STATE_AGENCY = "state_agency", _("State agency")
    COMPANY = "company", _("Company")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    TENANT_ASSOCIATION = "tenant_association", _("Tenant association")
    INVESTOR = "investor", _("Investor")
    SUPPLIER = "supplier", _("Supplier")
    NETWORK = "network", _("Network")


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, help_text=_("NNNNNN-NNNN")
    )
    # Members of the national network see what is shared "with the network".
    in_network = models.BooleanField(_("member of the national network"), default=False)
    is_fictional = models.BooleanField(_("fictional (demo data)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("sv", "Svenska"), ("en", "English")],
        default="sv",
    )
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="users", blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only my organisation")
    PARTNERS = "partners", _("My organisation and named partners")
    NETWORK = "network", _("The national network")
    PUBLIC = "public", _("Public")


class Owned(models.Model):
    """Something that belongs to one organisation and may be shared deliberately.

    `visibility` widens from private → named partners → network → public; `shared_with`
    names partner organisations and counts for every visibility above private.
    """

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    visibility = models.CharField(
        _("shared with"), max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    shared_with = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("partner organisations")
    )

    class Meta:
        abstract = True


class TokenAccess(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A key for the API. Only the SHA-256 of the secret is kept: the secret is shown once,
    when the token is made (grogrund.accounts.tokens), and cannot be read back from here."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret, so a user can tell their tokens apart.
    prefix = models.CharField(_("begins with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    access = models.CharField(
        _("access"), max_length=8, choices=TokenAccess.choices, default=TokenAccess.READ
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class HistoryIsPermanent(Exception):
    """History entries are kept for good: nothing deletes or rewrites them."""


class PermanentQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """For history tables: the ORM refuses to delete or update their rows."""

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryIsPermanent("history entries cannot be deleted")

    def update(self, **kwargs: object) -> int:
        raise HistoryIsPermanent("history entries cannot be changed")


class PermanentRecord(models.Model):
    """A history table's row: written once, then never changed or deleted, one at a time or
    in bulk (the admin offers neither)."""

    objects = PermanentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise HistoryIsPermanent("history entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsPermanent("history entries cannot be deleted")


class HistoryAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")


class HistoryChannel(models.TextChoices):
    """Through what a change came (grogrund.accounts.channel decides)."""

    WEB = "web", _("the site")
    API = "api", _("the API")
    ADMIN = "admin", _("the admin")
    IMPORT = "import", _("an import")
    CLI = "cli", _("the command line")


class HistoryEntry(PermanentRecord):
    """One change to something outside a programme (organisations, users, areas, challenges,
    datasets, observations): who, when, through what, before and after. Changes within a
    programme are kept in programmes.ChangeLog. Written by grogrund.accounts.history."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    object_type = models.CharField(_("kind"), max_length=60)
    object_id = models.CharField(_("object"), max_length=64)
    action = models.CharField(_("action"), max_length=16, choices=HistoryAction.choices)
    # "" for a change whose channel is not known (grogrund.accounts.channel).
    via = models.CharField(
        _("through"), max_length=8, choices=HistoryChannel.choices, blank=True, default=""
    )
    user = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="history_object")]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.action}"
