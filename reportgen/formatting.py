"""Dutch number and date formatting (Babel, locale nl_NL).

Numbers stay numbers (Decimal/int) throughout the pipeline; these functions are the only
place where they become text. They are registered once as Jinja filters by
`register_filters` and used by the templates, the Markdown texts, the change summary and
the CLI.

Rounding: half away from zero (ROUND_HALF_UP on Decimal), always from the unrounded value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from .numbers import percentage, round_half_up, to_decimal  # noqa: F401 - re-exported

LOCALE = "nl_NL"


def _number(value: Decimal, places: int) -> str:
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def fmt_euro(value: Any, empty_zero: bool = False) -> str:
    """`€ 1.234.567,89`. With empty_zero, zero prints as an empty string (money tables)."""
    if value is None:
        return ""
    d = round_half_up(value, 2)
    if empty_zero and d == 0:
        return ""
    sign = "-" if d < 0 else ""
    return f"€ {sign}{_number(abs(d), 2)}"  # Dutch: € -1.234,56


def fmt_euro_rond(value: Any) -> str:
    """Whole euros for running text: `€ 1.234.568`."""
    if value is None:
        return ""
    d = round_half_up(value, 0)
    sign = "-" if d < 0 else ""
    return f"€ {sign}{_number(abs(d), 0)}"


def fmt_fte(value: Any, places: int = 2) -> str:
    """`12,50` (zero prints as `0,00`, as the seed's fte tables do)."""
    if value is None:
        return ""
    return _number(round_half_up(value, places), places)


def fmt_pct(value: Any, places: int = 0) -> str:
    """`87%` from an unrounded percentage (0-100 scale); `64,8%` with places=1."""
    if value is None:
        return ""
    return _number(round_half_up(value, places), places) + "%"


def fmt_getal(value: Any, places: int = 0) -> str:
    """Counts and other numbers: `1.234`, `3,5` with places=1."""
    if value is None:
        return ""
    return _number(round_half_up(value, places), places)


def fmt_datum(value: dt.date | str | None) -> str:
    """`1 juni 2026`."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


FILTERS = {
    "euro": fmt_euro,
    "euro_rond": fmt_euro_rond,
    "fte": fmt_fte,
    "pct": fmt_pct,
    "getal": fmt_getal,
    "datum": fmt_datum,
}


def register_filters(env: Any) -> None:
    """Register the Dutch formatting filters on a Jinja environment (templates and texts)."""
    env.filters.update(FILTERS)
