"""Nobody is above the workflow: a Django superuser changes a dossier only where its role and state allow.

The demo's ``admin`` is a superuser with the system administrator's role. Django
grants a superuser every permission; the portal's own permissions are decided by
their predicates for everyone, so in every state each edit URL refuses the
superuser and nothing changes. Recognised data changes only through undo with a
reason, which leaves history.
"""

import pytest

from assessments.models import AssessmentState, InspectionScore
from tests.factories import UserFactory
from wards.models import Role

S = AssessmentState
pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="admin", full_name="Quản trị", is_staff=True, is_superuser=True, roles=[Role.SYSTEM_ADMIN]
    )


def edit_requests(assessment):
    url = f"/assessments/{assessment.pk}"
    evidence = assessment.evidence.first()
    requests = [
        (f"{url}/plan/", {"team_members": "x", "schedule": "x", "content": "x"}),
        (f"{url}/criteria/1/", {"points": "0", "comment": "sửa"}),
        (f"{url}/criteria/1/carry-over/", {}),
        (f"{url}/documents/to_trinh/", {"number": "99/UBND", "issued_on": "01/10/2018", "signer": "X"}),
        (f"{url}/scores/import/", {}),
        (f"{url}/receive/", {}),
        (f"{url}/return/", {"items": "Thiếu"}),
        (f"{url}/scoring/1/", {"points": "0", "version": "0"}),
        (f"{url}/close/", {}),
        *[
            (f"{url}/transition/{name}/", {"reason": "x"})
            for name in ("submit_plan", "approve_plan", "return_plan", "submit_dossier")
        ],
    ]
    if evidence is not None:
        requests.append((f"{url}/evidence/{evidence.pk}/delete/", {}))
    return requests


def snapshot(assessment):
    assessment.refresh_from_db()
    score = assessment.self_scores.filter(criterion__number=1).first()
    return (
        assessment.state,
        assessment.history.count(),
        score.points if score else None,
        assessment.evidence.count(),
        list(assessment.documents.values_list("kind", "number")),
        InspectionScore.objects.filter(assessment=assessment).count(),
        getattr(getattr(assessment, "plan", None), "content", None),
    )


@pytest.mark.parametrize("state", list(S))
def test_superuser_cannot_edit_a_dossier_in_any_state(login, superuser, assessment, walk_to, state):
    walk_to(assessment, state)
    client = login(superuser)
    before = snapshot(assessment)

    statuses = {url: client.post(url, data).status_code for url, data in edit_requests(assessment)}

    assert snapshot(assessment) == before
    assert set(statuses.values()) <= {302, 403}, statuses


def test_superuser_rewrite_of_a_published_dossier_is_refused(login, superuser, assessment, walk_to):
    walk_to(assessment, S.PUBLISHED)

    response = login(superuser).post(f"/assessments/{assessment.pk}/criteria/1/", {"points": "0"})

    assert response.status_code == 403
    assert assessment.self_scores.get(criterion__number=1).points != 0


def test_superuser_changes_recognised_data_only_through_undo_with_a_reason(
    login, superuser, assessment, walk_to
):
    walk_to(assessment, S.INSPECTED)
    client = login(superuser)

    without_reason = client.post(f"/assessments/{assessment.pk}/undo/", {"reason": " "})
    assessment.refresh_from_db()
    assert (without_reason.status_code, assessment.state) == (200, S.INSPECTED)

    client.post(f"/assessments/{assessment.pk}/undo/", {"reason": "Đoàn chấm nhầm tiêu chí 3"})

    assessment.refresh_from_db()
    last = assessment.history.last()
    assert (assessment.state, last.transition, last.actor, last.reason) == (
        S.INSPECTION_PLANNED,
        "undo",
        superuser,
        "Đoàn chấm nhầm tiêu chí 3",
    )


def test_django_model_permissions_of_a_superuser_are_untouched(superuser):
    """The admin site still works for the superuser: only the portal's rules decide for everybody."""
    assert superuser.has_perm("wards.change_user")
    assert not superuser.has_perm("assessments.edit_dossier", None)
