"""The ward's literacy register (personal data): list, person, export, template, import.

Every page here shows names, so each one requires ``centers.view_personal_data``
on the centre (the ward's officers and chairman, the CLC's staff, the
district's education office); importing requires ``centers.manage_register``.
Everyone else sees the aggregates on the centre's page (``centers.views.panels``).
"""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import ExpressionWrapper, F, IntegerField, Prefetch, Value
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.forms.register import RegisterImportForm
from centers.literacy import last_import
from centers.models import LiteracyChange, RegisterPerson
from centers.queries import center_or_404
from centers.register_files import export_register, register_template
from centers.register_filters import RegisterFilter
from centers.register_import import import_register
from engines.uploads import XLSX
from wards.permissions import require_perm

PER_PAGE = 50


def _register_of(request, pk: int):
    """The centre and the filtered people of its ward's register, for a user allowed to see names."""
    center = center_or_404(pk)
    require_perm(request, "centers.view_personal_data", center)
    year = timezone.localdate().year
    people_filter = RegisterFilter(request.GET, RegisterPerson.objects.filter(ward=center.ward), year=year)
    # A value outside the choices (an old link, a typed URL) shows nobody rather than everybody.
    people = people_filter.qs if people_filter.is_valid() else people_filter.queryset.none()
    people = people.annotate(
        age=ExpressionWrapper(Value(year) - F("birth_year"), output_field=IntegerField())
    )
    return center, people_filter, people, year


def register_page(request, pk: int):
    center, people_filter, people, year = _register_of(request, pk)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "centers/register.html",
        {
            "center": center,
            "form": people_filter.form,
            "page": page,
            "year": year,
            "last_import": last_import(center.ward),
            "can_import": request.user.has_perm("centers.manage_register", center),
        },
    )


def person_detail(request, pk: int, person_pk: int):
    """One person of the register and the levels the imports found, oldest first."""
    center = center_or_404(pk)
    require_perm(request, "centers.view_personal_data", center)
    person = get_object_or_404(
        RegisterPerson.objects.select_related("last_import__imported_by").prefetch_related(
            Prefetch(
                "changes", queryset=LiteracyChange.objects.select_related("register_import__imported_by")
            )
        ),
        pk=person_pk,
        ward=center.ward,
    )
    year = timezone.localdate().year
    return render(
        request,
        "centers/register_person.html",
        {"center": center, "person": person, "year": year, "age": year - person.birth_year},
    )


def _xlsx_response(content: bytes, filename: str) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def register_export(request, pk: int):
    """The register exactly as filtered on the page, every page at once."""
    center, _filter, people, year = _register_of(request, pk)
    return _xlsx_response(
        export_register(people.iterator(chunk_size=2000), year),
        f"so-theo-doi-xmc-{center.ward.code}-{timezone.localdate():%Y%m%d}.xlsx",
    )


def register_template_download(request, pk: int):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_register", center)
    return _xlsx_response(register_template(), "mau-so-theo-doi-xmc.xlsx")


def register_import(request, pk: int):
    """Refresh the register from a file: every row checked first, then all saved or nothing."""
    center = center_or_404(pk)
    require_perm(request, "centers.manage_register", center)
    data = request.POST if request.method == "POST" else None
    form = RegisterImportForm(data, request.FILES if data is not None else None)
    if data is not None and form.is_valid():
        try:
            record = import_register(
                center.ward,
                request.user,
                form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                as_of=form.cleaned_data["as_of"],
            )
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "file", error)
        else:
            summary = record.summary
            messages.success(
                request,
                _(
                    "The register has been refreshed: %(rows)s people in the file, %(added)s new, "
                    "%(changed)s changes of level, %(left)s no longer listed."
                )
                % {
                    "rows": summary.rows,
                    "added": summary.added,
                    "changed": summary.changed,
                    "left": summary.left,
                },
            )
            return redirect("centers:register", pk=center.pk)
    return render(
        request,
        "centers/register_import.html",
        {"center": center, "form": form, "last_import": last_import(center.ward)},
    )
