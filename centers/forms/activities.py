"""Forms of the activity pages: an activity, a learner, a session, a class-list file.

They parse and check what was typed; saving is ``centers.activities``'s (whose
``ValidationError`` the view puts back on these forms, keyed by the same field
names), never ``form.save()``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from centers.models import Activity, ActivityKind, Attendance, Gender, Learner, Session
from engines.forms import fields_only_helper
from engines.uploads import TABLE_TYPES, check_upload
from wards.text import vietnamese_sort_key

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
)


def _label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


def _count_field(label, *, required: bool = False) -> forms.IntegerField:
    # A text box, not <input type="number">: a browser empties a number box holding a mistyped value.
    return forms.IntegerField(
        label=label, required=required, min_value=0, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )


class KindChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, kind):
        if kind.counts_only:
            return _("%(kind)s (attendance as counts)") % {"kind": kind.name}
        return kind.name


class ActivityForm(forms.Form):
    """A class, course or talk. Left blank, "attendance recorded as" follows the kind."""

    kind = KindChoiceField(label=_label(Activity, "kind"), queryset=ActivityKind.objects.none())
    title = forms.CharField(label=_label(Activity, "title"), max_length=255)
    instructor = forms.CharField(label=_label(Activity, "instructor"), max_length=200, required=False)
    partner = forms.ModelChoiceField(label=_label(Activity, "partner"), queryset=None, required=False)
    starts_on = forms.DateField(label=_label(Activity, "starts_on"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_label(Activity, "ends_on"), widget=DATE_WIDGET)
    place = forms.CharField(label=_label(Activity, "place"), max_length=200, required=False)
    attendance = forms.ChoiceField(
        label=_label(Activity, "attendance"),
        choices=[("", _("As the kind suggests"))] + list(Attendance.choices),
        required=False,
        help_text=_("Talks to large audiences record counts; classes keep a list of learners."),
    )
    note = forms.CharField(
        label=_label(Activity, "note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, center, activity: Activity | None = None, **kwargs):
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": activity.kind_id,
                "title": activity.title,
                "instructor": activity.instructor,
                "partner": activity.partner_id,
                "starts_on": activity.starts_on,
                "ends_on": activity.ends_on,
                "place": activity.place,
                "attendance": activity.attendance,
                "note": activity.note,
            }
        super().__init__(*args, **kwargs)
        kinds = ActivityKind.objects.filter(active=True)
        if activity is not None:  # a kind taken out of use stays possible for the activities that have it
            kinds = ActivityKind.objects.filter(pk=activity.kind_id) | kinds
        self.fields["kind"].queryset = kinds.order_by("order", "name")
        self.fields["partner"].queryset = center.partners.all()
        if activity is not None:
            self.fields["attendance"].choices = list(Attendance.choices)
            self.fields["attendance"].required = True
        self.helper = fields_only_helper()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned


class LearnerForm(forms.Form):
    full_name = forms.CharField(label=_label(Learner, "full_name"), max_length=120)
    birth_year = forms.IntegerField(
        label=_label(Learner, "birth_year"), widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    gender = forms.ChoiceField(
        label=_label(Learner, "gender"), choices=Gender.choices, widget=forms.RadioSelect
    )
    ethnic_minority = forms.BooleanField(label=_label(Learner, "ethnic_minority"), required=False)
    residential_group = forms.CharField(
        label=_label(Learner, "residential_group"),
        max_length=60,
        required=False,
        help_text=_("e.g. Tổ 12"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


class AttendeesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, learner):
        return f"{learner.full_name} ({learner.birth_year})"


class SessionForm(forms.Form):
    """A session: its date and topic, and who came — ticked names (a class) or counts (a talk)."""

    date = forms.DateField(label=_label(Session, "date"), widget=DATE_WIDGET)
    topic = forms.CharField(label=_label(Session, "topic"), max_length=255, required=False)

    def __init__(self, *args, activity: Activity, session: Session | None = None, **kwargs):
        self.activity = activity
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "date": session.date,
                "topic": session.topic,
                "attendees": [learner.pk for learner in session.attendees.all()],
                "total": session.total,
                "women": session.women,
                "ethnic_minority": session.ethnic_minority,
            }
        super().__init__(*args, **kwargs)
        if activity.attendance == Attendance.LIST:
            self.fields["attendees"] = AttendeesField(
                label=_("Learners who came"),
                queryset=activity.learners.all(),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Tick at least one learner who came.")},
            )
            field = self.fields["attendees"]
            # In Vietnamese alphabetical order (the database sorts "Đ" after "Z").
            learners = sorted(field.queryset, key=lambda learner: vietnamese_sort_key(learner.full_name))
            field.choices = [(learner.pk, field.label_from_instance(learner)) for learner in learners]
        else:
            self.fields["total"] = _count_field(_("Attendance (people)"), required=True)
            self.fields["women"] = _count_field(_label(Session, "women"))
            self.fields["ethnic_minority"] = _count_field(_label(Session, "ethnic_minority"))
        self.helper = fields_only_helper()

    def attendance(self) -> dict:
        """The keyword arguments of ``record_session`` / ``update_session`` for who came."""
        if self.activity.attendance == Attendance.LIST:
            return {"attendees": list(self.cleaned_data["attendees"])}
        return {name: self.cleaned_data.get(name) for name in ("total", "women", "ethnic_minority")}


class ClassListForm(forms.Form):
    file = forms.FileField(
        label=_("Class list (XLSX or CSV)"),
        help_text=_("Use the template: one learner per row under the header row."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            check_upload(uploaded, allowed=TABLE_TYPES)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return uploaded
