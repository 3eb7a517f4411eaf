"""A Circular 25/2023 (level-based) assessment walked through the same pages as Circular 44's, by the same personas.

The ward answers "met at level 1 / level 2" per indicator with evidence per
indicator; the team records its findings per indicator of the criteria assigned
to each member; closing stores the level reached.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import (
    Assessment,
    AssessmentState,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
    InspectionResult,
)
from assessments.procedures import document_kinds
from tests.assessments.conftest import PDF_BYTES
from tests.factories import AssessmentFactory, CycleFactory, UserFactory
from tests.helpers import vi_text as vi
from wards.models import Role

S = AssessmentState
pytestmark = pytest.mark.django_db


def state_of(assessment):
    return Assessment.objects.get(pk=assessment.pk).state


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:3000]
    return response


@pytest.fixture
def circular_25(db):
    return Framework.objects.get(code="tt25-2023")


@pytest.fixture
def c25_assessment(circular_25, ward, promotion_association):
    cycle = CycleFactory(year=2024, framework=circular_25, lead_body=promotion_association)
    return AssessmentFactory(cycle=cycle, ward=ward)


def indicators_of(framework, number):
    return list(
        Indicator.objects.filter(criterion__framework=framework, criterion__number=number).order_by("number")
    )


def pdf(name):
    return SimpleUploadedFile(name, PDF_BYTES)


def self_data(indicators, *, met=True, files=1, versions=None, unanswered=(), without_evidence=()):
    """The criterion page's POST: every indicator met (or not) at both levels, ``files`` files each."""
    data = {}
    for indicator in indicators:
        prefix = f"i{indicator.pk}"
        answer = "" if indicator.code in unanswered else ("yes" if met else "no")
        data[f"{prefix}-meets_level_1"] = answer
        if indicator.has_higher_level_2_target:
            data[f"{prefix}-meets_level_2"] = answer
        data[f"{prefix}-comment"] = "Đạt"
        data[f"{prefix}-version"] = str((versions or {}).get(indicator.pk, 0))
        count = 0 if indicator.code in without_evidence else files
        data[f"{prefix}-files"] = [pdf(f"minh-chung-{indicator.code}-{n}.pdf") for n in range(count)]
    return data


def document_data(kind_number):
    return {
        "number": f"0{kind_number}/UBND",
        "issued_on": "20/10/2024",
        "signer": "Nguyễn Văn An",
        "scan": pdf(f"van-ban-{kind_number}.pdf"),
    }


def ward_side(login, assessment, ward_officer, ward_chairman, *, skip_criterion=None):
    """Circular 25's steps before the dossier goes up, through the pages.

    Every indicator answered as met with evidence, the self-assessment sent to
    the chairman and agreed at the meeting, the four documents entered and
    level 2 asked for. With ``skip_criterion``, that criterion's indicators are
    left unanswered after the meeting (answered "not met" before it, then
    cleared) and no level is chosen yet: the test finishes the dossier.
    """
    url = f"/assessments/{assessment.pk}"
    officer, chairman = login(ward_officer), login(ward_chairman)
    framework = assessment.cycle.framework
    for number in range(1, 6):
        if number == skip_criterion:
            ok(
                officer.post(
                    f"{url}/criteria/{number}/",
                    self_data(indicators_of(framework, number), met=False, files=0),
                )
            )
        else:
            ok(officer.post(f"{url}/criteria/{number}/", self_data(indicators_of(framework, number))))
    ok(officer.post(f"{url}/transition/submit_self_assessment/"))
    ok(chairman.post(f"{url}/transition/agree_self_assessment/"))
    assert state_of(assessment) == S.DOSSIER_PREPARATION
    if skip_criterion:
        skipped = indicators_of(framework, skip_criterion)
        versions = {
            f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)
        }
        codes = {indicator.code for indicator in skipped}
        ok(
            officer.post(
                f"{url}/criteria/{skip_criterion}/",
                self_data(skipped, files=0, versions=versions, unanswered=codes),
            )
        )
    for index, kind in enumerate(document_kinds(assessment), start=1):
        ok(officer.post(f"{url}/documents/{kind}/", document_data(index)))
    if not skip_criterion:
        ok(officer.post(f"{url}/level/", {"level": "2"}))
    return officer


