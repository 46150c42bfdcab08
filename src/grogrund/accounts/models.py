"""Organisations, users, memberships and sharing.

Access to data is decided in `grogrund.accounts.access`, from the fields defined here.
"""

from __future__ import annotations

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
