"""Forms of the district's inspection: the plan with its team, and one criterion's team score.

The forms parse and check what was typed; ``assessments.inspection`` saves it
(``save_inspection_plan``, ``record_score``) and has the last word on the rules.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from assessments.forms.dossier import PointsField
from assessments.inspection import MemberAssignment
from assessments.models import Assessment, AssessmentState, Criterion, Cycle, InspectionPlan, PlanState
from engines.forms import fields_only_helper
from wards.models import Role, User

# Who may sit on an inspection team: inspectors and the staff of the two district bodies.
TEAM_ROLES = (Role.INSPECTOR, Role.EDUCATION_STAFF, Role.PROMOTION_STAFF)


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
    )


def plannable_assessments(cycle: Cycle | None, plan: InspectionPlan | None = None) -> QuerySet[Assessment]:
    """The cycle's received dossiers that no other live plan (draft, submitted, approved) covers yet."""
    if cycle is None:
        return Assessment.objects.none()
    taken = InspectionPlan.objects.exclude(state=PlanState.RETURNED)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    return (
        Assessment.objects.filter(cycle=cycle, state=AssessmentState.RECEIVED)
        .exclude(inspection_plans__in=taken)
        .select_related("ward")
        .order_by("ward__sort_key")
    )


def team_candidates() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, role_grants__role__in=TEAM_ROLES)
        .distinct()
        .select_related("unit")
        .order_by("full_name", "username")
    )


class CycleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cycle):
        return str(cycle.year)


class AssessmentChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, assessment):
        return assessment.ward.name


class InspectionPlanForm(forms.Form):
    """Title, dates, cycle and wards of a plan; the cycle is fixed once the plan exists."""

    title = forms.CharField(label=_("Title"), max_length=255)
    cycle = CycleChoiceField(
        label=_("Assessment cycle"), queryset=Cycle.objects.order_by("-year"), empty_label=None
    )
    start_date = _date_field(_("First inspection day"))
    end_date = _date_field(_("Last inspection day"))
    assessments = AssessmentChoiceField(
        label=_("Wards covered"),
        queryset=Assessment.objects.none(),
        help_text=_("Wards whose dossier has been received and that no other plan covers."),
    )

    def __init__(self, *args, plan: InspectionPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan is not None:
            self.fields["cycle"].disabled = True
            self.initial.setdefault("cycle", plan.cycle)
        elif "cycle" not in self.initial:
            self.initial["cycle"] = Cycle.objects.order_by("-year").first()
        self.cycle = self._chosen_cycle()
        self.fields["assessments"].queryset = plannable_assessments(self.cycle, plan)
        self.helper = fields_only_helper()

    def _chosen_cycle(self) -> Cycle | None:
        """The cycle whose wards and criteria the form offers: the typed one, else the initial one."""
        if self.plan is not None:
            return self.plan.cycle
        if self.is_bound:
            try:
                return self.fields["cycle"].clean(self.data.get(self.add_prefix("cycle")))
            except forms.ValidationError:
                return None
        initial = self.initial.get("cycle")
        return initial if isinstance(initial, Cycle) else Cycle.objects.filter(pk=initial).first()


class TeamMemberForm(forms.Form):
    """One row of the team: a person, whether they lead, and the criteria they check.

    A row without a person is left out (so a member is removed by clearing the
    row). The choices are built once per page and shared by every row.
    """

    member = forms.ModelChoiceField(label=_("Member"), queryset=User.objects.none(), required=False)
    is_lead = forms.BooleanField(label=_("Team lead"), required=False)
    criteria = forms.ModelMultipleChoiceField(
        label=_("Criteria checked"),
        queryset=Criterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, member_choices, criteria, criteria_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].choices = member_choices
        self.fields["member"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["criteria"].queryset = criteria
        self.fields["criteria"].choices = criteria_choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") is None and (cleaned.get("is_lead") or cleaned.get("criteria")):
            raise forms.ValidationError(_("Choose the member of this row or clear it."))
        return cleaned


class BaseTeamFormSet(forms.BaseFormSet):
    def __init__(self, *args, criteria_queryset: QuerySet[Criterion], extra: int | None = None, **kwargs):
        if extra is not None:
            self.extra = extra
        criteria = list(criteria_queryset)
        members = team_candidates()
        member_choices = [("", "---------")] + [
            (user.pk, f"{user} ({user.unit})" if user.unit else str(user)) for user in members
        ]
        self.all_criteria = criteria
        kwargs["form_kwargs"] = {
            "members": members,
            "member_choices": member_choices,
            "criteria": criteria_queryset,
            # "1. Sự lãnh đạo của …": the number alone means nothing to whoever drafts the plan.
            "criteria_choices": [(criterion.pk, str(criterion)) for criterion in criteria],
        }
        super().__init__(*args, **kwargs)

    def filled_forms(self) -> list[TeamMemberForm]:
        return [form for form in self.forms if form.cleaned_data.get("member") is not None]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.filled_forms():
            member = form.cleaned_data["member"]
            if member.pk in seen:
                raise forms.ValidationError(
                    _("%(member)s appears twice in the team.") % {"member": member}, code="duplicate"
                )
            seen.add(member.pk)
        if not seen:
            raise forms.ValidationError(_("Add at least one team member."), code="empty")
        covered = {
            criterion.pk for form in self.filled_forms() for criterion in form.cleaned_data["criteria"]
        }
        missing = [str(criterion.number) for criterion in self.all_criteria if criterion.pk not in covered]
        if missing:
            raise forms.ValidationError(
                _("Every criterion needs a team member to check it; not assigned: %(numbers)s.")
                % {"numbers": ", ".join(missing)},
                code="unassigned",
            )

    def assignments(self) -> list[MemberAssignment]:
        return [
            MemberAssignment(
                user=form.cleaned_data["member"],
                criteria=list(form.cleaned_data["criteria"]),
                is_lead=form.cleaned_data["is_lead"],
            )
            for form in self.filled_forms()
        ]


TeamFormSet = forms.formset_factory(TeamMemberForm, formset=BaseTeamFormSet, extra=2, max_num=30)


def team_initial(plan: InspectionPlan) -> list[dict]:
    """The saved team as formset rows (members and criteria prefetched by the caller)."""
    return [
        {
            "member": member.user_id,
            "is_lead": member.is_lead,
            "criteria": [c.pk for c in member.criteria.all()],
        }
        for member in plan.members.all()
    ]


class ReturnPlanForm(forms.Form):
    """The approver's reason; ``return_inspection_plan`` refuses an empty one, so the rule lives there."""

    reason = forms.CharField(
        label=_("Reason for return"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class InspectionScoreForm(forms.Form):
    """One criterion's team score; ``version`` is the version the inspector loaded (0: not scored yet)."""

    points = PointsField(label=_("Points"))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_sufficient = forms.BooleanField(label=_("The evidence is sufficient"), required=False)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, criterion: Criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"].label = _("Points (0 to %(max)s)") % {"max": localize(criterion.max_points)}
        self.fields["points"].help_text = _(
            "In steps of 0.5 points; a criterion without fitting evidence scores 0."
        )
        self.helper = fields_only_helper()
