"""Background tasks (django-tasks), run by ``python manage.py db_worker``; the work itself lives elsewhere."""

from django_tasks import task

from assessments.batch_rendering import run_batch


@task
def render_batch(batch_id: int) -> None:
    """Render a ``DocumentBatch`` (``assessments.batch_rendering.run_batch``)."""
    run_batch(batch_id)
