"""Small pieces the centre's views share."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse


def show_errors(form, error: ValidationError) -> None:
    """Put a domain function's ``ValidationError`` on ``form``: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def xlsx_response(content: bytes, filename: str):
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
