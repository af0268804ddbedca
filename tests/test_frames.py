"""The column-wise conversion (reportgen/frames.py) agrees with the cell-by-cell one
(reportgen/cells.py) on any cell: the fast paths (a whole column of plain numbers, a file
without surrounding whitespace) only skip work, never change a value or a message."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen import frames
from reportgen.cells import EXPECT_VALUE, as_text, convert
from reportgen.schemas import Column

NUMBER_TEXT = st.text(alphabet="0123456789.,-+eE _\u00a0\x1f\u0663", max_size=8)
CELL = st.one_of(NUMBER_TEXT, st.sampled_from(["0.5", "1", "1.234,56", "12,5", "-0,25",
                                               "1234.5", "  7 ", "NaN", "1e5", ".5", "5."]))


def _expected(cell: str, kind: str, dialect: str):
    """What the cell-by-cell conversion gives: (value, expected text or None)."""
    if cell.strip() == "":
        if kind == "amount":
            return Decimal(0), None
        return None, (None if kind.startswith("opt_") else EXPECT_VALUE)
    try:
        value = convert(cell.strip(), kind, dialect)
    except ValueError as err:
        return None, str(err)
    base = kind.removeprefix("opt_")
    if base in frames.MAX_ABS and abs(value) >= frames.MAX_ABS[base]:
        return None, frames.EXPECT_SMALLER[base]
    if base == "amount" and value != value.quantize(Decimal("0.01")):
        return None, frames.EXPECT_CENTS
    return value, None


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(CELL, min_size=1, max_size=12),
       kind=st.sampled_from(["decimal", "opt_decimal", "amount", "int", "opt_int", "str",
                             "opt_str"]),
       dialect=st.sampled_from([",", ";", "xlsx"]))
def test_a_column_converts_as_its_cells_do(cells, kind, dialect):
    stripped = pd.Series([c.strip() for c in cells], dtype=object)
    empty = stripped.eq("")
    values, found = frames.convert_column(stripped, empty, Column("x", kind), dialect)
    problems = {pos: expected for pos, expected, _ in found}
    for pos, cell in enumerate(cells):
        value, expected = _expected(cell, kind, dialect)
        assert problems.get(pos) == expected, (cell, problems.get(pos), expected)
        if expected is None:
            got = values.iat[pos]
            assert got == value and type(got) is type(value), (cell, got, value)
            if isinstance(value, Decimal):
                assert str(got) == str(value)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab1,; \t\u00a0\r\n\x1c\u2028", max_size=40))
def test_skipping_the_strip_changes_nothing(text):
    """A file judged to have no surrounding whitespace reads as if every field had been
    stripped."""
    delimiter = frames.detect_delimiter(text)
    raw, problems = frames.read_csv(text.encode(), "x.csv")
    records, _ = frames._read_records(text, delimiter, "x.csv")
    forced = frames.raw_table(records, delimiter, strip=True)
    if raw is None or forced is None:
        assert raw is None and forced is None
        return
    assert raw.header == forced.header and raw.header_line == forced.header_line
    assert raw.cells.equals(forced.cells)
    assert [as_text(c) for c in raw.header] == [as_text(c) for c in forced.header]


def _fte_ok(fte: Decimal) -> bool:
    """The rule as the row-by-row validation wrote it."""
    if not (Decimal(0) < fte <= Decimal(1)):
        return False
    exponent = fte.normalize().as_tuple().exponent
    return not isinstance(exponent, int) or exponent >= -4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.decimals(min_value=-2, max_value=3, places=6),
                          st.sampled_from([Decimal("1.00000000000000001"), Decimal("0.99995"),
                                           Decimal("0.00005"), Decimal("1E+2"),
                                           Decimal("0.30000"), Decimal("1.0000")])),
                max_size=20))
def test_fte_units_agree_with_the_rule(values):
    from reportgen.yearrules import fte_units

    ok, units = fte_units(pd.Series(values, dtype=object))
    for value, good, unit in zip(values, ok, units):
        assert good == (value is not None and _fte_ok(value)), value
        if good:
            assert Decimal(int(unit)) / 10000 == value
