"""When the outside world fails — WeasyPrint, the task queue, the mail server — nothing is lost.

Each test breaks one of them (the library, the queue or the mail backend; never
our own code) and checks what the user sees — a page in the portal's layout
with a Vietnamese message, never a 500 — and what is kept: a transition that
happened stays, with its history row, and its e-mail is retried by
``send_reminders``; a document that could not be made changed nothing; a batch
that could not be queued says so instead of waiting forever.
"""

import io
from smtplib import SMTPException

import pytest
import weasyprint
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django_tasks.backends.immediate import ImmediateBackend

from assessments.models import AssessmentState as S
from assessments.models import BatchState, DocumentBatch, EvidenceFile, Notification
from assessments.notifications import MAX_EMAIL_ATTEMPTS
from engines.models import IssuedNumber
from tests.factories import AssessmentFactory
from tests.helpers import vi, vi_text, write_plan

LAYOUT = '<link rel="stylesheet" href="/static/css/portal.css">'
PDF_FAILED = (
    "The PDF could not be produced just now; nothing has been changed. Please try again in a few minutes."
)


class BrokenSMTPBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available")


class RefusedHeaderBackend(BaseEmailBackend):
    """A backend failing with something other than an ``OSError``."""

    def send_messages(self, email_messages):
        raise ValueError("Header values can't contain newlines")


