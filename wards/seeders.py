"""What ``manage.py seed_demo`` runs, in dependency order; apps above ``wards`` add theirs.

Each seeder is a dotted path to a function taking the command's stdout. The
ward app's own comes first; an app above registers its seeder in its
``AppConfig.ready``, so the order follows ``INSTALLED_APPS`` and the ward app
never imports the apps it seeds for. A seeder that changes the wards themselves
(the demo's 2025 merger) is registered ``last``: it runs after every app has
seeded the wards as they were.
"""

_seeders: list[str] = ["wards.demo.seed_district"]
_last: list[str] = []


def register_demo_seeder(dotted_path: str, *, last: bool = False) -> None:
    """Run the seeder at ``dotted_path`` after those registered before it (once, however often called);
    ``last``: after every seeder registered without ``last``."""
    registry = _last if last else _seeders
    if dotted_path not in _seeders + _last:
        registry.append(dotted_path)


def demo_seeders() -> list[str]:
    return _seeders + _last


# ``manage.py seed_scale``'s generators (``wards.scale``): each takes the run (``ScaleRun``), in the same order.
_scale_generators: list[str] = ["wards.scale.generate_organisation"]


def register_scale_generator(dotted_path: str) -> None:
    """Run the scale generator at ``dotted_path`` after those registered before it (once, however often called)."""
    if dotted_path not in _scale_generators:
        _scale_generators.append(dotted_path)


def scale_generators() -> list[str]:
    return list(_scale_generators)
