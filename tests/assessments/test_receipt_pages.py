"""Step 3 on the district's pages: receiving a dossier, returning it for supplement, the receipt slip."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from assessments.inspection import return_dossier
from assessments.models import AssessmentState as S
from assessments.models import DocumentKind, DossierDocument, ReturnItem, StateChange
from assessments.workflow import perform_transition
from tests.helpers import vi
from wards.calendar import add_working_days


def dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def submitted(assessment, walk_to):
    return walk_to(assessment, S.SUBMITTED)


def snapshot(assessment):
    """What a refused request must leave untouched."""
    assessment.refresh_from_db()
    return (
        assessment.state,
        assessment.due_date,
        StateChange.objects.filter(assessment=assessment).count(),
        ReturnItem.objects.filter(assessment=assessment).count(),
    )


# --- Receiving ---------------------------------------------------------------------------------------


def test_receive_page_shows_the_ward_completeness_and_the_due_date_receiving_would_start(
    login, education_staff, submitted
):
    due = add_working_days(timezone.localdate(), 10)

    response = login(education_staff).get(f"/assessments/{submitted.pk}/receive/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="col-sm-8" id="receive-ward">Phường 1</dd>' in page
    assert '<dd class="col-sm-8" id="receive-completeness">100 %</dd>' in page
    assert f'<dd class="col-sm-8" id="receive-due-date">{dmy(due)}</dd>' in page
    assert response.context["missing"] == []
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED  # a GET changes nothing


def test_receive_marks_the_dossier_received_with_a_10_working_day_deadline(login, education_staff, submitted):
    response = login(education_staff).post(f"/assessments/{submitted.pk}/receive/")

    submitted.refresh_from_db()
    change = submitted.history.get(transition="receive_dossier")
    expected_due = add_working_days(timezone.localdate(), 10)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{submitted.pk}/receipt/"
    assert (submitted.state, submitted.due_date) == (S.RECEIVED, expected_due)
    assert (change.actor, change.due_date) == (education_staff, expected_due)


def test_receive_of_a_dossier_already_received_says_so_and_changes_nothing(
    login, education_staff, promotion_staff, submitted
):
    perform_transition(submitted, "receive_dossier", promotion_staff)
    before = snapshot(submitted)

    response = login(education_staff).post(f"/assessments/{submitted.pk}/receive/", follow=True)

    assert response.redirect_chain == [(f"/assessments/{submitted.pk}/", 302)]
    assert snapshot(submitted) == before
    with translation.override("vi"):
        expected = gettext("This action is no longer possible: it is now “%(state)s”.") % {
            "state": S.RECEIVED.label
        }
    assert [str(m) for m in response.context["messages"]] == [expected]


# --- Returning for supplement ------------------------------------------------------------------------


def test_return_with_two_items_returns_the_dossier_with_one_row_per_item(
    login, education_staff, ward_officer, submitted
):
    response = login(education_staff).post(
        f"/assessments/{submitted.pk}/return/",
        {"items": "Thiếu biên bản tự kiểm tra\r\n\r\n  Tiêu chí 5 thiếu số liệu  \r\n"},
    )

    submitted.refresh_from_db()
    change = submitted.history.get(transition="return_dossier")
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{submitted.pk}/"
    assert (submitted.state, submitted.due_date) == (S.RETURNED, None)
    assert list(ReturnItem.objects.filter(assessment=submitted).values_list("text", "state_change")) == [
        ("Thiếu biên bản tự kiểm tra", change.pk),
        ("Tiêu chí 5 thiếu số liệu", change.pk),
    ]
    # What the ward officer's page shows through the partial: the items of the latest return.
    html = render_to_string(
        "assessments/district/return_items.html",
        {"return_items": ReturnItem.objects.filter(state_change=change)},
    )
    assert (
        '<ul class="mb-0" id="return-items"><li>Thiếu biên bản tự kiểm tra</li>'
        "<li>Tiêu chí 5 thiếu số liệu</li></ul>"
    ) in html
    assert vi("The district asks the ward to supplement:") in html


def test_return_items_partial_shows_nothing_without_items():
    assert render_to_string("assessments/district/return_items.html", {"return_items": []}).strip() == ""


def test_return_of_a_received_dossier_stops_the_clock(login, promotion_staff, education_staff, submitted):
    perform_transition(submitted, "receive_dossier", education_staff)

    login(promotion_staff).post(f"/assessments/{submitted.pk}/return/", {"items": "Thiếu tờ trình"})

    submitted.refresh_from_db()
    assert (submitted.state, submitted.due_date) == (S.RETURNED, None)
    assert list(submitted.return_items.values_list("text", flat=True)) == ["Thiếu tờ trình"]


def test_return_offers_what_the_dossier_lacks_as_ticked_suggestions(login, education_staff, submitted):
    DossierDocument.objects.filter(assessment=submitted, kind=DocumentKind.PROPOSAL).update(number="")
    with translation.override("vi"):
        lacking = gettext("%(document)s: %(what)s missing.") % {
            "document": DocumentKind.PROPOSAL.label,
            "what": gettext("number"),
        }
    client = login(education_staff)

    page = client.get(f"/assessments/{submitted.pk}/return/").content.decode()
    client.post(f"/assessments/{submitted.pk}/return/", {"suggested": [lacking], "items": "Thiếu chữ ký"})

    assert f'value="{escape(lacking)}"' in page
    assert list(submitted.return_items.values_list("text", flat=True)) == [lacking, "Thiếu chữ ký"]


def test_return_without_any_item_is_refused_and_changes_nothing(login, education_staff, submitted):
    before = snapshot(submitted)

    response = login(education_staff).post(f"/assessments/{submitted.pk}/return/", {"items": "  \r\n \r\n"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [vi("Name at least one missing item.")]
    assert vi("Name at least one missing item.") in response.content.decode()
    assert snapshot(submitted) == before


def test_return_with_an_item_too_long_keeps_what_was_typed(login, education_staff, submitted):
    before = snapshot(submitted)
    typed = "Thiếu tờ trình\r\n" + "x" * 501

    response = login(education_staff).post(f"/assessments/{submitted.pk}/return/", {"items": typed})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        vi("Each item can have at most %(max)s characters.", max=500)
    ]
    assert f'id="id_items">\n{typed}</textarea>' in response.content.decode()
    assert snapshot(submitted) == before


# --- Who may receive or return ------------------------------------------------------------------------

REFUSED = {
    "ward_officer": 403,
    "ward_chairman": 403,
    "other_ward_officer": 404,
    "steering_member": 403,
    "inspector": 403,
    "district_chairman": 403,
}


@pytest.mark.parametrize("action", ["receive", "return"])
@pytest.mark.parametrize("persona", REFUSED)
def test_receive_and_return_are_refused_to_other_personas(request, login, submitted, persona, action):
    user = request.getfixturevalue(persona)
    before = snapshot(submitted)
    client = login(user)

    get = client.get(f"/assessments/{submitted.pk}/{action}/")
    post = client.post(f"/assessments/{submitted.pk}/{action}/", {"items": "Thiếu tờ trình"})

    assert (get.status_code, post.status_code) == (REFUSED[persona], REFUSED[persona])
    assert snapshot(submitted) == before


@pytest.mark.parametrize("action", ["receive", "return", "receipt"])
def test_district_pages_send_an_anonymous_visitor_to_the_login_page(login, submitted, action):
    before = snapshot(submitted)
    url = f"/assessments/{submitted.pk}/{action}/"

    response = login(None).post(url, {"items": "Thiếu tờ trình"})

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")
    assert snapshot(submitted) == before


# --- The receipt slip -------------------------------------------------------------------------------


def test_receipt_slip_shows_the_receipt_date_the_due_date_and_the_documents(
    login, education_staff, submitted
):
    client = login(education_staff)
    client.post(f"/assessments/{submitted.pk}/receive/")

    response = client.get(f"/assessments/{submitted.pk}/receipt/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="slip-received-on">{dmy(timezone.localdate())}</dd>' in page
    assert f'id="slip-due-date">{dmy(add_working_days(timezone.localdate(), 10))}</dd>' in page
    assert 'id="slip-ward">Phường 1</dd>' in page
    assert 'id="slip-year">2018</dd>' in page
    assert 'id="slip-received-by">Đặng Thị Giang</dd>' in page
    assert [(d.kind, d.number, d.issued_on, d.signer) for d in response.context["documents"]] == [
        (DocumentKind.PROPOSAL, "01/UBND", datetime.date(2018, 10, 20), "Nguyễn Văn An"),
        (DocumentKind.REPORT, "02/UBND", datetime.date(2018, 10, 20), "Nguyễn Văn An"),
        (DocumentKind.SELF_INSPECTION_MINUTES, "03/UBND", datetime.date(2018, 10, 20), "Nguyễn Văn An"),
    ]
    assert "<td>01/UBND</td>\n        <td>20/10/2018</td>\n        <td>Nguyễn Văn An</td>" in page


def test_receipt_slip_counts_the_due_date_across_tet(login, education_staff, ward_officer, submitted):
    perform_transition(submitted, "receive_dossier", education_staff, today=datetime.date(2025, 1, 24))
    received_at = timezone.make_aware(datetime.datetime(2025, 1, 24, 9, 30))
    StateChange.objects.filter(transition="receive_dossier").update(at=received_at)

    page = login(ward_officer).get(f"/assessments/{submitted.pk}/receipt/").content.decode()

    assert 'id="slip-received-on">24/01/2025</dd>' in page
    assert 'id="slip-due-date">14/02/2025</dd>' in page  # Tết 27/01–31/01/2025 skipped


def test_receipt_slip_shows_the_latest_receipt_after_a_return(
    login, education_staff, ward_officer, submitted
):
    perform_transition(submitted, "receive_dossier", education_staff, today=datetime.date(2025, 1, 10))
    return_dossier(
        submitted, education_staff, ["Thiếu minh chứng tiêu chí 5"], today=datetime.date(2025, 1, 15)
    )
    perform_transition(submitted, "submit_dossier", ward_officer, today=datetime.date(2025, 1, 23))
    perform_transition(submitted, "receive_dossier", education_staff, today=datetime.date(2025, 1, 24))

    response = login(education_staff).get(f"/assessments/{submitted.pk}/receipt/")

    assert response.context["change"].due_date == datetime.date(2025, 2, 14)
    assert 'id="slip-due-date">14/02/2025</dd>' in response.content.decode()


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "steering_member", "inspector"])
def test_receipt_slip_is_shown_to_the_ward_and_the_district(
    request, login, education_staff, submitted, persona
):
    perform_transition(submitted, "receive_dossier", education_staff)

    response = login(request.getfixturevalue(persona)).get(f"/assessments/{submitted.pk}/receipt/")

    assert (response.status_code, response.context["change"].transition) == (200, "receive_dossier")


def test_receipt_slip_is_hidden_from_another_ward(login, education_staff, other_ward_officer, submitted):
    perform_transition(submitted, "receive_dossier", education_staff)

    response = login(other_ward_officer).get(f"/assessments/{submitted.pk}/receipt/")

    assert response.status_code == 404
    assert "Phường 1" not in response.content.decode()


def test_receipt_slip_does_not_exist_before_the_dossier_is_received(login, education_staff, submitted):
    assert login(education_staff).get(f"/assessments/{submitted.pk}/receipt/").status_code == 404


def test_receipt_slip_ignores_a_receipt_an_administrator_undid(
    login, education_staff, system_admin, submitted
):
    from assessments.workflow import undo_last_transition

    perform_transition(submitted, "receive_dossier", education_staff)
    undo_last_transition(submitted, system_admin, reason="Nhận nhầm hồ sơ")

    assert login(education_staff).get(f"/assessments/{submitted.pk}/receipt/").status_code == 404
