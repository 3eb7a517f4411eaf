"""Forms of the ward's dossier: one criterion's score with its evidence, a signed document, a score sheet.

File fields check their uploads with ``engines.uploads`` and clean to
``CheckedUpload`` objects; the forms never store anything.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from assessments.dossier import check_score_has_evidence
from assessments.forms.assessment import CycleDatedForm
from assessments.models import Criterion
from assessments.scoring import validate_points
from engines.forms import fields_only_helper
from engines.uploads import EVIDENCE_TYPES, KINDS, SCAN_TYPES, SPREADSHEET_TYPES, check_upload


def _accept(allowed) -> str:
    """The ``accept`` attribute: a hint for the browser's file picker (the server checks the content)."""
    return ",".join(sorted({ext for content_type in allowed for ext in KINDS[content_type][1]}))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class CheckedFileField(forms.FileField):
    """A file field whose upload must pass ``check_upload``; cleans to a ``CheckedUpload`` (or ``None``)."""

    def __init__(self, *, allowed, **kwargs):
        self.allowed = allowed
        kwargs.setdefault("allow_empty_file", True)  # ``check_upload`` refuses it, naming the file
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", _accept(allowed))

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        return check_upload(uploaded, self.allowed) if uploaded else None


class MultipleCheckedFileField(CheckedFileField):
    """Several files chosen at once (Django's "Uploading multiple files" recipe); cleans to a list.

    Every file is checked and every problem is reported, so one bad file does
    not hide another.
    """

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(super().clean(uploaded, initial))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return [upload for upload in checked if upload is not None]


class PointsField(forms.DecimalField):
    """A score typed as "7.5" or "7,5" (Vietnamese offices write a decimal comma)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class CriterionSelfAssessmentForm(forms.Form):
    points = PointsField(required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleCheckedFileField(
        label=_("Add evidence files"),
        required=False,
        allowed=EVIDENCE_TYPES,
        help_text=_("You may choose several files at once: PDF, JPEG, PNG, DOCX or XLSX."),
    )
    # The version of the score the page was loaded with (0: not scored yet); see ``save_criterion_self_assessment``.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, criterion: Criterion, evidence_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.evidence_count = evidence_count
        self.fields["points"].label = _("Self-score (0 to %(max)s)") % {"max": localize(criterion.max_points)}
        self.fields["points"].help_text = _("In steps of 0.5 points; leave empty if not scored yet.")
        self.helper = fields_only_helper()

    def clean_points(self) -> Decimal | None:
        points = self.cleaned_data["points"]
        if points is not None:
            validate_points(self.criterion, points)
            points = points.quantize(Decimal("0.1"))
        return points

    def clean(self):
        cleaned = super().clean()
        # When a chosen file was refused, its error says enough; the evidence rule waits for a valid file.
        if "points" in cleaned and "files" not in self.errors:
            try:
                count = self.evidence_count + len(cleaned.get("files") or [])
                check_score_has_evidence(self.criterion, cleaned["points"], count)
            except ValidationError as error:
                self.add_error("points", error)
        return cleaned

    def start_from_version(self, version: int) -> None:
        """After a refused save: what was typed stays, and saving again starts from the stored ``version``."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(version)


class DossierDocumentForm(CycleDatedForm, forms.Form):
    number = forms.CharField(
        label=_("Number"), max_length=40, required=False, help_text=_("e.g. 05/TTr-UBND")
    )
    issued_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
        ),
    )
    signer = forms.CharField(label=_("Signed by"), max_length=120, required=False)
    scan = CheckedFileField(
        label=_("Signed scan"),
        required=False,
        allowed=SCAN_TYPES,
        help_text=_("PDF, JPEG or PNG. Choosing a file replaces the scan already stored."),
    )


class ScoresImportForm(forms.Form):
    file = CheckedFileField(
        label=_("Score sheet (XLSX)"),
        allowed=SPREADSHEET_TYPES,
        help_text=_("The sheet downloaded from this page, with the self-scores and comments filled in."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class RequestedLevelForm(forms.Form):
    """The level the dossier asks for, among the framework's levels."""

    level = forms.TypedChoiceField(label=_("Level asked for"), coerce=int)

    def __init__(self, *args, levels: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = levels
        self.helper = fields_only_helper()
