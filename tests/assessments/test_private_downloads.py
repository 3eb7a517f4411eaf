"""Who carries a private file to the browser once the portal has checked permission (``engines.storage``).

With ``PORTAL_X_ACCEL_REDIRECT_PREFIX`` set, nginx sends the file from its
``internal`` location: the portal answers with an empty body naming the file
and the download's own headers. With the files in a bucket, the portal
redirects to a URL signed for a minute. Without either, it streams the bytes
itself. The permission check is the same in each case: a refused user never
learns where the file lies.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.functional import empty

from assessments.models import BatchState, DocumentBatch
from engines.storage import private_storage
from tests.assessments.conftest import PDF_BYTES, add_evidence
from tests.factories import AssessmentFactory

PREFIX = "/_private/"
DISPOSITION = "attachment; filename*=utf-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf"


@pytest.fixture
def criterion(assessment):
    return assessment.cycle.framework.criteria.get(number=1)


@pytest.fixture
def evidence(preparing, criterion, ward_officer):
    return add_evidence(preparing, criterion, ward_officer, name="Nghị quyết.pdf")


def download_url(evidence, assessment=None):
    return reverse(
        "assessments:evidence_download", args=[(assessment or evidence.assessment).pk, evidence.pk]
    )


@pytest.fixture
def nginx_sends(settings):
    settings.PORTAL_X_ACCEL_REDIRECT_PREFIX = PREFIX


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "inspector"])
def test_evidence_download_is_handed_to_nginx_with_the_download_headers(
    request, login, nginx_sends, evidence, persona
):
    response = login(request.getfixturevalue(persona)).get(download_url(evidence))
    assert response.status_code == 200
    assert not response.streaming
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{evidence.file.name}"
    assert evidence.file.name.startswith(f"evidence/{evidence.assessment.cycle.year}/P01/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == DISPOSITION
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_of_another_ward_names_no_file_to_nginx(
    login, nginx_sends, evidence, cycle, other_ward, other_ward_officer
):
    other_assessment = AssessmentFactory(cycle=cycle, ward=other_ward)
    guesser = login(other_ward_officer)
    for url in (download_url(evidence), download_url(evidence, assessment=other_assessment)):
        response = guesser.get(url)
        assert response.status_code == 404
        assert not response.has_header("X-Accel-Redirect")
        assert evidence.file.name not in response.content.decode()


def test_a_file_gone_from_the_folder_is_404_before_nginx_is_asked(login, nginx_sends, evidence, ward_officer):
    private_storage.delete(evidence.file.name)
    response = login(ward_officer).get(download_url(evidence))
    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")


def test_without_the_prefix_the_portal_streams_the_bytes_itself(settings, login, evidence, ward_officer):
    settings.PORTAL_X_ACCEL_REDIRECT_PREFIX = ""
    response = login(ward_officer).get(download_url(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert not response.has_header("X-Accel-Redirect")
    assert response["Content-Disposition"] == DISPOSITION
    assert response["Cache-Control"] == "private, no-store"


def test_a_finished_batch_is_handed_to_nginx_too_and_hidden_from_a_ward(
    login, nginx_sends, education_staff, ward_officer
):
    batch = DocumentBatch.objects.create(
        requested_by=education_staff, kind="ward_minutes", total=1, done=1, state=BatchState.DONE
    )
    batch.result.save("BB-2018.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    url = reverse("assessments:batch_download", args=[batch.pk])

    response = login(education_staff).get(url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/batches/{batch.created_at:%Y}/{batch.pk}/BB-2018.zip"
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="BB-2018.zip"'

    refused = login(ward_officer).get(url)
    assert refused.status_code == 404
    assert not refused.has_header("X-Accel-Redirect")


# --- files in a bucket ----------------------------------------------------------------------------------


@pytest.fixture
def bucket(settings):
    """The private files in an S3-compatible bucket, as ``PORTAL_STORAGE=s3`` configures them.

    A signed URL is computed locally: no request reaches any bucket. The
    private store is looked up again after the switch, and after the test.
    """
    pytest.importorskip("storages.backends.s3")
    settings.PORTAL_STORAGE = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "xhht-files",
                "location": "private",
                "endpoint_url": "https://s3.example.vn",
                "region_name": "ap-southeast-1",
                "access_key": "AKIAEXAMPLE",
                "secret_key": "secret-example",
                "addressing_style": "path",
                "signature_version": "s3v4",
                "querystring_expire": 60,
            },
        },
    }
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty  # the folder again, once ``settings`` has put STORAGES back


def test_from_a_bucket_the_download_is_a_redirect_to_a_url_signed_for_a_minute(
    settings, login, evidence, ward_officer, other_ward_officer, bucket
):
    response = login(ward_officer).get(download_url(evidence))

    assert response.status_code == 302
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"
    url = urlsplit(response["Location"])
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "s3.example.vn",
        f"/xhht-files/private/{evidence.file.name}",
    )
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert query["X-Amz-Expires"] == "60"
    assert query["X-Amz-Credential"].startswith("AKIAEXAMPLE/")
    assert query["response-content-type"] == "application/pdf"
    assert query["response-content-disposition"] == DISPOSITION

    refused = login(other_ward_officer).get(download_url(evidence))
    assert refused.status_code == 404
    assert not refused.has_header("Location")
