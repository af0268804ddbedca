"""Personnel measures are data: a plan defines its own in indicatoren.csv (maat,
functiecategorie, contractvorm, geslacht, aandeel_van); the common ones go by code."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from reportgen.compute.common import Staff
from reportgen.compute.kpis import personeel_value
from reportgen.measures import BEKEND, measure_of

PERSONS = [  # umc, functiecategorie, contractvorm, fte, geslacht
    ("A", "hoogleraar", "vast", "1", "v"),
    ("A", "hoogleraar", "tijdelijk", "0.5", "m"),
    ("A", "ud", "toegezegd_vast", "0.8", "v"),
    ("B", "hoogleraar", "vast", "1", "m"),
    ("B", "ud", "inloop", "1", "v"),  # inloop never counts
]


@pytest.fixture()
def staff() -> Staff:
    frame = pd.DataFrame(
        [{"umc": u, "functiecategorie": f, "contractvorm": c, "fte": Decimal(x),
          "geslacht": g} for u, f, c, x, g in PERSONS])
    return Staff(frame)


def test_a_plan_defines_its_own_measure_in_columns(staff):
    maat, problems = measure_of({"code": "vrouwen_hoogleraren", "maat": "personen",
                                 "functiecategorie": "hoogleraar", "geslacht": "v",
                                 "aandeel_van": "geslacht"})
    assert not problems
    assert personeel_value(staff, maat, None, Decimal(0)) == Decimal(100) / 3
    assert personeel_value(staff, maat, "A", Decimal(0)) == 50
    fte, _ = measure_of({"code": "fte_vast_ud", "maat": "fte", "functiecategorie": "ud",
                         "contractvorm": "vast+toegezegd_vast"})
    assert personeel_value(staff, fte, None, Decimal(0)) == Decimal("0.8")


def test_known_codes_keep_their_meaning(staff):
    assert personeel_value(staff, BEKEND["vast_aandeel"], "A", Decimal(0)) == (
        Decimal("1.8") * 100 / Decimal("2.3"))
    assert personeel_value(staff, BEKEND["structurele_realisatie"], None, Decimal(4)) == 70
    assert personeel_value(staff, BEKEND["vrouwen_aandeel"], None, Decimal(0)) == 50


@pytest.mark.parametrize("row, column", [
    ({"code": "x"}, "maat"),
    ({"code": "x", "maat": "uren"}, "maat"),
    ({"code": "x", "maat": "fte", "contractvorm": "vast+inloop"}, "contractvorm"),
    ({"code": "x", "maat": "fte", "geslacht": "vrouw"}, "geslacht"),
    ({"code": "x", "maat": "personen", "aandeel_van": "begroting"}, "aandeel_van"),
    ({"code": "x", "maat": "fte", "functiecategorie": "astronaut"}, "functiecategorie"),
])
def test_a_wrong_definition_names_its_column(row, column):
    maat, problems = measure_of(row, categories={"hoogleraar", "ud"})
    assert maat is None and problems[0][0] == column
