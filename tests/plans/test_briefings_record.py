"""Recording a cluster's quarterly briefing: through the form, whole or not at all, by managers only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans.briefings import PLACEHOLDER_MARK, record_briefing, set_emulation_scheme
from plans.models import BriefingProgress, ClusterBriefing
from tests.factories import ClusterFactory, WardFactory
from tests.helpers import vi

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(promotion_staff):
    contents = set_emulation_scheme(
        2018,
        promotion_staff,
        [
            (f"Nội dung {n} {PLACEHOLDER_MARK}", [f"Tiêu chí {2 * n - 1}", f"Tiêu chí {2 * n}"])
            for n in range(1, 6)
        ],
    )
    return [criterion for content in contents for criterion in content.criteria.all()]


@pytest.fixture
def far_ward(ward):
    return WardFactory(code="P09", name="Phường 9", district=ward.district, cluster=ClusterFactory(number=2))


def test_the_scheme_has_five_contents_and_ten_numbered_criteria(scheme):
    assert [criterion.number for criterion in scheme] == list(range(1, 11))
    assert [criterion.content.number for criterion in scheme] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_a_manager_records_a_briefing_with_its_progress_grid(
    login, ward, other_ward, promotion_staff, scheme
):
    first, second = scheme[0], scheme[1]
    data = {
        "held_on": "28/03/2018",
        "place": "Hội trường UBND Phường 1",
        "wards_present": [ward.pk, other_ward.pk],
        "minutes": "Các phường báo cáo tiến độ quý I.",
        f"level_{ward.pk}_{first.pk}": "met",
        f"note_{ward.pk}_{first.pk}": "Đã tổ chức 3 chuyên đề",
        f"level_{other_ward.pk}_{second.pk}": "behind",
    }
    form = login(promotion_staff).get("/plans/briefings/year/2018/cluster/1/quarter/1/").content.decode()
    assert f'name="level_{other_ward.pk}_{scheme[9].pk}"' in form.split('id="progress-grid"', 1)[1]
    response = login(promotion_staff).post("/plans/briefings/year/2018/cluster/1/quarter/1/", data)
    briefing = ClusterBriefing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/plans/briefings/{briefing.pk}/"
    assert (briefing.year, briefing.quarter, briefing.held_on) == (2018, 1, datetime.date(2018, 3, 28))
    assert set(briefing.wards_present.all()) == {ward, other_ward}
    assert sorted(
        BriefingProgress.objects.values_list("ward__code", "criterion__number", "level", "note")
    ) == [
        ("P01", 1, "met", "Đã tổ chức 3 chuyên đề"),
        ("P02", 2, "behind", ""),
    ]
    page = login(promotion_staff).get(briefing.get_absolute_url()).content.decode()
    grid = page.split('id="progress-grid"', 1)[1]
    assert vi("Met") in grid and "Đã tổ chức 3 chuyên đề" in grid and vi("Behind") in grid

    listing = login(promotion_staff).get("/plans/briefings/year/2018/").content.decode()
    assert briefing.get_absolute_url() in listing
    assert 'id="placeholder-warning"' in listing


def test_a_ward_outside_the_cluster_is_refused_and_nothing_is_saved(ward, far_ward, promotion_staff, scheme):
    with pytest.raises(ValidationError) as refused:
        record_briefing(
            ward.cluster,
            2018,
            2,
            promotion_staff,
            held_on=datetime.date(2018, 6, 20),
            place="Hội trường",
            wards_present=[ward, far_ward],
            minutes="",
            progress={(ward.pk, scheme[0].pk): ("met", "")},
        )
    assert "Phường 9" in " ".join(refused.value.messages)
    assert ClusterBriefing.objects.count() == 0
    assert BriefingProgress.objects.count() == 0


def test_the_form_refuses_progress_of_a_ward_outside_the_cluster(
    login, ward, far_ward, promotion_staff, scheme
):
    data = {
        "held_on": "20/06/2018",
        "place": "Hội trường",
        "wards_present": [ward.pk],
        f"level_{far_ward.pk}_{scheme[0].pk}": "met",  # a forged cell: the grid has no such field
    }
    response = login(promotion_staff).post("/plans/briefings/year/2018/cluster/1/quarter/2/", data)
    assert response.status_code == 302  # the forged cell is not a field of the grid and is ignored
    assert BriefingProgress.objects.count() == 0
    response = login(promotion_staff).post(
        "/plans/briefings/year/2018/cluster/1/quarter/3/", {**data, "wards_present": [far_ward.pk]}
    )
    assert response.status_code == 200
    assert ClusterBriefing.objects.filter(quarter=3).count() == 0


def test_recording_again_replaces_the_grid(ward, promotion_staff, scheme):
    common = {
        "held_on": datetime.date(2018, 3, 28),
        "place": "Hội trường",
        "wards_present": [ward],
        "minutes": "",
    }
    record_briefing(
        ward.cluster, 2018, 1, promotion_staff, progress={(ward.pk, scheme[0].pk): ("met", "")}, **common
    )
    record_briefing(
        ward.cluster, 2018, 1, promotion_staff, progress={(ward.pk, scheme[1].pk): ("on_track", "")}, **common
    )
    assert list(BriefingProgress.objects.values_list("criterion__number", "level")) == [(2, "on_track")]
    assert ClusterBriefing.objects.count() == 1


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "steering_member", "inspector"])
def test_only_managers_record(login, request, persona, ward, scheme):
    user = request.getfixturevalue(persona)
    response = login(user).post(
        "/plans/briefings/year/2018/cluster/1/quarter/1/",
        {"held_on": "28/03/2018", "place": "Hội trường", "wards_present": [ward.pk]},
    )
    assert response.status_code == 403
    assert login(user).get("/plans/briefings/year/2018/criteria/").status_code == 403
    with pytest.raises(PermissionDenied):
        record_briefing(
            ward.cluster,
            2018,
            1,
            user,
            held_on=datetime.date(2018, 3, 28),
            place="x",
            wards_present=[],
            minutes="",
            progress={},
        )
    assert ClusterBriefing.objects.count() == 0


@pytest.mark.parametrize("persona", ["ward_officer", "steering_member", "education_staff"])
def test_the_wards_and_the_district_read_the_briefings(
    login, request, persona, ward, promotion_staff, scheme
):
    briefing = record_briefing(
        ward.cluster,
        2018,
        1,
        promotion_staff,
        held_on=datetime.date(2018, 3, 28),
        place="Hội trường",
        wards_present=[ward],
        minutes="Biên bản quý I",
        progress={},
    )
    client = login(request.getfixturevalue(persona))
    assert "Biên bản quý I" in client.get(briefing.get_absolute_url()).content.decode()
    assert client.get("/plans/briefings/year/2018/").status_code == 200


def test_a_centre_director_and_anonymous_do_not(login, client, center_director, ward):
    assert login(center_director).get("/plans/briefings/year/2018/").status_code == 403
    response = client.get("/plans/briefings/year/2018/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_manager_replaces_the_placeholder_texts(login, promotion_staff, scheme):
    content = scheme[0].content
    data = {f"content_{c.pk}": c.title for c in {cr.content for cr in scheme}}
    data |= {f"criterion_{c.pk}": c.text for c in scheme}
    data[f"content_{content.pk}"] = "Tuyên truyền xây dựng xã hội học tập"
    response = login(promotion_staff).post("/plans/briefings/year/2018/criteria/", data)
    assert response.status_code == 302
    content.refresh_from_db()
    assert content.title == "Tuyên truyền xây dựng xã hội học tập"
