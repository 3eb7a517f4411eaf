"""The one way a view refuses an action: ``require_perm``.

Permissions are django-rules predicates (``wards/rules.py``, ``assessments/rules.py``),
checked with ``user.has_perm`` here, in templates and in the domain functions
alike. A view first finds the object through the visibility query of its app
(outside it: 404); ``require_perm`` then refuses, with a 403, an action the
user may not take on an object they can see.
"""

from django.core.exceptions import PermissionDenied


def require_perm(request, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` (403) unless ``request.user`` has ``perm`` (on ``obj`` when given)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)
