"""Ward mergers: merge_wards, its refusals, the administrator's pages, and the closed wards' read-only records."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import AssessmentState as S
from assessments.workflow import perform_transition
from centers.models import Center
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import PERSONAS, write_plan
from wards.mergers import merge_wards
from wards.models import Role, User, Ward, WardMerger

JULY_1 = datetime.date(2025, 7, 1)


@pytest.fixture
def wards(ward, other_ward):
    """Phường 1 and Phường 2 with their figures, and Phường 3 beside them, not merged."""
    Ward.objects.filter(pk=ward.pk).update(population=12_000, households=3_100, residential_groups=40)
    Ward.objects.filter(pk=other_ward.pk).update(population=9_500, households=2_400, residential_groups=31)
    WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster, population=7_000)
    return [Ward.objects.get(pk=ward.pk), Ward.objects.get(pk=other_ward.pk)]


def merge(wards, actor, **changes):
    arguments = {
        "new_ward_code": "PBM",
        "new_ward_name": "Phường Bến Mới",
        "effective_on": JULY_1,
        "legal_basis": "Nghị quyết số 1685/NQ-UBTVQH15",
        "actor": actor,
        **changes,
    }
    return merge_wards(wards, **arguments)


def started_dossier(ward, officer, chairman, *, state):
    """An assessment of ``ward`` taken by the real engine to ``state`` (plan draft or dossier in preparation)."""
    assessment = AssessmentFactory(cycle=CycleFactory(year=2018), ward=ward)
    if state == S.DOSSIER_PREPARATION:
        write_plan(assessment, officer)
        perform_transition(assessment, "submit_plan", officer, today=datetime.date(2018, 10, 22))
        perform_transition(assessment, "approve_plan", chairman, today=datetime.date(2018, 10, 22))
    assessment.refresh_from_db()
    assert assessment.state == state
    return assessment


# --- merge_wards -------------------------------------------------------------------------------------


def test_merge_wards_makes_the_new_ward_closes_the_old_and_moves_users_and_centres(
    wards, system_admin, ward_officer, other_ward_officer, center_director, center, other_center
):
    p1, p2 = wards

    merger = merge(wards, system_admin)

    new_ward = Ward.objects.get(code="PBM")
    assert merger.new_ward == new_ward
    assert (new_ward.name, new_ward.district_id, new_ward.cluster_id) == (
        "Phường Bến Mới",
        p1.district_id,
        p1.cluster_id,
    )
    assert (new_ward.population, new_ward.households, new_ward.residential_groups) == (
        12_000 + 9_500,
        3_100 + 2_400,
        40 + 31,
    )
    assert new_ward.closed_on is None
    assert set(merger.predecessors.all()) == {p1, p2}
    assert (merger.effective_on, merger.legal_basis, merger.recorded_by) == (
        JULY_1,
        "Nghị quyết số 1685/NQ-UBTVQH15",
        system_admin,
    )
    assert dict(Ward.objects.values_list("code", "closed_on")) == {
        "P01": JULY_1,
        "P02": JULY_1,
        "P03": None,
        "PBM": None,
    }
    # The users: every one of the old wards now works for the new one.
    assert set(User.objects.filter(ward=new_ward)) == {ward_officer, other_ward_officer, center_director}
    assert not User.objects.filter(ward__in=wards).exists()
    # The centres, carried over by the centres app's step: the old ones closed, pointing to the new one.
    new_center = Center.objects.open().get(ward=new_ward)
    assert new_center.name == "Trung tâm học tập cộng đồng Phường Bến Mới"
    assert new_center.established_on == JULY_1
    for old in (center, other_center):
        old.refresh_from_db()
        assert (old.closed_on, old.merged_into) == (JULY_1, new_center)
    assert Center.objects.open().filter(ward__in=wards).count() == 0


def test_merge_wards_without_centres_opens_none(wards, system_admin):
    merge(wards, system_admin)

    assert not Center.objects.exists()


def test_a_plan_still_in_draft_stays_with_the_closed_ward(wards, system_admin, ward_officer, ward_chairman):
    assessment = started_dossier(wards[0], ward_officer, ward_chairman, state=S.PLAN_DRAFT)

    merge(wards, system_admin)

    assessment.refresh_from_db()
    assert (assessment.ward, assessment.state) == (wards[0], S.PLAN_DRAFT)


def refusal(wards, actor, **changes) -> dict[str, list[str]]:
    """The errors of a refused merger, by field; nothing was written."""
    before = (list(Ward.objects.values_list("code", "closed_on")), WardMerger.objects.count())
    with pytest.raises(ValidationError) as raised:
        merge(wards, actor, **changes)
    assert (list(Ward.objects.values_list("code", "closed_on")), WardMerger.objects.count()) == before
    return raised.value.message_dict


def test_merge_wards_refuses_fewer_than_two_wards(wards, system_admin):
    assert refusal(wards[:1], system_admin) == {"predecessors": ["Hãy chọn ít nhất hai phường để sáp nhập."]}
    assert Ward.objects.get(pk=wards[0].pk).closed_on is None


def test_merge_wards_refuses_a_ward_merged_already(wards, system_admin):
    merge(wards, system_admin)
    p3 = Ward.objects.get(code="P03")

    errors = refusal([wards[0], p3], system_admin, new_ward_code="PX")

    assert errors == {"predecessors": ["Phường 1 đã được sáp nhập ngày 01/07/2025."]}
    assert Ward.objects.get(code="P03").closed_on is None


def test_merge_wards_refuses_an_assessment_in_progress(wards, system_admin, ward_officer, ward_chairman):
    started_dossier(wards[0], ward_officer, ward_chairman, state=S.DOSSIER_PREPARATION)

    errors = refusal(wards, system_admin)

    assert errors == {
        "predecessors": [
            "Phường 1 còn hồ sơ đánh giá đang thực hiện "
            "(năm 2018: Bước 2: đang lập hồ sơ); hãy hoàn tất trước khi sáp nhập."
        ]
    }
    assert not Ward.objects.filter(closed_on__isnull=False).exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [("P03", "Đã có phường mang mã P03."), ("p03", "Đã có phường mang mã p03."), ("P 9", None)],
)
def test_merge_wards_refuses_a_code_taken_or_invalid(wards, system_admin, code, message):
    errors = refusal(wards, system_admin, new_ward_code=code)

    assert list(errors) == ["new_ward_code"]
    if message:
        assert errors["new_ward_code"] == [message]


def test_merge_wards_refuses_a_day_in_the_future_and_a_blank_name(wards, system_admin):
    errors = refusal(wards, system_admin, effective_on=datetime.date(2999, 1, 1), new_ward_name="  ")

    assert errors == {
        "new_ward_name": ["Hãy nhập tên phường mới."],
        "effective_on": [
            "Chỉ ghi nhận việc sáp nhập khi đã có hiệu lực: ngày hiệu lực không được sau hôm nay."
        ],
    }


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "system_admin"])
def test_merge_wards_is_for_the_system_administrator_only(request, wards, persona):
    with pytest.raises(PermissionDenied):
        merge(wards, request.getfixturevalue(persona))
    assert not Ward.objects.filter(code="PBM").exists()


# --- The administrator's pages -----------------------------------------------------------------------

FORM = {
    "predecessors": [],  # filled in by form_data
    "new_ward_code": "PBM",
    "new_ward_name": "Phường Bến Mới",
    "effective_on": "01/07/2025",
    "legal_basis": "Nghị quyết số 1685/NQ-UBTVQH15",
}


def form_data(wards, **changes):
    return {**FORM, "predecessors": [ward.pk for ward in wards], **changes}


@pytest.mark.parametrize("url", ["/wards/mergers/", "/wards/mergers/new/"])
def test_merger_pages_are_for_the_system_administrator(request, login, wards, system_admin, url):
    assert login(system_admin).get(url).status_code == 200
    for persona in PERSONAS:
        if persona != "system_admin":
            assert login(request.getfixturevalue(persona)).get(url).status_code == 403, persona
            assert login(request.getfixturevalue(persona)).post(url, form_data(wards)).status_code == 403
    response = login(None).get(url)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")
    assert not Ward.objects.filter(code="PBM").exists()


def test_merger_list_shows_each_merger(login, wards, system_admin):
    merge(wards, system_admin)

    html = login(system_admin).get("/wards/mergers/").content.decode()

    assert '<a href="/wards/PBM/">Phường Bến Mới</a>' in html
    assert '<a href="/wards/P01/">Phường 1</a>, <a href="/wards/P02/">Phường 2</a>' in html
    assert "01/07/2025" in html
    assert "Nghị quyết số 1685/NQ-UBTVQH15" in html


def test_merger_form_offers_only_open_wards(login, wards, system_admin):
    merge(wards, system_admin)

    form = login(system_admin).get("/wards/mergers/new/").context["form"]

    assert [ward.code for ward in form.fields["predecessors"].queryset] == ["P03", "PBM"]


def test_merger_form_asks_for_confirmation_before_writing(login, wards, system_admin):
    client = login(system_admin)

    response = client.post("/wards/mergers/new/", form_data(wards))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "wards/merger_confirm.html"
    html = response.content.decode()
    assert "Thao tác này không thể hoàn tác trên cổng thông tin." in html
    assert response.context["totals"] == {"population": 21_500, "households": 5_500, "residential_groups": 71}
    assert not Ward.objects.filter(code="PBM").exists()
    assert not WardMerger.objects.exists()

    # "Back to the form" returns to the form as it was typed.
    back = client.post("/wards/mergers/new/", {**form_data(wards), "back": "1"})
    assert [t.name for t in back.templates][0] == "wards/merger_form.html"
    assert back.context["form"].data["new_ward_name"] == "Phường Bến Mới"
    assert not Ward.objects.filter(code="PBM").exists()

    done = client.post("/wards/mergers/new/", {**form_data(wards), "confirm": "1"}, follow=True)
    assert done.redirect_chain == [("/wards/PBM/", 302)]
    assert "Đã ghi nhận việc sáp nhập: Phường Bến Mới hoạt động từ ngày 01/07/2025." in done.content.decode()
    merger = WardMerger.objects.get()
    assert (merger.new_ward.code, merger.recorded_by, set(merger.predecessors.all())) == (
        "PBM",
        system_admin,
        set(wards),
    )


def test_merger_form_shows_errors_in_vietnamese_and_keeps_what_was_typed(login, wards, system_admin):
    response = login(system_admin).post(
        "/wards/mergers/new/", {**form_data(wards[:1], new_ward_code="P03"), "confirm": "1"}
    )

    assert [t.name for t in response.templates][0] == "wards/merger_form.html"
    assert response.context["form"].errors == {
        "predecessors": ["Hãy chọn ít nhất hai phường để sáp nhập."],
        "new_ward_code": ["Đã có phường mang mã P03."],
    }
    html = response.content.decode()
    assert 'value="Phường Bến Mới"' in html
    assert 'value="01/07/2025"' in html
    assert 'value="P03"' in html
    checked = re.findall(r'<input [^>]*name="predecessors" value="(\d+)"[^>]*checked>', html)
    assert checked == [str(wards[0].pk)]
    assert not WardMerger.objects.exists()


def test_merger_form_refuses_a_date_not_dd_mm_yyyy(login, wards, system_admin):
    response = login(system_admin).post("/wards/mergers/new/", form_data(wards, effective_on="2025-07-01"))

    assert list(response.context["form"].errors) == ["effective_on"]
    assert not WardMerger.objects.exists()


def test_manage_menu_has_the_mergers_for_the_administrator_only(login, wards, system_admin, ward_officer):
    items = login(system_admin).get("/wards/").context["nav_manage"]
    assert ("Sáp nhập phường", "/wards/mergers/") in [(item.label, item.url) for item in items]

    officer_items = login(ward_officer).get("/wards/").context["nav_items"]
    assert "/wards/mergers/" not in [item.url for item in officer_items]


# --- The ward list and pages -------------------------------------------------------------------------


def test_ward_list_hides_merged_wards_unless_asked(login, wards, system_admin, education_staff):
    merge(wards, system_admin)
    client = login(education_staff)

    assert [w.code for w in client.get("/wards/").context["wards"]] == ["P03", "PBM"]

    response = client.get("/wards/?merged=on")
    assert [w.code for w in response.context["wards"]] == ["P01", "P02", "P03", "PBM"]
    html = response.content.decode()
    assert html.count("đã sáp nhập vào Phường Bến Mới ngày 01/07/2025") == 2


@pytest.mark.parametrize("merger_count", [1, 4])
def test_ward_list_of_merged_wards_queries_do_not_grow(
    login, system_admin, education_staff, ward, django_assert_num_queries, merger_count
):
    for number in range(merger_count):
        pair = [
            WardFactory(code=f"M{number}{side}", district=ward.district, cluster=ward.cluster)
            for side in "ab"
        ]
        merge(pair, system_admin, new_ward_code=f"N{number}")
    client = login(education_staff)

    # 1 user, 2 roles, 3 the clusters of the filter, 4 the count of wards (pager), 5 one page of wards
    # with their cluster, 6 the mergers that closed them, with the new ward.
    with django_assert_num_queries(6):
        response = client.get("/wards/?merged=on")

    assert len(response.context["wards"]) == 1 + 3 * merger_count


def test_closed_ward_page_names_the_new_ward_and_the_new_ward_its_predecessors(login, wards, system_admin):
    merge(wards, system_admin)
    client = login(system_admin)

    old = client.get("/wards/P01/")
    assert old.status_code == 200
    html = old.content.decode()
    assert "Phường này đã được sáp nhập từ ngày 01/07/2025 vào" in html
    assert '<a href="/wards/PBM/">Phường Bến Mới</a>' in html
    assert "/wards/P01/edit/" not in html

    new_html = client.get("/wards/PBM/").content.decode()
    assert "Thành lập ngày 01/07/2025 trên cơ sở sáp nhập" in new_html
    assert '<a href="/wards/P01/">Phường 1</a>, <a href="/wards/P02/">Phường 2</a>' in new_html


# --- A closed ward's records are read-only -----------------------------------------------------------
# A merger moves the ward's users away; an account left on a closed ward (made or moved back later by an
# administrator) must still find its records read-only. ``closed`` False is the control: the same pages
# and people, the ward open.


def close(ward):
    Ward.objects.filter(pk=ward.pk).update(closed_on=JULY_1)


@pytest.mark.parametrize("closed", [True, False])
def test_closed_ward_cannot_be_edited_but_reads(
    login, ward, ward_officer, education_staff, system_admin, closed
):
    if closed:
        close(ward)
    edit_status = 403 if closed else 200

    for user in (ward_officer, education_staff, system_admin):
        assert login(user).get("/wards/P01/edit/").status_code == edit_status
        page = login(user).get("/wards/P01/")
        assert page.status_code == 200
        assert ('href="/wards/P01/edit/"' in page.content.decode()) is not closed


@pytest.mark.parametrize("closed", [True, False])
def test_closed_ward_officer_cannot_edit_or_send_its_assessments(
    login, ward, ward_officer, ward_chairman, closed
):
    draft = AssessmentFactory(cycle=CycleFactory(year=2019), ward=ward)
    preparing = started_dossier(ward, ward_officer, ward_chairman, state=S.DOSSIER_PREPARATION)
    if closed:
        close(ward)
    refused = 403 if closed else 200
    officer = login(ward_officer)

    assert officer.get(reverse("assessments:plan_edit", args=[draft.pk])).status_code == refused
    assert (
        officer.get(reverse("assessments:transition", args=[draft.pk, "submit_plan"])).status_code == refused
    )
    assert officer.get(reverse("assessments:criterion_edit", args=[preparing.pk, 1])).status_code == refused
    assert (
        officer.get(reverse("assessments:transition", args=[preparing.pk, "submit_dossier"])).status_code
        == refused
    )
    chairman = login(ward_chairman)
    assert (
        chairman.get(reverse("assessments:transition", args=[preparing.pk, "submit_dossier"])).status_code
        == refused
    )
    for assessment in (draft, preparing):
        assert officer.get(assessment.get_absolute_url()).status_code == 200
    if closed:
        with pytest.raises(PermissionDenied):
            write_plan(draft, ward_officer)


@pytest.mark.parametrize("closed", [True, False])
def test_closed_ward_centre_cannot_be_edited_but_reads(
    login, ward, center, center_director, ward_officer, education_staff, system_admin, closed
):
    if closed:
        close(ward)
    refused = 403 if closed else 200

    for user in (center_director, ward_officer, education_staff, system_admin):
        assert login(user).get(reverse("centers:edit", args=[center.pk])).status_code == refused
        assert login(user).get(center.get_absolute_url()).status_code == 200
    for user in (center_director, ward_officer):
        register = reverse("centers:register_import", args=[center.pk])
        assert login(user).get(register).status_code == refused


def test_after_a_merger_the_old_ward_reads_and_nobody_edits_it(
    login, wards, system_admin, ward_officer, center
):
    merge(wards, system_admin)
    moved = User.objects.get(pk=ward_officer.pk)
    # Put back on the old ward by an administrator: still read-only.
    stayed = UserFactory(username="canbo.cu", ward=wards[0], roles=[Role.WARD_OFFICER])

    for user in (system_admin, moved, stayed):
        assert login(user).get("/wards/P01/").status_code == 200
        assert login(user).get("/wards/P01/edit/").status_code == 403
        assert login(user).get(reverse("centers:edit", args=[center.pk])).status_code == 403
    new_center = Center.objects.open().get(ward__code="PBM")
    assert login(moved).get(reverse("centers:edit", args=[new_center.pk])).status_code == 200
    assert login(moved).get("/wards/PBM/edit/").status_code == 200
