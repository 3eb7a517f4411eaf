"""Published results for everyone, no login (see ``assessments.public`` for what is shown)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from assessments.public import published_years, results_of_ward, results_of_year
from wards.models import Ward


@login_not_required
def results_index(request):
    years = published_years()
    if not years:
        return render(request, "assessments/public/results_year.html", {"years": [], "results": []})
    return redirect("assessments:public_year", year=years[0])


@login_not_required
def results_year(request, year: int):
    years = published_years()
    if year not in years:
        raise Http404
    criteria, results = results_of_year(year)
    return render(
        request,
        "assessments/public/results_year.html",
        {"year": year, "years": years, "criteria": criteria, "results": results},
    )


@login_not_required
def results_ward(request, code: str):
    ward = get_object_or_404(Ward, code=code)
    rows = results_of_ward(code)
    if not rows:
        raise Http404
    return render(request, "assessments/public/results_ward.html", {"ward": ward, "rows": rows})