def plan_inspection(login, assessment, education_staff, district_chairman, members):
    """Received, and an approved plan: member ``n`` checks the criteria listed for them."""
    url = f"/assessments/{assessment.pk}"
    staff = login(education_staff)
    ok(staff.post(f"{url}/receive/"))
    criteria = {c.number: c for c in assessment.cycle.framework.criteria.all()}
    post = {
        "title": "Kiểm tra Phường 1",
        "cycle": str(assessment.cycle.pk),
        "start_date": "05/11/2024",
        "end_date": "06/11/2024",
        "assessments": [str(assessment.pk)],
        "team-TOTAL_FORMS": str(len(members)),
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "1000",
        "team-0-is_lead": "on",
    }
    for index, (member, numbers) in enumerate(members):
        post[f"team-{index}-member"] = str(member.pk)
        post[f"team-{index}-criteria"] = [str(criteria[n].pk) for n in numbers]
    ok(staff.post("/inspections/new/", post))
    plan = assessment.inspection_plans.get()
    ok(staff.post(f"/inspections/{plan.pk}/submit/"))
    ok(login(district_chairman).post(f"/inspections/{plan.pk}/approve/"))
    assert state_of(assessment) == S.INSPECTION_PLANNED


def team_data(indicators, *, level_1=(), level_2=(), insufficient=()):
    """The team's POST for one criterion: met at both levels except the codes listed."""
    data = {}
    for indicator in indicators:
        prefix = f"i{indicator.pk}"
        data[f"{prefix}-meets_level_1"] = "no" if indicator.code in level_1 else "yes"
        if indicator.has_higher_level_2_target:
            data[f"{prefix}-meets_level_2"] = "no" if indicator.code in level_2 else "yes"
        if indicator.code not in insufficient:
            data[f"{prefix}-evidence_sufficient"] = "on"
        data[f"{prefix}-comment"] = ""
        data[f"{prefix}-version"] = "0"
    return data


def test_the_ward_fills_indicators_sends_and_is_told_what_counts_as_not_met(
    login, c25_assessment, ward_officer, ward_chairman
):
    assessment = c25_assessment
    url = f"/assessments/{assessment.pk}"
    framework = assessment.cycle.framework
    officer = ward_side(login, assessment, ward_officer, ward_chairman, skip_criterion=5)

    # The criterion page shows the indicators with their targets; level 2 asked only where it asks more.
    page = ok(officer.get(f"{url}/criteria/4/"), 200).content.decode()
    first, *_rest = indicators_of(framework, 4)
    assert first.level_1_target in page and first.level_2_target in page
    assert f"i{first.pk}-meets_level_2" in page
    plain = indicators_of(framework, 1)[0]
    assert f"i{plain.pk}-meets_level_2" not in ok(officer.get(f"{url}/criteria/1/"), 200).content.decode()
    finding = IndicatorSelfFinding.objects.get(assessment=assessment, indicator=first)
    assert (finding.meets_level_1, finding.meets_level_2, finding.version) == (True, True, 1)
    assert (
        EvidenceFile.objects.get(assessment=assessment, indicator=first).original_name
        == "minh-chung-4.1-0.pdf"
    )

    # Criterion 5 unanswered: sending is refused, naming every indicator.
    refused = ok(officer.post(f"{url}/transition/submit_dossier/"), 200)
    assert state_of(assessment) == S.DOSSIER_PREPARATION
    assert [vi("Indicator %(code)s: not answered.", code=f"5.{n}") for n in (1, 2, 3)] == [
        item for item in refused.context["summary"].missing if "5." in item
    ]

    # 5.1 left unanswered still blocks; then 5.3 marked as met without evidence.
    five = indicators_of(framework, 5)
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    ok(
        officer.post(
            f"{url}/criteria/5/",
            self_data(five, versions=versions, unanswered={"5.1"}, without_evidence={"5.3"}),
        )
    )
    assert (
        vi("Indicator %(code)s: not answered.", code="5.1")
        in officer.get(f"{url}/transition/submit_dossier/").context["summary"].missing
    )
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    ok(
        officer.post(
            f"{url}/criteria/5/", self_data(five, files=0, versions=versions, without_evidence={"5.3"})
        )
    )

    ok(officer.post(f"{url}/level/", {"level": "2"}))  # claimed: 5.3 is marked as met
    confirmation = ok(officer.get(f"{url}/transition/submit_dossier/"), 200)
    summary = confirmation.context["summary"]
    assert summary.missing == [] and [i.code for i in summary.without_evidence] == ["5.3"]
    assert summary.level == 0  # 5.3 counts as not met
    assert "5.3" in confirmation.content.decode().split('id="without-evidence"')[1].split("</ul>")[0]
    detail = ok(officer.get(f"{url}/"), 200)
    assert detail.context["self_level"] == 0

    # Evidence for 5.3 uploaded: the ward's own level is 2, shown on the assessment page and the summary.
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    only_53 = self_data(five, files=0, versions=versions)
    only_53[f"i{five[2].pk}-files"] = [pdf("minh-chung-5.3.pdf")]
    ok(officer.post(f"{url}/criteria/5/", only_53))
    assert ok(officer.get(f"{url}/"), 200).context["self_level"] == 2
    assert vi("Level %(level)s", level=2) in officer.get(f"{url}/").content.decode()
    assert officer.get(f"{url}/transition/submit_dossier/").context["summary"].without_evidence == []
    ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": ""}))
    assert state_of(assessment) == S.SUBMITTED


