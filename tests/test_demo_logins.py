"""Every demo account logs in with the README's password and lands on its role's page, in Vietnamese."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from assessments.models import Assessment, AssessmentState
from wards.demo import DEMO_PASSWORD

# username → (landing page, a menu label that role must see)
LANDINGS = {
    "canbo.p1": ("/wards/P01/", "Phường của tôi"),
    "chutich.p2": ("/wards/P02/", "Việc cần làm"),
    "phonggd": ("/district/", "Tổng quan quận"),
    "khuyenhoc": ("/district/", "Kiểm tra"),
    "kiemtra1": ("/district/", "Kiểm tra"),
    "chutich.quan": ("/district/", "Quyết định"),
    "bcd": ("/district/", "Tổng quan quận"),
    "admin": ("/district/", "Người dùng"),
}


def test_demo_users_log_in_and_see_their_menu_and_the_demo_spans_every_step(db, settings, tmp_path):
    """One test, one seed: the seed walks two years through the workflow, so it runs once."""
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())

    seen = {}
    for username, (landing, label) in LANDINGS.items():
        client = Client()
        login = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        home = client.get("/")
        page = client.get(landing)
        labels = [item.label for item in page.context["nav_items"]] if page.status_code == 200 else []
        seen[username] = (login.status_code, home.get("Location"), page.status_code, label in labels)
    assert seen == {username: (302, landing, 200, True) for username, (landing, _label) in LANDINGS.items()}

    assert set(Assessment.objects.filter(cycle__year=2018).values_list("state", flat=True)) == set(
        AssessmentState.values
    )
    assert set(Assessment.objects.filter(cycle__year=2017).values_list("state", flat=True)) == {
        AssessmentState.PUBLISHED
    }
