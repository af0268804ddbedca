"""`reportgen status`: the overview per piece and per institution, derived from the checks
of `reportgen validate` (checks.validate_data), on the example data and on a folder with
only the contract files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import status as status_mod
from reportgen.checks import collect_status, validate_data
from reportgen.cli import main
from reportgen.errors import Problem, errors_of
from reportgen.view.status import status_view

EXAMPLE = Path(__file__).resolve().parent.parent / "data"
JAAR = 2025
CONTRACT_REFERENCE = ("umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix")
#: The pieces the brief of `reportgen status` names, by the keys of status.PIECES.
NAMED_PIECES = ("financien", "personeel", "kpi_waarden", "teksten", "kpi_oordeel",
                "instellingen", "werkdrukmonitor")


def contract_only(root: Path) -> Path:
    """The example data's contract files only: referentie/ (five tables) and financien
    and personeel per year up to JAAR; no texts, KPIs, judgements or settings."""
    (root / "referentie").mkdir(parents=True)
    for name in CONTRACT_REFERENCE:
        shutil.copy(EXAMPLE / "referentie" / f"{name}.csv", root / "referentie")
    for year in range(2022, JAAR + 1):
        (root / str(year)).mkdir()
        for name in ("financien", "personeel"):
            shutil.copy(EXAMPLE / str(year) / f"{name}.csv", root / str(year))
    return root


def final_build_can_run(data: Path, jaar: int) -> bool:
    """What `reportgen validate` (the checks of a build up to the PDF) says."""
    return not errors_of(validate_data(data, jaar))


@pytest.fixture(scope="module")
def example():
    return collect_status(EXAMPLE, JAAR)


@pytest.fixture(scope="module")
def contract_dir(tmp_path_factory) -> Path:
    return contract_only(tmp_path_factory.mktemp("contract") / "data")


@pytest.fixture(scope="module")
def contract(contract_dir):
    return collect_status(contract_dir, JAAR)


def states(status) -> dict[str, str]:
    return {k: c.state for k, c in status.pieces.items()}


# ------------------------------------------------------------------------ example data


def test_example_data_everything_delivered(example):
    assert {k: states(example)[k] for k in NAMED_PIECES} == dict.fromkeys(
        NAMED_PIECES, "aangeleverd")
    assert all(c.state == "aangeleverd" for c in example.pieces.values())
    assert len(example.institutions) == 8
    for inst in example.institutions:
        assert {p: c.state for p, c in inst.cells.items()} == dict.fromkeys(
            status_mod.PER_INSTITUTION, "aangeleverd"), inst.code
    assert example.complete and example.errors == 0 and example.can_build
    assert example.draft_errors == 0


def test_example_data_a_final_build_can_run_as_validate_says(example):
    assert example.can_build is final_build_can_run(EXAMPLE, JAAR) is True
    assert example.problems == validate_data(EXAMPLE, JAAR)


def test_example_warnings_are_attributed_to_their_institutions(example):
    # The warning about persons without a subtheme names each institution's first line.
    for inst in example.institutions:
        mine = example.by_institution.get(inst.code, [])
        assert any(p.column == "subthema" for p in mine), inst.code
        assert all(inst.code in p.expected for p in mine if p.column == "subthema")
    view = status_view(example, instelling="umc")
    assert view.can_build
    assert view.conclusie.startswith("Een definitieve build kan nu draaien")


def test_a_year_without_workload_monitor_does_not_need_one():
    status = collect_status(EXAMPLE, 2026)  # 2025 is the latest measurement
    assert status.pieces["werkdrukmonitor"].state == "niet_vereist"
    assert status.can_build is final_build_can_run(EXAMPLE, 2026) is True


# ------------------------------------------------------------------------ contract only


def test_contract_only_texts_kpis_judgements_and_settings_are_missing(contract):
    s = states(contract)
    assert s["financien"] == s["personeel"] == s["referentie"] == "aangeleverd"
    for piece in ("teksten", "kpi_waarden", "kpi_oordeel", "instellingen",
                  "werkdrukmonitor", "kpi_definities", "commissie"):
        assert s[piece] == "ontbreekt", piece
    assert contract.pieces["teksten"].errors > 0
    assert contract.pieces["instellingen"].errors == 2  # sectorplan.toml and rapport.toml
    # Without KPI definitions the checks cannot look at the values and judgements yet.
    assert not contract.pieces["kpi_waarden"].checked
    assert not contract.pieces["kpi_oordeel"].checked
    for inst in contract.institutions:
        assert inst.cells["financien"].state == inst.cells["personeel"].state == "aangeleverd"
        assert inst.cells["kpi_waarden"].state == "ontbreekt"


def test_contract_only_a_final_build_cannot_run_as_validate_says(contract, contract_dir):
    problems = validate_data(contract_dir, JAAR)
    assert contract.can_build is final_build_can_run(contract_dir, JAAR) is False
    assert contract.errors == len(errors_of(problems)) > 0
    # Every error is counted once, in exactly one piece.
    assert sum(c.errors for c in contract.pieces.values()) == contract.errors
    view = status_view(contract, instelling="umc")
    assert view.conclusie == (f"Een definitieve build kan nu niet draaien: "
                              f"{contract.errors} fouten houden hem tegen.")


# ------------------------------------------------------------------------ attribution


def _edit(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_errors_go_to_the_institution_whose_row_it_is(contract_dir, tmp_path):
    data = Path(shutil.copytree(contract_dir, tmp_path / "data"))

    def negative_emc(rows):
        for r in rows:
            if r["umc"] == "EMC":
                r["materieel"] = "-5"
        return rows

    _edit(data / f"{JAAR}/financien.csv", negative_emc)
    _edit(data / f"{JAAR}/personeel.csv", lambda rows: [r for r in rows if r["umc"] != "LUMC"])
    status = collect_status(data, JAAR)
    cells = {i.code: i.cells for i in status.institutions}
    assert cells["EMC"]["financien"].state == "fouten"
    assert cells["EMC"]["financien"].errors == 1
    # No rows at all: missing, and the check "no row for LUMC" (no line, column umc) is
    # LUMC's error.
    assert cells["LUMC"]["personeel"].state == "ontbreekt"
    assert cells["LUMC"]["personeel"].errors == 1
    others = [c for code, c in cells.items() if code not in ("EMC", "LUMC")]
    assert all(c["financien"].state == c["personeel"].state == "aangeleverd" for c in others)
    # Data errors stop the run before completeness and texts: those are not checked yet.
    assert not status.complete
    assert not status.pieces["teksten"].checked
    assert status.can_build is final_build_can_run(data, JAAR) is False
    assert status.errors == len(errors_of(validate_data(data, JAAR)))


def test_piece_of_file():
    assert status_mod.piece_of("2025/financien.xlsx") == "financien"
    assert status_mod.piece_of("2025/Personeel.csv") == "personeel"
    assert status_mod.piece_of("2025/teksten/brief.md") == "teksten"
    assert status_mod.piece_of("2025/rapport.toml") == "instellingen"
    assert status_mod.piece_of("referentie/sectorplan.toml") == "instellingen"
    assert status_mod.piece_of("referentie/kpis.csv") == "kpi_definities"
    assert status_mod.piece_of("referentie/themamatrix.csv") == "referentie"
    assert status_mod.piece_of("templates/opbouw.toml (standaard)") == "opbouw"
    assert status_mod.piece_of("2023/") == "overig"


def test_institution_of_a_problem():
    owners = {("2025/financien", 4): "EMC"}
    codes = {"EMC", "LUMC"}
    assert status_mod.institution_of(Problem("2025/financien.csv", "x", line=4),
                                     owners, codes) == "EMC"
    assert status_mod.institution_of(Problem("2025/financien.csv", "x", column="umc",
                                             value="LUMC"), owners, codes) == "LUMC"
    assert status_mod.institution_of(Problem("2025/financien.csv", "x", line=5),
                                     owners, codes) is None
    assert status_mod.institution_of(Problem("2025/financien.csv", "x", column="umc",
                                             value="ONBEKEND"), owners, codes) is None


# ------------------------------------------------------------------------ command line


def test_cli_status_terminal_and_html(tmp_path):
    page = tmp_path / "stand" / "status.html"
    result = CliRunner().invoke(main, ["status", "--year", str(JAAR), "--data", str(EXAMPLE),
                                       "--html", str(page)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Stand van de aanlevering 2025" in out
    assert "Een definitieve build kan nu draaien" in out
    assert "Erasmus MC" in out and "aangeleverd" in out
    html = page.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html and "<caption>" in html
    assert html.count('<th scope="row"') >= 8 + 7  # institutions and pieces
    assert '<th scope="col"' in html
    assert "Een definitieve build kan nu draaien" in html
    head = html.split("<body")[0]
    assert not any(f"{a}http" in head for a in ('url(', 'href="', 'src="'))  # nothing external
    assert "data:font/ttf;base64," in html  # Lato travels with the page


def test_cli_status_exit_1_when_a_final_build_cannot_run(contract_dir):
    result = CliRunner().invoke(main, ["status", "--year", str(JAAR), "--data",
                                       str(contract_dir)])
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    assert "Een definitieve build kan nu niet draaien" in out
    assert "ontbreekt" in out


def test_cli_status_usage_errors(tmp_path):
    result = CliRunner().invoke(main, ["status", "--year", "2040", "--data", str(EXAMPLE)])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["status", "--year", str(JAAR), "--data",
                                       str(tmp_path / "geen")])
    assert result.exit_code == 2 and "bestaat niet" in result.output
