"""`reportgen factsheets`: eight PDFs for the example data of 2028 (made once for the
session), their figures against the report's own table cells, their accessibility."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen import factsheets, pipeline
from reportgen.cli import main
from reportgen.render.filters import fmt_cel
from reportgen.view.factsheet import LABELS, ROWS

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "data"
JAAR = 2028
CODES = ("AUMC-UVA", "AUMC-VU", "EMC", "LUMC", "MUMC", "RUMC", "UMCG", "UMCU")


@pytest.fixture(scope="session")
def made(tmp_path_factory):
    """The command as a user runs it (all cores), into a fresh output folder."""
    out = tmp_path_factory.mktemp("uit")
    result = CliRunner().invoke(main, ["factsheets", "--year", str(JAAR), "--data",
                                       str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "factsheets" / str(JAAR), result.output


@pytest.fixture(scope="session")
def report():
    """The report of 2028 as the build prepares it: its tables as printed."""
    return pipeline.prepare(EXAMPLE, JAAR).view


def text_of(path: Path) -> str:
    """The PDF's text, whitespace normalised; Lato's hyphen reads back as U+2010."""
    reader = PdfReader(str(path))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    return text.replace("\u2010", "-")


def test_eight_factsheets_of_one_or_two_pages(made):
    folder, output = made
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"factsheet-{JAAR}-{code}.pdf" for code in CODES)
    for name in names:
        reader = PdfReader(str(folder / name))
        assert 1 <= len(reader.pages) <= 2, name
    assert "8 factsheet(s) geschreven" in output
    assert not list(folder.parent.glob(".factsheets-*"))  # no temporary folder left


@pytest.mark.parametrize("code", CODES)
def test_figures_equal_the_report_table_cells(made, report, code):
    folder, _ = made
    text = text_of(folder / f"factsheet-{JAAR}-{code}.pdf")
    tables = report.alle_tabellen
    naam = tables["realisatie_fte"].row(code).label
    assert naam in text
    for key, columns in ROWS.items():
        table = tables[key]
        row, total = table.row(code), table.total
        kinds = {c.key: c for c in table.columns}
        for col in columns:
            label = LABELS.get(key, {}).get(col, kinds[col].label)
            cells = (fmt_cel(row.values[col], kinds[col].kind),
                     fmt_cel(total.values[col], kinds[col].kind))
            assert f"{label} {cells[0]} {cells[1]}" in text, (key, col)
    # The trend row ends with the report year's realisation, as in Bijlage V.
    pct = fmt_cel(tables["realisatie_fte"].row(code).values["realisatie_pct"], "pct")
    assert f"{pct} Alle umc's " in text
    # The institution's row of the themamatrix.
    matrix = tables["themamatrix"]
    for col in matrix.columns:
        inzet = matrix.row(code).values[col.key] or "geen inzet"
        assert f"{col.label} {inzet}" in text, col.key


def test_trend_row_is_bijlage_v_of_each_year(made, report):
    folder, _ = made
    text = text_of(folder / f"factsheet-{JAAR}-EMC.pdf")
    model = report.model
    shares = [fmt_cel(t.row("EMC").values["realisatie_pct"], "pct")
              for t in model.formatie.tabel_per_jaar]
    totals = [fmt_cel(t.total.values["realisatie_pct"], "pct")
              for t in model.formatie.tabel_per_jaar]
    assert "Jaar " + " ".join(str(j.jaar) for j in model.formatie.per_jaar) in text
    assert "Erasmus MC " + " ".join(shares) in text
    assert "Alle umc's " + " ".join(totals) in text
    assert totals[-1] == fmt_cel(model.formatie.structureel_pct, "pct")


def test_metadata_and_structure(made):
    import pikepdf

    folder, _ = made
    pdf = pikepdf.open(folder / f"factsheet-{JAAR}-LUMC.pdf")
    assert str(pdf.docinfo["/Title"]).startswith(f"Factsheet LUMC {JAAR}")
    assert str(pdf.Root.Lang) == "nl"
    roles = []

    def walk(node):
        k = node.get("/K")
        for kid in (list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                roles.append((str(kid.S), kid))
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    names = [r for r, _ in roles]
    assert names.count("/H1") == 1 and names.count("/H2") == 5
    assert names.count("/Table") == 6 and names.count("/Caption") >= 6
    figures = [k for r, k in roles if r == "/Figure"]
    assert len(figures) == 1 and str(figures[0].Alt).startswith("Lijndiagram")


@pytest.fixture
def pdfua_check(monkeypatch):
    """`pdfua.validate` as tests/test_pdf.py calls it: pdfua 0.1.3 asks every /K for
    `is_integer`, which a pikepdf Array answers with a ValueError, so its empty-heading
    rule would be skipped on WeasyPrint's headings; arrays are never integers."""
    import pikepdf
    from pdfua.rules import structure

    original = structure.as_integer
    monkeypatch.setattr(structure, "as_integer",
                        lambda v: None if isinstance(v, pikepdf.Array) else original(v))
    import pdfua
    return pdfua.validate


def test_pdfua_checker_finds_no_error(made, pdfua_check):
    folder, _ = made
    result = pdfua_check(str(folder / f"factsheet-{JAAR}-UMCG.pdf"))
    assert [(o.rule_id, o.skipped_reason) for o in result.skipped] == []
    assert len(result.outcomes) >= 12
    assert [(f.rule_id, f.severity.name, f.location.describe(), f.message)
            for f in result.findings] == []


def test_workers_use_every_core_but_not_more_than_needed():
    assert factsheets.workers(1) == 1
    assert 1 <= factsheets.workers(100) <= 100
    assert factsheets.file_name(2028, "AUMC-UVA") == "factsheet-2028-AUMC-UVA.pdf"
    assert factsheets.file_name(2028, "A/B") == "factsheet-2028-A_B.pdf"


def test_data_errors_stop_factsheets(tmp_path):
    import shutil

    data = Path(shutil.copytree(EXAMPLE, tmp_path / "data"))
    path = data / "2026" / "financien.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\nONBEKEND,1,1,1,1,1\n",
                                                             1), encoding="utf-8")
    result = CliRunner().invoke(main, ["factsheets", "--year", "2026", "--data", str(data),
                                       "--out", str(tmp_path / "uit")])
    assert result.exit_code == 1
    assert "2026/financien.csv" in result.output and "ONBEKEND" in result.output
    assert not (tmp_path / "uit" / "factsheets" / "2026").exists()
