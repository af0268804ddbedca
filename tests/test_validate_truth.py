"""`reportgen validate` tells the truth: for every broken input it exits 1 exactly when a
final `reportgen build` fails, and lists the same errors. The PDF stage is stubbed (it
checks nothing); everything before it runs for real."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from helpers import BUILD_YEAR as COMPLETE_YEAR, write_complete_dataset

from reportgen.cli import main

JAAR = COMPLETE_YEAR


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> Path:
    return write_complete_dataset(tmp_path_factory.mktemp("truth") / "data")


@pytest.fixture
def no_pdf(monkeypatch):
    from reportgen import charts, pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda *args, **kwargs: b"%PDF-1.7\n% stub\n")
    monkeypatch.setattr(charts, "render_charts", lambda *args, **kwargs: {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _missing_rapport(data: Path) -> None:
    (data / str(JAAR) / "rapport.toml").unlink()


def _missing_text(data: Path) -> None:
    (data / str(JAAR) / "teksten" / "samenvatting.md").unlink()


def _unknown_placeholder(data: Path) -> None:
    _replace(data / str(JAAR) / "teksten" / "besteding.md", "financien.ontvangen_totaal",
             "financien.ontvangen_totale")


def _huge_amount(data: Path) -> None:
    path = data / str(JAAR) / "financien.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "1" + "0" * 30
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _unknown_status(data: Path) -> None:
    path = data / str(JAAR) / "kpi_oordeel.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "prima"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _invisible_in_text(data: Path) -> None:
    path = data / str(JAAR) / "teksten" / "brief.md"
    path.write_text("Een brief met een \u202eomgekeerd woord.\n", encoding="utf-8")


def _template_linked_outside(data: Path) -> None:
    templates = data.parent / "templates" / "css"
    templates.mkdir(parents=True)
    os.symlink("/etc/hostname", templates / "rapport.css")


def _unknown_reference(data: Path) -> None:
    _replace(data / str(JAAR) / "teksten" / "besteding.md", "Besteed:",
             "Zie [[tabel:bestaat_niet]]. Besteed:")


CASES: dict[str, Callable[[Path], None]] = {
    "in orde": lambda data: None,
    "rapport.toml ontbreekt": _missing_rapport,
    "tekst ontbreekt": _missing_text,
    "onbekend invulveld": _unknown_placeholder,
    "bedrag 10^30": _huge_amount,
    "onbekende status": _unknown_status,
    "onzichtbaar teken": _invisible_in_text,
    "sjabloon buiten de map": _template_linked_outside,
    "onbekende verwijzing": _unknown_reference,
}


def _errors(output: str) -> list[str]:
    return sorted(line.strip() for line in output.splitlines()
                  if line.strip().startswith("fout:"))


@pytest.mark.parametrize("case", list(CASES))
def test_validate_fails_exactly_when_a_final_build_fails(no_pdf, complete, tmp_path, case):
    project = tmp_path / "project"
    data = Path(shutil.copytree(complete, project / "data"))
    CASES[case](data)
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", "--year", str(JAAR), "--project", str(project)])
    built = runner.invoke(main, ["build", "--year", str(JAAR), "--project", str(project)])
    assert "Traceback" not in checked.output + built.output
    assert checked.exit_code in (0, 1) and built.exit_code in (0, 1), built.output
    assert checked.exit_code == built.exit_code, (checked.output, built.output)
    assert _errors(checked.output) == _errors(built.output)
    assert (checked.exit_code == 0) == (case == "in orde")
    if case != "in orde":
        assert _errors(checked.output), checked.output
