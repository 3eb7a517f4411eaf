"""Building a centre's activities for tests, through the same domain functions the views use."""

from datetime import date

from centers.activities import add_learner, create_activity, record_session
from centers.models import ActivityKind, Gender


def kind(code: str) -> ActivityKind:
    """A kind of the plan's catalogue (loaded by migration 0002)."""
    return ActivityKind.objects.get(code=code)


def literacy_class(
    center,
    actor,
    *,
    title="Lớp xóa mù chữ khóa 1",
    starts_on=date(2018, 3, 1),
    ends_on=date(2018, 6, 30),
    **fields,
):
    return create_activity(
        center, actor, kind=kind("xoa-mu-chu"), title=title, starts_on=starts_on, ends_on=ends_on, **fields
    )


def health_talk(
    center, actor, *, title="Chuyên đề phòng chống sốt xuất huyết", day=date(2018, 4, 10), **fields
):
    return create_activity(
        center, actor, kind=kind("cd-suc-khoe"), title=title, starts_on=day, ends_on=day, **fields
    )


LEARNERS = [
    {
        "full_name": "Nguyễn Thị Lan",
        "birth_year": 1980,
        "gender": Gender.FEMALE,
        "ethnic_minority": False,
        "residential_group": "Tổ 3",
    },
    {
        "full_name": "Trần Văn Minh",
        "birth_year": 1975,
        "gender": Gender.MALE,
        "ethnic_minority": False,
        "residential_group": "Tổ 5",
    },
    {
        "full_name": "Thạch Thị Sa Ra",
        "birth_year": 1990,
        "gender": Gender.FEMALE,
        "ethnic_minority": True,
        "residential_group": "Tổ 3",
    },
]


def enrol_all(activity, actor, people=LEARNERS):
    return [add_learner(activity, actor, **person) for person in people]


def class_with_sessions(center, actor, *, sessions=((date(2018, 3, 5), 2), (date(2018, 4, 2), 3)), **fields):
    """A literacy class of the three ``LEARNERS`` and sessions ``(date, how many of the list came)``."""
    activity = literacy_class(center, actor, **fields)
    learners = enrol_all(activity, actor)
    for day, count in sessions:
        record_session(activity, actor, date=day, attendees=learners[:count])
    return activity, learners
