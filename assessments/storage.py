"""Where a dossier's uploaded files go in the private storage (``engines.storage``): per year and ward."""

from engines.storage import generated_name


def evidence_upload_to(instance, filename: str) -> str:
    return generated_name(
        f"evidence/{instance.assessment.cycle.year}/{instance.assessment.ward.code}", filename
    )


def document_upload_to(instance, filename: str) -> str:
    return generated_name(
        f"documents/{instance.assessment.cycle.year}/{instance.assessment.ward.code}", filename
    )
