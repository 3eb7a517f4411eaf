"""Batches of documents rendered in the background: start, progress, the ZIP, failure, who may do what."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from assessments.batch_rendering import run_batch
from assessments.batches import start_batch
from assessments.documents import registry
from assessments.models import BatchState, DocumentBatch
from engines.models import IssuedNumber
from tests.factories import AssessmentFactory, CycleFactory, WardFactory
from tests.helpers import open_zip, pdf_text

CREATE_URL = reverse("assessments:batch_create")
MINUTES = {"kind": "ward_minutes", "year": "2018"}


@pytest.fixture
def three_wards(cycle, ward, other_ward):
    """The 2018 assessments of Phường 1, 2 and 3, and one of 2019 that no 2018 batch may pick up."""
    third = WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster)
    assessments = [AssessmentFactory(cycle=cycle, ward=w) for w in (third, ward, other_ward)]
    AssessmentFactory(cycle=CycleFactory(year=2019), ward=ward)
    return sorted(assessments, key=lambda a: a.ward.code)


def detail_url(batch):
    return reverse("assessments:batch_detail", args=[batch.pk])


def download_url(batch):
    return reverse("assessments:batch_download", args=[batch.pk])


def start_as(client, django_capture_on_commit_callbacks, data=MINUTES):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(CREATE_URL, data)


def test_batch_of_ward_minutes_renders_every_ward_into_one_zip(
    login, django_capture_on_commit_callbacks, three_wards, education_staff
):
    client = login(education_staff)

    response = start_as(client, django_capture_on_commit_callbacks)

    batch = DocumentBatch.objects.get()
    assert (response.status_code, response.url) == (302, detail_url(batch))
    assert (batch.requested_by, batch.kind, batch.state) == (education_staff, "ward_minutes", BatchState.DONE)
    assert (batch.total, batch.done, batch.error) == (3, 3, "")
    assert batch.object_ids == [a.pk for a in three_wards]
    assert batch.finished_at is not None
    download = client.get(download_url(batch))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="BB-2018.zip"'
    archive = open_zip(download)
    assert archive.namelist() == ["BB-P01-2018.pdf", "BB-P02-2018.pdf", "BB-P03-2018.pdf"]
    for name, ward_name in zip(archive.namelist(), ["Phường 1", "Phường 2", "Phường 3"], strict=True):
        content = archive.read(name)
        assert content.startswith(b"%PDF")
        text = pdf_text(content)
        assert "BIÊN BẢN" in text
        assert f"ỦY BAN NHÂN DÂN {ward_name.upper()}" in text
    # Each ward's minutes got its number from its own ward's register.
    assert sorted(IssuedNumber.objects.values_list("issuer_code", "document_key", "number")) == [
        ("P01", "ward_minutes", 1),
        ("P02", "ward_minutes", 1),
        ("P03", "ward_minutes", 1),
    ]


def test_batch_progress_page_shows_the_count_and_the_download_when_done(
    login, django_capture_on_commit_callbacks, three_wards, education_staff
):
    client = login(education_staff)
    start_as(client, django_capture_on_commit_callbacks)
    batch = DocumentBatch.objects.get()

    page = client.get(detail_url(batch)).content.decode()

    assert '<span id="batch-count">3/3</span>' in page
    assert 'class="progress-bar w-100 bg-success"' in page
    assert f'href="{download_url(batch)}"' in page
    assert 'http-equiv="refresh"' not in page


def test_batch_progress_page_refreshes_itself_while_the_batch_waits(
    login, django_capture_on_commit_callbacks, three_wards, education_staff
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = start_batch(education_staff, "ward_minutes", three_wards)
    assert len(callbacks) == 1  # the task is queued only once the batch row is committed
    client = login(education_staff)

    page = client.get(detail_url(batch)).content.decode()

    assert '<span id="batch-count">0/3</span>' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'class="progress-bar w-0 progress-bar-striped progress-bar-animated"' in page
    assert download_url(batch) not in page
    assert client.get(download_url(batch)).status_code == 404
    # The worker picks it up: the same code path the task runs.
    callbacks[0]()
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 3)


def test_batch_progress_bar_moves_in_steps_of_ten(three_wards, education_staff):
    batch = DocumentBatch(requested_by=education_staff, kind="ward_minutes", total=3, done=2)
    assert (batch.percent, batch.percent_step) == (66, 60)


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman"])
def test_batch_cannot_be_started_by_the_ward(
    request, login, django_capture_on_commit_callbacks, three_wards, persona
):
    response = start_as(login(request.getfixturevalue(persona)), django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert DocumentBatch.objects.count() == 0
    assert IssuedNumber.objects.count() == 0


def test_batch_cannot_be_started_anonymously_or_with_get(login, three_wards, education_staff):
    anonymous = login(None).post(CREATE_URL, MINUTES)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))
    assert login(education_staff).get(CREATE_URL).status_code == 405
    assert DocumentBatch.objects.count() == 0


@pytest.mark.parametrize(
    "data", [{"kind": "ward_plan", "year": "2018"}, {"kind": "ward_minutes", "year": "2017"}, {"kind": "x"}]
)
def test_batch_of_an_unoffered_document_or_an_unknown_year_is_refused(
    login, django_capture_on_commit_callbacks, three_wards, education_staff, data
):
    response = start_as(login(education_staff), django_capture_on_commit_callbacks, data)
    assert (response.status_code, response.url) == (302, reverse("assessments:list"))
    with translation.override("vi"):
        expected = gettext("This batch of documents cannot be produced.")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    assert DocumentBatch.objects.count() == 0


def test_batch_of_a_year_without_assessments_is_refused(
    login, django_capture_on_commit_callbacks, cycle, education_staff
):
    response = start_as(login(education_staff), django_capture_on_commit_callbacks)
    assert (response.status_code, response.url) == (302, reverse("assessments:list"))
    with translation.override("vi"):
        expected = gettext("There is no document to produce.")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    assert DocumentBatch.objects.count() == 0


def test_batch_is_seen_by_the_requester_and_the_district_side_only(
    login,
    django_capture_on_commit_callbacks,
    three_wards,
    education_staff,
    inspector,
    ward_officer,
    other_ward_officer,
    ward_chairman,
):
    start_as(login(education_staff), django_capture_on_commit_callbacks)
    batch = DocumentBatch.objects.get()

    assert login(inspector).get(download_url(batch)).status_code == 200
    assert '<span id="batch-count">3/3</span>' in login(inspector).get(detail_url(batch)).content.decode()
    for outsider in (ward_officer, other_ward_officer, ward_chairman):
        assert login(outsider).get(detail_url(batch)).status_code == 404
        assert login(outsider).get(download_url(batch)).status_code == 404
    assert (
        login(education_staff).get(reverse("assessments:batch_detail", args=[batch.pk + 1])).status_code
        == 404
    )
    anonymous = login(None).get(download_url(batch))
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 3)


def test_batch_fails_with_the_error_when_a_document_cannot_be_rendered(
    login, monkeypatch, django_capture_on_commit_callbacks, three_wards, education_staff
):
    real_render = registry.render_document
    broken = three_wards[1]

    def render(key, obj):
        if obj.pk == broken.pk:
            raise RuntimeError("font missing")
        return real_render(key, obj)

    monkeypatch.setattr(registry, "render_document", render)
    client = login(education_staff)

    start_as(client, django_capture_on_commit_callbacks)

    batch = DocumentBatch.objects.get()
    assert (batch.state, batch.total, batch.done) == (BatchState.FAILED, 3, 1)
    assert batch.error == f"{broken}: font missing"
    assert batch.finished_at is not None
    assert not batch.result
    page = client.get(detail_url(batch)).content.decode()
    assert '<span id="batch-count">1/3</span>' in page
    assert "font missing" in page
    assert 'http-equiv="refresh"' not in page
    assert client.get(download_url(batch)).status_code == 404


def test_batch_run_again_after_it_finished_changes_nothing(
    login, django_capture_on_commit_callbacks, three_wards, education_staff
):
    start_as(login(education_staff), django_capture_on_commit_callbacks)
    batch = DocumentBatch.objects.get()

    again = run_batch(batch.pk)

    assert (again.state, again.done, again.result.name, again.finished_at) == (
        BatchState.DONE,
        3,
        batch.result.name,
        batch.finished_at,
    )


def test_assessment_list_offers_the_minutes_batch_to_the_district_side_only(
    login, three_wards, education_staff, ward_officer
):
    url = reverse("assessments:list")
    button = f'action="{CREATE_URL}"'
    district_page = login(education_staff).get(url).content.decode()
    assert button in district_page
    assert '<input type="hidden" name="year" value="2019">' in district_page  # the latest cycle by default
    assert button not in login(ward_officer).get(url).content.decode()
