"""The report model (reportgen.compute): golden numbers of the seed report recomputed from
the example data, rounding, any number of institutions, missing optional data.

Golden figures are the published ones of the mid-term evaluation (seed 004, data to
31 December 2025); they are expectations here and never appear in the code. The model
holds numbers and codes; where a test checks what the reader sees of them (column
headers, row labels, notes, the conclusions), it reads the view of the same model.
Missing pieces are validation's (tests/test_completeness.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from data_builders import minimal_tables, write_dataset
from model_builders import SECTORPLAN, dataset_from_tables, person
from reportgen import completeness, pipeline, view
from reportgen.compute import build_model
from reportgen.errors import errors_of
from reportgen.formatting import (fmt_euro, fmt_euro_rond, fmt_fte, fmt_getal, fmt_pct)
from reportgen.loading import load_dataset
from reportgen.view.messages import controle_problems, controle_text

DATA = Path(__file__).resolve().parent.parent / "data"

# In-memory data sets: tests/model_builders.py.


# ------------------------------------------------------------------ example data (seed)


@pytest.fixture(scope="module")
def model_2025(example_2025):
    """(model, view) of the example's 2025 report (conftest: pipeline.prepare)."""
    return example_2025.model, example_2025.view


@pytest.fixture(scope="module")
def model_2028(example_2028):
    return example_2028.model, example_2028.view


def _printed(table, fmt) -> list[tuple[str, ...]]:
    return [tuple(fmt(r.values[c.key], c.kind) for c in table.columns) for r in table.rows]


def _cell_text(value: Any, kind: str) -> str:
    if kind == "euro":
        return fmt_euro(value, empty_zero=True)
    if kind == "fte":
        return fmt_fte(value)
    if kind == "pct":
        return fmt_pct(value)
    return fmt_getal(value)


SEED_TABEL_1 = [  # Tijdelijke posities, Vaste posities, Indirecte kosten, Materieel, Totaal
    ("€ 2.103.645,00", "€ 11.311.214,00", "€ 2.682.972,00", "", "€ 16.097.831,00"),
    ("€ 3.894.500,00", "€ 8.310.681,00", "€ 2.441.036,00", "", "€ 14.646.217,00"),
    ("€ 1.652.608,00", "€ 16.220.364,00", "€ 1.365.000,00", "", "€ 19.237.971,00"),
    ("€ 2.434.971,00", "€ 10.587.300,00", "€ 1.353.519,00", "€ 131.580,00", "€ 14.507.370,00"),
    ("€ 154.720,00", "€ 10.843.986,00", "€ 2.199.741,00", "", "€ 13.198.448,00"),
    ("€ 1.414.640,00", "€ 6.751.905,00", "€ 1.633.309,00", "€ 43.667,00", "€ 9.843.521,00"),
    ("€ 2.239.695,00", "€ 9.380.254,00", "€ 2.282.420,00", "€ 43.196,00", "€ 13.945.565,00"),
    ("€ 2.912.113,00", "€ 7.955.107,00", "€ 1.583.415,00", "", "€ 12.450.634,00"),
    ("€ 16.806.892,00", "€ 81.360.812,00", "€ 15.541.411,00", "€ 218.443,00",
     "€ 113.927.558,00"),
]
# The published Tabel 1 was rounded to whole euros cell by cell, so five of its cells are
# EUR 1 off the sum of the cells they total (its grand total is consistent). The example
# data reproduces every category cell and the grand total; the model's totals are exact
# sums, so in these cells it differs from the print by EUR 1: (row, column) -> model.
SEED_TABEL_1_SLIPS = {
    (2, 4): "€ 19.237.972,00",  # Erasmus MC total; seed 19.237.971
    (4, 4): "€ 13.198.447,00",  # Maastricht UMC+ total; seed 13.198.448
    (7, 4): "€ 12.450.635,00",  # UMC Utrecht total; seed 12.450.634
    (8, 1): "€ 81.360.811,00",  # Totaal vaste posities; seed 81.360.812
    (8, 2): "€ 15.541.412,00",  # Totaal indirecte kosten; seed 15.541.411
}

