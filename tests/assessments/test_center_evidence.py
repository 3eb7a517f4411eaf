"""The learning centre's records as evidence of criteria 4, 5, 8, 9 and 10 of the self-assessment."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import EvidenceFile
from centers.activities import add_learners, create_activity, record_session
from centers.learning import record_learning_models
from centers.models import ActivityKind
from centers.summaries import topic_summary
from tests.centers.register_data import add_people, register_import
from tests.helpers import normalised, pdf_text


@pytest.fixture
def records(center, center_director, ward_officer):
    """A 2018 of the centre: a class with two named learners, a talk of 80, a register, learning models."""
    course = create_activity(
        center,
        center_director,
        kind=ActivityKind.objects.get(code="tin-hoc"),
        title="Tin học văn phòng",
        starts_on=datetime.date(2018, 3, 1),
        ends_on=datetime.date(2018, 4, 30),
    )
    learners = add_learners(
        course,
        center_director,
        [
            {"full_name": "Quách Thị Riêng Tư", "birth_year": 1990, "gender": "F"},
            {"full_name": "Lâm Văn Bí Mật", "birth_year": 1985, "gender": "M", "ethnic_minority": True},
        ],
    )
    record_session(course, center_director, date=datetime.date(2018, 3, 5), attendees=learners)
    talk = create_activity(
        center,
        center_director,
        kind=ActivityKind.objects.get(code="cd-phap-luat"),
        title="Luật Giao thông",
        starts_on=datetime.date(2018, 5, 10),
        ends_on=datetime.date(2018, 5, 10),
    )
    record_session(
        talk, center_director, date=datetime.date(2018, 5, 10), total=80, women=50, ethnic_minority=9
    )
    imported = register_import(center.ward, ward_officer)
    # 15–35: 9 of 10 at level 1 or above (90 %: meets); 15–60: 9 of 12 at level 2 (75 %: does not).
    add_people(
        center.ward,
        imported,
        [(1990, "level_2")] * 8 + [(1995, "level_1"), (2000, "none"), (1970, "level_2"), (1965, "level_1")],
    )
    record_learning_models(
        center.ward, 2018, center_director, {"family": (1000, 800, 700), "clan": (20, 12, 9)}
    )
    return center


def test_each_topic_sums_up_the_year_from_the_records(records, ward):
    adult = {line.label: line.value for line in topic_summary(ward, 2018, "adult_learning").lines}
    assert adult["Lượt người học trong năm"] == "82"
    assert adult["Trong đó nữ"] == "51"
    assert adult["Trong đó dân tộc thiểu số"] == "10"
    assert adult["Người học có tên trong danh sách lớp"] == "2"

    literacy = [line.value for line in topic_summary(ward, 2018, "literacy").lines]
    assert literacy[0] == "9/10 (90 %) đạt"
    assert literacy[1] == "9/12 (75 %) chưa đạt"

    families = {line.label: line.value for line in topic_summary(ward, 2018, "learning_families").lines}
    assert families == {
        "Gia đình học tập": "700/1.000 (70 %) – mục tiêu 70 %: đạt",
        "Dòng họ học tập": "9/20 (45 %) – mục tiêu 50 %: chưa đạt",
    }


def test_the_criterion_page_shows_the_summary_and_attaches_it_as_a_numbered_pdf(
    records, login, preparing, ward_officer
):
    client = login(ward_officer)
    page = client.get(reverse("assessments:criterion_edit", args=[preparing.pk, 8]))
    assert (
        "Số liệu của Trung tâm học tập cộng đồng năm 2018" not in page.text
    )  # the PDF's words, not the page's
    assert "Lượt người học trong năm" in page.text
    assert "Quách Thị Riêng Tư" not in page.text

    url = reverse("assessments:attach_center_summary", args=[preparing.pk, 8])
    assert client.post(url).status_code == 302
    client.post(url)  # again: replaces the first, keeps its number

    evidence = EvidenceFile.objects.get(assessment=preparing, criterion__number=8)
    assert evidence.generated_from == "adult_learning"
    text = normalised(pdf_text(evidence.file.read()))
    assert "BÁO CÁO" in text
    assert "Lượt người học trong năm 82" in text
    assert "Số: 01/BC-TTHTCĐ" in text
    assert "Riêng Tư" not in text and "Bí Mật" not in text


def test_a_criterion_without_centre_records_has_no_summary(login, preparing, ward_officer):
    client = login(ward_officer)
    page = client.get(reverse("assessments:criterion_edit", args=[preparing.pk, 1]))
    assert "Đính kèm bảng tổng hợp này làm minh chứng" not in page.text
    assert (
        client.post(reverse("assessments:attach_center_summary", args=[preparing.pk, 1])).status_code == 404
    )


@pytest.mark.parametrize(
    "who", ["other_ward_officer", "steering_member", "center_director", "education_staff"]
)
def test_only_those_who_edit_the_dossier_may_attach(request, login, preparing, who):
    response = login(request.getfixturevalue(who)).post(
        reverse("assessments:attach_center_summary", args=[preparing.pk, 4])
    )
    assert response.status_code in {403, 404}
    assert not EvidenceFile.objects.filter(generated_from__gt="").exists()
