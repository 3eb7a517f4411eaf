"""The administrator's form for user accounts and their roles."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wards.models import WARD_SCOPED_ROLES, Role, User


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "position", "phone", "ward", "unit", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("roles", sorted(self.instance.roles))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(*(Div(Field(name), css_class="col-md-6") for name in self.fields), css_class="row")
        )

    def clean(self):
        cleaned_data = super().clean()
        roles = set(cleaned_data.get("roles") or ())
        if roles & WARD_SCOPED_ROLES and not cleaned_data.get("ward") and "ward" not in self.errors:
            self.add_error(
                "ward", _("Ward officers, ward chairmen and learning centre staff must belong to a ward.")
            )
        return cleaned_data


class UserCreateForm(UserForm):
    """A new account, with the initial password the administrator hands over."""

    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )

    def _post_clean(self):
        # The instance holds the typed username and names by now, so the
        # similarity validator can compare the password with them.
        super()._post_clean()
        password = self.cleaned_data.get("password")
        if password:
            try:
                validate_password(password, self.instance)
            except ValidationError as error:
                self.add_error("password", error)
