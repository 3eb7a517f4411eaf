"""The learning centres for ``manage.py seed_scale`` (see ``wards.scale``): one per ward, with its years.

Each centre gets its board and two partners, ten learners, and for every past
year and this one ``per_unit`` activities from the demo's programme (classes
with a learner list, talks recorded as counts), three sessions each, and its
calendar published by the director; the literacy register is one import of ten
people from the national system. Written in bulk as the import and the pages
would store them (derived columns filled, the calendar's history replayed).
"""

from datetime import date, timedelta

from centers.calendar_workflow import CALENDAR_WORKFLOW
from centers.demo import PROGRAMME
from centers.models import (
    Activity,
    ActivityKind,
    Attendance,
    CalendarState,
    Center,
    CenterCalendar,
    CenterMember,
    Learner,
    LiteracyChange,
    LiteracyLevel,
    MemberRole,
    Partner,
    PartnerKind,
    RegisterImport,
    RegisterPerson,
    RegisterSource,
    Session,
)
from engines.workflow import Step
from wards.models import Role
from wards.scale import ScaleRun, person_name
from wards.text import strip_diacritics

LEARNERS = 10
SESSIONS = 3
REGISTER = 10
LEVELS = [LiteracyLevel.LEVEL_2] * 6 + [LiteracyLevel.LEVEL_1] * 3 + [LiteracyLevel.NONE]


def generate_centers(run: ScaleRun) -> None:
    rng = run.rng("centers")
    kinds = {kind.code: kind for kind in ActivityKind.objects.all()}
    programme = [item for item in PROGRAMME if item[0] in kinds]
    years = [*run.years, run.today.year]
    centers = run.bulk(
        Center,
        (
            Center(
                ward=ward,
                name=f"Trung tâm học tập cộng đồng {ward.name}",
                address=ward.address,
                phone=f"028 3855 {1000 + number % 9000:04d}",
                established_on=date(2008, 1 + number % 12, 1 + number % 28),
                established_by=f"Quyết định số {number}/QĐ-UBND",
                rooms="Hội trường – 80 chỗ\nPhòng học 1 – 35 chỗ",
                equipment="1 máy chiếu, màn chiếu\nHệ thống âm thanh",
            )
            for number, ward in enumerate(run.wards, start=1)
        ),
    )
    run.bulk(
        CenterMember,
        (
            CenterMember(center=center, full_name=full_name, role=role, position=position, order=order)
            for center in centers
            for order, (full_name, role, position) in enumerate(
                [
                    (
                        center.ward.clc_director_name,
                        MemberRole.DIRECTOR,
                        f"Phó Chủ tịch UBND {center.ward.name}",
                    ),
                    (person_name(rng), MemberRole.DEPUTY, "Chủ tịch Hội Khuyến học"),
                    (person_name(rng), MemberRole.STAFF, "Công chức Văn hóa - Xã hội"),
                ],
                start=1,
            )
        ),
    )
    partners = {}
    for center in centers:
        partners[center.pk] = {
            kind: Partner(center=center, name=f"{kind.label} {center.ward.name}", kind=kind)
            for kind in (PartnerKind.WOMENS_UNION, PartnerKind.YOUTH_UNION)
        }
    run.bulk(Partner, (p for by_kind in partners.values() for p in by_kind.values()))
    learners = {}
    for center in centers:
        learners[center.pk] = [_person(Learner, rng, center=center) for _n in range(LEARNERS)]
    run.bulk(Learner, (learner for group in learners.values() for learner in group))
    for year in years:
        _year(run, rng, year, centers, kinds, programme, partners, learners)
    _register(run, rng, centers)


def _person(model, rng, **values):
    full_name = person_name(rng)
    gender = "F" if rng.random() < 0.55 else "M"
    return model(
        full_name=full_name,
        search_name=strip_diacritics(full_name),
        birth_year=rng.randint(1950, 2005),
        gender=gender,
        ethnic_minority=rng.random() < 0.1,
        residential_group=f"Tổ {rng.randint(1, 40)}",
        **values,
    )


def _year(run: ScaleRun, rng, year, centers, kinds, programme, partners, learners) -> None:
    """``per_unit`` activities per centre in ``year``, spread over the months, and the published calendar."""
    activities, calendars, changes = [], [], []
    for center in centers:
        director = run.person(center.ward, Role.CLC_DIRECTOR)
        for index in range(run.per_unit):
            code, title, _sessions, list_size, partner_kind = programme[(index + year) % len(programme)]
            starts = date(year, 1 + index * 12 // run.per_unit, 1 + rng.randint(0, 20))
            activity = Activity(
                center=center,
                year=year,
                kind=kinds[code],
                title=title,
                instructor=person_name(rng),
                partner=partners[center.pk].get(partner_kind),
                starts_on=starts,
                ends_on=starts + timedelta(days=14 * (SESSIONS - 1)),
                place="Hội trường Trung tâm",
                attendance=Attendance.LIST if list_size else Attendance.COUNTS,
                created_by=director,
            )
            activities.append(activity)
        calendar = CenterCalendar(center=center, year=year, state=CalendarState.DRAFT, updated_by=director)
        changes += CALENDAR_WORKFLOW.replay(calendar, [Step("publish", director, date(year, 1, 5))])
        calendars.append(calendar)
    run.bulk(Activity, activities)
    run.bulk(CenterCalendar, calendars)
    run.bulk(CALENDAR_WORKFLOW.history_model, changes)
    sessions, enrolled, attended = [], [], []
    for activity in activities:
        listed = learners[activity.center_id] if activity.attendance == Attendance.LIST else []
        enrolled += [(activity.pk, learner.pk) for learner in listed]
        for number in range(SESSIONS):
            came = [learner for learner in listed if rng.random() < 0.8]
            total = len(came) if listed else rng.randint(30, 120)
            women = sum(learner.gender == "F" for learner in came) if listed else total // 2
            minority = sum(learner.ethnic_minority for learner in came) if listed else total // 10
            day = activity.starts_on + timedelta(days=14 * number)
            sessions.append((activity.pk, day, f"Buổi {number + 1}", total, women, minority))
            attended.append([learner.pk for learner in came])
    run.insert(Activity.learners.through, ("activity_id", "learner_id"), enrolled)
    keys = run.insert(
        Session, ("activity_id", "date", "topic", "total", "women", "ethnic_minority"), sessions, ids=True
    )
    run.insert(
        Session.attendees.through,
        ("session_id", "learner_id"),
        ((key, learner) for key, came in zip(keys, attended, strict=True) for learner in came),
    )


def _register(run: ScaleRun, rng, centers) -> None:
    """One import of the national system's export per ward, this January: ten people and their levels."""
    as_of = date(run.today.year, 1, 15)
    imports = run.bulk(
        RegisterImport,
        (
            RegisterImport(
                ward=center.ward,
                source=RegisterSource.PCGD_XMC,
                as_of=as_of,
                file_name="pcgd-xmc.xlsx",
                rows=REGISTER,
                imported_by=run.person(center.ward, Role.WARD_OFFICER),
            )
            for center in centers
        ),
    )
    people = run.bulk(
        RegisterPerson,
        (
            _person(
                RegisterPerson,
                rng,
                ward=record.ward,
                person_code=f"{record.ward.code}-{number:03d}",
                level=LEVELS[number],
                last_import=record,
            )
            for record in imports
            for number in range(REGISTER)
        ),
    )
    run.bulk(
        LiteracyChange,
        (
            LiteracyChange(person=p, register_import=p.last_import, from_level="", to_level=p.level)
            for p in people
        ),
    )
