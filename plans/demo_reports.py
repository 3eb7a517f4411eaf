"""Demo data of the wards' reports and the cluster briefings, made through the real domain and workflow.

Every ward's report on 2017 and plan for 2018 (most acknowledged, two sent and
waiting, one returned with a reason, one still a draft), the city association's
2018 emulation plan (5 contents, 10 criteria — placeholder wording, marked so),
and the three clusters' briefings of quarters I–III 2018. Safe to run again:
each part is skipped when its data exists.
"""

import datetime
import random

from django.db import transaction

from plans.briefings import PLACEHOLDER_MARK, QUARTERS, record_briefing, set_emulation_scheme
from plans.models import ClusterBriefing, EmulationContent, ProgressLevel, WardReport, WardReportKind
from plans.ward_report_workflow import WARD_REPORT_WORKFLOW
from plans.ward_reports import save_ward_report, start_ward_report
from wards.models import Cluster, Role, User, Ward

REPORT_YEAR, PLAN_YEAR = 2017, 2018
# Ward number → the last step its report on 2017 / plan for 2018 reaches (the others are acknowledged).
REPORT_ENDS = {12: "submit", 13: "submit", 14: "return", 15: "draft"}
PLAN_ENDS = {3: "submit", 9: "submit", 11: "return", 15: "draft"}
RETURN_REASON = (
    "Đề nghị bổ sung số liệu lớp phổ cập giáo dục và kết quả vận động học viên xóa mù chữ mức độ 2."
)

# The city association's 2018 emulation plan: its exact wording is not in our sources (placeholders).
EMULATION_2018 = [
    (
        "Công tác tuyên truyền về xây dựng xã hội học tập",
        [
            "Tuyên truyền qua bản tin, loa phát thanh khu phố",
            "Tổ chức chuyên đề tại Trung tâm học tập cộng đồng",
        ],
    ),
    (
        "Củng cố tổ chức Hội Khuyến học phường và chi hội khu phố",
        ["Phát triển hội viên khuyến học", "Sinh hoạt định kỳ của chi hội khu phố"],
    ),
    (
        "Xây dựng các mô hình học tập",
        ["Gia đình học tập, dòng họ học tập", "Cộng đồng học tập, đơn vị học tập cấp khu phố"],
    ),
    (
        "Hoạt động khuyến học, khuyến tài",
        ["Vận động quỹ khuyến học", "Trao học bổng cho học sinh nghèo hiếu học"],
    ),
    (
        "Phối hợp với Trung tâm học tập cộng đồng",
        ["Tham gia điều hành lịch hoạt động Trung tâm", "Vận động người dân tham gia học tập"],
    ),
]


def _officer(ward: Ward) -> User | None:
    return User.objects.filter(ward=ward, role_grants__role=Role.WARD_OFFICER).order_by("pk").first()


def _report_texts(ward: Ward, number: int) -> dict[str, str]:
    return {
        "situation": (
            f"Năm {REPORT_YEAR}, Ban Chỉ đạo xây dựng xã hội học tập {ward.name} đã triển khai kế hoạch đến các "
            f"khu phố. Trung tâm học tập cộng đồng tổ chức {8 + number} chuyên đề về sức khỏe, pháp luật, "
            f"phòng chống tệ nạn xã hội; duy trì {1 + number % 3} lớp tin học, ngoại ngữ và các lớp năng khiếu. "
            f"Có {60 + number * 7} gia đình được công nhận “Gia đình học tập”."
        ),
        "shortcomings": (
            "Cơ sở vật chất của Trung tâm còn hạn chế, phải mượn hội trường Ủy ban nhân dân phường; "
            "một số khu phố chưa quan tâm đúng mức đến việc vận động người dân tham gia học tập."
        ),
        "directions": (
            f"Tiếp tục củng cố hoạt động của Trung tâm học tập cộng đồng; phấn đấu mỗi khu phố có ít nhất "
            f"một chuyên đề trong năm; nâng tỷ lệ “Gia đình học tập” của {ward.name} lên thêm 5%."
        ),
        "proposals": "Đề nghị quận hỗ trợ tài liệu sinh hoạt chuyên đề và tập huấn cho hướng dẫn viên Trung tâm.",
    }


def _plan_texts(ward: Ward, number: int) -> dict[str, str]:
    return {
        "situation": (
            f"Căn cứ Kế hoạch xây dựng xã hội học tập năm {PLAN_YEAR} của quận, {ward.name} có "
            f"{ward.residential_groups} tổ dân phố, Trung tâm học tập cộng đồng hoạt động ổn định."
        ),
        "shortcomings": "Nguồn kinh phí xã hội hóa cho hoạt động khuyến học còn ít.",
        "directions": (
            f"Xây dựng kế hoạch thực hiện Thông tư số 44/2014/TT-BGDĐT trong quý I/{PLAN_YEAR}; tổ chức "
            f"{10 + number % 4} chuyên đề tại Trung tâm; tự đánh giá “Cộng đồng học tập” vào tháng 10/{PLAN_YEAR}."
        ),
        "proposals": "Đề nghị Hội Khuyến học quận tập huấn quy trình tự kiểm tra và thu thập hồ sơ minh chứng.",
    }


