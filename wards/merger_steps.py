"""What apps above ``wards`` add to a ward merger; the ward app never imports them.

Two kinds of function, registered by dotted path in an app's ``AppConfig.ready``
and run in the order of ``INSTALLED_APPS``:

- a *check* ``(predecessors: list[Ward]) -> list[str]`` returns the reasons the
  merger may not be made (an assessment still in progress, …), or ``[]``;
- a *step* ``(merger: WardMerger) -> None`` carries the app's own records over,
  inside the merger's transaction (the learning centres close and the new ward
  gets one); an exception in a step undoes the whole merger.
"""

from django.utils.module_loading import import_string

_checks: list[str] = []
_steps: list[str] = []


def register_merger_check(dotted_path: str) -> None:
    """Ask the check at ``dotted_path`` before every merger (once, however often called)."""
    if dotted_path not in _checks:
        _checks.append(dotted_path)


def register_merger_step(dotted_path: str) -> None:
    """Run the step at ``dotted_path`` in every merger (once, however often called)."""
    if dotted_path not in _steps:
        _steps.append(dotted_path)


def merger_refusals(predecessors) -> list[str]:
    """Every registered check's reasons against merging ``predecessors``."""
    return [reason for path in _checks for reason in import_string(path)(predecessors)]


def run_merger_steps(merger) -> None:
    for path in _steps:
        import_string(path)(merger)
