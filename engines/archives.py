"""Names inside a ZIP that never clash, whatever the files were called."""

from pathlib import PurePosixPath


def unique_arcname(arcname: str, used: set[str]) -> str:
    """``a.pdf``, then ``a (2).pdf``, ``a (3).pdf`` … (compared without case, as Windows does); remembered in ``used``."""
    path = PurePosixPath(arcname)
    candidate, n = arcname, 1
    while candidate.casefold() in used:
        n += 1
        candidate = str(path.with_name(f"{path.stem} ({n}){path.suffix}"))
    used.add(candidate.casefold())
    return candidate
