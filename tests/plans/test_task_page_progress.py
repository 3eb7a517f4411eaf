"""The task page carries its progress: status, what was reported, and the way to report for those who may."""

from django.urls import reverse

from plans.progress import report_progress
from tests.plans.progress_support import make_plan, make_task


def test_the_task_page_shows_the_progress_and_offers_reporting_to_the_unit_only(
    login, ward, promotion_staff, education_staff
):
    task = make_task(make_plan(ward.district), unit=promotion_staff.unit)
    report_progress(task, promotion_staff, reported_on=task.due_on, note="Đã tổ chức tập huấn", uploads=[])
    url = reverse("plans:task_detail", args=[task.pk])
    progress = reverse("plans:task_progress", args=[task.pk])

    own = login(promotion_staff).get(url).content.decode()
    assert 'id="task-progress"' in own and "Đang thực hiện" in own
    assert "1 báo cáo tiến độ" in own
    assert f'href="{progress}" class="btn btn-primary">Báo cáo tiến độ' in own

    other = login(education_staff).get(url).content.decode()
    assert f'href="{progress}" class="btn btn-outline-secondary">Xem tiến độ' in other
    assert "Báo cáo tiến độ</a>" not in other
