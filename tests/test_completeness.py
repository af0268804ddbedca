"""What a report still lacks (reportgen/completeness.py): every optional piece the outline
needs, one problem each, naming the file (and the setting, KPI or indicator): a warning in
a draft (the report shows a placeholder, and the message says so), an error in a final
build.

The data is the synthetic report of tests/report_data.py, held in memory; the outline is
the example's (data/referentie/opbouw.toml) unless a test says otherwise.
"""

from __future__ import annotations

import shutil
import tomllib

import pytest

from data_builders import minimal_tables
from model_builders import dataset_from_tables
from report_data import (EXAMPLE_OUTLINE, KPIS, prepare_report, report_files,
                         report_tables)
from reportgen import completeness
from reportgen.errors import DataError, errors_of, warnings_of
from reportgen.outline import parse_outline
from reportgen.resources import templates_dir

JAAR = 2028
EXAMPLE_TEXT = EXAMPLE_OUTLINE.read_text(encoding="utf-8")


def outline_of(text: str):
    found, problems = parse_outline(text, "referentie/opbouw.toml")
    assert found is not None, [str(p) for p in problems]
    return found


EXAMPLE = outline_of(EXAMPLE_TEXT)
DEFAULT = outline_of((templates_dir() / "opbouw.toml").read_text(encoding="utf-8"))


def data():
    """(tables, parsed settings files) of the complete synthetic report."""
    files = {k: tomllib.loads(v) for k, v in report_files("eindevaluatie", JAAR).items()}
    return report_tables(JAAR), files


def gaps(tables, files, outline=EXAMPLE, draft=False, heeft_brief=True, jaar=JAAR):
    dataset = dataset_from_tables(tables, jaar, files)
    return completeness.missing_pieces(dataset, outline, draft=draft, heeft_brief=heeft_brief)


def _where(p) -> tuple:
    return (p.file, p.column, p.value)


def test_the_complete_report_lacks_nothing():
    tables, files = data()
    assert gaps(tables, files) == []
    assert gaps(tables, files, draft=True) == []
    assert gaps(tables, files, outline=DEFAULT) == []


def _drop_table(name):
    return lambda t, f: t.pop(name)


def _drop_file(name):
    return lambda t, f: f.pop(name)


def _drop_setting(file, *keys):
    def change(t, f):
        doc = f[file]
        for key in keys[:-1]:
            doc = doc[key]
        doc.pop(keys[-1])
    return change


def _no_values_for(indicator):
    def change(t, f):
        t[f"{JAAR}/kpi_waarden"] = [r for r in t[f"{JAAR}/kpi_waarden"]
                                    if r["indicator"] != indicator]
    return change


def _no_judgement_for(kpi):
    def change(t, f):
        t[f"{JAAR}/kpi_oordeel"] = [r for r in t[f"{JAAR}/kpi_oordeel"] if r["kpi"] != kpi]
    return change


def _no_monitor(t, f):
    for name in [n for n in t if n.endswith("/werkdrukmonitor")]:
        del t[name]


PIECES = [
    # what is taken away -> (file, column, value) of the one problem it gives
    (_drop_file("referentie/sectorplan.toml"), ("referentie/sectorplan.toml", None, None)),
    (_drop_setting("referentie/sectorplan.toml", "sectorplan_lang"),
     ("referentie/sectorplan.toml", "sectorplan_lang", None)),
    (_drop_file(f"{JAAR}/rapport.toml"), (f"{JAAR}/rapport.toml", None, None)),
    (_drop_setting(f"{JAAR}/rapport.toml", "publicatiedatum"),
     (f"{JAAR}/rapport.toml", "publicatiedatum", None)),
    (_drop_setting(f"{JAAR}/rapport.toml", "brief", "telefoon"),
     (f"{JAAR}/rapport.toml", "brief.telefoon", None)),
    (_drop_table("referentie/kpis"), ("referentie/kpis.csv", None, None)),
    (_drop_table("referentie/indicatoren"), ("referentie/indicatoren.csv", None, None)),
    (_drop_table(f"{JAAR}/kpi_waarden"), (f"{JAAR}/kpi_waarden.csv", None, None)),
    (_drop_table("2023/kpi_waarden"), ("2023/kpi_waarden.csv", None, None)),  # baseline
    (_no_values_for("projecten_data"), (f"{JAAR}/kpi_waarden.csv", "indicator",
                                        "projecten_data")),
    (_drop_table(f"{JAAR}/kpi_oordeel"), (f"{JAAR}/kpi_oordeel.csv", None, None)),
    (_no_judgement_for("5"), (f"{JAAR}/kpi_oordeel.csv", "kpi", "5")),
    (_no_monitor, (f"{JAAR}/werkdrukmonitor.csv", None, None)),
    (_drop_table("referentie/commissie"), ("referentie/commissie.csv", None, None)),
]


@pytest.mark.parametrize("take_away, where", PIECES,
                         ids=[":".join(str(x) for x in w if x) for _, w in PIECES])