def test_sending_with_an_indicator_without_evidence_needs_the_confirmation(
    login, c25_assessment, ward_officer, ward_chairman
):
    assessment = c25_assessment
    url = f"/assessments/{assessment.pk}"
    officer = ward_side(login, assessment, ward_officer, ward_chairman, skip_criterion=2)
    two = indicators_of(assessment.cycle.framework, 2)
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    ok(officer.post(f"{url}/criteria/2/", self_data(two, versions=versions, without_evidence={"2.2"})))
    ok(officer.post(f"{url}/level/", {"level": "2"}))
    shown = str(two[1].pk)
    refused = ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": shown}), 200)
    assert state_of(assessment) == S.DOSSIER_PREPARATION
    assert "2.2" in refused.context["form"].errors["confirm_zero"][0]
    ok(
        officer.post(
            f"{url}/transition/submit_dossier/", {"shown_without_evidence": shown, "confirm_zero": "on"}
        )
    )
    assert state_of(assessment) == S.SUBMITTED


@pytest.mark.parametrize(
    ("findings", "level"),
    [
        ({}, 2),
        ({4: {"level_2": {"4.2"}}}, 1),
        ({1: {"level_1": {"1.1"}}}, 0),
        ({3: {"insufficient": {"3.3"}}}, 0),
    ],
    ids=["all-met", "level-2-target-missed", "level-1-missed", "evidence-insufficient"],
)
def test_the_team_records_indicator_findings_and_closing_stores_the_level(
    login,
    c25_assessment,
    ward_officer,
    ward_chairman,
    education_staff,
    district_chairman,
    inspector,
    findings,
    level,
):
    assessment = c25_assessment
    url = f"/assessments/{assessment.pk}"
    framework = assessment.cycle.framework
    officer = ward_side(login, assessment, ward_officer, ward_chairman)
    ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": ""}))
    member = UserFactory(full_name="Thành viên 2", roles=[Role.INSPECTOR])
    plan_inspection(
        login, assessment, education_staff, district_chairman, [(inspector, (1, 2, 3)), (member, (4, 5))]
    )

    lead, second = login(inspector), login(member)
    # A member assesses only the criteria assigned to them.
    assert second.post(f"{url}/scoring/1/", team_data(indicators_of(framework, 1))).status_code == 403
    assert not IndicatorInspectionFinding.objects.exists()
    for number in range(1, 6):
        client = lead if number <= 3 else second
        page = ok(client.get(f"{url}/scoring/{number}/"), 200).content.decode()
        assert indicators_of(framework, number)[0].level_1_target in page
        ok(
            client.post(
                f"{url}/scoring/{number}/",
                team_data(indicators_of(framework, number), **findings.get(number, {})),
            )
        )
    assert IndicatorInspectionFinding.objects.filter(assessment=assessment).count() == 15
    assert set(
        IndicatorInspectionFinding.objects.filter(indicator__criterion__number__gte=4).values_list(
            "scored_by", flat=True
        )
    ) == {member.pk}

    assert second.post(f"{url}/close/").status_code == 403  # only the lead closes
    ok(lead.post(f"{url}/close/"))
    result = InspectionResult.objects.get(assessment=assessment)
    assert (result.total, result.level) == (0, level)
    expected_band = {2: "muc-2", 1: "muc-1", 0: None}[level]
    assert (result.classification.code if result.classification else None) == expected_band
    assert state_of(assessment) == S.INSPECTED


