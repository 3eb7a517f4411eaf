"""Every demo account logs in with the README's password and lands where its work is, in Vietnamese."""

from collections import Counter
from io import StringIO

from django.core.management import call_command
from django.test import Client

from assessments.models import Assessment, AssessmentState
from centers.models import Activity, Center, CenterRating, Learner, RatingState, RegisterPerson
from wards.demo import DEMO_PASSWORD

# username → (landing page, a menu label that role must see); "P01 2025" is that ward's assessment of 2025,
# the latest cycle. Phường 14's users moved to Phường Hòa Bình (PHB) with the merger of 01/07/2025.
LANDINGS = {
    "canbo.p1": ("P01 2025", "Phường của tôi"),
    "chutich.p2": ("P02 2025", "Việc cần làm"),
    "canbo.p14": ("PHB 2025", "Phường của tôi"),
    "ttht.p1": ("/centers/ward/P01/", "Trung tâm HTCĐ"),
    "ttht.p14": ("/centers/ward/PHB/", "Trung tâm HTCĐ"),
    "phonggd": ("/inbox/", "Tổng quan quận"),
    "khuyenhoc": ("/inbox/", "Kiểm tra"),
    "kiemtra1": ("/inbox/", "Kiểm tra"),
    "chutich.quan": ("/dashboard/", "Quyết định"),
    "bcd": ("/dashboard/", "Tổng quan quận"),
    "admin": ("/users/", "Người dùng"),
}


def landing(where: str) -> str:
    if where.startswith("/centers/ward/"):
        return Center.objects.get(ward__code=where.split("/")[3], closed_on=None).get_absolute_url()
    if where.startswith("/"):
        return where
    code, year = where.split()
    return Assessment.objects.get(ward__code=code, cycle__year=int(year)).get_absolute_url()


def test_demo_users_log_in_and_see_their_menu_and_the_demo_spans_every_step(db, settings, tmp_path):
    """One test, one seed: the seed walks four years through the workflow, so it runs once."""
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())

    seen = {}
    for username, (_where, label) in LANDINGS.items():
        page = Client().post(
            "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}, follow=True
        )
        labels = [item.label for item in page.context["nav_items"]] if page.status_code == 200 else []
        seen[username] = (page.redirect_chain[-1][0], page.status_code, label in labels)
    assert seen == {username: (landing(where), 200, True) for username, (where, _label) in LANDINGS.items()}

    assert set(Assessment.objects.filter(cycle__year=2018).values_list("state", flat=True)) == set(
        AssessmentState.values
    )
    assert set(Assessment.objects.filter(cycle__year=2017).values_list("state", flat=True)) == {
        AssessmentState.PUBLISHED
    }

    # Every ward's centre has its 2017 and 2018: dozens of activities, hundreds of learners, a register.
    activities = Counter(Activity.objects.values_list("center__ward__code", "year"))
    assert len(activities) == 30 and min(activities.values()) >= 20
    learners = Counter(Learner.objects.values_list("center__ward__code", flat=True))
    assert len(learners) == 15 and min(learners.values()) >= 100
    register = Counter(RegisterPerson.objects.values_list("ward__code", flat=True))
    assert len(register) == 15 and min(register.values()) >= 250
    assert set(CenterRating.objects.filter(year=2017).values_list("state", flat=True)) == {
        RatingState.APPROVED
    }
