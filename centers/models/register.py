from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centers.models.activity import Gender
from centers.models.people import SearchableName
from wards.history import FieldHistory
from wards.models import Ward


class LiteracyLevel(models.TextChoices):
    NONE = "none", _("Not literate")
    LEVEL_1 = "level_1", _("Literacy level 1")
    LEVEL_2 = "level_2", _("Literacy level 2")


LEVEL_RANK = {LiteracyLevel.NONE: 0, LiteracyLevel.LEVEL_1: 1, LiteracyLevel.LEVEL_2: 2}


class RegisterSource(models.TextChoices):
    PCGD_XMC = "pcgd_xmc", _("Export of the national PCGD-XMC information system")
    WARD_SPREADSHEET = "ward_spreadsheet", _("The ward's own spreadsheet")


class RegisterImport(models.Model):
    """One refresh of a ward's literacy register from a file.

    The national PCGD-XMC system is the master copy; the portal keeps what a
    file said on the day it was exported, so pages say how fresh the register is.
    """

    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="register_imports")
    source = models.CharField(_("source"), max_length=30, choices=RegisterSource.choices)
    as_of = models.DateField(
        _("data as of"), help_text=_("The day the file was exported or the data surveyed")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.ward} – {self.as_of:%d/%m/%Y}"


class RegisterPerson(SearchableName):
    """One line of the literacy register (sổ theo dõi xóa mù chữ): personal data.

    ``person_code`` is the identifier of the source system when it gives one;
    re-imports match on it (or on name, year of birth and residential group)
    so a person's level changes are kept as ``LiteracyChange`` rows.
    """

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="register_people",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
    )
    person_code = models.CharField(_("code in the source system"), max_length=40, blank=True)
    full_name = models.CharField(_("full name"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    residential_group = models.CharField(_("residential group"), max_length=60, blank=True)
    level = models.CharField(_("literacy level"), max_length=10, choices=LiteracyLevel.choices)
    current_class = models.CharField(_("class attended"), max_length=200, blank=True)
    in_register = models.BooleanField(
        _("in the latest import"),
        default=True,
        help_text=_("Cleared when a later import no longer lists the person"),
    )
    last_import = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="+")

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("person in the register")
        verbose_name_plural = _("people in the register")
        ordering = ["search_name", "birth_year", "pk"]
        indexes = [models.Index(fields=["ward", "in_register", "birth_year"])]

    def __str__(self):
        return self.full_name


class LiteracyChange(models.Model):
    """A person's literacy level as an import found it changed (or first recorded it)."""

    person = models.ForeignKey(RegisterPerson, on_delete=models.CASCADE, related_name="changes")
    register_import = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="changes")
    from_level = models.CharField(_("from"), max_length=10, choices=LiteracyLevel.choices, blank=True)
    to_level = models.CharField(_("to"), max_length=10, choices=LiteracyLevel.choices)

    class Meta:
        verbose_name = _("literacy change")
        verbose_name_plural = _("literacy changes")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.person}: {self.from_level or '–'} → {self.to_level}"


class LiteracyStandard(models.Model):
    """A literacy standard a ward meets (Decree 20/2014): thresholds as data, from a year on.

    A ward meets it when at least ``threshold_percent`` of the register's
    people aged ``min_age``–``max_age`` in the year reach ``level``.
    """

    level = models.CharField(_("literacy level"), max_length=10, choices=LiteracyLevel.choices)
    name = models.CharField(_("name"), max_length=120)
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"))
    threshold_percent = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    valid_from = models.PositiveSmallIntegerField(_("from year"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("literacy standard")
        verbose_name_plural = _("literacy standards")
        ordering = ["level", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["level", "valid_from"], name="unique_literacy_standard")
        ]

    def __str__(self):
        return self.name
