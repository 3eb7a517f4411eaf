"""Builders for the task progress tests: a small plan with tasks, through the models (the plan's own
data functions belong to the "plan" part of the app), and the form posts of the progress page."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.demo import demo_pdf
from plans.models import PlanSection, PlanTask, SectionPart, YearPlan
from tests.factories import UserFactory
from wards.models import Role

PDF_BYTES = demo_pdf("Nghi quyet")  # a real one-page PDF: uploads are opened with pypdf


def make_plan(district, *, year: int = 2018) -> YearPlan:
    author = UserFactory(username=f"soan.kh.{year}.{district.pk}", roles=[Role.EDUCATION_STAFF])
    plan = YearPlan.objects.create(
        district=district,
        year=year,
        title=f"Kế hoạch xây dựng xã hội học tập năm {year}",
        issuing_body="Ban chỉ đạo XHHT quận",
        updated_by=author,
    )
    PlanSection.objects.create(
        plan=plan, part=SectionPart.ORGANISATION, order=1, number="1", title="Phân công thực hiện"
    )
    return plan


def make_task(plan: YearPlan, *, unit=None, ward=None, is_event=False, due_on=None, text=None, order=None):
    count = plan.tasks.count()
    return PlanTask.objects.create(
        plan=plan,
        section=plan.sections.first(),
        order=order if order is not None else count + 1,
        text=text or f"Nhiệm vụ {count + 1}",
        unit=unit,
        ward=ward,
        is_event=is_event,
        due_on=due_on or datetime.date(plan.year, 4, 30),
        period_label="Tháng 3, 4/" + str(plan.year),
    )


def pdf_upload(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def event_post(**changes) -> dict:
    data = {
        "held_on": "20/04/2018",
        "place": "Hội trường UBND quận",
        "audience": "Cán bộ Hội Khuyến học 15 phường và khu phố",
        "participants": "120",
        "women": "70",
        "by_unit": "Phường 1: 40\nPhường 2: 35",
        "materials": "Tài liệu tập huấn công tác khuyến học",
    }
    return {**data, **changes}
