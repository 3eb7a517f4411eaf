"""What the centre's page shows of the register and the learning models: aggregates only,
for every signed-in user, with links to what the user may open or change."""

from centers.learning import learning_model_rates
from centers.literacy import literacy_status


def register_panels(center, year: int, user) -> dict:
    """The context of ``centers/partials/literacy.html`` and ``centers/partials/learning_models.html``.

    Four queries: the standards, one count over the register, the latest
    import, then the year's learning-model counts and targets (two).
    """
    return {
        "center": center,
        "year": year,
        "literacy": literacy_status(center.ward, year),
        "learning_models": learning_model_rates(center.ward, year),
        "can_view_register": user.has_perm("centers.view_personal_data", center),
        "can_import_register": user.has_perm("centers.manage_register", center),
        "can_record_learning_models": user.has_perm("centers.manage_learning_models", center),
    }