SEED_TABEL_2 = [  # Inloop, Tijdelijk, Tijdelijk toegezegd vast, Vast, Begroot, Realisatie
    ("8,97", "0,60", "2,80", "37,83", "44,70", "91%"),
    ("5,70", "0,00", "6,01", "33,72", "32,60", "122%"),
    ("4,39", "5,09", "0,00", "46,98", "50,40", "93%"),
    ("0,00", "5,20", "0,00", "30,00", "32,30", "93%"),
    ("1,70", "1,30", "0,80", "33,83", "38,50", "90%"),
    ("13,84", "5,70", "1,44", "30,66", "38,30", "84%"),
    ("4,10", "7,41", "4,65", "31,18", "53,30", "67%"),
    ("0,62", "6,55", "1,43", "31,76", "46,40", "72%"),
    ("39,32", "31,85", "17,13", "275,96", "336,50", "87%"),
]
SEED_TABEL_3 = [  # Inloop, Tijdelijk, Tijdelijk toegezegd vast, Vast
    (14, 1, 5, 58), (10, 0, 7, 54), (12, 11, 0, 74), (0, 9, 0, 50), (3, 2, 1, 87),
    (29, 8, 2, 49), (9, 14, 7, 56), (5, 16, 3, 68), (82, 61, 25, 496),
]
SEED_TABEL_4 = [  # vast [v], tijdelijk [v], vast [m], tijdelijk [m]
    (41, 1, 17, 5), (40, 6, 14, 1), (44, 7, 29, 4), (35, 4, 15, 5), (57, 2, 30, 1),
    (26, 6, 23, 4), (37, 13, 19, 8), (44, 14, 24, 5), (324, 53, 171, 33),
]


def test_tabel_1_spending_per_institution(model_2025):
    table = model_2025[0].tabellen["besteding"]
    shown = model_2025[1].alle_tabellen["besteding"]
    assert [c.label for c in shown.columns[:5]] == [
        "Tijdelijke posities", "Vaste posities", "Indirecte kosten", "Materieel",
        "Totaal besteed"]
    expected = [tuple(SEED_TABEL_1_SLIPS.get((i, j), cell) for j, cell in enumerate(row))
                for i, row in enumerate(SEED_TABEL_1)]
    assert [r[:5] for r in _printed(table, _cell_text)] == expected
    assert fmt_euro(table.total.values["besteed"]) == SEED_TABEL_1[-1][4]  # grand total
    assert table.rows[-1].is_total and shown.rows[-1].label == "Totaal"
    assert _printed(shown, _cell_text) == _printed(table, _cell_text)  # same numbers


def test_spending_totals(model_2025):
    fin = model_2025[0].financien
    assert fmt_euro_rond(fin.besteed_totaal) == "€ 113.927.558"
    assert fmt_euro_rond(fin.ontvangen_totaal) == "€ 142.138.216"
    assert fmt_euro_rond(fin.onderbesteding) == "€ 28.210.658"
    assert fmt_pct(fin.besteed_pct) == "80%"
    assert fin.onderbesteding == fin.ontvangen_totaal - fin.besteed_totaal
    assert [j.jaar for j in fin.per_jaar] == [2022, 2023, 2024, 2025]
    assert sum(j.besteed for j in fin.per_jaar) == fin.besteed_totaal
    assert fin.besteed_pct_jaar == fin.per_jaar[-1].besteed_pct


def test_bijlage_v_fte_and_realisation(model_2025):
    table = model_2025[0].tabellen["realisatie_fte"]
    assert [c.label for c in model_2025[1].alle_tabellen["realisatie_fte"].columns] == [
        "Inloop", "Tijdelijk", "Tijdelijk toegezegd vast", "Vast", "Begroot",
        "Realisatie structurele formatie"]
    assert _printed(table, _cell_text) == SEED_TABEL_2
    f = model_2025[0].formatie
    assert fmt_fte(f.gerealiseerd_fte) == "324,95"
    assert fmt_pct(f.gerealiseerd_pct) == "97%"
    assert fmt_fte(f.structureel_fte) == "293,09"
    assert fmt_pct(f.structureel_pct) == "87%"
    assert fmt_fte(f.inloop_fte) == "39,32"
    assert fmt_fte(f.begroot_fte) == "336,50"


def test_tabel_3_headcount(model_2025):
    model = model_2025[0]
    table = model.tabellen["personen"]
    assert [c.label for c in model_2025[1].alle_tabellen["personen"].columns] == [
        "Inloop", "Tijdelijk", "Tijdelijk toegezegd vast", "Vast"]
    assert [tuple(r.values[c.key] for c in table.columns) for r in table.rows] == SEED_TABEL_3
    assert model.personen.vast_of_toegezegd == 521
    assert model.personen.totaal == 582


