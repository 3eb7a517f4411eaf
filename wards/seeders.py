"""What ``manage.py seed_demo`` runs, in dependency order; apps above ``wards`` add theirs.

Each seeder is a dotted path to a function taking the command's stdout. The
ward app's own comes first; an app above registers its seeder in its
``AppConfig.ready``, so the order follows ``INSTALLED_APPS`` and the ward app
never imports the apps it seeds for.
"""

_seeders: list[str] = ["wards.demo.seed_district"]


def register_demo_seeder(dotted_path: str) -> None:
    """Run the seeder at ``dotted_path`` after those registered before it (once, however often called)."""
    if dotted_path not in _seeders:
        _seeders.append(dotted_path)


def demo_seeders() -> list[str]:
    return list(_seeders)
