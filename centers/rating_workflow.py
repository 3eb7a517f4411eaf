"""The year-end rating's workflow: the district scores (draft), submits (scored), another person approves.

Same engine, same guarantees as every stateful object of the portal: each
change is locked, permission- and state-checked, kept in the history and
undoable by an administrator with a reason. Two rules of the procedure live in
the table: a rating is submitted only when every area of its rubric has
points, and it is approved by somebody other than the person who submitted
the scores (four eyes: the result becomes public on the centre's page).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centers.models import CenterRating, RatingChange, RatingState
from engines.workflow import Transition, Workflow

R = RatingState


def unscored_areas(rating: CenterRating) -> list[str]:
    """The areas of the rating's rubric that have no points yet (what keeps it from being submitted)."""
    scored = set(rating.scores.values_list("area_id", flat=True))
    return [area.name for area in rating.rubric.areas.all() if area.pk not in scored]


def submitter_of(rating: CenterRating):
    """Who submitted the scores now awaiting approval (None if they were never submitted)."""
    change = RATING_WORKFLOW.latest_change(rating, "submit")
    return change.actor if change else None


def _not_the_submitter(rating: CenterRating, actor) -> list[str]:
    """Four eyes: the scores are approved by a second person, never by the one who submitted them."""
    submitter = submitter_of(rating)
    if submitter is not None and submitter.pk == actor.pk:
        return [gettext("You submitted these scores yourself.")]
    return []


RATING_WORKFLOW = Workflow(
    model=CenterRating,
    history_model=RatingChange,
    subject_field="rating",
    undo_permission="centers.undo_transition",
    transitions=[
        Transition(
            "submit",
            _("Submit the scores for approval"),
            frozenset({R.DRAFT}),
            R.SCORED,
            "centers.score_rating",
            guard=unscored_areas,
            guard_message=_("The scores cannot be submitted yet. These areas have no points:"),
        ),
        Transition(
            "approve",
            _("Approve the rating"),
            frozenset({R.SCORED}),
            R.APPROVED,
            "centers.approve_rating",
            actor_guard=_not_the_submitter,
            guard_message=_(
                "Four eyes: the rating must be approved by a person other than the one who submitted the scores."
            ),
            style="success",
        ),
        Transition(
            "return",
            _("Return the scores with a reason"),
            frozenset({R.SCORED}),
            R.DRAFT,
            "centers.approve_rating",
            reason_required=True,
            style="warning",
        ),
    ],
)