def test_bijlage_vi_gender(model_2025):
    model = model_2025[0]
    table = model.tabellen["gender"]
    shown = model_2025[1].alle_tabellen["gender"]
    assert [c.label for c in shown.columns] == [
        "vast [v]", "tijdelijk [v]", "vast [m]", "tijdelijk [m]"]
    assert [tuple(r.values[c.key] for c in table.columns) for r in table.rows] == SEED_TABEL_4
    g = model.gender
    assert (g.totaal, g.vrouwen, g.in_tabel, g.overig) == (582, 377, 581, 1)
    assert fmt_pct(g.vrouwen_pct, 1) == "64,8%"
    assert (g.vast_totaal, g.vast_vrouwen) == (496, 324)
    assert fmt_pct(g.vast_vrouwen_pct, 1) == "65,3%"
    # the one person outside v/m is a computed fact; the view words it as a note that
    # names the institution
    assert table.facts["overig_per_instelling"] == {"EMC": 1}
    assert len(shown.notes) == 1
    note = shown.notes[0]
    assert note.startswith("Bij één medewerker (Erasmus MC) is het geslacht niet als vrouw "
                           "of man geregistreerd")
    rows_short = [r for r in table.rows[:-1]
                  if sum(r.values.values()) < model.personen.tabel.row(r.key).values["vast"]
                  + model.personen.tabel.row(r.key).values["tijdelijk"]
                  + model.personen.tabel.row(r.key).values["toegezegd_vast"]]
    assert len(rows_short) == 1 and f"({rows_short[0].naam})" in note


def test_ud_and_dataspecialisten(model_2025):
    model = model_2025[0]
    ud = model.ud
    assert ud is not None and ud is model.functies["ud"]
    assert (fmt_fte(ud.fte["vast"]), ud.personen["vast"]) == ("77,81", 140)
    assert (fmt_fte(ud.fte["toegezegd_vast"]), ud.personen["toegezegd_vast"]) == ("2,51", 5)
    assert (fmt_fte(ud.fte["tijdelijk"]), ud.personen["tijdelijk"]) == ("4,64", 10)
    ds = model.dataspecialisten
    assert (ds.personen, ds.vast_personen, ds.toegezegd_personen) == (67, 52, 5)
    assert fmt_pct(ds.vast_pct) == "78%"
    assert fmt_getal(ds.fte) == "41"
    assert fmt_getal(ds.vast_fte, 1) == "35,4"
    assert fmt_getal(ds.toegezegd_fte, 1) == "4,1"
    assert [j for j, _, _ in ds.per_jaar] == [2022, 2023, 2024, 2025]
    assert ds.per_jaar[-1][1] == ds.vast_fte + ds.toegezegd_fte
    assert ds.per_jaar[-1][2] == ds.tijdelijk_fte
    assert ds.basis_fte is not None


def test_functies_sum_to_realised_formation(model_2025):
    model = model_2025[0]
    total = sum((f.fte_totaal for f in model.functies.values()), Decimal(0))
    assert total == model.formatie.gerealiseerd_fte
    assert sum(f.personen_totaal for f in model.functies.values()) == model.personen.totaal
    table = model.tabellen["functies"]
    assert table.total.values["fte_totaal"] == model.formatie.gerealiseerd_fte


def test_reconciliation_2025(model_2025, example_2025):
    model = model_2025[0]
    kinds = [c.soort for c in model.controles]
    gender = [c for c in model.controles if c.soort == "geslacht_buiten_tabel"]
    assert len(gender) == 1
    assert (gender[0].verwacht, gender[0].gevonden, gender[0].verschil) == (582, 581, 1)
    assert gender[0].bestanden == ("2025/personeel.csv",)
    assert controle_text(gender[0], model).startswith(
        "Aantal medewerkers en tabel vrouwen/mannen: 1 medewerker")
    # nothing impossible in the example data: no fte above headcount, no broken sums
    assert not [k for k in kinds if k in ("fte_boven_personen", "som_bestedingen",
                                          "fte_buiten_tabel", "bestedingen_buiten_tabel",
                                          "functies_buiten_totaal")]
    # the seed shows one institution above its budget (122%): informational finding
    above = [c for c in model.controles if c.soort == "realisatie_boven_begroting"]
    row = model.tabellen["realisatie_fte"].rows[1]
    assert [c.instelling for c in above] == [row.key]
    assert controle_text(above[0], model).startswith(f"Realisatie boven begroting {row.naam}:")
    # every finding is also a warning of the build naming its file(s)
    for c in model.controles:
        assert any(p.severity == "warning" and p.file == ", ".join(c.bestanden)
                   and p.expected == controle_text(c, model) for p in example_2025.problems)


