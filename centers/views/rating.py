"""The year-end rating pages: the district's list of a year, a centre's rating, its steps and undo.

The list is for the district side (``centers.view_comparison``). A rating is
seen by the district side in any state and by its ward's officers, chairman and
centre staff once approved (``centers.view_rating``; anyone else: 404).
Scoring needs ``centers.score_rating`` while the rating is a draft; each step
the permission of its transition; undo ``centers.undo_transition``. The
domain functions check the same permissions again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centers.forms.rating import RatingScoresForm
from centers.models import CenterRating, RatingState
from centers.queries import center_or_404
from centers.rating import latest_rating_of, rating_of, ratings_for_year, record_rating_scores, start_rating
from centers.rating_workflow import RATING_WORKFLOW, submitter_of
from engines.forms import ReasonForm
from engines.views import undo_page
from engines.workflow import GuardFailed, ReasonRequired, TransitionNotAllowed
from wards.permissions import require_perm

FIRST_YEAR = 2000


def _check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _visible_rating(request, pk: int, year: int) -> CenterRating:
    """The rating of centre ``pk`` in ``year`` if the user may see it; 404 otherwise."""
    rating = get_object_or_404(
        CenterRating.objects.select_related("center__ward", "rubric", "updated_by"), center_id=pk, year=year
    )
    if not request.user.has_perm("centers.view_rating", rating):
        raise Http404
    return rating


def rating_list_current(request):
    require_perm(request, "centers.view_comparison")
    return redirect("centers:rating_list", year=timezone.localdate().year)


def rating_list(request, year: int):
    """Every centre of the year with its rating's state, total and result; scorers start ratings here."""
    require_perm(request, "centers.view_comparison")
    _check_year(year)
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "rows": ratings_for_year(year),
        "may_start": request.user.has_perm("centers.score_rating") and year <= this_year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < this_year else None,
    }
    return render(request, "centers/rating/rating_list.html", context)


@require_POST
def rating_start(request, pk: int, year: int):
    center = center_or_404(pk)
    require_perm(request, "centers.score_rating", center)
    _check_year(year)
    try:
        rating = start_rating(center, year, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("centers:rating_list", year=year)
    return redirect(rating)


def _render_detail(request, rating: CenterRating, form: RatingScoresForm | None, status: int = 200):
    user = request.user
    areas = list(rating.rubric.areas.all())
    scores = {score.area_id: score for score in rating.scores.all()}
    actions = RATING_WORKFLOW.available(rating, user)
    submitter = submitter_of(rating) if rating.state == RatingState.SCORED else None
    last_return = (
        RATING_WORKFLOW.latest_change(rating, "return") if rating.state == RatingState.DRAFT else None
    )
    context = {
        "rating": rating,
        "center": rating.center,
        "area_rows": [(area, scores.get(area.pk)) for area in areas],
        "bands": list(rating.rubric.bands.all()),
        "max_total": sum(area.max_points for area in areas),
        "form": form,
        "actions": actions,
        "submitter": submitter,
        # Four eyes: the person who submitted sees why they are not offered the approval.
        "own_submission": submitter is not None and submitter.pk == user.pk,
        "return_reason": last_return.reason if last_return else "",
        "may_undo": user.has_perm(RATING_WORKFLOW.undo_permission, rating),
        "history": RATING_WORKFLOW.history_rows(rating),
    }
    return render(request, "centers/rating/rating_detail.html", context, status=status)


def _may_score(user, rating: CenterRating) -> bool:
    return rating.state == RatingState.DRAFT and user.has_perm("centers.score_rating", rating)


def rating_detail(request, pk: int, year: int):
    """The rating: the areas with their points, the score form while a draft, the steps, the history."""
    rating = _visible_rating(request, pk, year)
    may_score = _may_score(request.user, rating)
    if request.method != "POST":
        form = RatingScoresForm(rating=rating, areas=rating.rubric.areas.all()) if may_score else None
        return _render_detail(request, rating, form)
    if not may_score:
        if rating.state != RatingState.DRAFT:
            messages.error(request, RATING_WORKFLOW.no_longer_possible(rating))
            return redirect(rating)
        raise PermissionDenied
    form = RatingScoresForm(request.POST, rating=rating, areas=rating.rubric.areas.all())
    if form.is_valid():
        try:
            record_rating_scores(rating, request.user, form.scores(), form.cleaned_data["remarks"])
        except ValidationError as error:
            form.add_area_errors(error.message_dict)
        else:
            messages.success(request, _("The scores have been saved."))
            return redirect(rating)
    return _render_detail(request, rating, form)


def rating_step(request, pk: int, year: int, name: str):
    """Confirm (GET) and take (POST) one step of the rating: submit, approve, or return with a reason."""
    if name not in RATING_WORKFLOW.transitions:
        raise Http404
    transition = RATING_WORKFLOW.transitions[name]
    rating = _visible_rating(request, pk, year)
    if not RATING_WORKFLOW.may(request.user, name, rating):
        if rating.state not in transition.sources:
            messages.error(request, RATING_WORKFLOW.no_longer_possible(rating))
            return redirect(rating)
        raise PermissionDenied
    form = ReasonForm(
        request.POST if request.method == "POST" else None, reason_required=transition.reason_required
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            RATING_WORKFLOW.perform(rating, name, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(rating)
        except GuardFailed as error:
            refusal = {"message": str(error), "problems": error.problems}
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect(rating)
    context = {"rating": rating, "action": transition, "form": form, "refusal": refusal}
    return render(request, "centers/rating/rating_step.html", context)


def rating_undo(request, pk: int, year: int):
    rating = _visible_rating(request, pk, year)
    return undo_page(request, rating, RATING_WORKFLOW, f"{rating.center.name} · {rating.year}")


def rating_summary(request, center, year: int) -> dict:
    """The rating block of the centre's page: the approved result of the year shown, the latest
    earlier one, and a link to the rating for those who may open it."""
    rating = rating_of(center, year)
    if rating is not None:
        rating.center = center  # the permission reads the centre's ward
    return {
        "year": year,
        "rating": rating,
        "earlier": None if rating else latest_rating_of(center, before=year),
        "may_open": rating is not None and request.user.has_perm("centers.view_rating", rating),
    }
