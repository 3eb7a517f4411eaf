"""Sending the dossier to the district: the confirmation page, and criteria without evidence scoring 0."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessments.dossier import recompute_self_total
from assessments.models import AssessmentState as S
from assessments.submission import ZeroScoresNotConfirmed, send_dossier
from assessments.workflow import TransitionNotAllowed
from tests.assessments.conftest import complete_dossier
from tests.helpers import vi, vi_text

ZERO_MESSAGE = "Criteria %(numbers)s have no evidence and will score 0: confirm this to send the dossier."


@pytest.fixture
def two_without_evidence(preparing, ward_officer):
    """A dossier ready to send, except that criteria 14 and 15 have no evidence (and so a self-score of 0)."""
    complete_dossier(preparing, ward_officer)
    preparing.evidence.filter(criterion__number__in=(14, 15)).delete()
    preparing.self_scores.filter(criterion__number__in=(14, 15)).update(points=0)
    recompute_self_total(preparing)
    return preparing


def send_url(assessment):
    return reverse("assessments:transition", args=[assessment.pk, "submit_dossier"])


def table_rows(page: str, table_id: str) -> list[list[str]]:
    """The text of each cell of each row of the table ``table_id`` (tags removed, spaces collapsed)."""
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def expected_points(assessment, number) -> Decimal:
    criterion = assessment.cycle.framework.criteria.get(number=number)
    return Decimal(0) if number in (14, 15) else min(Decimal(6), criterion.max_points)


# --- The confirmation page ---------------------------------------------------------------------------


def test_send_button_opens_a_page_showing_exactly_what_will_be_sent(
    login, ward_officer, two_without_evidence
):
    assessment = two_without_evidence
    response = login(ward_officer).get(send_url(assessment))
    page = response.content.decode()

    assert response.status_code == 200
    assert table_rows(page, "summary-documents") == [
        [
            vi_text("Document"),
            vi_text("Number"),
            vi_text("Date"),
            vi_text("Signed by"),
            vi_text("Signed scan"),
        ],
        [vi_text("Proposal (tờ trình)"), "01/UBND", "20/10/2018", "Nguyễn Văn An", vi_text("yes")],
        [vi_text("Report (báo cáo)"), "02/UBND", "20/10/2018", "Nguyễn Văn An", vi_text("yes")],
        [
            vi_text("Self-inspection minutes (biên bản tự kiểm tra)"),
            "03/UBND",
            "20/10/2018",
            "Nguyễn Văn An",
            vi_text("yes"),
        ],
    ]
    criteria = table_rows(page, "summary-criteria")
    framework = assessment.cycle.framework
    assert criteria[1:16] == [
        [
            str(c.number),
            c.title,
            f"{expected_points(assessment, c.number):.1f}".replace(".", ","),
            vi_text("no evidence – 0 points") if c.number in (14, 15) else "1",
        ]
        for c in framework.criteria.order_by("number")
    ]
    total = sum(expected_points(assessment, n) for n in range(1, 16))
    assert criteria[16] == [vi_text("Total self-score"), f"{total:.1f}".replace(".", ","), ""]
    assert response.context["summary"].total == total
    assert vi("These criteria have no evidence and will score 0:") in page
    assert [c.number for c in response.context["summary"].without_evidence] == [14, 15]
    assert 'name="shown_without_evidence" value="14 15"' in page
    assert 'name="confirm_zero"' in page
    assert f'<button type="submit" class="btn btn-success">{vi("Confirm")}</button>' in page


def test_sending_without_confirming_the_criteria_without_evidence_is_refused(
    login, ward_officer, two_without_evidence
):
    response = login(ward_officer).post(send_url(two_without_evidence), {"shown_without_evidence": "14 15"})

    two_without_evidence.refresh_from_db()
    assert response.status_code == 200
    assert two_without_evidence.state == S.DOSSIER_PREPARATION
    assert two_without_evidence.history.filter(transition="submit_dossier").count() == 0
    assert response.context["form"].errors == {"confirm_zero": [vi_text(ZERO_MESSAGE, numbers="14, 15")]}
    assert vi(ZERO_MESSAGE, numbers="14, 15") in response.content.decode()


def test_sending_after_confirming_submits_the_dossier_with_those_criteria_at_zero(
    login, ward_officer, two_without_evidence
):
    response = login(ward_officer).post(
        send_url(two_without_evidence), {"shown_without_evidence": "14 15", "confirm_zero": "on"}, follow=True
    )

    two_without_evidence.refresh_from_db()
    assert response.redirect_chain == [(two_without_evidence.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        vi_text("Done: %(action)s.", action=vi_text("Send the dossier to the district"))
    ]
    assert two_without_evidence.state == S.SUBMITTED
    assert two_without_evidence.history.last().actor == ward_officer
    scores = dict(two_without_evidence.self_scores.values_list("criterion__number", "points"))
    assert (scores[14], scores[15]) == (Decimal(0), Decimal(0))
    assert two_without_evidence.self_total == sum(
        expected_points(two_without_evidence, n) for n in range(1, 16)
    )


def test_a_confirmation_covers_only_the_criteria_the_page_showed(login, ward_officer, two_without_evidence):
    """Criterion 14 lost its evidence after the page was opened showing only criterion 15."""
    response = login(ward_officer).post(
        send_url(two_without_evidence), {"shown_without_evidence": "15", "confirm_zero": "on"}
    )

    two_without_evidence.refresh_from_db()
    assert two_without_evidence.state == S.DOSSIER_PREPARATION
    assert response.context["form"].errors == {"confirm_zero": [vi_text(ZERO_MESSAGE, numbers="14")]}
    # Asked again, for both criteria as they are now.
    assert 'name="shown_without_evidence" value="14 15"' in response.content.decode()


def test_a_dossier_with_evidence_for_every_criterion_is_sent_without_a_checkbox(
    login, ward_officer, preparing
):
    complete_dossier(preparing, ward_officer)
    client = login(ward_officer)

    page = client.get(send_url(preparing)).content.decode()
    response = client.post(send_url(preparing), {"shown_without_evidence": ""})

    preparing.refresh_from_db()
    assert 'name="confirm_zero"' not in page
    assert vi("These criteria have no evidence and will score 0:") not in page
    assert response.status_code == 302
    assert preparing.state == S.SUBMITTED


def test_an_incomplete_dossier_offers_no_confirm_button_and_is_refused(login, ward_officer, preparing):
    client = login(ward_officer)

    page = client.get(send_url(preparing)).content.decode()
    response = client.post(send_url(preparing), {"shown_without_evidence": "", "confirm_zero": "on"})

    preparing.refresh_from_db()
    assert vi("The dossier cannot be sent yet. Missing:") in page
    assert f'<button type="submit" class="btn btn-success">{vi("Confirm")}</button>' not in page
    assert response.status_code == 200
    assert preparing.state == S.DOSSIER_PREPARATION
    assert response.context["summary"].missing[0] == vi_text("Criterion %(number)s: no self-score.", number=1)


@pytest.mark.parametrize(
    "persona", ["education_staff", "promotion_staff", "inspector", "district_chairman", "steering_member"]
)
def test_the_send_page_is_refused_to_who_may_not_send(request, login, two_without_evidence, persona):
    client = login(request.getfixturevalue(persona))

    get = client.get(send_url(two_without_evidence))
    post = client.post(
        send_url(two_without_evidence), {"shown_without_evidence": "14 15", "confirm_zero": "on"}
    )

    two_without_evidence.refresh_from_db()
    assert (get.status_code, post.status_code) == (403, 403)
    assert two_without_evidence.state == S.DOSSIER_PREPARATION


def test_the_send_page_is_not_found_for_another_ward(login, other_ward_officer, two_without_evidence):
    client = login(other_ward_officer)

    get = client.get(send_url(two_without_evidence))
    post = client.post(
        send_url(two_without_evidence), {"shown_without_evidence": "14 15", "confirm_zero": "on"}
    )

    two_without_evidence.refresh_from_db()
    assert (get.status_code, post.status_code) == (404, 404)
    assert two_without_evidence.state == S.DOSSIER_PREPARATION


# --- The rule, whoever calls it ----------------------------------------------------------------------


def test_send_dossier_refuses_unconfirmed_criteria_without_evidence(ward_officer, two_without_evidence):
    with pytest.raises(ZeroScoresNotConfirmed) as refused:
        send_dossier(two_without_evidence, ward_officer, confirmed_without_evidence={14})

    assert [c.number for c in refused.value.criteria] == [15]
    assert str(refused.value) == vi_text(ZERO_MESSAGE, numbers="15")
    send_dossier(two_without_evidence, ward_officer, confirmed_without_evidence={14, 15})
    assert two_without_evidence.state == S.SUBMITTED


def test_send_dossier_checks_permission_and_state_before_the_evidence(
    ward_officer, education_staff, two_without_evidence
):
    with pytest.raises(PermissionDenied):
        send_dossier(two_without_evidence, education_staff)
    send_dossier(two_without_evidence, ward_officer, confirmed_without_evidence={14, 15})
    with pytest.raises(TransitionNotAllowed):
        send_dossier(two_without_evidence, ward_officer)


# --- Who sees the criteria that score 0 --------------------------------------------------------------


@pytest.fixture
def sent_with_two_at_zero(two_without_evidence, ward_officer):
    send_dossier(two_without_evidence, ward_officer, confirmed_without_evidence={14, 15})
    return two_without_evidence


def without_evidence_list(page: str) -> list[str]:
    items = page.split('id="without-evidence"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", items)


def test_the_district_receive_page_lists_the_criteria_without_evidence(
    login, education_staff, sent_with_two_at_zero
):
    page = (
        login(education_staff)
        .get(reverse("assessments:receive", args=[sent_with_two_at_zero.pk]))
        .content.decode()
    )

    titles = dict(sent_with_two_at_zero.cycle.framework.criteria.values_list("number", "title_vi"))
    assert vi("These criteria have no evidence and will score 0:") in page
    assert without_evidence_list(page) == [
        f"{vi('Criterion %(number)s', number=n)}. {vi_text(titles[n])}" for n in (14, 15)
    ]


def test_the_assessment_page_marks_the_criteria_without_evidence(
    login, education_staff, sent_with_two_at_zero
):
    response = login(education_staff).get(sent_with_two_at_zero.get_absolute_url())
    page = response.content.decode()

    assert [c.number for c in response.context["without_evidence"]] == [14, 15]
    assert len(without_evidence_list(page)) == 2
    assert page.count(vi("no evidence – 0 points")) == 2
