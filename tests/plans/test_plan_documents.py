"""The plan as PDF and DOCX, and its progress report at a chosen day."""

import datetime

from django.urls import reverse
from django.utils import timezone

from plans.models import PlanTask, TaskChange, TaskState
from tests.helpers import docx_text, normalised, pdf_text
from wards.models import User


def test_the_plan_pdf_holds_the_title_the_bases_and_every_task(demo_plan, login):
    client = login(User.objects.get(username="canbo.p1"))  # a ward officer reads it

    response = client.get(reverse("plans:document", args=[2018, "pdf"]))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "KẾ HOẠCH" in text
    assert "Xây dựng xã hội học tập trên địa bàn quận năm 2018" in text
    assert normalised(demo_plan.title) in text  # in the closing sentence
    for basis in demo_plan.bases.all():
        assert normalised(basis.text) in text
    for task_text in set(demo_plan.tasks.values_list("text", flat=True)):
        assert normalised(task_text.rstrip(".")) in text
    assert "TRƯỞNG BAN" in text and "Nguyễn Đông Tùng" in text and "Số: 25/KH-BCĐ" in text
    assert "Lưu: VT." in text


def test_the_plan_docx_has_the_same_text(demo_plan, login):
    response = login(User.objects.get(username="bcd")).get(reverse("plans:document", args=[2018, "docx"]))
    text = docx_text(response.content)
    assert "Xây dựng xã hội học tập trên địa bàn quận năm 2018" in text
    assert normalised(demo_plan.bases.first().text) in normalised(text)


def test_the_progress_report_reads_each_tasks_status_at_the_day(plan, make_task, education_staff, login):
    january = make_task(when="Tháng 01/2018", text="Tập huấn Ban giám đốc")
    make_task(when="Tháng 2/2018", text="Báo cáo kết quả năm 2017")
    # The progress workflow records the change; here only its history row and state matter.
    PlanTask.objects.filter(pk=january.pk).update(state=TaskState.DONE)
    TaskChange.objects.create(
        task=january,
        transition="finish",
        from_state=TaskState.NOT_STARTED,
        to_state=TaskState.DONE,
        actor=education_staff,
        at=timezone.make_aware(datetime.datetime(2018, 1, 25, 9, 0)),
    )
    client = login(education_staff)
    url = reverse("plans:progress_report", args=[2018])

    before = pdf_text(client.get(url + "?on=2018-01-24").content)
    february = pdf_text(client.get(url + "?on=2018-02-01").content)
    march = pdf_text(client.get(url + "?on=2018-03-01").content)

    assert "tính đến ngày 24 tháng 01 năm 2018" in before
    assert "Tổng số nhiệm vụ: 2; chưa thực hiện: 2; đang thực hiện: 0; đã hoàn thành: 0" in before
    assert "đã hoàn thành: 1" in february and "quá hạn: 0." in february
    assert "Không có nhiệm vụ quá hạn." in before and "Không có nhiệm vụ quá hạn." in february
    assert "quá hạn: 1." in march
    assert "Phòng GD&ĐT: Báo cáo kết quả năm 2017 (hạn 28/02/2018; chưa thực hiện)." in march
