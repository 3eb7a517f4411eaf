"""One criterion of the dossier: score, comment and evidence, who may edit, download, delete, carry over."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from assessments.dossier import StaleSelfScore, save_criterion_self_assessment
from assessments.models import AssessmentState as S
from assessments.models import CriterionSelfScore, EvidenceFile
from assessments.workflow import perform_transition
from tests.assessments.conftest import PDF_BYTES, add_evidence, complete_dossier
from tests.factories import AssessmentFactory, CycleFactory, UserFactory
from tests.helpers import REFUSED_EDITORS, stored_files, vi_plural
from tests.helpers import vi_text as vi
from wards.models import Role


@pytest.fixture
def criterion(assessment):
    return assessment.cycle.framework.criteria.get(number=1)


@pytest.fixture
def other_assessment(cycle, other_ward):
    return AssessmentFactory(cycle=cycle, ward=other_ward)


def edit_url(assessment, number=1):
    return reverse("assessments:criterion_edit", args=[assessment.pk, number])


def download_url(evidence, assessment=None):
    return reverse(
        "assessments:evidence_download", args=[(assessment or evidence.assessment).pk, evidence.pk]
    )


def delete_url(evidence):
    return reverse("assessments:evidence_delete", args=[evidence.assessment_id, evidence.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_criterion_page_shows_title_guidance_maximum_and_evidence(login, preparing, ward_officer, criterion):
    criterion.guidance = "Nghị quyết của Đảng ủy phường về xây dựng XHHT"
    criterion.save()
    evidence = add_evidence(preparing, criterion, ward_officer, name="nghi-quyet-2018.pdf")
    response = login(ward_officer).get(edit_url(preparing))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1. Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường" in html
    assert "Nghị quyết của Đảng ủy phường về xây dựng XHHT" in html
    assert response.context["criterion"].max_points == Decimal(7)
    assert f'href="{download_url(evidence)}">nghi-quyet-2018.pdf</a>' in html
    assert f'action="{delete_url(evidence)}"' in html
    assert f'action="{reverse("assessments:carry_over", args=[preparing.pk, 1])}"' in html
    assert '<input type="file" name="files" class="form-control" multiple' in html


def test_criterion_save_stores_score_comment_files_and_total(
    settings, login, preparing, ward_officer, criterion
):
    response = login(ward_officer).post(
        edit_url(preparing),
        {
            "points": "6,5",
            "comment": "Có nghị quyết chuyên đề",
            "version": "0",
            "files": [SimpleUploadedFile("nq-1.pdf", PDF_BYTES), SimpleUploadedFile("nq-2.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 302
    assert response.url == preparing.get_absolute_url()
    score = CriterionSelfScore.objects.get(assessment=preparing, criterion=criterion)
    assert (score.points, score.comment) == (Decimal("6.5"), "Có nghị quyết chuyên đề")
    assert sorted(preparing.evidence.values_list("original_name", flat=True)) == ["nq-1.pdf", "nq-2.pdf"]
    preparing.refresh_from_db()
    assert preparing.self_total == Decimal("6.5")
    assert len(stored_files(settings)) == 2


def test_criterion_without_evidence_cannot_score_above_zero(login, preparing, ward_officer, criterion):
    response = login(ward_officer).post(
        edit_url(preparing), {"points": "3", "comment": "chưa có", "version": "0"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["points"] == [
        vi("A criterion without evidence cannot score above 0: attach at least one evidence file.")
    ]
    assert not CriterionSelfScore.objects.exists()
    response = login(ward_officer).post(
        edit_url(preparing), {"points": "0", "comment": "chưa có", "version": "0"}
    )
    assert response.status_code == 302
    assert CriterionSelfScore.objects.get().points == Decimal(0)


def test_criterion_with_existing_evidence_may_score_without_new_files(
    login, preparing, ward_officer, criterion
):
    add_evidence(preparing, criterion, ward_officer)
    response = login(ward_officer).post(edit_url(preparing), {"points": "7", "comment": "", "version": "0"})
    assert response.status_code == 302
    assert CriterionSelfScore.objects.get().points == Decimal(7)


@pytest.mark.parametrize(
    ("typed", "code"), [("7.5", "out_of_range"), ("-1", "out_of_range"), ("6.25", "not_half_point")]
)
def test_criterion_score_must_be_in_range_and_half_points(
    login, preparing, ward_officer, criterion, typed, code
):
    add_evidence(preparing, criterion, ward_officer)
    response = login(ward_officer).post(edit_url(preparing), {"points": typed, "version": "0"})
    assert [error.code for error in response.context["form"].errors.as_data()["points"]] == [code]
    assert not CriterionSelfScore.objects.exists()


@pytest.mark.parametrize("persona", REFUSED_EDITORS)
def test_criterion_edit_refused_to_other_personas(
    request, login, preparing, ward_officer, criterion, persona
):
    add_evidence(preparing, criterion, ward_officer)
    client = login(request.getfixturevalue(persona))
    assert client.get(edit_url(preparing)).status_code == 403
    assert client.post(edit_url(preparing), {"points": "5"}).status_code == 403
    assert not CriterionSelfScore.objects.exists()


def test_criterion_edit_is_404_for_another_ward_and_login_for_anonymous(
    login, preparing, other_ward_officer, ward_officer, criterion
):
    assert login(other_ward_officer).get(edit_url(preparing)).status_code == 404
    assert login(other_ward_officer).post(edit_url(preparing), {"points": "0"}).status_code == 404
    anonymous = login(None).get(edit_url(preparing))
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))
    assert not CriterionSelfScore.objects.exists()


def test_criterion_edit_refused_after_submission_and_allowed_again_when_returned(
    login, walk_to, assessment, ward_officer
):
    walk_to(assessment, S.SUBMITTED)
    before = list(CriterionSelfScore.objects.values_list("criterion__number", "points"))
    client = login(ward_officer)
    assert client.get(edit_url(assessment)).status_code == 403
    assert client.post(edit_url(assessment), {"points": "0"}).status_code == 403
    assert list(CriterionSelfScore.objects.values_list("criterion__number", "points")) == before
    walk_to(assessment, S.RETURNED)
    assert client.post(edit_url(assessment), {"points": "5.5", "version": "1"}).status_code == 302
    assert CriterionSelfScore.objects.get(assessment=assessment, criterion__number=1).points == Decimal("5.5")


def test_unknown_criterion_number_is_404(login, preparing, ward_officer):
    assert login(ward_officer).get(edit_url(preparing, number=16)).status_code == 404


# --- download ---


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "education_staff", "inspector"])
def test_evidence_download_serves_the_file_as_attachment(
    request, login, preparing, ward_officer, criterion, persona
):
    evidence = add_evidence(preparing, criterion, ward_officer, name="Nghị quyết.pdf")
    response = login(request.getfixturevalue(persona)).get(download_url(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf"


def test_evidence_of_another_ward_is_404_also_when_guessing_ids(
    login, preparing, other_assessment, ward_officer, other_ward_officer, criterion
):
    own = add_evidence(preparing, criterion, ward_officer)
    foreign = add_evidence(other_assessment, criterion, other_ward_officer)
    client = login(ward_officer)
    assert client.get(download_url(foreign)).status_code == 404
    # The other ward's evidence id under the officer's own assessment.
    assert client.get(download_url(foreign, assessment=preparing)).status_code == 404
    # And the other way round: the other ward's officer guessing.
    guesser = login(other_ward_officer)
    assert guesser.get(download_url(own)).status_code == 404
    assert guesser.get(download_url(own, assessment=other_assessment)).status_code == 404
    assert guesser.post(delete_url(own)).status_code == 404
    assert EvidenceFile.objects.filter(pk=own.pk).exists()


# --- delete ---


def test_evidence_delete_removes_row_and_file(
    settings, login, preparing, ward_officer, criterion, django_capture_on_commit_callbacks
):
    evidence = add_evidence(preparing, criterion, ward_officer)
    path = Path(settings.PRIVATE_FILES_ROOT) / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ward_officer).post(delete_url(evidence))
    assert (response.status_code, response.url) == (302, edit_url(preparing))
    assert not EvidenceFile.objects.exists()
    assert not path.exists()


def test_evidence_delete_is_post_only_and_refused_to_other_personas(
    request, login, walk_to, preparing, ward_officer, criterion
):
    evidence = add_evidence(preparing, criterion, ward_officer)
    assert login(ward_officer).get(delete_url(evidence)).status_code == 405
    for persona in REFUSED_EDITORS:
        assert login(request.getfixturevalue(persona)).post(delete_url(evidence)).status_code == 403, persona
    complete_dossier(preparing, ward_officer)
    perform_transition(preparing, "submit_dossier", ward_officer)
    assert login(ward_officer).post(delete_url(evidence)).status_code == 403
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()


def test_last_evidence_of_a_scoring_criterion_cannot_be_deleted(login, preparing, ward_officer, criterion):
    evidence = add_evidence(preparing, criterion, ward_officer)
    CriterionSelfScore.objects.create(assessment=preparing, criterion=criterion, points=Decimal(5))
    response = login(ward_officer).post(delete_url(evidence))
    assert response.status_code == 302
    assert messages_of(response) == [
        vi(
            "This is the only evidence file of criterion %(number)s, which scores %(points)s: "
            "attach another file or set the score to 0 first.",
            number=1,
            points=Decimal("5.0"),
        )
    ]
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()


# --- carry over from last year ---


@pytest.fixture
def last_year(db, ward, promotion_association):
    return AssessmentFactory(cycle=CycleFactory(year=2017, lead_body=promotion_association), ward=ward)


def test_carry_over_reuses_last_years_files_once(login, preparing, last_year, ward_officer, criterion):
    old = [add_evidence(last_year, criterion, ward_officer, name=f"ke-hoach-{n}.pdf") for n in (1, 2)]
    add_evidence(last_year, last_year.cycle.framework.criteria.get(number=2), ward_officer)
    client = login(ward_officer)
    url = reverse("assessments:carry_over", args=[preparing.pk, 1])
    response = client.post(url)
    assert (response.status_code, response.url) == (302, edit_url(preparing))
    assert messages_of(response) == [
        vi_plural(
            "%(count)s evidence file has been carried over from %(year)s.",
            "%(count)s evidence files have been carried over from %(year)s.",
            count=2,
            year=2017,
        )
    ]
    carried = list(preparing.evidence.order_by("original_name"))
    assert [(e.original_name, e.file.name, e.carried_from_id, e.criterion_id) for e in carried] == [
        (o.original_name, o.file.name, o.pk, criterion.pk) for o in old
    ]
    client.get(response.url)  # shows (and so uses up) the message
    response = client.post(url)
    assert messages_of(response) == [vi("There is no evidence from %(year)s left to carry over.", year=2017)]
    assert preparing.evidence.count() == 2


def test_carry_over_refused_to_the_chairman_and_other_ward(
    login, preparing, last_year, ward_officer, ward_chairman, other_ward_officer, criterion
):
    add_evidence(last_year, criterion, ward_officer)
    url = reverse("assessments:carry_over", args=[preparing.pk, 1])
    assert login(ward_chairman).post(url).status_code == 403
    assert login(other_ward_officer).post(url).status_code == 404
    assert login(ward_officer).get(url).status_code == 405
    assert preparing.evidence.count() == 0


def test_deleting_a_carried_row_keeps_last_years_file_and_vice_versa(
    settings,
    login,
    walk_to,
    preparing,
    last_year,
    ward_officer,
    criterion,
    django_capture_on_commit_callbacks,
):
    source = add_evidence(last_year, criterion, ward_officer)
    path = Path(settings.PRIVATE_FILES_ROOT) / source.file.name
    client = login(ward_officer)
    client.post(reverse("assessments:carry_over", args=[preparing.pk, 1]))
    carried = preparing.evidence.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url(carried)).status_code == 302
    assert not preparing.evidence.exists()
    assert path.read_bytes() == PDF_BYTES
    assert client.get(download_url(source)).status_code == 200

    # Carry it again, then delete last year's row (its dossier open again): this year's copy keeps the file.
    client.post(reverse("assessments:carry_over", args=[preparing.pk, 1]))
    walk_to(last_year, S.DOSSIER_PREPARATION, today=last_year.cycle.self_assessment_start)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url(source)).status_code == 302
    carried = preparing.evidence.get()
    assert carried.carried_from_id is None
    assert path.read_bytes() == PDF_BYTES
    assert b"".join(client.get(download_url(carried)).streaming_content) == PDF_BYTES


# --- query count ---


@pytest.mark.parametrize("files", [1, 5])
def test_criterion_page_query_count_does_not_grow_with_files(
    login, preparing, ward_officer, criterion, django_assert_num_queries, files
):
    for n in range(files):
        add_evidence(preparing, criterion, ward_officer, name=f"minh-chung-{n}.pdf")
    client = login(ward_officer)
    # 1 session, 2 user, 3 roles, 4 assessment with ward/cycle/framework, 5 criterion, 6 self-score,
    # 7 evidence with uploader, 8 the user's ward for the menu.
    with django_assert_num_queries(7):
        response = client.get(edit_url(preparing))
    assert len(response.context["evidence"]) == files


# --- two people editing one criterion -------------------------------------------------------------


def test_each_save_of_a_score_gives_it_the_next_version_and_its_author(
    login, preparing, ward_officer, ward_chairman, criterion
):
    add_evidence(preparing, criterion, ward_officer)
    client = login(ward_officer)

    assert client.get(edit_url(preparing)).context["form"]["version"].value() == 0
    client.post(edit_url(preparing), {"points": "5", "comment": "", "version": "0"})
    response = client.get(edit_url(preparing))
    client.post(edit_url(preparing), {"points": "6", "comment": "", "version": "1"})

    score = CriterionSelfScore.objects.get()
    assert response.context["form"]["version"].value() == 1
    assert (score.points, score.version, score.updated_by) == (Decimal(6), 2, ward_officer)
    assert 'type="hidden" name="version" value="1"' in response.content.decode()


def test_a_save_based_on_an_outdated_version_is_refused_and_shows_what_is_stored(
    settings, login, preparing, ward_officer, criterion
):
    colleague = UserFactory(ward=preparing.ward, full_name="Lê Thị Hoa", roles=[Role.WARD_OFFICER])
    add_evidence(preparing, criterion, ward_officer)
    mine, theirs = login(ward_officer), login(colleague)
    mine.get(edit_url(preparing))  # both open the criterion before either saves (version 0)
    theirs.get(edit_url(preparing))
    assert (
        theirs.post(edit_url(preparing), {"points": "4", "comment": "Của Hoa", "version": "0"}).status_code
        == 302
    )

    response = mine.post(
        edit_url(preparing),
        {
            "points": "6,5",
            "comment": "Của Dung",
            "version": "0",
            "files": [SimpleUploadedFile("nq-moi.pdf", PDF_BYTES)],
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert response.context["stale"] == vi("Someone else changed this score while you were editing it.")
    assert escape(vi("Someone else changed this score while you were editing it.")) in page
    # What is stored now (the colleague's), and what the officer typed, kept in the form.
    stored_now = page.split('id="stored-now"', 1)[1].split("</div>", 1)[0]
    assert '<dd class="col-sm-9">4,0</dd>' in stored_now
    assert "Của Hoa" in stored_now
    assert response.context["form"]["points"].value() == "6,5"
    assert response.context["form"]["comment"].value() == "Của Dung"
    # Nothing of the refused save was written.
    score = CriterionSelfScore.objects.get()
    assert (score.points, score.comment, score.version, score.updated_by) == (
        Decimal(4),
        "Của Hoa",
        1,
        colleague,
    )
    assert preparing.evidence.count() == 1
    assert len(stored_files(settings)) == 1
    # Saving again, now from the stored version, replaces it on purpose.
    assert response.context["form"]["version"].value() == "1"
    again = mine.post(edit_url(preparing), {"points": "6,5", "comment": "Của Dung", "version": "1"})
    score.refresh_from_db()
    assert again.status_code == 302
    assert (score.points, score.comment, score.version, score.updated_by) == (
        Decimal("6.5"),
        "Của Dung",
        2,
        ward_officer,
    )


def test_a_save_of_a_criterion_someone_scored_meanwhile_is_refused(login, preparing, ward_officer, criterion):
    """The page was opened before the criterion had any score (version 0); someone scored it since."""
    CriterionSelfScore.objects.create(assessment=preparing, criterion=criterion, points=Decimal(0))

    response = login(ward_officer).post(
        edit_url(preparing), {"points": "0", "comment": "mới", "version": "0"}
    )

    assert response.context["stale"] == vi("Someone else changed this score while you were editing it.")
    assert CriterionSelfScore.objects.get().comment == ""


def test_save_criterion_self_assessment_refuses_an_outdated_version_whoever_calls_it(
    preparing, ward_officer, criterion
):
    CriterionSelfScore.objects.create(assessment=preparing, criterion=criterion, points=Decimal(0), version=3)

    with pytest.raises(StaleSelfScore):
        save_criterion_self_assessment(
            preparing, criterion, ward_officer, points=Decimal(0), comment="x", uploads=[], expected_version=2
        )
    assert CriterionSelfScore.objects.get().comment == ""