def test_tables_in_report_order_with_seed_rows(model_2025):
    model, shown = model_2025
    assert list(model.tabellen) == ["besteding", "besteding_per_jaar", "functies",
                                    "realisatie_fte", "personen", "gender"]
    # the view: the tables the report prints in report order, then the other ones
    assert list(shown.tabellen) == ["besteding", "conclusies", "realisatie_fte", "personen",
                                    "gender"]
    # the KPI result tables and the themamatrix are printed too, by blocks of their own
    assert list(shown.alle_tabellen) == list(shown.tabellen) + [
        "kpi_indicatoren", "themamatrix", "besteding_per_jaar", "functies"]
    names = [i.naam for i in model.instellingen]
    for key in ("besteding", "realisatie_fte", "personen", "gender"):
        assert [r.key for r in model.tabellen[key].rows] == [
            i.code for i in model.instellingen] + ["totaal"]
        t = shown.tabellen[key]
        assert [r.label for r in t.rows] == names + ["Totaal"]
    for t in shown.alle_tabellen.values():
        assert len(t.title) <= 31, t.title  # also the XLSX sheet name


def test_figures_2025(model_2025):
    model = model_2025[0]
    assert list(model.figuren) == ["werkdruk", "dataspecialisten", "fte_per_instelling",
                                   "functies_wetenschappelijk", "functies_ondersteunend",
                                   "gender_functiegroep"]
    w = model.figuren["werkdruk"]
    assert w.extra["meetjaar"] == 2025 and not w.extra["leeg"]
    assert [p["moment"] for p in w.extra["panels"]] == ["voor", "nu", "ideaal"]
    assert all(len(p["werkdruk"]) == len(p["baanzekerheid"]) > 0 for p in w.extra["panels"])
    fte = model.figuren["fte_per_instelling"]
    assert fte.categories == tuple(i.code for i in model.instellingen)  # codes ...
    assert model_2025[1].figuren["fte_per_instelling"].categories == tuple(
        i.naam for i in model.instellingen)  # ... the view shows names
    assert sum(sum(s.values) for s in fte.series) == (
        model.formatie.gerealiseerd_fte + model.formatie.inloop_fte)
    ds = model.figuren["dataspecialisten"]
    assert ds.categories == ("2022", "2023", "2024", "2025")
    g = model.figuren["gender_functiegroep"]
    for i in range(len(g.categories)):
        shares = [g.extra["aandeel"][s.key][i] for s in g.series]
        if all(v is not None for v in shares):
            assert sum(shares) == pytest.approx(100)


def test_kpis_and_conclusions_2025(model_2025):
    model, shown = model_2025
    assert len(model.kpis) == 20
    assert [c.kpi for c in shown.conclusies] == list(model.kpis)
    k = model.kpis["continuiteit_personeel"]
    assert k.tekst == "kpi_continuiteit_personeel"
    structureel = [i for i in k.indicatoren if i.code == "structurele_realisatie"]
    if structureel:
        assert fmt_pct(structureel[0].waarde) == "87%"
    for c in shown.conclusies:
        assert c.status in ("behaald", "op koers", "aandachtspunt", "geen gegevens")
        assert c.waarde


def test_example_2028_builds_complete(model_2028, example_2028):
    model = model_2028[0]
    # pipeline.prepare raises on any error; a final build of 2028 has none
    assert not errors_of(example_2028.problems)
    assert model.jaar == 2028 and model.soort == "eindevaluatie"
    assert [j.jaar for j in model.financien.per_jaar] == list(range(2022, 2029))
    assert len(model.kpis) == 20
    assert model.werkdruk.meetjaar == 2028
    assert model.commissie
    assert len(model.themas) == 3 and sum(len(t.subthemas) for t in model.themas) == 9


# ------------------------------------------------------------------ history and norms
# Fields the texts cite for trends and comparisons with a norm (model.FormatieJaar, ...).


def _same_figures(entry: Any, whole: Any) -> None:
    """Every field of a per-year entry (except `jaar`) equals the report year's own."""
    for f in dataclasses.fields(entry):
        if f.name != "jaar":
            assert getattr(entry, f.name) == getattr(whole, f.name), f.name


def test_history_2025(model_2025):
    model = model_2025[0]
    f, p, g = model.formatie, model.personen, model.gender
    for hist in (f.per_jaar, p.per_jaar, g.per_jaar):
        assert [e.jaar for e in hist] == [2022, 2023, 2024, 2025]
    # the report year's entry holds the report's own figures (seed Tabel 2-4)
    _same_figures(f.per_jaar[-1], f)
    _same_figures(p.per_jaar[-1], p)
    _same_figures(g.per_jaar[-1], g)
    assert fmt_fte(f.per_jaar[-1].structureel_fte) == "293,09"
    assert (p.per_jaar[-1].totaal, p.per_jaar[-1].vast_of_toegezegd) == (582, 521)
    assert fmt_pct(g.per_jaar[-1].vast_vrouwen_pct, 1) == "65,3%"
    # the year before, for year-on-year sentences
    assert f.vorig is f.per_jaar[-2] and f.vorig.jaar == 2024
    assert p.vorig is p.per_jaar[-2] and p.vorig.jaar == 2024
    assert g.vorig is g.per_jaar[-2] and g.vorig.jaar == 2024
    for e in f.per_jaar:
        assert e.begroot_fte == f.begroot_fte
        assert e.structureel_fte == e.vast_fte + e.toegezegd_fte
        assert e.gerealiseerd_fte == e.structureel_fte + e.tijdelijk_fte
    for e in p.per_jaar:
        assert e.totaal == e.vast + e.toegezegd + e.tijdelijk
    # the dataspecialists' history (KPI 14) and the fte history count the same people
    assert all(ds_v <= e.structureel_fte for (_, ds_v, _), e
               in zip(model.dataspecialisten.per_jaar, f.per_jaar))


