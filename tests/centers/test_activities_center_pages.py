"""The centre's page (profile, board, partners, year selector, only the allowed actions), editing the
centre with its board and partners, creating a ward's centre, the comparison page and export, the
menu entry and the section on the ward's page."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from centers.activities import record_session
from centers.models import Center, CenterMember, MemberRole, Partner
from tests.centers.activity_data import class_with_sessions, health_talk, literacy_class
from tests.factories import ClusterFactory, WardFactory


def test_the_centre_page_shows_its_profile_board_and_partners(login, center, steering_member):
    center.rooms = "Hội trường – 80 chỗ\nPhòng tin học – 20 máy"
    center.equipment = "Máy chiếu"
    center.established_by = "Quyết định số 12/QĐ-UBND"
    center.save()
    CenterMember.objects.create(
        center=center,
        full_name="Trần Thị Bình",
        role=MemberRole.DIRECTOR,
        position="Phó Chủ tịch UBND phường",
    )
    CenterMember.objects.create(center=center, full_name="Võ Văn Cảnh", role=MemberRole.INSTRUCTOR)
    Partner.objects.create(center=center, name="Hội Khuyến học phường 1", kind="promotion_association")
    html = login(steering_member).get(center.get_absolute_url()).content.decode()
    for text in (
        "Phòng tin học – 20 máy",
        "Máy chiếu",
        "01/03/2010 · Quyết định số 12/QĐ-UBND",
        "Giám đốc",
        "Trần Thị Bình",
        "Hướng dẫn viên tình nguyện",
        "Võ Văn Cảnh",
        "Hội Khuyến học phường 1",
    ):
        assert text in html
    assert reverse("centers:edit", args=[center.pk]) not in html
    assert reverse("centers:activity_create", args=[center.pk]) not in html


def test_the_year_selector_defaults_to_this_year_and_offers_the_years_with_activities(
    login, center, center_director
):
    literacy_class(center, center_director, starts_on=date(2016, 3, 1), ends_on=date(2016, 5, 1))
    client = login(center_director)
    response = client.get(center.get_absolute_url())
    this_year = date.today().year
    assert response.context["year"] == this_year
    assert response.context["years"] == list(range(this_year + 1, 2015, -1))
    assert client.get(center.get_absolute_url() + "?year=2016").context["figures"].total.activities == 1
    assert client.get(center.get_absolute_url() + "?year=abc").context["year"] == this_year
    html = response.content.decode()
    assert reverse("centers:edit", args=[center.pk]) in html
    assert reverse("centers:activity_create", args=[center.pk]) in html
    assert reverse("centers:calendar", args=[center.pk, this_year]) in html


def test_editing_the_centre_with_its_board_and_partners(login, center, center_director):
    used = Partner.objects.create(center=center, name="Đoàn Thanh niên phường 1", kind="youth_union")
    literacy_class(center, center_director, partner=used)
    client = login(center_director)
    url = reverse("centers:edit", args=[center.pk])
    data = {
        "name": center.name,
        "address": "12 Trần Hưng Đạo",
        "phone": "028 3838 0000",
        "established_on": "01/03/2010",
        "established_by": "",
        "rooms": "Hội trường",
        "equipment": "",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-full_name": "Trần Thị Bình",
        "members-0-role": "director",
        "members-0-position": "Phó Chủ tịch UBND phường",
        "members-0-order": "1",
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "1",
        "partners-0-id": str(used.pk),
        "partners-0-center": str(center.pk),
        "partners-0-name": used.name,
        "partners-0-kind": "youth_union",
        "partners-0-DELETE": "on",
        "partners-1-name": "Trường THCS Lê Lợi",
        "partners-1-kind": "school",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "không thể xóa: Đoàn Thanh niên phường 1" in response.content.decode()
    assert not CenterMember.objects.exists()
    del data["partners-0-DELETE"]
    assert client.post(url, data).status_code == 302
    center.refresh_from_db()
    assert center.address == "12 Trần Hưng Đạo"
    assert list(center.members.values_list("full_name", "role")) == [("Trần Thị Bình", "director")]
    assert sorted(center.partners.values_list("name", flat=True)) == [
        "Trường THCS Lê Lợi",
        "Đoàn Thanh niên phường 1",
    ]


def test_the_district_creates_the_centre_of_a_ward_that_has_none(login, center, ward, education_staff):
    bare = WardFactory(code="P07", name="Phường 7", district=ward.district, cluster=ward.cluster)
    client = login(education_staff)
    html = client.get(reverse("centers:list")).content.decode()
    assert "Phường 7" in html and reverse("centers:create") + "?ward=P07" in html
    assert client.get(reverse("centers:create") + "?ward=P07").context["form"].initial["ward"] == bare
    response = client.post(
        reverse("centers:create"), {"ward": bare.pk, "name": "", "address": "", "established_on": ""}
    )
    created = Center.objects.get(ward=bare)
    assert response["Location"] == reverse("centers:edit", args=[created.pk])
    assert created.name == "Trung tâm học tập cộng đồng Phường 7"
    response = client.post(reverse("centers:create"), {"ward": ward.pk})
    assert response.status_code == 200 and response.context["form"].errors["ward"]
    assert Center.objects.filter(ward=ward).count() == 1


def test_the_comparison_and_its_export_follow_the_filter(
    login, center, other_center, ward, center_director, education_staff
):
    class_with_sessions(center, center_director)
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120, women=70, ethnic_minority=5)
    second = ClusterFactory(district=ward.district, number=2)
    far = Center.objects.create(
        ward=WardFactory(code="P09", name="Phường 9", district=ward.district, cluster=second),
        name="TTHTCĐ Phường 9",
    )
    client = login(education_staff)
    response = client.get(reverse("centers:list") + "?year=2018")
    assert [row.center for row in response.context["rows"]] == [center, other_center, far]
    html = response.content.decode()
    assert ">125</td>" in html
    query = f"?year=2018&cluster={ward.cluster_id}"
    response = client.get(reverse("centers:list") + query)
    assert [row.center for row in response.context["rows"]] == [center, other_center]
    assert reverse("centers:comparison_export") + query.replace("&", "&amp;") in response.content.decode()
    export = client.get(reverse("centers:comparison_export") + query)
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows == [
        (
            "Phường",
            "Trung tâm HTCĐ",
            "Hoạt động",
            "Số buổi",
            "Lượt người học",
            "Người học",
            "Trong đó nữ",
            "Trong đó dân tộc thiểu số",
            "Biết chữ mức độ 1 (%)",
            "Biết chữ mức độ 2 (%)",
            "Gia đình học tập (%)",
            "Xếp loại cuối năm",
        ),
        # No register, learning-model counts or approved rating in this test: empty cells.
        ("Phường 1", center.name, 2, 3, 125, 3, 73, 6, None, None, None, None),
        ("Phường 2", other_center.name, 0, 0, 0, 0, 0, 0, None, None, None, None),
        ("Tổng", None, 2, 3, 125, 3, 73, 6, None, None, None, None),
    ]


def test_the_menu_offers_the_comparison_to_the_district_side(login, center, education_staff, center_director):
    def menu(user):
        items = login(user).get(reverse("centers:detail", args=[center.pk])).context["nav_items"]
        return [(item.label, item.url) for item in items]

    assert ("Trung tâm HTCĐ", reverse("centers:list")) in menu(education_staff)
    assert ("Trung tâm HTCĐ", reverse("centers:of_ward", args=["P01"])) in menu(center_director)
    assert reverse("centers:list") not in [url for _label, url in menu(center_director)]


def test_the_ward_page_shows_its_centres_key_figures(login, center, ward, center_director, steering_member):
    this_year = date.today().year
    talk = health_talk(center, center_director, day=date(this_year, 1, 2))
    record_session(talk, center_director, date=talk.starts_on, total=45)
    response = login(steering_member).get(reverse("wards:detail", args=[ward.code]))
    html = response.content.decode()
    assert 'id="ward-center"' in html
    assert center.get_absolute_url() in html
    assert '<dd class="h5 mb-0">45</dd>' in html


def test_a_ward_without_a_centre_shows_a_link_to_create_one_to_the_district_only(
    login, ward, education_staff, steering_member
):
    url = reverse("wards:detail", args=[ward.code])
    assert reverse("centers:create") + "?ward=P01" in login(education_staff).get(url).content.decode()
    assert 'id="ward-center"' not in login(steering_member).get(url).content.decode()


def test_an_empty_year_points_to_the_latest_year_with_activities(login, center, center_director):
    health_talk(center, center_director, day=date(2017, 5, 2))
    health_talk(center, center_director, day=date(2018, 4, 10))
    client = login(center_director)

    empty = client.get(reverse("centers:detail", args=[center.pk]) + "?year=2020")
    assert empty.context["earlier_year"] == 2018
    assert "Xem năm 2018, năm gần nhất có hoạt động" in empty.content.decode()

    busy = client.get(reverse("centers:detail", args=[center.pk]) + "?year=2018")
    assert busy.context["earlier_year"] is None
    assert 'id="earlier-year"' not in busy.content.decode()
