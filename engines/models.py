"""The number register's tables (``engines.documents.numbering`` is the only code that writes them).

The tables kept their names from when the register lived in the assessments app
(``db_table``), so moving it lost no row and needed no copy.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSequence(models.Model):
    """The last number given out per issuing body, document type and year (sổ đăng ký văn bản đi).

    ``engines.documents.numbering.issue_number`` locks this row to hand out
    the next number; nothing ever lowers ``last_number``.
    """

    issuer_code = models.CharField(_("issuing body"), max_length=40)
    type_code = models.CharField(_("document type"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        db_table = "assessments_documentsequence"
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "type_code", "year"], name="unique_document_sequence"
            )
        ]

    def __str__(self):
        return f"{self.issuer_code} {self.type_code} {self.year}: {self.last_number}"


class IssuedNumber(models.Model):
    """One number of the register: given once, never deleted, never given again.

    A generated document (``document_key``) of an owner keeps the number it got
    the first time it was produced. The owner is any row of the portal, named by
    ``owner_key`` (``"assessments.assessment:12"``, see ``numbering.owner_key``)
    rather than by a foreign key, so the register knows no app above it; it is
    empty for a document that belongs to no single row (its ``document_key``
    then names it alone). A number outlives its owner: the register keeps it.
    """

    issuer_code = models.CharField(_("issuing body"), max_length=40)
    issuer_label = models.CharField(_("issuing body name"), max_length=200)
    body_code = models.CharField(_("body abbreviation"), max_length=20, default="UBND")
    type_code = models.CharField(_("document type"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    subject = models.CharField(_("summary"), max_length=500)
    issued_on = models.DateField(_("date"))
    issued_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    owner_key = models.CharField(_("owner"), max_length=100, blank=True, db_index=True)
    document_key = models.CharField(_("document"), max_length=40, blank=True)

    class Meta:
        db_table = "assessments_issuednumber"
        verbose_name = _("issued document number")
        verbose_name_plural = _("issued document numbers")
        ordering = ["issuer_code", "year", "type_code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "type_code", "year", "number"], name="unique_issued_number"
            ),
            models.UniqueConstraint(
                fields=["owner_key", "document_key"],
                condition=~models.Q(owner_key=""),
                name="unique_issued_document",
            ),
        ]

    def __str__(self):
        return f"Số {self.symbol} ngày {self.issued_on:%d/%m/%Y} – {self.issuer_label}: {self.subject}"

    @property
    def symbol(self) -> str:
        """``05/KH-UBND``: the number (two digits at least), the type, the issuing body."""
        return f"{self.number:02d}/{self.type_code}-{self.body_code}"

    def delete(self, *args, **kwargs):
        raise RuntimeError("An issued document number is never deleted (it must not be given again).")
