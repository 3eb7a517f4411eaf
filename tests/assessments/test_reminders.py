import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from assessments.models import AssessmentState as S
from assessments.workflow import perform_transition


@pytest.fixture
def received(assessment, walk_to, education_staff, promotion_staff):
    walk_to(assessment, S.SUBMITTED)
    perform_transition(assessment, "receive_dossier", education_staff, today=datetime.date(2025, 4, 25))
    assert assessment.due_date == datetime.date(2025, 5, 13)  # Sat 26/04 worked; 30/04–02/05 off
    mail.outbox.clear()
    return assessment


def run(day: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", day, stdout=out)
    return out.getvalue().strip()


def test_reminder_before_the_due_date_is_sent_once(received, education_staff, promotion_staff, settings):
    settings.REMINDER_WORKING_DAYS_BEFORE = 2
    assert run("08/05/2025") == "0 reminder(s) sent."  # 3 working days left
    assert run("09/05/2025") == "1 reminder(s) sent."  # 2 working days left
    assert run("09/05/2025") == "0 reminder(s) sent."
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [education_staff.email, promotion_staff.email]
    )
    assert mail.outbox[0].subject == "Nhắc việc: Phường 1 2018, hạn lập kế hoạch kiểm tra trước 13/05/2025"


def test_reminder_when_the_due_date_has_passed_is_sent_once(received, education_staff):
    run("09/05/2025")
    mail.outbox.clear()
    assert run("13/05/2025") == "0 reminder(s) sent."  # due today: not passed yet
    assert run("14/05/2025") == "1 reminder(s) sent."
    assert run("14/05/2025") == "0 reminder(s) sent."
    assert run("15/05/2025") == "0 reminder(s) sent."
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("Quá hạn: Phường 1 2018")


def test_no_reminder_while_the_dossier_is_with_the_ward_after_return(received, education_staff):
    perform_transition(received, "return_dossier", education_staff, reason="Thiếu")
    assert run("14/05/2025") == "0 reminder(s) sent."
