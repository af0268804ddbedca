"""Dutch formatting filters (Babel nl_NL) and rounding half away from zero."""

import datetime as dt
from decimal import Decimal as D

import pytest

from reportgen.formatting import (fmt_datum, fmt_euro, fmt_euro_rond, fmt_fte, fmt_getal,
                                  fmt_pct, percentage, round_half_up)


def test_euro_as_the_report_prints_it():
    assert fmt_euro(D("1234567.891")) == "€ 1.234.567,89"
    assert fmt_euro(D("0"), empty_zero=True) == ""
    assert fmt_euro(D("0")) == "€ 0,00"
    assert fmt_euro(D("-4509461")) == "€ -4.509.461,00"
    assert fmt_euro_rond(D("1234567.5")) == "€ 1.234.568"
    assert fmt_euro(None) == ""


def test_fte_two_decimals_from_unrounded_value():
    assert fmt_fte(D("324.9470")) == "324,95"
    assert fmt_fte(D("0")) == "0,00"
    assert fmt_fte(D("1234.5")) == "1.234,50"


@pytest.mark.parametrize("value, text", [
    (D("90.5"), "91%"), (D("89.4999"), "89%"), (D("87.1"), "87%"), (D("-0.5"), "-1%"),
    (D("100"), "100%"),
])
def test_percentages_round_half_away_from_zero(value, text):
    assert fmt_pct(value) == text


def test_percentage_is_unrounded_and_none_for_zero_whole():
    assert percentage(1, 3) == D(100) / D(3)
    assert percentage(5, 0) is None
    assert fmt_pct(percentage(377, 582), 1) == "64,8%"


def test_numbers_and_dates():
    assert fmt_getal(1234) == "1.234"
    assert fmt_getal(D("3.25"), 1) == "3,3"
    assert fmt_datum(dt.date(2026, 6, 1)) == "1 juni 2026"
    assert fmt_datum("2025-12-31") == "31 december 2025"
    assert round_half_up(D("2.345"), 2) == D("2.35")
