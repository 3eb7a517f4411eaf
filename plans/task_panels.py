"""What other parts of the plans app show on a task's page, below the task itself.

The progress reporting (status changes, notes, evidence, event records) lives
in its own modules; it registers a panel here — a dotted path to a function
``panel(request, task) -> str`` (rendered HTML, empty when it has nothing to
show) — and the task page renders every registered panel in order.
"""

from django.utils.module_loading import import_string

_panels: list[str] = []


def register_task_panel(dotted_path: str) -> None:
    if dotted_path not in _panels:
        _panels.append(dotted_path)


def task_panels(request, task) -> list[str]:
    return [html for html in (import_string(path)(request, task) for path in _panels) if html]
