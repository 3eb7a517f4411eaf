"""Reporting on a task through its progress page: notes with evidence, event records, the workflow steps."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import TaskEvent, TaskEvidence, TaskReport, TaskState
from tests.helpers import EXE_BYTES, stored_files, vi, vi_text
from tests.plans.progress_support import event_post, make_plan, make_task, pdf_upload


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def plan(ward):
    return make_plan(ward.district)


@pytest.fixture
def hoi_task(plan, promotion_association):
    """The Hội Khuyến học's training of the wards' and khu phố's executives (a training: an event)."""
    return make_task(
        plan,
        unit=promotion_association,
        is_event=True,
        text="Tập huấn nghiệp vụ cho cán bộ Hội Khuyến học phường, khu phố",
    )


@pytest.fixture
def ward_task(plan, ward):
    return make_task(plan, ward=ward, text="Xây dựng kế hoạch xây dựng XHHT năm 2018 của phường")


def url(task, tail: str = "") -> str:
    return f"/plans/tasks/{task.pk}/progress/{tail}"


def test_the_associations_user_reports_its_training_done_with_an_event_and_evidence(
    login, promotion_staff, hoi_task, settings
):
    client = login(promotion_staff)
    page = client.get(url(hoi_task))
    assert page.status_code == 200
    assert page.context["report_form"] is not None and page.context["event_form"] is not None

    response = client.post(url(hoi_task, "event/"), event_post())
    assert response.status_code == 302
    event = TaskEvent.objects.get(task=hoi_task)
    assert (event.held_on, event.participants, event.women) == (datetime.date(2018, 4, 20), 120, 70)
    assert [(row.unit_name, row.participants) for row in event.attendance.all()] == [
        ("Phường 1", 40),
        ("Phường 2", 35),
    ]

    response = client.post(
        url(hoi_task, "report/"),
        {"reported_on": "25/04/2018", "note": "Đã tập huấn 120 cán bộ.", "files": [pdf_upload()]},
    )
    assert response.status_code == 302
    report = TaskReport.objects.get(task=hoi_task)
    assert (report.reported_on, report.note, report.author) == (
        datetime.date(2018, 4, 25),
        "Đã tập huấn 120 cán bộ.",
        promotion_staff,
    )
    evidence = TaskEvidence.objects.get(task=hoi_task)
    assert evidence.original_name == "bien-ban.pdf"
    assert evidence.file.name.startswith(f"plans/2018/task-{hoi_task.pk}/")
    assert "bien-ban" not in evidence.file.name  # a generated name, never the uploader's
    assert len(stored_files(settings)) == 1

    response = client.post(url(hoi_task, "step/complete/"), {"reason": ""})
    assert response.status_code == 302
    hoi_task.refresh_from_db()
    assert hoi_task.state == TaskState.DONE
    page = client.get(url(hoi_task))
    assert [(change.transition, change.to_state) for change, _l, _s in page.context["history"]] == [
        ("start", TaskState.IN_PROGRESS),
        ("complete", TaskState.DONE),
    ]
    assert "Đã tập huấn 120 cán bộ." in page.content.decode()