def test_each_missing_piece_is_an_error_in_a_final_build_and_a_warning_in_a_draft(
        take_away, where):
    tables, files = data()
    take_away(tables, files)
    final = gaps(tables, files)
    assert [_where(p) for p in final] == [where]
    assert final[0].is_error and final[0].expected.startswith("ontbreekt: ")
    draft = gaps(tables, files, draft=True)
    assert [_where(p) for p in draft] == [where]
    assert draft[0].severity == "warning"
    assert "(concept: " in draft[0].expected  # says what the draft shows instead


def test_missing_judgements_name_every_qualitative_kpi():
    tables, files = data()
    del tables[f"{JAAR}/kpi_oordeel"]
    (p,) = gaps(tables, files)
    qualitative = [k[0] for k in KPIS if k[5] == "kwalitatief"]
    assert f"{len(qualitative)} kwalitatieve KPI's ({', '.join(qualitative)})" in p.expected


def test_the_letter_settings_are_needed_only_with_a_letter():
    tables, files = data()
    files[f"{JAAR}/rapport.toml"]["brief"] = {}
    assert {p.column for p in gaps(tables, files)} == {
        "brief.datum", "brief.ontvanger", "brief.adres_ontvanger", "brief.adres_afzender",
        "brief.contactpersoon", "brief.telefoon", "brief.onderwerp", "brief.aanhef",
        "brief.afsluiting", "brief.ondertekenaar"}
    assert gaps(tables, files, heeft_brief=False) == []


def test_a_kpi_the_outline_cannot_place_is_named_with_its_line():
    """Moved from validation: whether a KPI's `sectie` is a place in the report depends on
    the outline now. Without "@overige" a KPI with an unknown section would be left out of
    the report: an error naming kpis.csv, its line, column and value."""
    tables, files = data()
    tables["referentie/kpis"][1]["sectie"] = "rust"  # KPI werkdruk, line 3
    without_overige = EXAMPLE_TEXT.replace('kpis = "@overige"', "")
    (p,) = gaps(tables, files, outline=outline_of(without_overige))
    assert (p.file, p.line, p.column, p.value) == ("referentie/kpis.csv", 3, "sectie", "rust")
    assert p.is_error and "rust_en_ruimte" in p.expected and "subthema" in p.expected
    # With "@overige" the KPI is placed (under "Overige KPI's"): nothing is missing.
    assert gaps(tables, files) == []


def test_contract_files_only():
    """A data folder with the contract files only: every piece the example's outline needs
    is named, as warnings in a draft and errors in a final build."""
    tables = minimal_tables(years=(2022, 2023))
    expected = {"referentie/sectorplan.toml", "2023/rapport.toml", "referentie/kpis.csv",
                "referentie/commissie.csv", "2023/werkdrukmonitor.csv"}
    draft = gaps(tables, {}, draft=True, jaar=2023)
    assert not errors_of(draft)
    assert {p.file for p in warnings_of(draft)} == expected
    final = gaps(tables, {}, jaar=2023)
    assert {p.file for p in errors_of(final)} == expected
    # The outline decides what is needed: the package's default shows no workload figure.
    assert {p.file for p in gaps(tables, {}, outline=DEFAULT, jaar=2023)} == (
        expected - {"2023/werkdrukmonitor.csv"})


def test_the_workload_figure_alone_needs_the_monitor():
    tables, files = data()
    _no_monitor(tables, files)
    figure_only = outline_of(
        '[[hoofdstuk]]\nid = "monitor"\ntitel = "Monitor"\ninhoud = ["figuur:werkdruk"]\n')
    (p,) = gaps(tables, files, outline=figure_only)
    assert p.file == f"{JAAR}/werkdrukmonitor.csv" and p.is_error
    (p,) = gaps(tables, files, outline=figure_only, draft=True)
    assert "de figuur over werkdruk blijft zonder gegevens" in p.expected


def test_an_outline_without_kpis_needs_no_kpi_files():
    tables, files = data()
    for name in ("referentie/kpis", "referentie/indicatoren", f"{JAAR}/kpi_oordeel"):
        del tables[name]
    _no_monitor(tables, files)
    plain = outline_of('[[hoofdstuk]]\nid = "a"\ntitel = "A"\ninhoud = ["tekst:a"]\n')
    assert gaps(tables, files, outline=plain) == []


def test_the_pipeline_stops_a_final_build_and_lets_a_draft_through(report_dir, tmp_path):
    root = shutil.copytree(report_dir, tmp_path / "data")
    (root / "referentie" / "commissie.csv").unlink()
    with pytest.raises(DataError) as err:
        prepare_report(root, JAAR)
    assert [p.file for p in errors_of(err.value.problems)] == ["referentie/commissie.csv"]
    prepared = prepare_report(root, JAAR, draft=True)
    assert "referentie/commissie.csv" in {p.file for p in warnings_of(prepared.problems)}
