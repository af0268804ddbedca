"""Exact arithmetic shared by every stage: Decimal conversion, rounding half away from
zero and percentages. No text comes out of this module (formatting.py prints numbers)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Any, places: int = 0) -> Decimal:
    """Round half away from zero: 90.5 -> 91, -0.5 -> -1, 2.345 -> 2.35 (places=2)."""
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def percentage(part: Any, whole: Any) -> Decimal | None:
    """Unrounded percentage part/whole*100, or None when whole is zero."""
    whole_d = to_decimal(whole)
    if whole_d == 0:
        return None
    return to_decimal(part) * 100 / whole_d


def places_for(eenheid: str, value: Any) -> int:
    """Decimals a measure in unit `eenheid` is printed (and compared) with: whole
    percentages, fte to two decimals, scores to one, counts whole unless the value is an
    average (then one)."""
    if eenheid == "pct":
        return 0
    if eenheid == "fte":
        return 2
    if eenheid == "score":
        return 1
    d = to_decimal(value)
    return 0 if d == d.to_integral_value() else 1


def printed(value: Any, eenheid: str) -> Decimal:
    """`value` as the report prints it in unit `eenheid` (rounded to its places)."""
    return round_half_up(value, places_for(eenheid, value))
