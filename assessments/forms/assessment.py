"""Forms of the assessment pages: the self-inspection plan and the workflow actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.cycles import check_plausible_date
from assessments.models import Cycle, SelfInspectionPlan
from engines.forms import ReasonForm, fields_only_helper


class CycleDatedForm:
    """A form whose ``issued_on`` must fall in the plausible window around its cycle (mixed into the plan and document forms)."""

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.helper = fields_only_helper()

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        check_plausible_date(self.cycle, issued_on)
        return issued_on


class PlanForm(CycleDatedForm, forms.ModelForm):
    """The self-inspection plan; saved by ``assessments.plan.save_plan``, never by ``form.save()``.

    A draft may be saved without its number and date; sending the plan needs them
    (``assessments.plan.plan_missing_items``). A date must be plausible for the cycle.
    """

    class Meta:
        model = SelfInspectionPlan
        fields = ["number", "issued_on", "team_members", "schedule", "content"]
        widgets = {
            "issued_on": forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
            ),
            **{field: forms.Textarea(attrs={"rows": 4}) for field in ["team_members", "schedule", "content"]},
        }
        help_texts = {"number": _("e.g. 12/KH-UBND")}


class TransitionForm(ReasonForm):
    """Confirm a workflow action, with a reason when the action needs one (e.g. returning a dossier)."""


class SubmitDossierForm(forms.Form):
    """Send the dossier; when criteria have no evidence, the ward confirms they will score 0.

    ``shown_without_evidence`` carries the numbers of the criteria the page
    listed, so the confirmation covers only what the user saw:
    ``assessments.submission.send_dossier`` compares them with the dossier as it
    is when sent. Without such criteria there is nothing to confirm.
    """

    shown_without_evidence = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_zero = forms.BooleanField(
        label=_("I confirm: the criteria listed above have no evidence and will score 0."), required=False
    )

    def __init__(self, *args, without_evidence: list[int], confirm_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["shown_without_evidence"] = " ".join(map(str, without_evidence))
        if not without_evidence:
            del self.fields["confirm_zero"]
        elif confirm_label:  # the framework's words for what the ward confirms
            self.fields["confirm_zero"].label = confirm_label
        self.helper = fields_only_helper()

    def clean_shown_without_evidence(self) -> frozenset[int]:
        numbers = self.cleaned_data["shown_without_evidence"].split()
        if not all(number.isdigit() for number in numbers):
            raise forms.ValidationError(_("The page is out of date. Please reload it."), code="tampered")
        return frozenset(int(number) for number in numbers)

    def confirmed_without_evidence(self) -> frozenset[int]:
        """The criteria the user confirmed will score 0 (none unless the box was ticked)."""
        if self.cleaned_data.get("confirm_zero"):
            return self.cleaned_data["shown_without_evidence"]
        return frozenset()