def test_history_entries_equal_each_years_own_report(model_2025):
    """The 2024 entry of the 2025 model is what a 2024 build reports."""
    dataset, problems = load_dataset(DATA, 2024)
    assert not errors_of(problems)
    model_2024 = build_model(dataset)
    model = model_2025[0]
    _same_figures(model.formatie.vorig, model_2024.formatie)
    _same_figures(model.personen.vorig, model_2024.personen)
    _same_figures(model.gender.vorig, model_2024.gender)
    assert model.formatie.per_jaar[:-1] == model_2024.formatie.per_jaar
    assert model.personen.per_jaar[:-1] == model_2024.personen.per_jaar
    # no workload measurement in 2024: nothing to compare with yet
    assert model_2024.werkdruk.metingen == () and model_2024.werkdruk.vorige is None


def test_onder_norm_2025(model_2025):
    model = model_2025[0]
    (sr,) = [i for i in model.kpis["continuiteit_personeel"].indicatoren
             if i.code == "structurele_realisatie"]
    assert (sr.norm_waarde, sr.vanaf_jaar) == (Decimal(90), 2026)
    (va,) = [i for i in model.kpis["continuiteit_personeel"].indicatoren
             if i.code == "vast_aandeel"]
    assert (va.norm_waarde, va.vanaf_jaar) == (None, None)
    # seed Tabel 2: 84%, 67% and 72% are below 90%; Maastricht UMC+ prints 90% (89,95...)
    # and is not
    names = [inst.naam for inst, row in zip(model.instellingen, SEED_TABEL_2)
             if int(row[5].rstrip("%")) < 90]
    assert model.formatie.onder_norm == tuple(names) == ("Radboudumc", "UMCG", "UMC Utrecht")
    mumc = model.tabellen["realisatie_fte"].row("MUMC").values["realisatie_pct"]
    assert mumc < 90 and fmt_pct(mumc) == "90%"


def test_vrouwen_aandeel_vast_2025(model_2025):
    model = model_2025[0]
    div = model.kpis["diversiteit"]
    (m,) = [i for i in div.indicatoren if i.code == "vrouwen_aandeel_vast"]
    assert m.eenheid == "pct" and m.norm == "informatief" and m.status == "geen gegevens"
    # seed: 324 women among 496 persons with a vast contract
    assert m.waarde == model.gender.vast_vrouwen_pct and fmt_pct(m.waarde, 1) == "65,3%"
    assert m.basisjaar == 2023 and m.basis == model.gender.per_jaar[1].vast_vrouwen_pct
    # per institution: Tabel 4 "vast [v]" over Tabel 3 "Vast" (inloop apart by definition)
    for inst, t3, t4 in zip(model.instellingen, SEED_TABEL_3, SEED_TABEL_4):
        expected = fmt_pct(Decimal(t4[0]) * 100 / Decimal(t3[3]), 1)
        assert fmt_pct(m.per_instelling[inst.code], 1) == expected, inst.code
    row = next(c for c in model_2025[1].conclusies if c.kpi == "diversiteit")
    assert m.naam in row.waarde