class UnreachableQueueBackend(ImmediateBackend):
    """A task queue whose database cannot be written."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("the task database is locked")


@pytest.fixture
def weasyprint_fails(monkeypatch):
    def write_pdf(self, *args, **kwargs):
        raise OSError("cannot load font 'Times New Roman'")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)


# --- WeasyPrint ----------------------------------------------------------------------------------


def test_document_that_weasyprint_cannot_write_gets_a_503_page_saying_so(
    weasyprint_fails, login, assessment, ward_officer
):
    write_plan(assessment, ward_officer)

    response = login(ward_officer).get(reverse("assessments:document_pdf", args=[assessment.pk, "ward_plan"]))

    html = response.content.decode()
    assert response.status_code == 503
    assert LAYOUT in html
    assert f'<h1 class="h3">{vi("The document could not be produced")}</h1>' in html
    assert f'<p id="document-failed">{vi(PDF_FAILED)}</p>' in html
    assert assessment.history.count() == 0  # nothing of the workflow was touched


def test_dossier_zip_whose_documents_weasyprint_cannot_write_gets_the_same_page(
    weasyprint_fails, login, assessment, ward_officer
):
    write_plan(assessment, ward_officer)

    response = login(ward_officer).get(reverse("assessments:dossier_zip", args=[assessment.pk]))

    assert response.status_code == 503
    assert vi(PDF_FAILED) in response.content.decode()


def test_centre_summary_that_weasyprint_cannot_write_attaches_nothing_and_says_so(
    weasyprint_fails, login, preparing, ward_officer, center
):
    client = login(ward_officer)

    response = client.post(reverse("assessments:attach_center_summary", args=[preparing.pk, 8]), follow=True)

    assert response.redirect_chain == [(reverse("assessments:criterion_edit", args=[preparing.pk, 8]), 302)]
    assert [str(message) for message in response.context["messages"]] == [vi_text(PDF_FAILED)]
    assert EvidenceFile.objects.count() == 0
    assert preparing.state == S.DOSSIER_PREPARATION


def test_batch_whose_documents_weasyprint_cannot_write_fails_with_the_message(
    weasyprint_fails, login, django_capture_on_commit_callbacks, cycle, ward, education_staff
):
    AssessmentFactory(cycle=cycle, ward=ward)
    client = login(education_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:batch_create"), {"kind": "ward_minutes", "year": "2018"})

    batch = DocumentBatch.objects.get()
    assert response.status_code == 302
    assert (batch.state, batch.done) == (BatchState.FAILED, 0)
    assert batch.error == f"{batch_subject(batch)}: {vi_text(PDF_FAILED)}"
    assert vi(PDF_FAILED) in client.get(response.url).content.decode()


def batch_subject(batch) -> str:
    from assessments.models import Assessment

    return str(Assessment.objects.get(pk=batch.object_ids[0]))


# --- The task queue ------------------------------------------------------------------------------


def test_batch_the_queue_cannot_take_fails_at_once_and_says_to_start_again(
    settings, login, django_capture_on_commit_callbacks, cycle, ward, education_staff
):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.UnreachableQueueBackend"}}
    AssessmentFactory(cycle=cycle, ward=ward)
    client = login(education_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:batch_create"), {"kind": "ward_minutes", "year": "2018"})

    batch = DocumentBatch.objects.get()
    message = "The background worker could not be reached; start the batch again in a few minutes."
    assert (batch.state, batch.error, batch.finished_at is not None) == (
        BatchState.FAILED,
        vi_text(message),
        True,
    )
    page = client.get(response.url).content.decode()
    assert vi(message) in page
    assert 'http-equiv="refresh"' not in page  # it no longer waits for a task that will never run
    assert IssuedNumber.objects.count() == 0


# --- Mail ----------------------------------------------------------------------------------------


def submit_plan(client, assessment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("assessments:transition", args=[assessment.pk, "submit_plan"]), follow=True
        )


@pytest.mark.parametrize("backend", ["BrokenSMTPBackend", "RefusedHeaderBackend"])
def test_transition_stands_when_its_email_fails_and_the_email_waits_for_a_retry(
    settings, login, django_capture_on_commit_callbacks, assessment, ward_officer, ward_chairman, backend
):
    settings.EMAIL_BACKEND = f"{__name__}.{backend}"
    write_plan(assessment, ward_officer)

    response = submit_plan(login(ward_officer), assessment, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_SUBMITTED
    assert list(assessment.history.values_list("transition", flat=True)) == ["submit_plan"]
    notification = Notification.objects.get()
    assert (notification.recipient, notification.email_due, notification.email_attempts) == (
        ward_chairman,
        True,
        1,
    )


def test_send_reminders_sends_the_failed_email_once_the_server_is_back(
    settings, login, django_capture_on_commit_callbacks, assessment, ward_officer, ward_chairman
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    write_plan(assessment, ward_officer)
    submit_plan(login(ward_officer), assessment, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []

    out = io.StringIO()
    call_command("send_reminders", "--today", "01/10/2018", stdout=out)

    assert "1 e-mail(s) that had failed sent now." in out.getvalue().splitlines()
    notification = Notification.objects.get()
    assert [message.to for message in mail.outbox] == [[ward_chairman.email]]
    assert mail.outbox[0].subject == notification.subject
    assert (notification.email_due, notification.email_attempts) == (False, 2)

    call_command("send_reminders", "--today", "01/10/2018", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # sent once


def test_email_that_keeps_failing_is_given_up_after_the_last_attempt(
    settings, login, django_capture_on_commit_callbacks, assessment, ward_officer, ward_chairman
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    write_plan(assessment, ward_officer)
    submit_plan(login(ward_officer), assessment, django_capture_on_commit_callbacks)

    for _ in range(MAX_EMAIL_ATTEMPTS + 2):
        call_command("send_reminders", "--today", "01/10/2018", stdout=io.StringIO())

    notification = Notification.objects.get()
    assert (notification.email_due, notification.email_attempts) == (True, MAX_EMAIL_ATTEMPTS)


def test_notification_of_a_user_without_an_address_owes_no_email(
    login, django_capture_on_commit_callbacks, assessment, ward_officer, ward_chairman
):
    ward_chairman.email = ""
    ward_chairman.save()
    write_plan(assessment, ward_officer)

    submit_plan(login(ward_officer), assessment, django_capture_on_commit_callbacks)

    assert list(Notification.objects.values_list("email_due", "email_attempts")) == [(False, 0)]
