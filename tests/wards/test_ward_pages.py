"""Ward list, ward detail, ward editing and the district overview."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import ClusterFactory, SteeringMemberFactory, WardFactory
from wards.forms import SteeringMemberFormSet, WardForm
from wards.models import CommitteeRole, SteeringMember, Ward
from wards.registry import update_ward

WARD_FIELDS = (
    "name",
    "population",
    "households",
    "residential_groups",
    "address",
    "chairman_name",
    "clc_director_name",
)


def edit_data(ward, *, new_members=(), **changes) -> dict:
    """The POST of the edit page as a browser sends it, unchanged unless told."""
    data = {field: getattr(ward, field) for field in WARD_FIELDS}
    data.update(code=ward.code, cluster=ward.cluster_id)
    members = list(ward.steering_members.all())
    for index, member in enumerate(members):
        data.update(
            {
                f"members-{index}-id": member.pk,
                f"members-{index}-full_name": member.full_name,
                f"members-{index}-position": member.position,
                f"members-{index}-committee_role": member.committee_role,
                f"members-{index}-order": member.order,
            }
        )
    for index, row in enumerate(new_members, start=len(members)):
        data.update({f"members-{index}-{field}": value for field, value in row.items()})
    data.update(
        {
            "members-TOTAL_FORMS": len(members) + len(new_members),
            "members-INITIAL_FORMS": len(members),
            "members-MIN_NUM_FORMS": 0,
            "members-MAX_NUM_FORMS": 1000,
        }
    )
    data.update(changes)
    return data


def names_in(response) -> list[str]:
    return [ward.name for ward in response.context["wards"]]


# --- ward list ---------------------------------------------------------------------------


def test_ward_list_sorts_numbers_naturally(login, education_staff):
    cluster = ClusterFactory()
    for number in (10, 2, 1, 12, 3):
        WardFactory(
            code=f"P{number:02d}", name=f"Phường {number}", cluster=cluster, district=cluster.district
        )

    response = login(education_staff).get("/wards/")

    assert names_in(response) == ["Phường 1", "Phường 2", "Phường 3", "Phường 10", "Phường 12"]


def test_ward_list_sorts_vietnamese_letters_after_their_base_letter(login, education_staff):
    cluster = ClusterFactory()
    for name in ("Yên Hòa", "Đa Kao", "Dân Chủ", "Âu Cơ", "An Khánh"):
        WardFactory(name=name, cluster=cluster, district=cluster.district)

    response = login(education_staff).get("/wards/")

    assert names_in(response) == ["An Khánh", "Âu Cơ", "Dân Chủ", "Đa Kao", "Yên Hòa"]


def test_ward_list_shows_code_cluster_and_figures(login, ward_officer, ward):
    Ward.objects.filter(pk=ward.pk).update(population=23456, households=5432, residential_groups=61)

    response = login(ward_officer).get("/wards/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<td>P01</td>" in html
    assert '<a href="/wards/P01/">Phường 1</a>' in html
    assert "<td>Cụm 1</td>" in html
    # Vietnamese groups thousands with a dot.
    assert '<td class="num">23.456</td>' in html
    assert '<td class="num">5.432</td>' in html
    assert '<td class="num">61</td>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phuong 1", ["Phường 1", "Phường 10", "Phường 11"]),
        ("PHƯỜNG 2", ["Phường 2"]),
        ("da kao", ["Đa Kao"]),
        ("Đa", ["Đa Kao"]),
        ("  ", ["Đa Kao", "Phường 1", "Phường 2", "Phường 10", "Phường 11"]),
        ("nothing like it", []),
    ],
)
def test_ward_list_search_ignores_diacritics_and_case(login, education_staff, query, expected):
    cluster = ClusterFactory()
    for name in ("Phường 1", "Phường 2", "Phường 10", "Phường 11", "Đa Kao"):
        WardFactory(name=name, cluster=cluster, district=cluster.district)

    response = login(education_staff).get("/wards/", {"q": query})

    assert names_in(response) == expected


def test_ward_list_filters_by_cluster(login, education_staff):
    first = ClusterFactory(number=1)
    second = ClusterFactory(number=2, district=first.district)
    WardFactory(name="Phường 1", cluster=first, district=first.district)
    WardFactory(name="Phường 6", cluster=second, district=first.district)
    WardFactory(name="Phường 7", cluster=second, district=first.district)

    response = login(education_staff).get("/wards/", {"cluster": second.pk})

    assert names_in(response) == ["Phường 6", "Phường 7"]


def test_ward_list_combines_search_and_cluster(login, education_staff):
    first = ClusterFactory(number=1)
    second = ClusterFactory(number=2, district=first.district)
    WardFactory(name="Phường 1", cluster=first, district=first.district)
    WardFactory(name="Phường 11", cluster=second, district=first.district)
    WardFactory(name="Phường 2", cluster=second, district=first.district)

    response = login(education_staff).get("/wards/", {"cluster": second.pk, "q": "phuong 1"})

    assert names_in(response) == ["Phường 11"]


def test_ward_list_refuses_anonymous_visitors(login, ward):
    response = login(None).get("/wards/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/wards/"


@pytest.mark.parametrize("ward_count", [1, 15])
def test_ward_list_queries_do_not_grow_with_wards(
    login, education_staff, django_assert_num_queries, ward_count
):
    cluster = ClusterFactory()
    WardFactory.create_batch(ward_count, cluster=cluster, district=cluster.district)
    client = login(education_staff)

    # 1 user (the session is read from the cache), 2 the user's roles (rules), 3 the clusters of the
    # filter's drop-down, 4 the count of wards (pager), 5 one page of wards with their cluster, 6 the mergers
    # that closed them (with the new ward).
    with django_assert_num_queries(6):
        response = client.get("/wards/")

    assert len(response.context["wards"]) == ward_count


# --- ward detail ---------------------------------------------------------------------------


def test_ward_detail_shows_ward_and_steering_committee(login, ward_chairman, ward):
    SteeringMemberFactory(ward=ward, full_name="Lê Văn Cường", committee_role=CommitteeRole.HEAD, order=1)
    SteeringMemberFactory(
        ward=ward, full_name="Trần Thị Bình", position="Công chức Văn hóa - Xã hội", order=2
    )

    response = login(ward_chairman).get("/wards/P01/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="h3 mb-1">Phường 1</h1>' in html
    assert "Quận 5 · Cụm 1 · " in html
    assert "1 Đường Trần Hưng Đạo, Phường 1" in html
    assert "Nguyễn Văn An" in html  # chairman
    assert "Trần Thị Bình" in html  # learning-centre director
    assert [member.full_name for member in response.context["members"]] == ["Lê Văn Cường", "Trần Thị Bình"]
    assert "<td>Công chức Văn hóa - Xã hội</td>" in html


@pytest.mark.parametrize(
    ("persona", "can_edit"),
    [
        ("ward_officer", True),
        ("education_staff", True),
        ("promotion_staff", True),
        ("system_admin", True),
        ("ward_chairman", False),
        ("other_ward_officer", False),
        ("inspector", False),
        ("district_chairman", False),
        ("steering_member", False),
    ],
)
def test_ward_detail_shows_edit_button_only_to_editors(request, login, ward, persona, can_edit):
    user = request.getfixturevalue(persona)

    response = login(user).get("/wards/P01/")

    assert response.status_code == 200
    assert response.context["can_edit"] is can_edit
    assert ('href="/wards/P01/edit/"' in response.content.decode()) is can_edit


def test_ward_detail_of_unknown_ward_is_not_found(login, ward_officer):
    assert login(ward_officer).get("/wards/P99/").status_code == 404


@pytest.mark.parametrize("member_count", [1, 10])
def test_ward_detail_queries_do_not_grow_with_members(
    login, education_staff, ward, django_assert_num_queries, member_count
):
    SteeringMemberFactory.create_batch(member_count, ward=ward)
    client = login(education_staff)

    # 1 user (the session is read from the cache), 2 the ward with cluster and district, 3 the user's
    # roles (rules), 4 the steering committee members, 5 the ward's assessments (the section the
    # assessments app adds to the page), 6 the ward's learning centre with its key figures (the centres
    # app's section), 7 the merger that formed the ward (none here; a merged ward's page asks one more).
    with django_assert_num_queries(7):
        response = client.get("/wards/P01/")

    assert len(response.context["members"]) == member_count


# --- ward editing --------------------------------------------------------------------------


def test_ward_officer_edits_own_ward(login, ward_officer, ward):
    member = SteeringMemberFactory(ward=ward, full_name="Lê Văn Cường", order=1)
    data = edit_data(
        ward,
        name="Phường 1 (mới)",
        population=31000,
        **{"members-0-position": "Chủ tịch UBND phường"},
        new_members=[
            {
                "full_name": "Ngô Thị Hoa",
                "position": "Bí thư Đoàn phường",
                "committee_role": "member",
                "order": 2,
            }
        ],
    )

    response = login(ward_officer).post("/wards/P01/edit/", data)

    assert response.status_code == 302
    assert response["Location"] == "/wards/P01/"
    ward.refresh_from_db()
    assert (ward.name, ward.population) == ("Phường 1 (mới)", 31000)
    assert ward.search_name == "phuong 1 (moi)"
    assert list(ward.steering_members.values_list("full_name", "position", "order")) == [
        ("Lê Văn Cường", "Chủ tịch UBND phường", 1),
        ("Ngô Thị Hoa", "Bí thư Đoàn phường", 2),
    ]
    assert member.pk == ward.steering_members.first().pk


def test_ward_officer_shows_success_message_after_saving(login, ward_officer, ward):
    client = login(ward_officer)

    response = client.post("/wards/P01/edit/", edit_data(ward, population=30000), follow=True)

    assert response.redirect_chain == [("/wards/P01/", 302)]
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "Phường 1" in messages[0]


def test_ward_officer_removes_a_steering_member(login, ward_officer, ward):
    SteeringMemberFactory(ward=ward, full_name="Lê Văn Cường", order=1)
    SteeringMemberFactory(ward=ward, full_name="Ngô Thị Hoa", order=2)

    response = login(ward_officer).post("/wards/P01/edit/", edit_data(ward, **{"members-0-DELETE": "on"}))

    assert response.status_code == 302
    assert list(ward.steering_members.values_list("full_name", flat=True)) == ["Ngô Thị Hoa"]


def test_ward_officer_may_not_change_code_or_cluster(login, ward_officer, ward):
    other_cluster = ClusterFactory(number=2, district=ward.district)

    page = login(ward_officer).get("/wards/P01/edit/")
    response = login(ward_officer).post(
        "/wards/P01/edit/", edit_data(ward, code="X99", cluster=other_cluster.pk)
    )

    assert list(page.context["form"].fields) == [
        "name",
        "population",
        "households",
        "residential_groups",
        "address",
        "chairman_name",
        "clc_director_name",
    ]
    assert response.status_code == 302
    ward.refresh_from_db()
    assert (ward.code, ward.cluster_id) == ("P01", ward.cluster_id)
    assert ward.cluster != other_cluster


def test_ward_officer_may_not_edit_another_ward(login, ward_officer, other_ward):
    response = login(ward_officer).post("/wards/P02/edit/", edit_data(other_ward, name="Đã đổi"))

    assert response.status_code == 403
    other_ward.refresh_from_db()
    assert other_ward.name == "Phường 2"
    assert login(ward_officer).get("/wards/P02/edit/").status_code == 403


@pytest.mark.parametrize("persona", ["education_staff", "promotion_staff", "system_admin"])
def test_district_staff_edit_any_ward_including_code_and_cluster(request, login, ward, other_ward, persona):
    user = request.getfixturevalue(persona)
    other_cluster = ClusterFactory(number=2, district=ward.district)

    response = login(user).post(
        "/wards/P02/edit/", edit_data(other_ward, code="P02B", cluster=other_cluster.pk, households=7000)
    )

    assert response.status_code == 302
    assert response["Location"] == "/wards/P02B/"
    other_ward.refresh_from_db()
    assert (other_ward.code, other_ward.cluster, other_ward.households) == ("P02B", other_cluster, 7000)


@pytest.mark.parametrize(
    "persona", ["ward_chairman", "other_ward_officer", "inspector", "district_chairman", "steering_member"]
)
def test_ward_edit_refused_to_other_roles(request, login, ward, persona):
    user = request.getfixturevalue(persona)
    client = login(user)

    page = client.get("/wards/P01/edit/")
    response = client.post("/wards/P01/edit/", edit_data(ward, name="Đã đổi"))

    assert (page.status_code, response.status_code) == (403, 403)
    ward.refresh_from_db()
    assert ward.name == "Phường 1"


def test_ward_edit_sends_anonymous_visitors_to_log_in(login, ward):
    response = login(None).post("/wards/P01/edit/", edit_data(ward, name="Đã đổi"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/wards/P01/edit/"
    ward.refresh_from_db()
    assert ward.name == "Phường 1"


def test_ward_edit_with_bad_number_saves_nothing_and_shows_the_error(login, ward_officer, ward):
    SteeringMemberFactory(ward=ward, full_name="Lê Văn Cường", order=1)
    data = edit_data(ward, name="Phường Một", population="abc", **{"members-0-full_name": "Lê Văn Cương"})

    response = login(ward_officer).post("/wards/P01/edit/", data)
    html = response.content.decode()

    assert response.status_code == 200
    # Django's own Vietnamese message for "Enter a whole number.", under the field
    # (its wording; if locale/vi overrides it, e.g. "Nhập một số nguyên.", change it here).
    assert response.context["form"].errors == {"population": ["Nhập một số nguyên."]}
    assert (
        '<div id="id_population_error" class="invalid-feedback"> '
        '<span id="error_1_id_population"><strong>Nhập một số nguyên.</strong></span> </div>'
    ) in html
    # What the user typed is still there.
    assert 'value="Phường Một"' in html
    assert 'value="abc"' in html
    assert 'value="Lê Văn Cương"' in html
    ward.refresh_from_db()
    assert (ward.name, ward.population) == ("Phường 1", 25000)
    assert list(SteeringMember.objects.values_list("full_name", flat=True)) == ["Lê Văn Cường"]


def test_ward_edit_with_a_member_missing_a_name_saves_nothing(login, ward_officer, ward):
    data = edit_data(
        ward,
        name="Phường Một",
        new_members=[
            {"full_name": "", "position": "Bí thư Đoàn phường", "committee_role": "member", "order": 3}
        ],
    )

    response = login(ward_officer).post("/wards/P01/edit/", data)

    assert response.status_code == 200
    assert response.context["formset"].errors == [{"full_name": ["Trường này là bắt buộc."]}]
    assert "Trường này là bắt buộc." in response.content.decode()
    ward.refresh_from_db()
    assert ward.name == "Phường 1"
    assert SteeringMember.objects.count() == 0


# --- district overview ---------------------------------------------------------------------


def test_district_overview_shows_clusters_wards_and_totals(login, inspector):
    first = ClusterFactory(number=1)
    second = ClusterFactory(number=2, district=first.district)
    WardFactory(name="Phường 2", cluster=first, district=first.district, population=20000, households=5000)
    WardFactory(name="Phường 10", cluster=first, district=first.district, population=30000, households=7000)
    WardFactory(
        name="Phường 6", cluster=second, district=first.district, population=15000, residential_groups=40
    )

    response = login(inspector).get("/district/")

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["cluster"].name, [ward.name for ward in row["wards"]]) for row in rows] == [
        ("Cụm 1", ["Phường 2", "Phường 10"]),
        ("Cụm 2", ["Phường 6"]),
    ]
    assert [
        (row["ward_count"], row["population"], row["households"], row["residential_groups"]) for row in rows
    ] == [
        (2, 50000, 12000, 120),
        (1, 15000, 6000, 40),
    ]
    assert response.context["totals"] == {
        "ward_count": 3,
        "population": 65000,
        "households": 18000,
        "residential_groups": 160,
    }
    html = response.content.decode()
    assert '<h1 class="h3 mb-1">Quận 5</h1>' in html
    assert '<td class="num">65.000</td>' in html


@pytest.mark.parametrize(
    "persona",
    [
        "education_staff",
        "promotion_staff",
        "inspector",
        "district_chairman",
        "steering_member",
        "system_admin",
    ],
)
def test_district_overview_open_to_district_side(request, login, ward, persona):
    response = login(request.getfixturevalue(persona)).get("/district/")

    assert response.status_code == 200
    assert response.context["totals"]["ward_count"] == 1


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman"])
def test_district_overview_refused_to_ward_users(request, login, persona):
    assert login(request.getfixturevalue(persona)).get("/district/").status_code == 403


@pytest.mark.parametrize("ward_count", [1, 15])
def test_district_overview_queries_do_not_grow_with_wards(
    login, steering_member, django_assert_num_queries, ward_count
):
    first = ClusterFactory(number=1)
    second = ClusterFactory(number=2, district=first.district)
    for index in range(ward_count):
        cluster = first if index % 2 == 0 else second
        WardFactory(cluster=cluster, district=first.district)
    client = login(steering_member)

    # 1 user (the session is read from the cache), 2 the user's roles (rules), 3 the district, 4 its
    # totals (and the pager's count), 5 one page of wards, 6 their clusters with each cluster's totals.
    with django_assert_num_queries(6):
        response = client.get("/district/")

    assert response.context["totals"]["ward_count"] == ward_count


def test_ward_edit_ignores_the_empty_rows_the_page_offers(login, ward_officer, ward):
    empty_row = {"full_name": "", "position": "", "committee_role": "member", "order": 0}

    response = login(ward_officer).post(
        "/wards/P01/edit/", edit_data(ward, new_members=[empty_row, empty_row])
    )

    assert response.status_code == 302
    assert SteeringMember.objects.count() == 0


def test_ward_edit_page_offers_two_empty_member_rows(login, ward_officer, ward):
    SteeringMemberFactory(ward=ward)

    response = login(ward_officer).get("/wards/P01/edit/")

    assert response.status_code == 200
    assert (
        response.context["formset"].total_form_count(),
        response.context["formset"].initial_form_count(),
    ) == (3, 1)


def test_update_ward_refuses_an_identity_change_by_a_ward_officer(ward_officer, ward):
    # The rule holds outside the views too: a form offering the code cannot be used to change it.
    form = WardForm(edit_data(ward, code="X99"), instance=ward, may_change_identity=True)
    formset = SteeringMemberFormSet(edit_data(ward), instance=ward, prefix="members")
    assert form.is_valid() and formset.is_valid()

    with pytest.raises(PermissionDenied):
        update_ward(ward_officer, form, formset)

    assert Ward.objects.get(pk=ward.pk).code == "P01"


def test_update_ward_refuses_a_user_who_may_not_edit(inspector, ward):
    form = WardForm(edit_data(ward, name="Đã đổi"), instance=ward)
    formset = SteeringMemberFormSet(edit_data(ward), instance=ward, prefix="members")
    assert form.is_valid() and formset.is_valid()

    with pytest.raises(PermissionDenied):
        update_ward(inspector, form, formset)

    assert Ward.objects.get(pk=ward.pk).name == "Phường 1"
