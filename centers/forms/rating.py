"""Forms of the rating pages: the scores of a rating's areas, and the year a rubric's copy starts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centers.rating import plain_points
from engines.forms import fields_only_helper


class DecimalCommaField(forms.DecimalField):
    """A number typed as "18.5" or "18,5" (Vietnamese offices write a decimal comma)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class RatingScoresForm(forms.Form):
    """The points and comment of every area of the rating's rubric, and the remarks on the whole.

    Only parses: the range and the half points are checked by
    ``centers.rating.record_rating_scores``, whose errors the view puts on the fields.
    """

    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rating, areas, **kwargs):
        scores = {score.area_id: score for score in rating.scores.all()}
        initial = {"remarks": rating.remarks}
        for area in areas:
            if score := scores.get(area.pk):
                initial[f"points_{area.pk}"] = plain_points(score.points)
                initial[f"comment_{area.pk}"] = score.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            maximum = plain_points(area.max_points)
            self.fields[f"points_{area.pk}"] = DecimalCommaField(
                label=_("Points (0 to %(max)s)") % {"max": maximum}, required=False
            )
            self.fields[f"comment_{area.pk}"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.order_fields([*(name for name in self.fields if name != "remarks"), "remarks"])
        self.helper = fields_only_helper()

    def area_rows(self):
        """(area, points field, comment field) for each area, for the template."""
        return [(area, self[f"points_{area.pk}"], self[f"comment_{area.pk}"]) for area in self.areas]

    def scores(self) -> dict:
        """{area id: (points, comment)} for ``record_rating_scores``."""
        return {
            area.pk: (
                self.cleaned_data.get(f"points_{area.pk}"),
                self.cleaned_data.get(f"comment_{area.pk}", ""),
            )
            for area in self.areas
        }

    def add_area_errors(self, errors: dict) -> None:
        """Put the errors of ``record_rating_scores`` (keyed by area id, None for the whole) on the fields."""
        for area_id, messages in errors.items():
            for message in messages:
                self.add_error(None if area_id is None else f"points_{area_id}", message)


class RubricCopyForm(forms.Form):
    valid_from = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