def test_history_and_workload_2028(model_2028):
    model = model_2028[0]
    f = model.formatie
    assert [e.jaar for e in f.per_jaar] == list(range(2022, 2029))
    assert f.vorig.jaar == 2027 and model.personen.vorig.jaar == 2027
    _same_figures(f.per_jaar[-1], f)
    # the below-norm list follows the printed realisation per institution
    sr = next(i for i in model.kpis["continuiteit_personeel"].indicatoren
              if i.code == "structurele_realisatie")
    expected = tuple(i.naam for i in model.instellingen
                     if sr.per_instelling[i.code] is not None
                     and int(fmt_pct(sr.per_instelling[i.code]).rstrip("%")) < 90)
    assert f.onder_norm == expected
    # every measurement up to 2028, oldest first; the latest is the headline figure
    w = model.werkdruk
    assert [m.meetjaar for m in w.metingen] == [2025, 2027, 2028]
    assert w.vorige is w.metingen[1] and w.vorige.meetjaar == 2027
    last = w.metingen[-1]
    assert (last.meetjaar, last.deelnemers, last.gemiddelde) == (
        w.meetjaar, w.deelnemers, w.gemiddelde)
    for m in w.metingen:
        assert set(m.gemiddelde) == {"voor", "nu", "ideaal"} and m.deelnemers > 0
        for scores in m.gemiddelde.values():
            assert set(scores) == {"baanzekerheid", "werkdruk"}
            assert all(1 <= v <= 10 for v in scores.values())
    # the KPI compares the latest "nu" with the first measurement's "voor"
    (wd,) = model.kpis["werkdruk"].indicatoren
    assert wd.waarde == last.gemiddelde["nu"]["werkdruk"]
    assert wd.basis == w.metingen[0].gemiddelde["voor"]["werkdruk"]


def test_first_measurement_of_2025_is_the_2025_report(model_2025, model_2028):
    w25, w28 = model_2025[0].werkdruk, model_2028[0].werkdruk
    assert [m.meetjaar for m in w25.metingen] == [2025] and w25.vorige is None
    assert w28.metingen[0] == w25.metingen[0]
    assert (w25.metingen[0].deelnemers, w25.metingen[0].gemiddelde) == (
        w25.deelnemers, w25.gemiddelde)


def _with_norm(tables: dict[str, list[dict]], norm: str = "minimaal",
               norm_waarde: str = "90") -> dict[str, list[dict]]:
    tables["referentie/indicatoren"] = [
        {"code": "structurele_realisatie", "kpi": "continuiteit_personeel",
         "naam": "Realisatie structurele formatie", "eenheid": "pct", "bron": "personeel",
         "aggregatie": "", "norm": norm, "norm_waarde": norm_waarde, "vanaf_jaar": "2026"}]
    return tables


@pytest.mark.parametrize("vast,toegezegd,below", [
    ("0.8975", "0.8975", False),  # 89,75% prints as 90%: not below the norm
    ("0.8945", "0.8945", True),  # 89,45% prints as 89%
    ("1", "0.8", False),  # exactly 90%
])
def test_onder_norm_at_printed_precision(vast, toegezegd, below):
    ds = dataset_from_tables(_with_norm(_one_umc_tables(vast, toegezegd, "2")), 2022,
                             {"referentie/sectorplan.toml": SECTORPLAN})
    model = build_model(ds)
    assert model.formatie.onder_norm == (("Instelling A",) if below else ())


@pytest.mark.parametrize("tables_of", [
    lambda: _one_umc_tables("0.1", "0.1", "2"),  # no indicatoren.csv
    lambda: _with_norm(_one_umc_tables("0.1", "0.1", "2"), norm_waarde=""),  # no value
    lambda: _with_norm(_one_umc_tables("0.1", "0.1", "2"), norm="informatief"),
])
def test_onder_norm_empty_without_a_norm(tables_of):
    model = build_model(dataset_from_tables(tables_of(), 2022))
    assert model.formatie.structureel_pct == Decimal(10)
    assert model.formatie.onder_norm == ()


def test_first_year_has_no_previous_year():
    model = build_model(dataset_from_tables(_one_umc_tables("1", "0.5", "2"), 2022))
    assert [e.jaar for e in model.formatie.per_jaar] == [2022]
    assert model.formatie.vorig is None and model.personen.vorig is None
    assert model.gender.vorig is None
    _same_figures(model.formatie.per_jaar[0], model.formatie)
    _same_figures(model.personen.per_jaar[0], model.personen)
    assert model.werkdruk.metingen == () and model.werkdruk.vorige is None


# ------------------------------------------------------------------ rounding


def _one_umc_tables(vast: str, toegezegd: str, begroot: str) -> dict[str, list[dict]]:
    tables = minimal_tables(years=(2022,))
    tables["referentie/umcs"] = [{"code": "A", "naam": "Instelling A", "volgorde": "1"}]
    tables["referentie/begroting"] = [{"umc": "A", "begroot_fte": begroot}]
    tables["referentie/themamatrix"] = []
    tables["2022/financien"] = [{"umc": "A", "ontvangen": "200", "tijdelijke_posities": "0",
                                 "vaste_posities": "181", "indirecte_kosten": "",
                                 "materieel": ""}]
    tables["2022/personeel"] = [person("p1", "A", "vast", vast),
                                person("p2", "A", "toegezegd_vast", toegezegd, "m")]
    return tables


