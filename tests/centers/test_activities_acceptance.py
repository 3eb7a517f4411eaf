"""Acceptance: a CLC director, through the pages, runs a class with a learner list and a talk with counts;
the centre's figures — on its page and from ``center_figures`` — are exactly what was recorded."""

import re

from centers.figures import center_figures
from centers.models import Activity, Learner, Session
from tests.centers.activity_data import kind


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def _figure(html: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}">(\d+)<', html)
    assert match, element_id
    return int(match.group(1))


def _row(html: str, table_id: str, heading: str) -> list[int]:
    """The six numbers of the row headed ``heading`` in the table ``table_id``."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    row = table.split(f">{heading}</th>", 1)[1].split("</tr>", 1)[0]
    return [int(number) for number in re.findall(r">(\d+)</td>", row)]


def test_director_records_a_class_and_a_talk_and_the_figures_are_exact(login, center, center_director):
    client = login(center_director)
    base = f"/centers/{center.pk}"

    # A literacy class, three learners (two women, one of an ethnic minority), two sessions.
    response = _post(
        client,
        f"{base}/activities/new/",
        {
            "kind": kind("xoa-mu-chu").pk,
            "title": "Lớp xóa mù chữ khóa 1",
            "instructor": "Cô Phạm Thị Thu",
            "starts_on": "01/03/2018",
            "ends_on": "30/06/2018",
            "place": "Hội trường UBND phường",
            "attendance": "",
        },
    )
    literacy = Activity.objects.get(title="Lớp xóa mù chữ khóa 1")
    assert response["Location"] == literacy.get_absolute_url()
    assert literacy.attendance == "list"
    people = [
        ("Nguyễn Thị Lan", "1980", "F", "", "Tổ 3"),
        ("Trần Văn Minh", "1975", "M", "", "Tổ 5"),
        ("Thạch Thị Sa Ra", "1990", "F", "on", "Tổ 3"),
    ]
    for name, year, gender, minority, group in people:
        data = {"full_name": name, "birth_year": year, "gender": gender, "residential_group": group}
        if minority:
            data["ethnic_minority"] = minority
        _post(client, f"{base}/activities/{literacy.pk}/learners/add/", data)
    lan, minh, sara = (Learner.objects.get(full_name=name) for name, *_rest in people)
    _post(
        client,
        f"{base}/activities/{literacy.pk}/sessions/new/",
        {"date": "05/03/2018", "topic": "Bài 1", "attendees": [lan.pk, minh.pk]},
    )
    _post(
        client,
        f"{base}/activities/{literacy.pk}/sessions/new/",
        {"date": "02/04/2018", "topic": "Bài 2", "attendees": [lan.pk, minh.pk, sara.pk]},
    )

    # A health talk recorded as counts (the kind suggests it).
    _post(
        client,
        f"{base}/activities/new/",
        {
            "kind": kind("cd-suc-khoe").pk,
            "title": "Phòng chống sốt xuất huyết",
            "starts_on": "10/04/2018",
            "ends_on": "10/04/2018",
            "attendance": "",
        },
    )
    talk = Activity.objects.get(title="Phòng chống sốt xuất huyết")
    assert talk.attendance == "counts"
    _post(
        client,
        f"{base}/activities/{talk.pk}/sessions/new/",
        {"date": "10/04/2018", "total": "120", "women": "70", "ethnic_minority": "5"},
    )

    assert list(Session.objects.order_by("date").values_list("total", "women", "ethnic_minority")) == [
        (2, 1, 0),
        (3, 2, 1),
        (120, 70, 5),
    ]

    figures = center_figures(center, 2018)
    total = figures.total
    assert (
        total.activities,
        total.sessions,
        total.attendances,
        total.learners,
        total.women,
        total.ethnic_minority,
    ) == (
        2,
        3,
        125,
        3,
        73,
        6,
    )
    literacy_row, talk_row = figures.by_group["literacy"], figures.by_group["talk"]
    assert (
        literacy_row.activities,
        literacy_row.sessions,
        literacy_row.attendances,
        literacy_row.learners,
    ) == (1, 2, 5, 3)
    assert (literacy_row.women, literacy_row.ethnic_minority) == (3, 1)
    assert (talk_row.activities, talk_row.sessions, talk_row.attendances, talk_row.learners) == (1, 1, 120, 0)
    assert (talk_row.women, talk_row.ethnic_minority) == (70, 5)
    assert all(figures.by_group[group].activities == 0 for group in ("it", "hobby", "vocational", "language"))
    march, april, may, july = (figures.by_month[month] for month in (3, 4, 5, 7))
    assert (march.activities, march.sessions, march.attendances, march.learners, march.women) == (
        1,
        1,
        2,
        2,
        1,
    )
    assert (april.activities, april.sessions, april.attendances, april.learners, april.women) == (
        2,
        2,
        123,
        3,
        72,
    )
    assert (april.ethnic_minority, may.activities, may.sessions, july.activities) == (6, 1, 0, 0)

    # The centre's page shows the same numbers.
    html = client.get(f"{base}/?year=2018").content.decode()
    assert [
        _figure(html, name)
        for name in (
            "total-activities",
            "total-sessions",
            "total-attendances",
            "total-learners",
            "total-women",
            "total-ethnic-minority",
        )
    ] == [2, 3, 125, 3, 73, 6]
    assert _row(html, "figures-by-group", "Lớp xóa mù chữ và sau xóa mù chữ") == [1, 2, 5, 3, 3, 1]
    assert _row(html, "figures-by-group", "Chuyên đề") == [1, 1, 120, 0, 70, 5]
    assert _row(html, "figures-by-month", "Tháng 3") == [1, 1, 2, 2, 1, 0]
    assert _row(html, "figures-by-month", "Tháng 4") == [2, 2, 123, 3, 72, 6]
    assert _row(html, "figures-by-month", "Tháng 7") == [0, 0, 0, 0, 0, 0]
