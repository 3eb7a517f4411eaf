"""News items and good examples: district staff write and publish them, everybody reads what is published."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from engines.workflow import ProtectedStateError, ReasonRequired
from plans.models import NewsItem, NewsKind, NewsState
from plans.news import create_news_item, update_news_item
from plans.news_workflow import NEWS_WORKFLOW
from tests.helpers import vi, vi_text

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "Gương bà Nguyễn Thị Lan học chữ ở tuổi 70",
    "kind": NewsKind.GOOD_EXAMPLE,
    "summary": "Bà Lan theo lớp xóa mù chữ của Trung tâm học tập cộng đồng Phường 1.",
    "body": "Đoạn thứ nhất.\n\nĐoạn thứ hai.",
    "published_on": datetime.date(2018, 11, 20),
}
FORM = {**TEXT, "kind": "good_example", "published_on": "20/11/2018", "ward": ""}
# Who may not write, publish or withdraw: every signed-in role but the district staff.
REFUSED = [
    "ward_officer",
    "ward_chairman",
    "inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
]


@pytest.fixture
def draft(education_staff, ward):
    return create_news_item(education_staff, **TEXT, ward=ward)


@pytest.fixture
def published(draft, education_staff):
    NEWS_WORKFLOW.perform(draft, "publish", education_staff)
    return draft


@pytest.fixture
def withdrawn(published, education_staff):
    NEWS_WORKFLOW.perform(published, "withdraw", education_staff, reason="Sai tên người được nêu gương")
    return published


# --- The public pages ------------------------------------------------------------------------------


def test_anonymous_reads_the_list_and_a_published_item(login, published, ward):
    client = login(None)
    listing = client.get("/news/")
    assert listing.status_code == 200
    assert [item.pk for item in listing.context["page"]] == [published.pk]
    response = client.get(f"/news/{published.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert TEXT["title"] in html and TEXT["summary"] in html and ward.name in html and "20/11/2018" in html
    assert "<p>Đoạn thứ nhất.</p>\n\n<p>Đoạn thứ hai.</p>" in html
    assert published.created_by.full_name not in html


@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_a_draft_or_withdrawn_item_is_404_for_the_public(login, request, state, steering_member):
    item = request.getfixturevalue(state)
    for client in (login(None), login(steering_member)):
        assert client.get(f"/news/{item.pk}/").status_code == 404
        assert item.title not in client.get("/news/").content.decode()


def test_the_list_filters_by_kind(login, published, education_staff):
    news = create_news_item(education_staff, **{**TEXT, "title": "Hội nghị tổng kết", "kind": NewsKind.NEWS})
    NEWS_WORKFLOW.perform(news, "publish", education_staff)
    client = login(None)
    assert [i.pk for i in client.get("/news/").context["page"]] == [news.pk, published.pk]
    assert [i.pk for i in client.get("/news/?kind=news").context["page"]] == [news.pk]
    assert [i.pk for i in client.get("/news/?kind=good_example").context["page"]] == [published.pk]
    assert [i.pk for i in client.get("/news/?kind=<x>").context["page"]] == [news.pk, published.pk]


def test_user_text_is_escaped(login, education_staff):
    item = create_news_item(
        education_staff, **{**TEXT, "title": "<script>alert(1)</script>", "body": "<b>đậm</b>\n<i>x</i>"}
    )
    NEWS_WORKFLOW.perform(item, "publish", education_staff)
    for client, url in ((login(None), item.public_url()), (login(education_staff), item.get_absolute_url())):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<b>đậm</b>" not in html and "&lt;b&gt;đậm&lt;/b&gt;<br>&lt;i&gt;x&lt;/i&gt;" in html
    assert "&lt;script&gt;" in login(None).get("/news/").content.decode()


def test_the_navigation_links_to_news(login, ward_officer):
    assert 'href="/news/"' in login(None).get("/results/").content.decode()
    assert 'href="/news/"' in login(ward_officer).get("/inbox/").content.decode()


def test_the_public_list_query_count_is_constant(login, education_staff, django_assert_num_queries):
    client = login(None)
    for count in (1, 15):
        while NewsItem.objects.count() < count:
            item = create_news_item(education_staff, **TEXT)
            NEWS_WORKFLOW.perform(item, "publish", education_staff)
        # 1 count for the paginator, 2 the page's items with their wards
        with django_assert_num_queries(2):
            assert len(client.get("/news/").context["page"]) == count


# --- The district staff's pages ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["education_staff", "promotion_staff"])
def test_district_staff_write_a_draft_that_stays_private(login, request, persona, ward):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert client.get("/news/manage/new/").status_code == 200
    response = client.post("/news/manage/new/", {**FORM, "ward": ward.pk})
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/news/manage/{item.pk}/"
    assert (item.title, item.kind, item.ward, item.published_on, item.state, item.created_by) == (
        TEXT["title"],
        NewsKind.GOOD_EXAMPLE,
        ward,
        datetime.date(2018, 11, 20),
        NewsState.DRAFT,
        user,
    )
    assert login(None).get(f"/news/{item.pk}/").status_code == 404
    assert item.title in client.get("/news/manage/").content.decode()


def test_an_invalid_form_keeps_what_was_typed_and_says_why_in_vietnamese(login, education_staff):
    response = login(education_staff).post(
        "/news/manage/new/", {**FORM, "title": "", "published_on": "31/02/2018"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert TEXT["summary"] in html and "31/02/2018" in html
    assert vi("This field is required.") in html
    assert vi("Enter a valid date.") in html
    assert NewsItem.objects.count() == 0


def test_staff_edit_a_draft_but_not_a_published_item(login, draft, education_staff):
    client = login(education_staff)
    response = client.post(f"/news/manage/{draft.pk}/edit/", {**FORM, "title": "  Tên mới  "})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tên mới" and draft.ward is None

    NEWS_WORKFLOW.perform(draft, "publish", education_staff)
    response = client.post(f"/news/manage/{draft.pk}/edit/", {**FORM, "title": "Sửa sau khi công bố"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tên mới"
    with pytest.raises(ValidationError):
        update_news_item(draft, education_staff, title="x")


def test_publishing_needs_the_confirmation_posted(login, draft, education_staff):
    client = login(education_staff)
    page = client.get(f"/news/manage/{draft.pk}/step/publish/")
    assert page.status_code == 200
    assert (
        vi(
            "This becomes public: anyone can read it on the news page, without logging in. A published item can no longer be edited; to correct it, withdraw it."
        )
        in page.content.decode()
    )
    draft.refresh_from_db()
    assert draft.state == NewsState.DRAFT
    assert login(None).get(f"/news/{draft.pk}/").status_code == 404

    response = client.post(f"/news/manage/{draft.pk}/step/publish/", {})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == NewsState.PUBLISHED
    assert login(None).get(f"/news/{draft.pk}/").status_code == 200
    assert [(c.transition, c.actor) for c in draft.history.all()] == [("publish", education_staff)]


def test_withdrawing_needs_a_reason_and_takes_the_item_off_the_public_page(login, published, education_staff):
    client = login(education_staff)
    response = client.post(f"/news/manage/{published.pk}/step/withdraw/", {"reason": " "})
    assert response.status_code == 200
    assert vi("Please give a reason.") in response.content.decode()
    published.refresh_from_db()
    assert published.state == NewsState.PUBLISHED

    client.post(f"/news/manage/{published.pk}/step/withdraw/", {"reason": "Sai tên"})
    published.refresh_from_db()
    assert published.state == NewsState.WITHDRAWN
    assert login(None).get(f"/news/{published.pk}/").status_code == 404
    assert "Sai tên" in client.get(published.get_absolute_url()).content.decode()
    assert vi_text("Reason for withdrawal") in client.get(published.get_absolute_url()).content.decode()


def test_the_engine_refuses_a_withdrawal_without_a_reason(published, education_staff):
    with pytest.raises(ReasonRequired):
        NEWS_WORKFLOW.perform(published, "withdraw", education_staff, reason="  ")


def test_a_withdrawn_item_goes_back_to_draft_to_be_corrected(login, withdrawn, education_staff):
    client = login(education_staff)
    client.post(f"/news/manage/{withdrawn.pk}/step/redraft/", {})
    withdrawn.refresh_from_db()
    assert withdrawn.state == NewsState.DRAFT
    assert client.get(f"/news/manage/{withdrawn.pk}/edit/").status_code == 200


def test_the_state_is_never_written_directly(draft):
    draft.state = NewsState.PUBLISHED
    with pytest.raises(ProtectedStateError):
        draft.save()


def test_a_system_admin_undoes_the_publication_with_a_reason(login, published, system_admin, education_staff):
    assert login(education_staff).get(f"/news/manage/{published.pk}/undo/").status_code == 403
    client = login(system_admin)
    assert client.get(published.get_absolute_url()).status_code == 200
    response = client.post(f"/news/manage/{published.pk}/undo/", {"reason": "Công bố nhầm"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.state == NewsState.DRAFT
    assert login(None).get(f"/news/{published.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["education_staff", "promotion_staff", "ward_officer", "steering_member"])
def test_only_the_system_admin_undoes(login, request, persona, published):
    response = login(request.getfixturevalue(persona)).post(
        f"/news/manage/{published.pk}/undo/", {"reason": "Công bố nhầm"}
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.state == NewsState.PUBLISHED


STAFF_URLS = [
    ("get", "/news/manage/new/"),
    ("post", "/news/manage/new/"),
    ("get", "/news/manage/{pk}/edit/"),
    ("post", "/news/manage/{pk}/edit/"),
    ("get", "/news/manage/{pk}/step/publish/"),
    ("post", "/news/manage/{pk}/step/publish/"),
]


@pytest.mark.parametrize("persona", [*REFUSED, "other_ward_officer"])
@pytest.mark.parametrize(("method", "url"), STAFF_URLS)
def test_only_district_staff_write_and_publish(login, request, persona, method, url, draft):
    client = login(request.getfixturevalue(persona))
    response = getattr(client, method)(url.format(pk=draft.pk), FORM)
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.state, draft.title, NewsItem.objects.count()) == (NewsState.DRAFT, TEXT["title"], 1)


@pytest.mark.parametrize("persona", [*REFUSED, "other_ward_officer"])
def test_only_district_staff_withdraw(login, request, persona, published):
    response = login(request.getfixturevalue(persona)).post(
        f"/news/manage/{published.pk}/step/withdraw/", {"reason": "Không phù hợp"}
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.state == NewsState.PUBLISHED


@pytest.mark.parametrize("persona", ["ward_officer", "inspector", "district_chairman", "steering_member"])
def test_only_staff_and_the_admin_see_the_manage_pages(login, request, persona, draft):
    client = login(request.getfixturevalue(persona))
    assert client.get("/news/manage/").status_code == 403
    assert client.get(f"/news/manage/{draft.pk}/").status_code == 403
    assert 'id="manage-link"' not in client.get("/news/").content.decode()


@pytest.mark.parametrize(
    "url", ["/news/manage/", "/news/manage/new/", "/news/manage/{pk}/", "/news/manage/{pk}/step/publish/"]
)
def test_anonymous_is_sent_to_log_in_for_the_manage_pages(login, url, draft):
    response = login(None).post(url.format(pk=draft.pk), FORM)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    draft.refresh_from_db()
    assert draft.state == NewsState.DRAFT


def test_the_staff_see_only_the_steps_they_may_take(login, draft, education_staff, system_admin):
    html = login(education_staff).get(draft.get_absolute_url()).content.decode()
    assert f'href="/news/manage/{draft.pk}/step/publish/"' in html and 'id="edit-link"' in html
    admin_html = login(system_admin).get(draft.get_absolute_url()).content.decode()
    assert "/step/publish/" not in admin_html and 'id="edit-link"' not in admin_html
