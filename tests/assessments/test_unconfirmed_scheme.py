"""Every page that shows the criteria's maximum points warns while the scoring scheme is unconfirmed."""

from assessments.models import AssessmentState as S
from assessments.models import Framework
from tests.helpers import vi

WARNING = vi("The scoring scheme has not been confirmed yet")
PAGES = ["assessment", "criterion", "scoring", "score", "consolidation"]


def pages(login, assessment, walk_to, ward_officer, inspector):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    seen = {
        "assessment": login(ward_officer).get(f"/assessments/{assessment.pk}/"),
        "criterion": login(ward_officer).get(f"/assessments/{assessment.pk}/criteria/1/"),
    }
    walk_to(assessment, S.INSPECTION_PLANNED)
    for name, url in (("scoring", "scoring/"), ("score", "scoring/1/"), ("consolidation", "consolidation/")):
        seen[name] = login(inspector).get(f"/assessments/{assessment.pk}/{url}")
    return {name: (r.status_code, WARNING in r.content.decode()) for name, r in seen.items()}


def test_pages_using_the_maxima_warn_while_the_scheme_is_unconfirmed(
    login, assessment, walk_to, ward_officer, inspector, education_staff, district_chairman
):
    shown = pages(login, assessment, walk_to, ward_officer, inspector)
    assert shown == dict.fromkeys(PAGES, (200, True))


def test_no_warning_once_an_administrator_confirmed_the_scheme(
    login, assessment, walk_to, ward_officer, inspector, education_staff, district_chairman
):
    Framework.objects.filter(pk=assessment.cycle.framework_id).update(scheme_confirmed=True)
    shown = pages(login, assessment, walk_to, ward_officer, inspector)
    assert shown == dict.fromkeys(PAGES, (200, False))
