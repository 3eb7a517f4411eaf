"""The news item form: plain text only (the pages escape it and keep its line breaks)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engines.forms import fields_only_helper
from plans.models import NewsItem
from plans.news import NEWS_FIELDS
from wards.models import Ward


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = list(NEWS_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "published_on": forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
            ),
        }
        help_texts = {
            "kind": _("A good example tells of real people and real deeds (section II.1 of the plan)."),
            "body": _("Plain text; an empty line starts a new paragraph."),
            "ward": _("The ward the item is about, if any."),
            "published_on": _("The date shown on the public page."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.order_by("sort_key")
        self.helper = fields_only_helper()

    def news_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in NEWS_FIELDS}
