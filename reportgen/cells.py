"""Converting one cell of a table file by the kind of its column (reportgen/schemas.py):
numbers as the file's dialect writes them, whole numbers, ISO dates and text. Each
conversion raises ValueError with the Dutch expectation text that a Problem prints.

Used by reportgen/loading.py (which re-exports these names) and by the workbook import.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .schemas import Kind

EXPECT_NUMBER = {
    ";": "verwacht: een getal, bijv. 1234,56 of 1.234,56 (in een bestand met ';' als "
         "scheidingsteken is de komma het decimaalteken)",
    ",": "verwacht: een getal, bijv. 1234.56 (in een bestand met ',' als scheidingsteken is "
         "de punt het decimaalteken, zonder scheiding van duizendtallen)",
    "xlsx": "verwacht: een getal, bijv. 1234,56",
}
EXPECT_INT = "verwacht: een geheel getal, bijv. 3"
EXPECT_DATE = "verwacht: een datum als JJJJ-MM-DD, bijv. 2026-06-01"
EXPECT_VALUE = "verwacht: een waarde (deze kolom mag niet leeg zijn)"


_POINT_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_COMMA_NUMBER = re.compile(r"[-+]?(\d+|[1-9]\d{0,2}(\.\d{3})+)(,\d+)?")
_INT = re.compile(r"[-+]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_number(text: str, dialect: str) -> Decimal:
    """Parse a number as written in a file of the given dialect; ValueError when invalid.

    `;` files: decimal comma with optional thousands dots (`0,60`, `1.234,56`, `1234`).
    `,` files: decimal point, no thousands separator (`0.60`, `1234.56`).
    `xlsx` text cells: either form without thousands separators (`0.6` or `0,6`).
    """
    s = text.strip().replace("\u00a0", "")
    if dialect == ";":
        if not _COMMA_NUMBER.fullmatch(s):
            raise ValueError(text)
        return Decimal(s.replace(".", "").replace(",", "."))
    if dialect == ",":
        if not _POINT_NUMBER.fullmatch(s):
            raise ValueError(text)
        return Decimal(s)
    if _POINT_NUMBER.fullmatch(s):
        return Decimal(s)
    if _COMMA_NUMBER.fullmatch(s):
        return Decimal(s.replace(".", "").replace(",", "."))
    raise ValueError(text)


def _float_to_decimal(f: float) -> Decimal:
    """An Excel number as Excel shows it: 15 significant digits, so 0.6 stays 0.6 and
    0.30000000000000004 becomes 0.3."""
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError(repr(f))
    d = Decimal(format(f, ".15g"))
    if d == d.to_integral_value() and abs(d) < Decimal("1e15"):
        return d.quantize(Decimal(1))
    return d


def as_text(value: Any) -> str:
    """A cell as the user would read it (for strings and for error messages)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        try:
            return str(_float_to_decimal(value))
        except ValueError:
            return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def convert(value: Any, kind: Kind, dialect: str) -> Any:
    """Convert one cell; raises ValueError with the expectation text when invalid.

    The caller has already handled empty cells.
    """
    base = kind.removeprefix("opt_")
    if base == "str":
        return as_text(value)
    if base in ("decimal", "amount"):
        if isinstance(value, bool):
            raise ValueError(EXPECT_NUMBER[dialect])
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            try:
                return _float_to_decimal(value)
            except ValueError:
                raise ValueError(EXPECT_NUMBER[dialect]) from None
        if isinstance(value, str):
            try:
                return parse_number(value, dialect)
            except (ValueError, InvalidOperation):
                raise ValueError(EXPECT_NUMBER[dialect]) from None
        raise ValueError(EXPECT_NUMBER[dialect])
    if base == "int":
        if isinstance(value, bool):
            raise ValueError(EXPECT_INT)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ValueError(EXPECT_INT)
        if isinstance(value, str):
            if _INT.fullmatch(value.strip()):
                return int(value.strip())
            try:  # `2.026` in a `;` file, `3.0` in a `,` file
                number = parse_number(value, dialect)
            except (ValueError, InvalidOperation):
                raise ValueError(EXPECT_INT) from None
            if number == number.to_integral_value():
                return int(number)
        raise ValueError(EXPECT_INT)
    if base == "date":
        if isinstance(value, dt.datetime):
            if value.time() == dt.time(0, 0):
                return value.date()
            raise ValueError(EXPECT_DATE)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            return parse_iso_date(value)
        raise ValueError(EXPECT_DATE)
    raise AssertionError(f"unknown column kind {kind!r}")


def parse_iso_date(text: str) -> dt.date:
    """`2026-06-01` -> date; ValueError (with the expectation text) otherwise."""
    s = text.strip()
    if not _ISO_DATE.fullmatch(s):
        raise ValueError(EXPECT_DATE)
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise ValueError(EXPECT_DATE) from None
