"""Shares as percentages, the one way the centres' figures are rounded."""

from decimal import ROUND_DOWN, Decimal

HUNDREDTH = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent with two decimals, rounded *down*; ``None`` when ``whole`` is 0.

    Thresholds (90 % literate, 70 % of families) are written with at most two
    decimals, so a share rounded down is at least the threshold exactly when
    the true share is: the figure shown can never claim a standard the ward
    does not meet (8 999 of 10 000 is 89,99 %, not 90,00 %).
    """
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_DOWN)


def meets(share: Decimal | None, threshold: Decimal | None) -> bool | None:
    """Whether ``share`` reaches ``threshold``; ``None`` when either is unknown (nobody counted, no target)."""
    if share is None or threshold is None:
        return None
    return share >= threshold
