"""Demo data of the learning centres, made through the same functions the pages use.

Every ward gets its centre (board, instructors, partners), a believable 2017
and 2018 (the plan's classes with learner lists and its talks with counts,
sessions through the year, the published calendar), the literacy register
(imported twice, so levels change between the years), the learning models and
the year-end rating (2017 approved for all; 2018 spread over its states).
Seeded random numbers: the same data every time. Idempotent: once any activity
exists the seeder leaves the centres as they are.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from centers.activities import add_learners, create_activity, record_session
from centers.calendar_workflow import publish_calendar
from centers.learning import record_learning_models
from centers.models import Activity, ActivityKind, Center, CenterMember, MemberRole, Partner, PartnerKind
from centers.rating import record_rating_scores, start_rating
from centers.rating_workflow import RATING_WORKFLOW
from centers.register_import import import_register_rows
from wards.demo import DEMO_PASSWORD
from wards.models import DistrictUnit, Role, User, Ward
from wards.registry import set_roles

YEARS = (2017, 2018)

# kind code, topic, sessions, learners (0: a talk recorded as counts), partner kind
PROGRAMME = [
    ("sau-biet-chu", "Lớp giáo dục tiếp tục sau khi biết chữ", 8, 10, PartnerKind.PROMOTION_ASSOCIATION),
    ("bo-tuc-thcs", "Lớp bổ túc THCS", 8, 12, PartnerKind.CONTINUING_EDUCATION),
    ("cd-suc-khoe", "Phòng chống sốt xuất huyết mùa mưa", 1, 0, PartnerKind.WOMENS_UNION),
    ("cd-dinh-duong", "Dinh dưỡng hợp lý cho trẻ dưới 5 tuổi", 1, 0, PartnerKind.WOMENS_UNION),
    ("cd-dan-so", "Dân số và kế hoạch hóa gia đình", 1, 0, PartnerKind.WOMENS_UNION),
    ("cd-hon-nhan", "Luật Hôn nhân và gia đình năm 2014", 1, 0, PartnerKind.WOMENS_UNION),
    ("cd-moi-truong", "Phân loại rác tại nguồn", 1, 0, PartnerKind.YOUTH_UNION),
    ("cd-te-nan", "Phòng chống ma túy trong thanh thiếu niên", 1, 0, PartnerKind.YOUTH_UNION),
    ("cd-phap-luat", "Luật Giao thông đường bộ", 1, 0, PartnerKind.YOUTH_UNION),
    ("cd-phap-luat", "Luật Phòng, chống bạo lực gia đình", 1, 0, PartnerKind.WOMENS_UNION),
    ("nghe-ngan-han", "Nấu ăn – làm bánh", 6, 14, PartnerKind.WOMENS_UNION),
    ("nghe-ngan-han", "Sửa chữa điện dân dụng", 6, 12, PartnerKind.YOUTH_UNION),
    ("tin-hoc", "Tin học văn phòng cơ bản", 8, 15, PartnerKind.YOUTH_UNION),
    ("tin-hoc", "Sử dụng điện thoại thông minh và dịch vụ công trực tuyến", 4, 16, PartnerKind.YOUTH_UNION),
    ("ngoai-ngu", "Tiếng Anh giao tiếp", 8, 14, PartnerKind.SCHOOL),
    ("cam-hoa", "Cắm hoa nghệ thuật", 4, 12, PartnerKind.WOMENS_UNION),
    ("nu-cong-gia-chanh", "Nữ công gia chánh", 4, 12, PartnerKind.WOMENS_UNION),
    ("am-nhac", "Đàn ca tài tử", 6, 10, PartnerKind.OTHER),
    ("vo-thuat", "Vovinam cho thiếu nhi", 8, 15, PartnerKind.YOUTH_UNION),
    ("duong-sinh", "Dưỡng sinh cho người cao tuổi", 8, 15, PartnerKind.OTHER),
]

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
             "Hồ", "Ngô", "Dương", "Lý", "Lâm", "Quách"]  # fmt: skip
_MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng"]
_MIDDLE_M = ["Văn", "Minh", "Quốc", "Hữu", "Đức", "Thành", "Công", "Gia"]
_GIVEN_F = ["Lan", "Mai", "Hạnh", "Trang", "Yến", "Thảo", "Linh", "Hà", "Nhung", "Oanh", "Phượng", "Tuyết",
            "Vân", "Hương", "Loan", "Diễm"]  # fmt: skip
_GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Nam", "Phúc", "Quân", "Sơn", "Tuấn", "Việt", "Khang",
            "Lộc", "Tài", "Hiếu", "Trí"]  # fmt: skip
_ETHNICITIES = ["Hoa", "Khmer", "Chăm"]  # Quận 5's minorities: mostly Hoa


def _person(rng: random.Random, ward_number: int, min_age: int, max_age: int, year: int) -> dict:
    gender = "F" if rng.random() < 0.55 else "M"
    middle, given = (_MIDDLE_F, _GIVEN_F) if gender == "F" else (_MIDDLE_M, _GIVEN_M)
    return {
        "full_name": f"{rng.choice(_SURNAMES)} {rng.choice(middle)} {rng.choice(given)}",
        "birth_year": year - rng.randint(min_age, max_age),
        "gender": gender,
        "ethnic_minority": rng.random() < 0.18,
        "residential_group": f"Tổ {rng.randint(1, 40)}, Khu phố {rng.randint(1, 6)}",
    }


def _center_director(ward: Ward, number: int) -> User:
    username = f"ttht.p{number}"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": ward.clc_director_name or f"Giám đốc TTHTCĐ {ward.name}",
            "email": f"{username}@xhht.example.vn",
            "position": f"Phó Chủ tịch UBND {ward.name}, Giám đốc TTHTCĐ",
            "ward": ward,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    set_roles(user, [Role.CLC_DIRECTOR])
    return user


def _center(ward: Ward, number: int) -> Center:
    center = Center.objects.open().filter(ward=ward).first()
    if center is not None:
        return center
    center = Center.objects.create(
        ward=ward,
        name=f"Trung tâm học tập cộng đồng {ward.name}",
        address=ward.address,
        phone=f"028 3855 {1000 + number * 37}",
        established_on=datetime.date(2008, 3 + number % 9, 1 + number),
        established_by=f"Quyết định số {20 + number}/QĐ-UBND của UBND Quận 5",
        rooms="Hội trường – 80 chỗ\nPhòng học 1 – 35 chỗ\nPhòng tin học – 15 máy\nThư viện – 2.000 đầu sách",
        equipment="15 máy vi tính\n1 máy chiếu, màn chiếu\nHệ thống âm thanh\nTủ sách pháp luật",
    )
    rng = random.Random(number)
    board = [
        (ward.clc_director_name, MemberRole.DIRECTOR, f"Phó Chủ tịch UBND {ward.name}"),
        (
            _person(rng, number, 35, 55, 2018)["full_name"],
            MemberRole.DEPUTY,
            "Chủ tịch Hội Khuyến học phường",
        ),
        (_person(rng, number, 35, 55, 2018)["full_name"], MemberRole.DEPUTY, "Hiệu trưởng Trường Tiểu học"),
        (_person(rng, number, 25, 45, 2018)["full_name"], MemberRole.STAFF, "Công chức Văn hóa - Xã hội"),
    ] + [
        (_person(rng, number, 25, 60, 2018)["full_name"], MemberRole.INSTRUCTOR, "Giáo viên tình nguyện")
        for _index in range(4)
    ]
    for order, (full_name, role, position) in enumerate(board, start=1):
        CenterMember.objects.create(
            center=center,
            full_name=full_name,
            role=role,
            position=position,
            appointed_by="Quyết định của Chủ tịch UBND phường",
            order=order,
        )
    units = {unit.code: unit for unit in DistrictUnit.objects.all()}
    partners = [
        (f"Hội Liên hiệp Phụ nữ {ward.name}", PartnerKind.WOMENS_UNION, None),
        (f"Hội Khuyến học {ward.name}", PartnerKind.PROMOTION_ASSOCIATION, None),
        (f"Đoàn Thanh niên {ward.name}", PartnerKind.YOUTH_UNION, None),
        (f"Trường THCS {ward.name}", PartnerKind.SCHOOL, None),
        ("Trung tâm GDTX quận", PartnerKind.CONTINUING_EDUCATION, units.get("trung-tam-gdtx")),
        (f"Câu lạc bộ dưỡng sinh {ward.name}", PartnerKind.OTHER, None),
    ]
    for name, kind, unit in partners:
        Partner.objects.create(center=center, name=name, kind=kind, unit=unit)
    return center


def _seed_year(center: Center, number: int, year: int, director: User, kinds: dict, partners: dict) -> None:
    rng = random.Random(number * 10_000 + year)
    pool = [_person(rng, number, 12, 70, year) for _index in range(140)]
    for index, (code, topic, sessions, learners, partner_kind) in enumerate(PROGRAMME):
        kind = kinds[code]
        month = 1 + (index * 7 + number) % 11
        if learners:
            starts = datetime.date(year, month, 1 + rng.randint(0, 10))
            ends = starts + datetime.timedelta(weeks=sessions)
            if ends.year != year:
                ends = datetime.date(year, 12, 28)
        else:
            starts = ends = datetime.date(year, month, 5 + rng.randint(0, 20))
        activity = create_activity(
            center,
            director,
            kind=kind,
            title=f"{topic} năm {year}" if learners else topic,
            instructor=rng.choice(
                [
                    "Báo cáo viên Trung tâm Y tế quận",
                    "Giáo viên tình nguyện",
                    "Cán bộ Tư pháp phường",
                    "Hội viên Hội Khuyến học",
                ]
            ),  # fmt: skip
            partner=partners.get(partner_kind),
            starts_on=starts,
            ends_on=ends,
            place="Hội trường Trung tâm" if not learners else "Phòng học 1",
        )
        if learners:
            enrolled = add_learners(activity, director, rng.sample(pool, learners))
            step = max((ends - starts).days // sessions, 1)
            for session in range(sessions):
                day = min(starts + datetime.timedelta(days=session * step), ends)
                came = [learner for learner in enrolled if rng.random() < 0.85]
                record_session(activity, director, date=day, topic=f"Buổi {session + 1}", attendees=came)
        else:
            total = rng.randint(60, 180)
            record_session(
                activity,
                director,
                date=starts,
                total=total,
                women=int(total * rng.uniform(0.5, 0.7)),
                ethnic_minority=int(total * rng.uniform(0.1, 0.3)),
            )
    if not (year == 2018 and number == 1):  # Phường 1's 2018 calendar is left for its director to publish
        publish_calendar(center, year, director, today=datetime.date(year, 1, 15))


def _register_rows(number: int) -> list[dict]:
    """About 300 people aged 15–60 in 2018; a ward in three falls just short of level 2."""
    rng = random.Random(number * 77)
    below = 0.12 if number % 3 == 0 else 0.04
    rows = []
    for index in range(280 + number * 3):
        person = _person(rng, number, 15, 60, 2018)
        draw = rng.random()
        level = "none" if draw < 0.01 else "level_1" if draw < 0.01 + below else "level_2"
        rows.append({**person, "person_code": f"{number:02d}{index:05d}", "level": level})
    return rows


def _seed_register(ward: Ward, number: int, director: User) -> None:
    rows = _register_rows(number)
    rng = random.Random(number * 91)
    earlier = [
        # A year before, some of today's level-2 people were still at level 1 (the post-literacy class).
        {**row, "level": "level_1"} if row["level"] == "level_2" and rng.random() < 0.03 else row
        for row in rows
    ]
    source = "pcgd_xmc"
    for as_of, people in ((datetime.date(2017, 6, 30), earlier), (datetime.date(2018, 6, 30), rows)):
        name = f"pcgd-xmc-{ward.code}-{as_of:%Y%m%d}.xlsx"
        import_register_rows(ward, director, people, source=source, as_of=as_of, file_name=name)


def _seed_learning_models(ward: Ward, number: int, director: User) -> None:
    for year in YEARS:
        rng = random.Random(number * 31 + year)
        grow = 0.03 if year == 2018 else 0
        counts = {}
        for kind, total, share in (
            ("family", ward.households, 0.62 + grow + rng.uniform(0, 0.14)),
            ("clan", 20 + number % 12, 0.42 + grow + rng.uniform(0, 0.15)),
            ("community", ward.residential_groups, 0.55 + grow + rng.uniform(0, 0.12)),
            ("unit", 14 + number % 9, 0.45 + grow + rng.uniform(0, 0.15)),
        ):
            recognised = int(total * share)
            registered = min(total, recognised + int(total * 0.1))
            counts[kind] = (total, registered, recognised)
        record_learning_models(ward, year, director, counts)


# Ward numbers whose 2018 rating is still a draft or waiting for approval (the rest are approved).
_DRAFT_2018, _SCORED_2018 = {1, 2}, {3, 4, 5}


def _seed_rating(center: Center, number: int, year: int, scorer: User, approver: User) -> None:
    rating = start_rating(center, year, scorer)
    rng = random.Random(number * 13 + year)
    scores = {}
    for area in rating.rubric.areas.all():
        share = Decimal(rng.choice(["0.95", "0.9", "0.85", "0.8", "0.75", "0.7"]))
        points = (area.max_points * share * 2).to_integral_value() / 2
        scores[area.pk] = (points, "")
    record_rating_scores(rating, scorer, scores, remarks="Trung tâm hoạt động đều đặn, hồ sơ sổ sách đầy đủ.")
    if year == 2018 and number in _DRAFT_2018:
        return
    december = datetime.date(year, 12, 20)
    RATING_WORKFLOW.perform(rating, "submit", scorer, today=december)
    if year == 2018 and number in _SCORED_2018:
        return
    RATING_WORKFLOW.perform(rating, "approve", approver, today=december + datetime.timedelta(days=3))


@transaction.atomic
def seed_centers(stdout) -> None:
    # The demo's numbered wards still open: after the demo's merger (``assessments.demo_reform``) the merged
    # wards' centres are closed and the new ward's centre is the merger's, so a second run creates none.
    wards = list(Ward.objects.filter(code__regex=r"^P\d+$", closed_on=None).order_by("code"))
    directors, centers = {}, {}
    for ward in wards:
        number = int(ward.code[1:])
        directors[number] = _center_director(ward, number)
        centers[number] = _center(ward, number)
    if Activity.objects.exists():
        stdout.write("Learning centres have activities already; left unchanged.")
        return
    kinds = {kind.code: kind for kind in ActivityKind.objects.all()}
    scorer = User.objects.get(username="khuyenhoc")
    approver = User.objects.get(username="phonggd")
    for number, center in centers.items():
        partners = {partner.kind: partner for partner in center.partners.all()}
        for year in YEARS:
            _seed_year(center, number, year, directors[number], kinds, partners)
            _seed_rating(center, number, year, scorer, approver)
        _seed_register(center.ward, number, directors[number])
        _seed_learning_models(center.ward, number, directors[number])
    stdout.write(
        f"Learning centres: {len(centers)} centres, {Activity.objects.count()} activities of 2017–2018, "
        f"directors ttht.p1 … ttht.p{len(centers)}."
    )
