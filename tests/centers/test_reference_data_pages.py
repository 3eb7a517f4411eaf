"""The centres' reference data pages: the activity catalogue, literacy standards, learning-model targets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from centers.models import Activity, ActivityKind, LearningModelTarget, LiteracyStandard
from tests.factories import UserFactory
from tests.helpers import vi, vi_text

PAGES = [
    ("centers:settings", []),
    ("centers:kind_list", []),
    ("centers:kind_create", []),
    ("centers:standard_list", []),
    ("centers:standard_create", []),
    ("centers:target_list", []),
    ("centers:target_create", []),
    ("centers:rubric_list", []),
]
REFUSED = [
    "ward_officer",
    "ward_chairman",
    "other_ward_officer",
    "center_director",
    "promotion_staff",
    "inspector",
    "district_chairman",
    "steering_member",
]


def kind(code="xoa-mu-chu") -> ActivityKind:
    return ActivityKind.objects.get(code=code)


def an_activity_of(center, kind_: ActivityKind) -> Activity:
    """A recorded activity (written directly: only its kind matters here)."""
    return Activity.objects.create(
        created_by=UserFactory(),
        center=center,
        kind=kind_,
        title="Lớp xóa mù chữ khu phố 3",
        starts_on=datetime.date(2018, 3, 1),
        ends_on=datetime.date(2018, 6, 30),
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Who may -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["education_staff", "system_admin"])
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_the_settings_pages_open_for_the_education_office_and_the_administrator(
    request, login, persona, name, args
):
    assert login(request.getfixturevalue(persona)).get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
def test_the_settings_pages_and_their_actions_are_refused_to_everyone_else(request, login, db, persona):
    client = login(request.getfixturevalue(persona))
    standard = LiteracyStandard.objects.first()
    target = LearningModelTarget.objects.first()
    for name, args in PAGES:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    for name, obj in [
        ("centers:kind_edit", kind()),
        ("centers:standard_edit", standard),
        ("centers:target_edit", target),
        ("centers:rubric_edit", None),
    ]:
        pk = obj.pk if obj else 1
        assert client.get(reverse(name, args=[pk])).status_code == 403, name
    assert (
        client.post(reverse("centers:kind_set_active", args=[kind().pk]), {"active": "0"}).status_code == 403
    )
    assert client.post(reverse("centers:kind_delete", args=[kind().pk])).status_code == 403
    assert client.post(reverse("centers:standard_edit", args=[standard.pk]), {}).status_code == 403
    assert kind().active is True


def test_the_settings_pages_ask_anonymous_to_sign_in(login, db):
    for name, args in PAGES:
        response = login(None).get(reverse(name, args=args))
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_the_manage_menu_offers_the_settings_to_those_who_may(login, education_staff, ward_officer):
    url = reverse("centers:settings")
    manage = login(education_staff).get(reverse("centers:kind_list")).context["nav_manage"]
    assert [(item.url, item.active) for item in manage if item.url == url] == [(url, True)]
    items = login(ward_officer).get(reverse("wards:list")).context["nav_items"]
    assert url not in [item.url for item in items]


# --- The activity catalogue ---------------------------------------------------------------------------


def test_the_catalogue_lists_every_kind_with_its_use(login, education_staff, center):
    an_activity_of(center, kind())

    response = login(education_staff).get(reverse("centers:kind_list"))

    counts = {k.code: k.activity_count for k in response.context["kinds"]}
    assert counts["xoa-mu-chu"] == 1 and counts["tin-hoc"] == 0
    assert len(counts) == ActivityKind.objects.count() == 21
    content = response.content.decode()
    assert reverse("centers:kind_delete", args=[kind("tin-hoc").pk]) in content
    assert reverse("centers:kind_delete", args=[kind().pk]) not in content  # in use: no delete button


def test_add_a_kind_to_the_catalogue(login, education_staff):
    response = login(education_staff).post(
        reverse("centers:kind_create"),
        {
            "code": "cd-giao-thong",
            "name": "Chuyên đề an toàn giao thông",
            "group": "talk",
            "counts_only": "on",
            "order": "30",
        },
    )

    assert response.status_code == 302 and response.url == reverse("centers:kind_list")
    added = kind("cd-giao-thong")
    assert (added.name, added.group, added.counts_only, added.active) == (
        "Chuyên đề an toàn giao thông",
        "talk",
        True,
        True,
    )


def test_a_kind_with_a_code_taken_is_refused_and_keeps_what_was_typed(login, education_staff):
    response = login(education_staff).post(
        reverse("centers:kind_create"),
        {"code": "tin-hoc", "name": "Tin học văn phòng", "group": "it", "order": "1"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert response.context["form"]["name"].value() == "Tin học văn phòng"
    assert ActivityKind.objects.filter(code="tin-hoc").count() == 1


def test_edit_a_kind_keeps_its_code(login, education_staff):
    it = kind("tin-hoc")

    login(education_staff).post(
        reverse("centers:kind_edit", args=[it.pk]),
        {"code": "doi-ma", "name": "Lớp tin học cơ bản", "group": "it", "order": "5"},
    )

    it.refresh_from_db()
    assert (it.code, it.name, it.order) == ("tin-hoc", "Lớp tin học cơ bản", 5)


def test_take_a_kind_out_of_use_and_back(login, education_staff, center):
    an_activity_of(center, kind())
    client = login(education_staff)

    client.post(reverse("centers:kind_set_active", args=[kind().pk]), {"active": "0"})
    assert kind().active is False
    assert Activity.objects.get().kind == kind()  # recorded activities keep it
    client.post(reverse("centers:kind_set_active", args=[kind().pk]), {"active": "1"})
    assert kind().active is True


def test_deleting_a_kind_asks_first(login, education_staff):
    it = kind("tin-hoc")

    response = login(education_staff).get(reverse("centers:kind_delete", args=[it.pk]))

    assert response.status_code == 200
    assert vi("“%(kind)s” will be deleted from the catalogue. This cannot be undone.", kind=it.name) in (
        response.content.decode()
    )
    assert ActivityKind.objects.filter(pk=it.pk).exists()


def test_a_kind_in_use_is_never_deleted_an_unused_one_is(login, education_staff, center):
    an_activity_of(center, kind())
    client = login(education_staff)

    refused = client.post(reverse("centers:kind_delete", args=[kind().pk]), follow=True)
    deleted = client.post(reverse("centers:kind_delete", args=[kind("tin-hoc").pk]), follow=True)

    assert messages_of(refused) == [
        vi_text(
            "“%(kind)s” is used by recorded activities: it cannot be deleted, only taken out of use.",
            kind="Lớp xóa mù chữ",
        )
    ]
    assert ActivityKind.objects.filter(code="xoa-mu-chu").exists()
    assert messages_of(deleted) == [vi_text("“%(kind)s” has been deleted.", kind="Lớp tin học")]
    assert not ActivityKind.objects.filter(code="tin-hoc").exists()


# --- Literacy standards -------------------------------------------------------------------------------


def test_edit_a_standard_ages_and_threshold_but_not_its_level_and_year(login, education_staff):
    standard = LiteracyStandard.objects.get(level="level_1", valid_from=2014)

    response = login(education_staff).post(
        reverse("centers:standard_edit", args=[standard.pk]),
        {
            "level": "level_2",
            "valid_from": "2020",
            "name": "Chuẩn biết chữ mức độ 1",
            "min_age": "15",
            "max_age": "40",
            "threshold_percent": "92,5",
            "legal_basis": "Nghị định 20/2014/NĐ-CP",
        },
    )

    assert response.status_code == 302
    standard.refresh_from_db()
    assert (standard.level, standard.valid_from, standard.max_age, standard.threshold_percent) == (
        "level_1",
        2014,
        40,
        Decimal("92.5"),
    )


def standard_post(**changes) -> dict:
    return {
        "level": "level_1",
        "valid_from": "2021",
        "name": "Chuẩn biết chữ mức độ 1 (mới)",
        "min_age": "15",
        "max_age": "35",
        "threshold_percent": "95",
        "legal_basis": "",
        **changes,
    }


def test_add_a_standard_from_a_year(login, education_staff):
    response = login(education_staff).post(reverse("centers:standard_create"), standard_post())

    assert response.status_code == 302
    assert list(
        LiteracyStandard.objects.filter(level="level_1").values_list("valid_from", "threshold_percent")
    ) == [
        (2021, Decimal(95)),
        (2014, Decimal(90)),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"valid_from": "2014"},
            "valid_from",
            (
                "There is already a standard of this level from %(year)s: edit that one instead.",
                {"year": 2014},
            ),
        ),
        ({"max_age": "15"}, "max_age", ("The lower age must be below the upper age.", {})),
        (
            {"threshold_percent": "120"},
            "threshold_percent",
            ("A percentage is more than 0 and at most 100.", {}),
        ),
        (
            {"threshold_percent": "0"},
            "threshold_percent",
            ("A percentage is more than 0 and at most 100.", {}),
        ),
    ],
)
def test_a_bad_standard_is_refused_with_a_clear_message(login, education_staff, changes, field, message):
    response = login(education_staff).post(reverse("centers:standard_create"), standard_post(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [vi_text(message[0], **message[1])]}
    assert vi("Nothing has been changed. Please correct the errors below.") in response.content.decode()
    assert LiteracyStandard.objects.count() == 2


# --- Learning-model targets ---------------------------------------------------------------------------


def test_edit_a_target_and_add_one_from_a_year(login, education_staff):
    family = LearningModelTarget.objects.get(kind="family", valid_from=2014)
    client = login(education_staff)

    client.post(
        reverse("centers:target_edit", args=[family.pk]),
        {"kind": "clan", "valid_from": "2000", "target_percent": "75", "legal_basis": "QĐ 281"},
    )
    added = client.post(
        reverse("centers:target_create"),
        {
            "kind": "family",
            "valid_from": "2021",
            "target_percent": "80",
            "legal_basis": "Quyết định 387/QĐ-TTg",
        },
    )
    duplicate = client.post(
        reverse("centers:target_create"),
        {"kind": "family", "valid_from": "2021", "target_percent": "85", "legal_basis": ""},
    )

    family.refresh_from_db()
    assert (family.kind, family.valid_from, family.target_percent, family.legal_basis) == (
        "family",
        2014,
        Decimal(75),
        "QĐ 281",
    )
    assert added.status_code == 302
    assert duplicate.context["form"].errors == {
        "valid_from": [
            vi_text("There is already a target of this kind from %(year)s: edit that one instead.", year=2021)
        ]
    }
    assert list(
        LearningModelTarget.objects.filter(kind="family").values_list("valid_from", "target_percent")
    ) == [(2021, Decimal(80)), (2014, Decimal(75))]