def _file(ward, kind, year, texts, end, officer, staff, days) -> None:
    """Write the document, then take it as far as ``end`` through the workflow, dated ``days``."""
    sent, answered = days
    report = start_ward_report(ward, year, kind, officer)
    save_ward_report(report, officer, **texts)
    if end == "draft":
        return
    WARD_REPORT_WORKFLOW.perform(report, "submit", officer, today=sent)
    if end == "submit":
        return
    if end == "return":
        WARD_REPORT_WORKFLOW.perform(report, "return", staff, reason=RETURN_REASON, today=answered)
        return
    WARD_REPORT_WORKFLOW.perform(report, "acknowledge", staff, today=answered)


def _seed_reports(stdout, staff: User) -> None:
    if WardReport.objects.filter(year=REPORT_YEAR, kind=WardReportKind.REPORT).exists():
        stdout.write("Ward reports exist already; left unchanged.")
        return
    wards = list(Ward.objects.order_by("code"))
    filed = 0
    for number, ward in enumerate(wards, start=1):
        officer = _officer(ward)
        if officer is None:
            continue
        sent = datetime.date(PLAN_YEAR, 1, 15 + number)
        days = (sent, sent + datetime.timedelta(days=7))
        _file(
            ward, WardReportKind.REPORT, REPORT_YEAR, _report_texts(ward, number),
            REPORT_ENDS.get(number, "acknowledge"), officer, staff, days,
        )  # fmt: skip
        _file(
            ward, WardReportKind.PLAN, PLAN_YEAR, _plan_texts(ward, number),
            PLAN_ENDS.get(number, "acknowledge"), officer, staff, days,
        )  # fmt: skip
        filed += 1
    stdout.write(f"Ward reports {REPORT_YEAR} and plans {PLAN_YEAR}: {filed} wards.")


def _seed_scheme(association: User) -> None:
    if EmulationContent.objects.filter(year=PLAN_YEAR).exists():
        return
    set_emulation_scheme(
        PLAN_YEAR,
        association,
        [
            (f"{title} {PLACEHOLDER_MARK}", [f"{text} {PLACEHOLDER_MARK}" for text in texts])
            for title, texts in EMULATION_2018
        ],
    )


def _seed_briefings(stdout, association: User) -> None:
    if ClusterBriefing.objects.filter(year=PLAN_YEAR).exists():
        stdout.write("Cluster briefings exist already; left unchanged.")
        return
    rng = random.Random(2018)
    criteria = [
        c for content in EmulationContent.objects.filter(year=PLAN_YEAR) for c in content.criteria.all()
    ]
    levels = {
        1: [ProgressLevel.ON_TRACK] * 3 + [ProgressLevel.BEHIND],
        2: [ProgressLevel.ON_TRACK] * 2 + [ProgressLevel.MET, ProgressLevel.BEHIND],
        3: [ProgressLevel.MET] * 3 + [ProgressLevel.ON_TRACK],
    }
    for cluster in Cluster.objects.order_by("number"):
        wards = list(Ward.objects.filter(cluster=cluster).order_by("code"))
        if not wards:
            continue
        for quarter in QUARTERS:
            host = wards[(quarter - 1) % len(wards)]
            absent = wards[-1] if quarter == 2 and cluster.number == 2 else None
            present = [ward for ward in wards if ward != absent]
            record_briefing(
                cluster,
                PLAN_YEAR,
                quarter,
                association,
                held_on=datetime.date(PLAN_YEAR, 3 * quarter, 20 + cluster.number),
                place=f"Hội trường Ủy ban nhân dân {host.name}",
                wards_present=present,
                minutes=(
                    f"Thường trực Hội Khuyến học quận chủ trì giao ban {cluster.name} quý {quarter}/{PLAN_YEAR}. "
                    f"Các phường báo cáo tiến độ thực hiện 5 nội dung, 10 tiêu chí thi đua; "
                    f"{host.name} chia sẻ kinh nghiệm tổ chức chuyên đề tại Trung tâm học tập cộng đồng."
                ),
                progress={
                    (ward.pk, criterion.pk): (rng.choice(levels[quarter]), "")
                    for ward in present
                    for criterion in criteria
                },
            )
    stdout.write(f"Cluster briefings of quarters I–III {PLAN_YEAR} recorded.")


@transaction.atomic
def seed_ward_reports(stdout) -> None:
    staff = User.objects.filter(username="phonggd").first()
    association = User.objects.filter(username="khuyenhoc").first()
    if staff is None or association is None:
        stdout.write("Ward reports and briefings skipped: the demo users phonggd and khuyenhoc are missing.")
        return
    _seed_reports(stdout, staff)
    _seed_scheme(association)
    _seed_briefings(stdout, association)