def test_the_evidence_is_downloaded_by_a_user_who_may_read_the_plan(
    login, promotion_staff, ward_officer, hoi_task
):
    login(promotion_staff).post(
        url(hoi_task, "report/"), {"reported_on": "25/04/2018", "note": "Xong.", "files": [pdf_upload()]}
    )
    evidence = TaskEvidence.objects.get()
    response = login(ward_officer).get(f"/plans/tasks/{hoi_task.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert login(None).get(f"/plans/tasks/{hoi_task.pk}/evidence/{evidence.pk}/").status_code == 302


def test_a_ward_officer_cannot_report_on_a_district_units_task(login, ward_officer, hoi_task):
    client = login(ward_officer)
    assert client.get(url(hoi_task)).context["report_form"] is None
    assert (
        client.post(url(hoi_task, "report/"), {"reported_on": "25/04/2018", "note": "x"}).status_code == 403
    )
    assert client.post(url(hoi_task, "event/"), event_post()).status_code == 403
    assert client.post(url(hoi_task, "step/start/")).status_code == 403
    assert TaskReport.objects.count() == TaskEvent.objects.count() == 0


def test_the_education_office_cannot_report_on_the_associations_task(login, education_staff, hoi_task):
    client = login(education_staff)
    assert (
        client.post(url(hoi_task, "report/"), {"reported_on": "25/04/2018", "note": "x"}).status_code == 403
    )
    assert client.get(url(hoi_task, "step/cancel/")).status_code == 403
    hoi_task.refresh_from_db()
    assert hoi_task.state == TaskState.NOT_STARTED


def test_the_ward_reports_on_its_own_task_and_another_ward_cannot(
    login, ward_officer, ward_chairman, other_ward_officer, ward_task
):
    other = login(other_ward_officer)
    assert (
        other.post(url(ward_task, "report/"), {"reported_on": "02/03/2018", "note": "x"}).status_code == 403
    )
    assert other.get(url(ward_task, "step/start/")).status_code == 403
    assert login(ward_chairman).get(url(ward_task, "step/start/")).status_code == 200
    response = login(ward_officer).post(
        url(ward_task, "report/"), {"reported_on": "02/03/2018", "note": "Đã trình kế hoạch."}
    )
    assert response.status_code == 302
    ward_task.refresh_from_db()
    assert ward_task.state == TaskState.IN_PROGRESS  # a first note starts the task


def test_anonymous_goes_to_login(client, hoi_task):
    for tail in ("", "report/", "event/", "step/start/", "undo/"):
        response = client.get(url(hoi_task, tail))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bien-ban.pdf",
            EXE_BYTES,
            "%(name)s: this kind of file is not accepted; upload a file of one of these kinds: %(kinds)s.",
        ),
        ("bien-ban.pdf", b"", "%(name)s: the file is empty."),
    ],
)
def test_a_wrong_file_is_refused_and_nothing_is_saved(
    login, promotion_staff, hoi_task, settings, name, content, message
):
    response = login(promotion_staff).post(
        url(hoi_task, "report/"),
        {"reported_on": "25/04/2018", "note": "Xong.", "files": [SimpleUploadedFile(name, content)]},
    )
    assert response.status_code == 400
    expected = vi(message, name=name, kinds="PDF, JPEG, PNG, DOCX, XLSX")
    assert expected in response.content.decode()
    assert "Xong." in response.content.decode()  # the form keeps what was typed
    assert TaskReport.objects.count() == TaskEvidence.objects.count() == 0
    assert stored_files(settings) == []
    hoi_task.refresh_from_db()
    assert hoi_task.state == TaskState.NOT_STARTED


def test_a_file_too_big_is_refused(login, promotion_staff, hoi_task, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    response = login(promotion_staff).post(
        url(hoi_task, "report/"), {"reported_on": "25/04/2018", "note": "Xong.", "files": [pdf_upload()]}
    )
    assert response.status_code == 400
    assert vi("%(name)s: the file is larger than %(limit)s.", name="bien-ban.pdf", limit="10\xa0byte") in (
        response.content.decode()
    )
    assert TaskEvidence.objects.count() == 0 and stored_files(settings) == []


def test_a_pdf_named_as_an_image_is_refused(login, promotion_staff, hoi_task):
    response = login(promotion_staff).post(
        url(hoi_task, "report/"),
        {"reported_on": "25/04/2018", "note": "Xong.", "files": [pdf_upload("anh.png")]},
    )
    assert response.status_code == 400
    assert TaskEvidence.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message", "values"),
    [
        (
            {"women": "121"},
            "women",
            "There cannot be more women (%(women)s) than participants (%(participants)s).",
            {"women": 121, "participants": 120},
        ),
        (
            {"by_unit": "Phường 1: 80\nPhường 2: 41"},
            "by_unit",
            "The participants by unit add up to %(counted)s, more than the %(participants)s participants.",
            {"counted": 121, "participants": 120},
        ),
        (
            {"by_unit": "Phường 1 bốn mươi"},
            "by_unit",
            "Line %(lines)s: write one unit per line as “Unit: number”, e.g. “Phường 1: 25”.",
            {"lines": "1"},
        ),
    ],
)
def test_an_event_whose_counts_disagree_is_refused(
    login, promotion_staff, hoi_task, changes, field, message, values
):
    response = login(promotion_staff).post(url(hoi_task, "event/"), event_post(**changes))
    assert response.status_code == 400
    assert response.context["event_form"].errors[field] == [vi_text(message, **values)]
    assert TaskEvent.objects.count() == 0


def test_a_task_that_is_not_an_event_has_no_event_form(login, ward_officer, ward_task):
    client = login(ward_officer)
    assert client.get(url(ward_task)).context["event_form"] is None
    assert client.post(url(ward_task, "event/"), event_post()).status_code == 404
