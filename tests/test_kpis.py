"""KPIs: measures from the three sources (compute), status rules (docs/data-design.md),
committee judgements; the norm in words, values by unit and the conclusions table (view);
missing values and judgements (completeness)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from data_builders import minimal_tables
from model_builders import SECTORPLAN, dataset_from_tables, person
from report_data import EXAMPLE_OUTLINE
from reportgen import completeness, view
from reportgen.compute import build_model
from reportgen.compute.kpis import measure_status, worst
from reportgen.errors import errors_of
from reportgen.model import IndicatorResultaat
from reportgen.numbers import printed
from reportgen.outline import read_outline
from reportgen.view.kpis import fmt_eenheid, fmt_value, fmt_verschil, norm_text, printed_change

D = Decimal


# ------------------------------------------------------------------ norm texts and values


def _measure(norm: str, eenheid: str, norm_waarde=None, vanaf=None) -> IndicatorResultaat:
    return IndicatorResultaat(code="m", naam="m", eenheid=eenheid, waarde=None, basis=None,
                              basisjaar=None, verandering=None, norm=norm,
                              status="geen gegevens", norm_waarde=norm_waarde,
                              vanaf_jaar=vanaf)


def test_norm_texts():
    assert norm_text(_measure("hoger_dan_basis", "pct"), 2023, 2028) == "2028 hoger dan in 2023"
    assert norm_text(_measure("lager_dan_basis", "score"), 2023, 2028) == "2028 lager dan in 2023"
    assert norm_text(_measure("minimaal", "pct", D(90), 2026), 2023, 2028) == (
        "minimaal 90% vanaf 2026")
    assert norm_text(_measure("minimaal", "fte", D(40)), 2023, 2028) == "minimaal 40,00 fte"
    assert norm_text(_measure("informatief", "pct"), 2023, 2028) == "informatief"


def test_values_print_by_unit():
    assert fmt_value(D("86.94"), "pct") == "87%"
    assert fmt_value(D("41.0049"), "fte") == "41,00 fte"
    assert fmt_value(D("7.45"), "score") == "7,5"
    assert fmt_value(D(24), "aantal") == "24"
    assert fmt_value(D("12.25"), "aantal") == "12,3"  # an average of counts
    assert fmt_value(None, "pct") == "geen gegevens"


@pytest.mark.parametrize("value, eenheid, expected", [
    (5, "pct", "+5 procentpunt"), (-0.54, "score", "\u22120,5"), (0, "aantal", "0"),
    (6.5, "fte", "+6,50 fte"), (None, "pct", "–"),
])
def test_change_formatting(value, eenheid, expected):
    assert fmt_verschil(value, eenheid) == expected


def test_average_counts_keep_their_decimal_in_value_and_change():
    assert fmt_eenheid(D("12.5"), "aantal") == "12,5"
    assert fmt_eenheid(D("12"), "aantal") == "12"
    change = printed_change(D("12.5"), D("10"), "aantal")
    assert fmt_verschil(change, "aantal") == "+2,5"


def test_change_is_the_difference_of_the_printed_values():
    assert printed_change(D("96.6"), D("76.4"), "pct") == 21  # 97% - 76%
    assert printed_change(D("7.46"), D("7.54"), "score") == 0  # 7,5 - 7,5
    assert printed(D("89.5"), "pct") == 90


# ------------------------------------------------------------------ status rules

CASES = [
    # norm, eenheid, waarde, basis, norm_waarde, vanaf, jaar -> status
    ("minimaal", "pct", "91", None, "90", 2026, 2028, "behaald"),
    ("minimaal", "pct", "89", None, "90", 2026, 2028, "aandachtspunt"),
    ("minimaal", "pct", "91", None, "90", 2026, 2025, "op koers"),  # before vanaf_jaar
    ("minimaal", "pct", "87", None, "90", 2026, 2025, "aandachtspunt"),
    ("minimaal", "pct", "90", None, "90", None, 2025, "behaald"),  # no vanaf: always
    ("minimaal", "pct", "89.5", None, "90", None, 2028, "behaald"),  # prints as 90%
    ("hoger_dan_basis", "pct", "80", "70", None, None, 2028, "behaald"),
    ("hoger_dan_basis", "pct", "60", "70", None, None, 2028, "aandachtspunt"),
    ("hoger_dan_basis", "pct", "80", "70", None, None, 2025, "op koers"),
    ("hoger_dan_basis", "pct", "60", "70", None, None, 2025, "aandachtspunt"),
    ("hoger_dan_basis", "pct", "70.2", "69.8", None, None, 2028, "aandachtspunt"),  # 70%=70%
    ("lager_dan_basis", "score", "6.5", "7.5", None, None, 2028, "behaald"),
    ("lager_dan_basis", "score", "7.5", "7.5", None, None, 2025, "aandachtspunt"),
    ("lager_dan_basis", "score", "8", "7.5", None, None, 2027, "aandachtspunt"),
    ("hoger_dan_basis", "pct", "80", None, None, None, 2028, "geen gegevens"),  # no baseline
    ("hoger_dan_basis", "pct", None, "70", None, None, 2028, "geen gegevens"),  # no value
    ("hoger_dan_basis", "pct", "80", "80", None, None, 2023, "geen gegevens"),  # baseline yr
    ("minimaal", "pct", None, None, "90", None, 2028, "geen gegevens"),
    ("informatief", "pct", "65", "61", None, None, 2028, "geen gegevens"),  # never claims
]


@pytest.mark.parametrize("norm,eenheid,waarde,basis,norm_waarde,vanaf,jaar,expected", CASES)
def test_measure_status(norm, eenheid, waarde, basis, norm_waarde, vanaf, jaar, expected):
    def d(x):
        return None if x is None else D(x)

    assert measure_status(norm, eenheid, d(waarde), d(basis), d(norm_waarde), vanaf, jaar,
                          2023, 2028) == expected


def test_worst_status_order():
    assert worst(["behaald", "op koers"]) == "op koers"
    assert worst(["behaald", "geen gegevens"]) == "geen gegevens"
    assert worst(["op koers", "aandachtspunt", "geen gegevens"]) == "aandachtspunt"
    assert worst([]) == "geen gegevens"


# ------------------------------------------------------------------ KPIs end to end

KPIS = [
    {"code": "continuiteit_personeel", "nummer": "", "naam": "Continuïteit personeel",
     "omschrijving": "Meer vaste posities.", "sectie": "rust_en_ruimte",
     "soort": "kwantitatief", "volgorde": "1"},
    {"code": "werkdruk", "nummer": "", "naam": "Werkdruk", "omschrijving": "Minder werkdruk.",
     "sectie": "rust_en_ruimte", "soort": "kwantitatief", "volgorde": "2"},
    {"code": "diversiteit", "nummer": "", "naam": "Diversiteit", "omschrijving": "Divers.",
     "sectie": "diversiteit", "soort": "kwalitatief", "volgorde": "4"},
    {"code": "7", "nummer": "KPI 7", "naam": "Extramurale praktijk", "omschrijving": "Meer.",
     "sectie": "innovatiemotor", "soort": "kwantitatief", "volgorde": "3"},
    {"code": "8", "nummer": "KPI 8", "naam": "Experts", "omschrijving": "Meer experts.",
     "sectie": "methodologie", "soort": "kwantitatief", "volgorde": "5"},
    {"code": "9", "nummer": "KPI 9", "naam": "Onderwijs", "omschrijving": "Beschrijving.",
     "sectie": "methodologie", "soort": "kwalitatief", "volgorde": "6"},
]


def _ind(code, kpi, eenheid, bron, norm, aggregatie="", norm_waarde="", vanaf=""):
    return {"code": code, "kpi": kpi, "naam": code.replace("_", " "), "eenheid": eenheid,
            "bron": bron, "aggregatie": aggregatie, "norm": norm,
            "norm_waarde": norm_waarde, "vanaf_jaar": vanaf}


INDICATOREN = [
    _ind("vast_aandeel", "continuiteit_personeel", "pct", "personeel", "hoger_dan_basis"),
    _ind("structurele_realisatie", "continuiteit_personeel", "pct", "personeel", "minimaal",
         norm_waarde="90", vanaf="2026"),
    _ind("werkdruk", "werkdruk", "score", "werkdrukmonitor", "lager_dan_basis"),
    _ind("vrouwen_aandeel", "diversiteit", "pct", "personeel", "informatief"),
    _ind("extramuraal_aandeel", "7", "pct", "kpi_waarden", "hoger_dan_basis", "gemiddelde"),
    _ind("experts", "8", "aantal", "kpi_waarden", "hoger_dan_basis", "som"),
]


def files(jaar: int) -> dict:
    return {"referentie/sectorplan.toml": SECTORPLAN,
            f"{jaar}/rapport.toml": {"soort": "voortgangsrapportage", "titel": "Test"}}


def _monitor(rows):
    return [{"deelnemer": d, "umc": u, "moment": m, "baanzekerheid": b, "werkdruk": w}
            for d, u, m, b, w in rows]


def _tables(jaar: int) -> dict[str, list[dict]]:
    years = tuple(range(2022, jaar + 1))
    tables = minimal_tables(years=years)
    tables["referentie/kpis"] = [dict(k) for k in KPIS]
    tables["referentie/indicatoren"] = [dict(i) for i in INDICATOREN]
    tables["referentie/commissie"] = [
        {"naam": "prof. dr. A. Voorbeeld", "aanhef": "mevrouw", "rol": "lid",
         "functie": "voorzitter", "van": "", "tot": "", "volgorde": "1"}]
    # 2023 (baseline): 1 vast + 1 tijdelijk fte at EMC -> vast share 50%
    tables["2023/personeel"] = [person("a", "EMC", "vast", "1"),
                                person("b", "EMC", "tijdelijk", "1", "m")]
    # report year: 3 vast + 1 tijdelijk -> 75%; budget 3,5 + 2 + 2,25 = 7,75
    tables[f"{jaar}/personeel"] = [person("a", "EMC", "vast", "1"),
                                   person("b", "EMC", "vast", "1", "m"),
                                   person("c", "LUMC", "vast", "1"),
                                   person("d", "UMCG", "tijdelijk", "1", "x"),
                                   person("e", "UMCG", "inloop", "1", "m")]
    tables["2023/kpi_waarden"] = [
        {"umc": "EMC", "indicator": "extramuraal_aandeel", "waarde": "10"},
        {"umc": "LUMC", "indicator": "extramuraal_aandeel", "waarde": "20"},
        {"umc": "EMC", "indicator": "experts", "waarde": "4"},
        {"umc": "LUMC", "indicator": "experts", "waarde": "5"},
        {"umc": "UMCG", "indicator": "experts", "waarde": "6"},
    ]
    tables[f"{jaar}/kpi_waarden"] = [  # UMCG did not report extramuraal_aandeel
        {"umc": "EMC", "indicator": "extramuraal_aandeel", "waarde": "12.5"},
        {"umc": "LUMC", "indicator": "extramuraal_aandeel", "waarde": "21"},
        {"umc": "EMC", "indicator": "experts", "waarde": "3"},
        {"umc": "LUMC", "indicator": "experts", "waarde": "5"},
        {"umc": "UMCG", "indicator": "experts", "waarde": "6"},
    ]
    # first measurement 2025, latest = report year
    tables["2025/werkdrukmonitor"] = _monitor([
        ("d1", "EMC", "voor", "4", "8"), ("d2", "LUMC", "voor", "5", "7"),
        ("d1", "EMC", "nu", "7", "7.5"), ("d2", "LUMC", "nu", "8", "7.5"),
        ("d1", "EMC", "ideaal", "9", "5"), ("d2", "LUMC", "ideaal", "9", "5")])
    if jaar > 2025:
        tables[f"{jaar}/werkdrukmonitor"] = _monitor([
            ("d1", "EMC", "voor", "3", "9"), ("d2", "UMCG", "voor", "5", "9"),
            ("d1", "EMC", "nu", "8", "6"), ("d2", "UMCG", "nu", "8", "6.5"),
            ("d3", "UMCG", "nu", "8", "7"),
            ("d1", "EMC", "ideaal", "9", "5"), ("d2", "UMCG", "ideaal", "9", "5")])
    tables[f"{jaar}/kpi_oordeel"] = [
        {"kpi": "diversiteit", "status": "aandachtspunt", "toelichting": "Nog te weinig zicht."},
        {"kpi": "8", "status": "behaald", "toelichting": "De commissie is tevreden."},
        {"kpi": "9", "status": "", "toelichting": "Goede voorbeelden."},
    ]
    return tables


KPI_FILES = ("referentie/kpis.csv", "referentie/indicatoren.csv", "kpi_waarden.csv",
             "kpi_oordeel.csv", "werkdrukmonitor.csv")


@pytest.fixture(scope="module")
def outline():
    found, problems = read_outline(EXAMPLE_OUTLINE, "referentie/opbouw.toml")
    assert found is not None, [str(p) for p in problems]
    return found


def kpi_gaps(dataset, outline, draft: bool = False) -> list:
    """What completeness says about the KPI files of `dataset` (its other gaps, such as
    settings this in-memory data set leaves out, are not these tests' business)."""
    return [p for p in completeness.missing_pieces(dataset, outline, draft=draft,
                                                   heeft_brief=False)
            if p.file.endswith(KPI_FILES)]


def views(model):
    """The KPIs and conclusions as the reader sees them (view layer)."""
    return view.prepare(model)


@pytest.fixture(scope="module")
def dataset_2028():
    return dataset_from_tables(_tables(2028), 2028, files(2028))


@pytest.fixture(scope="module")
def model_2028(dataset_2028):
    return build_model(dataset_2028)


def test_kpis_in_volgorde_with_text_keys(model_2028, dataset_2028, outline):
    model = model_2028
    problems = kpi_gaps(dataset_2028, outline)
    assert list(model.kpis) == ["continuiteit_personeel", "werkdruk", "7", "diversiteit",
                                "8", "9"]
    assert model.kpis["7"].tekst == "kpi_7" and model.kpis["7"].nummer == "KPI 7"
    assert not errors_of(problems), [str(p) for p in errors_of(problems)]


def test_personeel_measures(model_2028):
    k = model_2028.kpis["continuiteit_personeel"]
    vast, realisatie = k.indicatoren
    assert (vast.waarde, vast.basis, vast.basisjaar) == (D(75), D(50), 2023)
    assert vast.verandering == D(25)
    assert vast.status == "behaald" and vast.norm == "hoger_dan_basis"  # a code in the model
    assert vast.per_instelling["EMC"] == D(100) and vast.per_instelling["UMCG"] == D(0)
    assert realisatie.waarde == D(3) * 100 / D("7.75")  # 38,7%: below 90
    assert realisatie.status == "aandachtspunt"
    assert k.status == "aandachtspunt"  # worst of its measures
    # the norm in words is the view's
    vast_view = views(model_2028).kpis["continuiteit_personeel"].indicatoren[0]
    assert vast_view.norm == "2028 hoger dan in 2023" and vast_view.norm_code == "hoger_dan_basis"


def test_werkdruk_latest_now_vs_first_before(model_2028):
    model = model_2028
    (m,) = model.kpis["werkdruk"].indicatoren
    assert m.waarde == (D(6) + D("6.5") + D(7)) / 3  # nu, latest measurement (2028)
    assert m.basis == D("7.5")  # voor, first measurement (2025)
    assert m.basisjaar == 2023 and m.status == "behaald"
    assert model.werkdruk.meetjaar == 2028 and model.werkdruk.deelnemers == 3
    assert model.figuren["werkdruk"].extra["meetjaar"] == 2028


def test_delivered_values_aggregate_over_reporting_institutions(model_2028):
    model = model_2028
    (extra,) = model.kpis["7"].indicatoren
    assert extra.waarde == (D("12.5") + D(21)) / 2  # gemiddelde of EMC and LUMC only
    assert extra.basis == D(15)
    assert extra.per_instelling == {"EMC": D("12.5"), "LUMC": D(21), "UMCG": None}
    assert extra.status == "behaald"
    (experts,) = model.kpis["8"].indicatoren
    assert (experts.waarde, experts.basis) == (D(14), D(15))  # som
    assert experts.status == "aandachtspunt"
    assert model.kpis["8"].status == "behaald"  # the committee's judgement wins
    assert model.kpis["8"].oordeel == "De commissie is tevreden."


def test_informatief_and_empty_judgement(model_2028):
    model = model_2028
    div = model.kpis["diversiteit"]
    assert div.indicatoren[0].status == "geen gegevens"
    assert div.indicatoren[0].waarde == D(2) * 100 / 4  # 2 women of 4 persons (excl. inloop)
    assert div.status == "aandachtspunt"
    # status left empty in kpi_oordeel: computed (no measures -> geen gegevens)
    assert model.kpis["9"].status == "geen gegevens"
    assert model.kpis["9"].oordeel == "Goede voorbeelden."


def test_conclusions(model_2028):
    parts = views(model_2028)
    rows = {c.kpi: c for c in parts.conclusies}
    assert rows["7"].waarde == "17% (2023: 15%)"
    assert rows["7"].norm == "2028 hoger dan in 2023" and rows["7"].status == "behaald"
    assert rows["werkdruk"].waarde == "6,5 (2023: 7,5)"
    assert rows["continuiteit_personeel"].waarde == (
        "vast aandeel: 75% (2023: 50%); structurele realisatie: 39% (2023: 13%)")
    assert rows["continuiteit_personeel"].norm == (
        "2028 hoger dan in 2023; minimaal 90% vanaf 2026")
    assert rows["9"].waarde == "zie oordeel" and rows["9"].oordeel == "Goede voorbeelden."
    assert rows["9"].norm == "kwalitatieve beoordeling"
    table = parts.tabellen["conclusies"]
    assert [r.key for r in table.rows] == list(model_2028.kpis)
    assert table.row("8").values["status"] == "behaald"
    assert "conclusies" not in model_2028.tabellen  # wording only: the view's table


def test_before_the_second_period_minimum_is_op_koers():
    tables = _tables(2025)
    tables["2025/personeel"] = [person(str(i), "EMC", "vast", "1") for i in range(7)]
    ds = dataset_from_tables(tables, 2025, files(2025))
    model = build_model(ds)
    vast, realisatie = model.kpis["continuiteit_personeel"].indicatoren
    assert realisatie.waarde == D(7) * 100 / D("7.75")  # 90,3%
    assert realisatie.status == "op koers"  # norm applies from 2026
    assert vast.status == "op koers"  # 100% > 50%, not yet the final year
    (w,) = model.kpis["werkdruk"].indicatoren
    assert (w.waarde, w.basis, w.status) == (D("7.5"), D("7.5"), "aandachtspunt")


def test_missing_values_are_named(outline):
    tables = _tables(2028)
    tables["2028/kpi_waarden"] = [r for r in tables["2028/kpi_waarden"]
                                  if r["indicator"] != "experts"]
    del tables["2023/kpi_waarden"]
    del tables["2028/kpi_oordeel"]
    ds = dataset_from_tables(tables, 2028, files(2028))
    # completeness names every missing piece (an error in a final build) ...
    errs = errors_of(kpi_gaps(ds, outline))
    assert any(p.file == "2028/kpi_waarden.csv" and p.value == "experts" for p in errs)
    assert any(p.file == "2023/kpi_waarden.csv" for p in errs)
    oordeel = [p for p in errs if p.file == "2028/kpi_oordeel.csv"]
    assert len(oordeel) == 1 and "diversiteit, 9" in oordeel[0].expected
    # ... and compute carries on without them
    model = build_model(ds)
    assert model.kpis["8"].status == "geen gegevens"
    assert model.kpis["7"].indicatoren[0].basis is None
    assert model.kpis["7"].status == "geen gegevens"


# ------------------------------------------------------------------ fields for texts


def test_norm_numbers_next_to_the_norm_text(model_2028):
    vast, realisatie = model_2028.kpis["continuiteit_personeel"].indicatoren
    assert (realisatie.norm_waarde, realisatie.vanaf_jaar) == (D(90), 2026)
    assert realisatie.norm == "minimaal"
    worded = views(model_2028).kpis["continuiteit_personeel"].indicatoren[1]
    assert worded.norm == "minimaal 90% vanaf 2026"
    assert (worded.norm_waarde, worded.vanaf_jaar) == (D(90), 2026)  # numbers unchanged
    assert (vast.norm_waarde, vast.vanaf_jaar) == (None, None)
    # the comparison a text makes agrees with the status
    assert realisatie.waarde < realisatie.norm_waarde and realisatie.status == "aandachtspunt"


def test_onder_norm_names_in_volgorde(model_2028):
    model = model_2028
    # EMC 2 / 3,5 = 57%, LUMC 1 / 2 = 50%, UMCG 0 / 2,25 = 0%: all below 90%
    assert model.formatie.onder_norm == ("Erasmus MC", "LUMC", "UMC Groningen")
    tables = _tables(2028)
    tables["2028/personeel"] += [person(f"n{i}", "EMC", "toegezegd_vast", "1")
                                 for i in range(2)]  # EMC 4 / 3,5 = 114%
    model = build_model(dataset_from_tables(tables, 2028, files(2028)))
    assert model.formatie.onder_norm == ("LUMC", "UMC Groningen")


def test_workload_measurements(model_2028):
    w = model_2028.werkdruk
    assert [m.meetjaar for m in w.metingen] == [2025, 2028]
    first, last = w.metingen
    assert w.vorige is first
    assert first.deelnemers == 2 and last.deelnemers == 3
    assert first.gemiddelde["voor"] == {"baanzekerheid": D("4.5"), "werkdruk": D("7.5")}
    assert first.gemiddelde["nu"] == {"baanzekerheid": D("7.5"), "werkdruk": D("7.5")}
    assert last.gemiddelde["nu"]["werkdruk"] == (D(6) + D("6.5") + D(7)) / 3
    assert last.gemiddelde == w.gemiddelde and last.meetjaar == w.meetjaar


def test_workload_measurement_after_the_report_year_is_ignored():
    ds = dataset_from_tables(_tables(2028), 2028, files(2026))
    ds.jaar = 2026  # the data set holds 2027-2028 too; a 2026 report must not use them
    model = build_model(ds)
    assert [e.jaar for e in model.formatie.per_jaar] == list(range(2022, 2027))
    assert [m.meetjaar for m in model.werkdruk.metingen] == [2025]
    assert model.werkdruk.vorige is None and model.werkdruk.meetjaar == 2025


def test_vrouwen_aandeel_vast_measure(outline):
    tables = _tables(2028)
    tables["referentie/indicatoren"].append(
        _ind("vrouwen_aandeel_vast", "diversiteit", "pct", "personeel", "informatief"))
    # an inloop woman does not count: inloop is never vast
    tables["2028/personeel"].append(person("f", "LUMC", "inloop", "1"))
    ds = dataset_from_tables(tables, 2028, files(2028))
    problems = kpi_gaps(ds, outline)
    assert not errors_of(problems), [str(p) for p in errors_of(problems)]
    model = build_model(ds)
    div = model.kpis["diversiteit"]
    assert [i.code for i in div.indicatoren] == ["vrouwen_aandeel", "vrouwen_aandeel_vast"]
    m = div.indicatoren[1]
    assert m.waarde == D(2) * 100 / 3  # vast: a (v), b (m), c (v)
    assert m.waarde == model.gender.vast_vrouwen_pct
    assert m.basis == D(100) and m.basisjaar == 2023  # 2023: one vast person, a woman
    assert m.per_instelling == {"EMC": D(50), "LUMC": D(100), "UMCG": None}
    assert m.status == "geen gegevens" and m.norm == "informatief"
    assert div.status == "aandachtspunt"  # still the committee's judgement