def test_percentages_round_half_away_from_zero():
    # structural 0,905 + 0,905 = 1,81 of 2,00 budgeted = 90,5% -> 91% (not banker's 90%)
    ds = dataset_from_tables(_one_umc_tables("0.905", "0.905", "2"), 2022,
                             {"referentie/sectorplan.toml": SECTORPLAN})
    model = build_model(ds)
    assert model.formatie.structureel_pct == Decimal("90.5")
    assert fmt_pct(model.formatie.structureel_pct) == "91%"
    assert fmt_pct(model.tabellen["realisatie_fte"].total.values["realisatie_pct"]) == "91%"
    # money: 181 of 200 received = 90,5% -> 91%
    assert fmt_pct(model.financien.besteed_pct) == "91%"


def test_percentages_come_from_unrounded_sums():
    # three institutions at 0,335 fte each: rounded rows would give 1,02, exact sum 1,005
    tables = minimal_tables(years=(2022,))
    tables["referentie/begroting"] = [{"umc": u, "begroot_fte": "1"}
                                      for u in ("EMC", "LUMC", "UMCG")]
    tables["2022/personeel"] = [person(f"p{i}", u, "vast", "0.335")
                                for i, u in enumerate(("EMC", "LUMC", "UMCG"))]
    model = build_model(dataset_from_tables(tables, 2022))
    total = model.tabellen["realisatie_fte"].total
    assert total.values["vast"] == Decimal("1.005")
    assert fmt_fte(total.values["vast"]) == "1,01"  # not 3 x 0,34 = 1,02
    assert fmt_pct(total.values["realisatie_pct"]) == "34%"  # 1,005 / 3 = 33,5% -> 34%


# ------------------------------------------------------------------ any number of umc's


def test_three_institutions_with_other_codes(tmp_path):
    root = write_dataset(tmp_path, years=(2022, 2023), project_files=True)
    dataset, problems = load_dataset(root, 2023)
    assert not errors_of(problems)
    outline, _, _ = pipeline.load_outline(root)  # the package's default outline
    gaps = completeness.missing_pieces(dataset, outline, draft=False, heeft_brief=True)
    assert not errors_of(gaps), [str(p) for p in gaps]  # nothing a final build lacks
    model = build_model(dataset)
    assert model.aantal_instellingen == 3
    assert [i.code for i in model.instellingen] == ["EMC", "LUMC", "UMCG"]
    for key in ("besteding", "realisatie_fte", "personen", "gender"):
        assert [r.key for r in model.tabellen[key].rows] == ["EMC", "LUMC", "UMCG", "totaal"]
    # builder data: 2023 has 9 persons outside inloop, 2 of them x/onbekend (UMCG)
    assert model.personen.totaal == 9
    assert model.gender.overig == 2
    parts = view.prepare(model)
    assert parts.tabellen["gender"].notes == (
        "Bij 2 medewerkers (UMC Groningen) is het geslacht niet als vrouw of man "
        "geregistreerd; zij tellen mee in de totalen, niet in deze tabel.",)
    assert fmt_fte(model.formatie.vast_fte) == "4,16"  # 1 + 0,75 + 0,2 + 1 + 0,9 + 0,3125
    assert model.formatie.structureel_fte == Decimal("4.9625")
    assert model.figuren["fte_per_instelling"].names == {
        "EMC": "Erasmus MC", "LUMC": "LUMC", "UMCG": "UMC Groningen"}
    assert parts.figuren["fte_per_instelling"].categories == (
        "Erasmus MC", "LUMC", "UMC Groningen")


def test_twelve_institutions():
    tables = minimal_tables(years=(2022,))
    codes = [f"U{i:02d}" for i in range(12)]
    tables["referentie/umcs"] = [{"code": c, "naam": f"Umc {c}", "volgorde": str(12 - i)}
                                 for i, c in enumerate(codes)]
    tables["referentie/begroting"] = [{"umc": c, "begroot_fte": "2"} for c in codes]
    tables["referentie/themamatrix"] = []
    tables["2022/financien"] = [{"umc": c, "ontvangen": "100", "tijdelijke_posities": "10",
                                 "vaste_posities": "20", "indirecte_kosten": "",
                                 "materieel": ""} for c in codes]
    tables["2022/personeel"] = [person("p1", c, "vast", "1") for c in codes]
    model = build_model(dataset_from_tables(tables, 2022))
    assert model.aantal_instellingen == 12
    assert [r.key for r in model.tabellen["besteding"].rows][:3] == ["U11", "U10", "U09"]
    assert model.financien.besteed_totaal == Decimal(360)
    assert fmt_pct(model.formatie.structureel_pct) == "50%"


# ------------------------------------------------------------------ missing optional data
# Whether a missing piece is an error or a placeholder is validation's
# (tests/test_completeness.py); compute carries on with None, "geen gegevens" or defaults.


