from functools import cached_property

import rules
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wards.history import FieldHistory
from wards.text import strip_diacritics, vietnamese_sort_key


class District(models.Model):
    """The local government that runs the programme and reviews the wards.

    Names of levels and of the reviewing authority are data: since 07/2025 the
    district level is gone in Vietnam and a province or ward may take its role.
    """

    name = models.CharField(_("name"), max_length=120)
    level_name = models.CharField(
        _("name of the level"), max_length=40, default="quận", help_text=_("e.g. quận, huyện")
    )
    ward_level_name = models.CharField(
        _("name of the ward level"), max_length=40, default="phường", help_text=_("e.g. phường, xã")
    )
    authority_name = models.CharField(
        _("reviewing authority"), max_length=200, help_text=_("e.g. Ủy ban nhân dân Quận 5")
    )
    parent_authority_name = models.CharField(
        _("parent authority"), max_length=200, blank=True, help_text=_("printed above the authority")
    )
    place_name = models.CharField(
        _("place name in dates"), max_length=80, help_text=_("e.g. Quận 5, as in “Quận 5, ngày …”")
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "District | None":
        """The portal serves one district; the first row is it."""
        return cls.objects.order_by("pk").first()


class Cluster(models.Model):
    """An emulation cluster (cụm thi đua) grouping wards for quarterly briefings."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="clusters")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["district", "number"], name="unique_cluster_number")]

    def __str__(self):
        return self.name


class WardQuerySet(models.QuerySet):
    def search(self, text: str) -> "WardQuerySet":
        """Name search that ignores Vietnamese diacritics and case ("phuong 1" finds "Phường 1")."""
        text = strip_diacritics(text.strip())
        return self.filter(search_name__contains=text) if text else self


class Ward(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="wards")
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="wards", verbose_name=_("emulation cluster")
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Use letters, digits, - or _ only."))],
    )
    name = models.CharField(_("name"), max_length=120)
    population = models.PositiveIntegerField(_("population"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    residential_groups = models.PositiveIntegerField(_("residential groups"), default=0)
    address = models.CharField(_("address of the People's Committee"), max_length=255, blank=True)
    chairman_name = models.CharField(_("chairman of the People's Committee"), max_length=120, blank=True)
    clc_director_name = models.CharField(_("director of the learning centre"), max_length=120, blank=True)
    closed_on = models.DateField(
        _("merged into another ward on"),
        null=True,
        blank=True,
        help_text=_("Set by a merger: from this day the ward's records are read-only."),
    )
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    objects = WardQuerySet.as_manager()

    field_history = FieldHistory()

    class Meta:
        verbose_name = pgettext_lazy("administrative unit", "ward")
        verbose_name_plural = pgettext_lazy("administrative unit", "wards")
        ordering = ["sort_key"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived columns for ordering and searching; they follow the name.
        self.sort_key = vietnamese_sort_key(self.name)
        self.search_name = strip_diacritics(self.name)
        if kwargs.get("update_fields") and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key", "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("wards:detail", args=[self.code])


class WardMerger(models.Model):
    """Several wards became one on a day (the reform of 07/2025 merged wards; a province may merge more).

    The new ward carries on: the learning centres and the users move to it, and
    its public history shows its predecessors' results under their own names.
    The old wards keep their records, read-only from ``effective_on``.
    """

    new_ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, related_name="formed_by", verbose_name=_("new ward")
    )
    predecessors = models.ManyToManyField(Ward, related_name="merged_into", verbose_name=_("merged wards"))
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    recorded_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ward merger")
        verbose_name_plural = _("ward mergers")
        ordering = ["-effective_on"]

    def __str__(self):
        return f"{self.new_ward} ({self.effective_on:%d/%m/%Y})"


class UnitKind(models.TextChoices):
    EDUCATION_OFFICE = "education_office", _("Education and training office")
    PROMOTION_ASSOCIATION = "promotion_association", _("Association for promoting education")
    CONTINUING_EDUCATION = "continuing_education", _("Continuing-education centre")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    OTHER = "other", _("Other")


class DistrictUnit(models.Model):
    """A district body that co-organises activities or sends inspectors."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="units")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=40, choices=UnitKind.choices)

    class Meta:
        verbose_name = _("district unit")
        verbose_name_plural = _("district units")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class SteeringMember(models.Model):
    """A member of a ward's steering committee for a learning society (BCĐ XHHT phường)."""

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="steering_members")
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200, help_text=_("e.g. Phó Chủ tịch UBND phường"))
    committee_role = models.CharField(
        _("role in the committee"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("steering committee member")
        verbose_name_plural = _("steering committee members")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name


class Role(models.TextChoices):
    WARD_OFFICER = "ward_officer", _("Ward officer")
    WARD_CHAIRMAN = "ward_chairman", _("Ward chairman")
    EDUCATION_STAFF = "education_staff", _("Education office staff")
    PROMOTION_STAFF = "promotion_staff", _("Association for promoting education staff")
    INSPECTOR = "inspector", _("Inspector")
    DISTRICT_APPROVER = "district_approver", _("District chairman / vice-chairman")
    STEERING_MEMBER = "steering_member", _("Steering committee member")
    CLC_DIRECTOR = "clc_director", _("Learning centre director")
    CLC_STAFF = "clc_staff", _("Learning centre staff")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


WARD_ROLES = frozenset({Role.WARD_OFFICER, Role.WARD_CHAIRMAN})
# The community learning centre's people work for one ward too; their roles need the ward set.
CENTER_ROLES = frozenset({Role.CLC_DIRECTOR, Role.CLC_STAFF})
WARD_SCOPED_ROLES = WARD_ROLES | CENTER_ROLES


class User(AbstractUser):
    """A person using the portal; what they may do comes from their roles."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
        help_text=_("Required for ward officers, ward chairmen and learning centre staff."),
    )
    unit = models.ForeignKey(
        DistrictUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district unit"),
    )

    # No password hashes in the history; a sign-in (``last_login`` alone) writes no row.
    field_history = FieldHistory(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per request (every permission check uses them)."""
        if not self.pk or not self.is_active:
            return frozenset()
        if hasattr(self, "_prefetched_objects_cache") and "role_grants" in self._prefetched_objects_cache:
            return frozenset(grant.role for grant in self.role_grants.all())
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def has_perm(self, perm, obj=None):
        """The portal's own permissions are decided by their rules predicates, for everybody.

        Django grants an active superuser every permission without asking; the
        portal's permissions hold state conditions ("only while the dossier is
        with the ward"), and nobody is above the workflow, so for them the
        predicate decides, superusers included. Django's model permissions (the
        admin's) keep the usual behaviour.
        """
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.roles]


class RoleGrant(models.Model):
    """One role held by one user; a user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class CalendarOverride(models.Model):
    """A government notice that changes the working-day calendar.

    The ``holidays`` package knows Vietnam's public holidays and yearly swaps up
    to its release; a notice issued later (an extra day off, a Saturday worked
    in exchange) is entered here by an administrator and wins over the package.
    """

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"), help_text=_("Ticked: an extra working day; not ticked: an extra day off.")
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} – {self.reason}"


class SignInOutcome(models.TextChoices):
    PASSWORD_ACCEPTED = "password_accepted", _("Password accepted")
    PASSWORD_REFUSED = "password_refused", _("Wrong user name or password")
    LOCKED_OUT = "locked_out", _("Locked out after too many failures")
    CODE_ACCEPTED = "code_accepted", _("Two-factor code accepted")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
    CODE_REFUSED = "code_refused", _("Two-factor code refused")


class SignInEvent(models.Model):
    """One attempt to sign in, kept for the administrator (``wards.sign_in_log``); the app never changes it.

    ``username`` is what was typed, so attempts on accounts that do not exist
    are recorded too; ``user`` is set when the account exists.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    username = models.CharField(_("user name"), max_length=150, db_index=True)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=SignInOutcome.choices)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_outcome_display()}"