def test_refusals(
    login,
    c25_assessment,
    ward_officer,
    ward_chairman,
    other_ward_officer,
    education_staff,
    district_chairman,
    inspector,
):
    assessment = c25_assessment
    url = f"/assessments/{assessment.pk}"
    framework = assessment.cycle.framework
    one = indicators_of(framework, 1)
    ward_side(login, assessment, ward_officer, ward_chairman)
    stranger = login(other_ward_officer)
    assert stranger.get(f"{url}/criteria/1/").status_code == 404
    assert stranger.post(f"{url}/criteria/1/", self_data(one)).status_code == 404
    assert login(None).get(f"{url}/criteria/1/").status_code == 302  # to the login page
    login(ward_officer).post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": ""})
    plan_inspection(login, assessment, education_staff, district_chairman, [(inspector, (1, 2, 3, 4, 5))])
    outsider = login(UserFactory(full_name="Thanh tra khác", roles=[Role.INSPECTOR]))
    assert outsider.get(f"{url}/scoring/").status_code in (403, 404)
    assert outsider.post(f"{url}/scoring/1/", team_data(one)).status_code in (403, 404)
    assert not IndicatorInspectionFinding.objects.exists()
    assert login(inspector).get(f"{url}/scoring/").status_code == 200


@pytest.mark.parametrize("files", [1, 5])
def test_query_counts_do_not_grow_with_evidence_files(
    login,
    c25_assessment,
    ward_officer,
    ward_chairman,
    education_staff,
    district_chairman,
    inspector,
    django_assert_max_num_queries,
    files,
):
    assessment = c25_assessment
    url = f"/assessments/{assessment.pk}"
    framework = assessment.cycle.framework
    officer = ward_side(login, assessment, ward_officer, ward_chairman, skip_criterion=1)
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    ok(
        officer.post(
            f"{url}/criteria/1/", self_data(indicators_of(framework, 1), files=files, versions=versions)
        )
    )
    ok(officer.post(f"{url}/level/", {"level": "2"}))
    assert EvidenceFile.objects.filter(assessment=assessment, criterion__number=1).count() == 3 * files
    # Measured: 8 with 1 or 5 files per indicator.
    with django_assert_max_num_queries(8):
        ok(officer.get(f"{url}/criteria/1/"), 200)
    ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": ""}))
    plan_inspection(login, assessment, education_staff, district_chairman, [(inspector, (1, 2, 3, 4, 5))])
    lead = login(inspector)
    with django_assert_max_num_queries(10):  # measured: 10 with 1 or 5 files per indicator
        ok(lead.get(f"{url}/scoring/"), 200)
    with django_assert_max_num_queries(10):
        ok(lead.get(f"{url}/scoring/1/"), 200)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("ward_request", ["TỜ TRÌNH", "đề nghị đánh giá, công nhận", "Mức độ 2 (Tốt)", "Biên bản họp"]),
        (
            "ward_self_report",
            ["BÁO CÁO", "Kết quả tự đánh giá", "4.2", "4.2-0.pdf", "Như mức độ 1"],
        ),
        ("ward_summary", ["BẢNG TỔNG HỢP", "Tiêu chí 5", "Mức độ 2 (Tốt)"]),
        ("ward_meeting", ["BIÊN BẢN HỌP", "Thống nhất đề nghị", "Mức độ 2 (Tốt)", "CHỦ TRÌ"]),
    ],
)
def test_the_wards_documents_under_circular_25_speak_of_indicators_and_the_level_asked_for(
    login, c25_assessment, ward_officer, ward_chairman, key, expected
):
    from tests.helpers import pdf_text

    officer = ward_side(login, c25_assessment, ward_officer, ward_chairman)

    response = officer.get(f"/assessments/{c25_assessment.pk}/print/{key}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert all(phrase in text for phrase in expected), text[:3000]
    assert "điểm" not in text.lower().replace("đặc điểm", "").replace("địa điểm", "")  # no points
    page = ok(officer.get(f"/assessments/{c25_assessment.pk}/"), 200).content.decode()
    assert f"/print/{key}.pdf" in page and "/print/ward_plan.pdf" not in page


@pytest.mark.parametrize("key", ["ward_plan", "ward_proposal", "ward_report", "ward_minutes"])
def test_circular_44_documents_are_not_produced_for_a_circular_25_dossier(
    login, c25_assessment, ward_officer, ward_chairman, key
):
    officer = ward_side(login, c25_assessment, ward_officer, ward_chairman)
    assert officer.get(f"/assessments/{c25_assessment.pk}/print/{key}.pdf").status_code == 404