def test_contract_files_only_compute_with_defaults(tmp_path):
    root = write_dataset(tmp_path, years=(2022, 2023), project_files=False)
    dataset, problems = load_dataset(root, 2023)
    assert not errors_of(problems)
    model = build_model(dataset)
    assert model.kpis == {} and model.commissie == ()
    assert view.prepare(model).conclusies == ()
    assert view.prepare(model).tabellen["conclusies"].rows == ()  # a placeholder in print
    assert model.werkdruk.meetjaar is None
    assert model.figuren["werkdruk"].extra["leeg"]
    assert model.peildatum == dt.date(2023, 12, 31)
    assert model.soort == "voortgangsrapportage"
    assert model.sectorplan["instelling"] == "instelling"  # the declared default
    # reconciliation findings stay warnings, in a final build too
    assert controle_problems(model) and all(
        p.severity == "warning" for p in controle_problems(model))


def test_missing_kpi_values_and_judgements_give_geen_gegevens():
    tables = minimal_tables(years=(2022, 2023), project_files=True)
    del tables["2023/kpi_waarden"]
    del tables["2023/kpi_oordeel"]
    model = build_model(dataset_from_tables(tables, 2023, {
        "referentie/sectorplan.toml": SECTORPLAN}))
    assert model.kpis["6"].status == "geen gegevens"
    assert model.kpis["6"].indicatoren[0].waarde is None
    assert model.kpis["7"].status == "geen gegevens" and model.kpis["7"].oordeel == ""


def test_missing_indicators_leave_quantitative_kpis_without_data():
    tables = minimal_tables(years=(2022, 2023), project_files=True)
    del tables["referentie/indicatoren"]
    model = build_model(dataset_from_tables(tables, 2023, {
        "referentie/sectorplan.toml": SECTORPLAN}))
    k = model.kpis["continuiteit_personeel"]
    assert k.indicatoren == () and k.status == "geen gegevens"
    assert view.prepare(model).conclusies[0].waarde == "geen gegevens"


# ------------------------------------------------------------------ reconciliation


def test_reconciliation_reports_real_discrepancies_with_their_size():
    tables = minimal_tables(years=(2022, 2023))
    # EMC spends more than it receives over 2022-2023
    tables["2023/financien"][0]["ontvangen"] = "0"
    # more fte than persons (impossible; validation rejects fte > 1, compute still checks)
    tables["2023/personeel"].append(person("p8", "LUMC", "tijdelijk", "1.5", "v"))
    # a person in a function category that is not in functiecategorieen.csv
    tables["2023/personeel"].append(person("p9", "LUMC", "vast", "0.5", "v", cat="onbekend"))
    # a spending row for an institution that is not in umcs.csv
    tables["2023/financien"].append({"umc": "XYZ", "ontvangen": "10",
                                     "tijdelijke_posities": "5", "vaste_posities": "0",
                                     "indirecte_kosten": "", "materieel": ""})
    model = build_model(dataset_from_tables(tables, 2023))
    found = {(c.soort, c.instelling, c.detail): c for c in model.controles}
    spent = found[("meer_besteed_dan_ontvangen", "EMC", "")]
    assert spent.verschil == spent.gevonden - spent.verwacht > 0
    assert spent.bestanden == ("2022/financien.csv", "2023/financien.csv")
    fte = found[("fte_boven_personen", "LUMC", "tijdelijk")]
    assert (fte.verwacht, fte.gevonden, fte.verschil) == (1, Decimal("1.5"), Decimal("0.5"))
    cat = found[("functies_buiten_totaal", "", "")]
    assert cat.verschil == Decimal("-0.5")
    money = found[("bestedingen_buiten_tabel", "", "")]
    assert money.verschil == Decimal("-5") and money.jaar == 2023
    assert ("geslacht_buiten_tabel", "", "") in found
    # the view words each finding, naming the institution by its name
    words = {c.soort: controle_text(c, model) for c in model.controles}
    assert words["meer_besteed_dan_ontvangen"].startswith("Besteed en ontvangen Erasmus MC")
    assert words["fte_boven_personen"].startswith("Fte en personen LUMC (tijdelijk)")
    assert words["functies_buiten_totaal"].startswith("Fte per functiecategorie en totaal")
    assert words["bestedingen_buiten_tabel"].startswith("Bestedingen 2023 in bestand en tabel")
    assert words["geslacht_buiten_tabel"].startswith(
        "Aantal medewerkers en tabel vrouwen/mannen")
    warnings = controle_problems(model)
    assert len(warnings) == len(model.controles)
    assert all(p.severity == "warning" for p in warnings)
