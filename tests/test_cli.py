"""The command line: exit codes 0/1/2, --quiet, Dutch messages, placeholder errors naming
file and line, internal errors without a traceback, log files. The PDF stage is stubbed
(conftest `fast_pdf`): these tests are about the CLI, not about typesetting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import BUILD_YEAR as JAAR, leftovers
from report_data import EXAMPLE_OUTLINE
from reportgen.cli import main


@pytest.fixture
def data_dir(complete_data) -> Path:
    return complete_data


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def build(data: Path, out: Path, *extra: str):
    return cli("build", "--year", str(JAAR), "--data", str(data), "--out", str(out), *extra)


# ------------------------------------------------------------------------------ success


@pytest.mark.slow
def test_success_exits_0_and_prints_summary_warnings_and_log(fast_pdf, data_dir, tmp_path):
    result = build(data_dir, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"# Wijzigingen in het rapport {JAAR}" in result.stdout
    assert "eerste build" in result.stdout
    assert "waarschuwing: 2023/personeel.csv" in result.stdout  # warnings are listed
    assert f"Rapport geschreven in {tmp_path / 'out' / str(JAAR)}" in result.stdout
    logs = list((tmp_path / "out" / "logs").glob(f"build-{JAAR}-*.log"))
    assert len(logs) == 1 and f"Logbestand: {logs[0]}" in result.stdout
    # plain lines: not a terminal
    assert "[1/5] Inlezen en controleren van de gegevens\n" in result.stderr
    assert (tmp_path / "out" / str(JAAR) / "rapport.pdf").exists()


@pytest.mark.slow
def test_quiet_prints_nothing_on_success(fast_pdf, data_dir, tmp_path):
    for flag in ("--quiet", "-q"):
        result = build(data_dir, tmp_path / "out", flag)
        assert result.exit_code == 0
        assert result.output == ""
    assert len(list((tmp_path / "out" / "logs").iterdir())) == 2  # still logged


@pytest.mark.slow
def test_draft_prints_its_number_and_the_changes(fast_pdf, own_data, tmp_path):
    out = tmp_path / "out"
    assert build(own_data, out, "--draft", "-q").exit_code == 0
    (own_data / str(JAAR) / "teksten" / "inleiding.md").write_text(
        "Een andere inleiding (fictief).\n", encoding="utf-8")
    result = build(own_data, out, "--draft")
    assert result.exit_code == 0
    assert "Concept 2 geschreven" in result.stdout
    assert "### inleiding (`2023/teksten/inleiding.md`): tekst aangepast" in result.stdout
    assert "- Wordt: „Een andere inleiding (fictief).”" in result.stdout


# ------------------------------------------------------------------------- data errors


@pytest.mark.slow
def test_placeholder_error_names_file_and_line_and_writes_nothing(fast_pdf, own_data,
                                                                  tmp_path):
    (own_data / str(JAAR) / "teksten" / "personeel.md").write_text(
        "Eerste alinea.\n\nDe formatie is {{ formatie.structuur_fte | fte }} fte.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = build(own_data, out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"fout: {JAAR}/teksten/personeel.md, regel 3" in result.stderr
    assert "formatie.structuur_fte" in result.stderr and "structureel_fte" in result.stderr
    assert not (out / str(JAAR)).exists() and leftovers(out) == []
    # In a draft the same placeholder is a warning and a visible marker.
    result = build(own_data, out, "--draft")
    assert result.exit_code == 0
    assert f"waarschuwing: {JAAR}/teksten/personeel.md, regel 3" in result.stdout
    html = (out / str(JAAR) / "rapport.html").read_text("utf-8")
    assert "onbekend: formatie.structuur_fte" in html


@pytest.mark.slow
def test_missing_pieces_fail_a_final_build_and_pass_a_draft(fast_pdf, own_data, tmp_path):
    # The example's outline (it shows the workload figure and the committee's werkwijze) ...
    shutil.copyfile(EXAMPLE_OUTLINE, own_data / "referentie" / "opbouw.toml")
    # ... and only the contract files: remove every project file.
    for rel in ("referentie/kpis.csv", "referentie/indicatoren.csv", "referentie/commissie.csv",
                "referentie/sectorplan.toml", f"{JAAR}/rapport.toml", f"{JAAR}/kpi_waarden.csv",
                f"{JAAR}/kpi_oordeel.csv", f"{JAAR}/werkdrukmonitor.csv"):
        (own_data / rel).unlink()
    shutil.rmtree(own_data / str(JAAR) / "teksten")
    out = tmp_path / "out"
    result = build(own_data, out)
    assert result.exit_code == 1
    for piece in ("referentie/sectorplan.toml", "referentie/commissie.csv",
                  "referentie/kpis.csv", f"{JAAR}/rapport.toml", f"{JAAR}/werkdrukmonitor.csv",
                  f"{JAAR}/teksten/samenvatting.md", f"{JAAR}/teksten/werkwijze.md"):
        assert f"fout: {piece}" in result.stderr, piece
    assert not (out / str(JAAR)).exists()
    result = build(own_data, out, "--draft")
    assert result.exit_code == 0, result.output
    assert f"waarschuwing: {JAAR}/teksten/samenvatting.md" in result.stdout
    html = (out / str(JAAR) / "rapport.html").read_text("utf-8")
    assert f"[Tekst ontbreekt: data/{JAAR}/teksten/samenvatting.md]" in html


@pytest.mark.slow
def test_broken_data_exits_1_lists_all_errors_and_keeps_the_last_report(fast_pdf, own_data,
                                                                       tmp_path):
    out = tmp_path / "out"
    assert build(own_data, out, "-q").exit_code == 0
    pdf_before = (out / str(JAAR) / "rapport.pdf").read_bytes()
    path = own_data / str(JAAR) / "financien.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("2000000.00", "twee miljoen")
    lines[2] = lines[2].replace("4000000.00", "-")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(own_data, out)
    assert result.exit_code == 1
    assert "Mislukt: 2 fout(en) in de invoer" in result.stderr
    assert f"{JAAR}/financien.csv, regel 2, kolom 'ontvangen': waarde 'twee miljoen'" in \
        result.stderr
    assert f"{JAAR}/financien.csv, regel 3, kolom 'ontvangen': waarde '-'" in result.stderr
    assert "Logbestand:" in result.stderr
    assert (out / str(JAAR) / "rapport.pdf").read_bytes() == pdf_before
    assert leftovers(out) == []
    # --quiet: only the errors, no warnings, no progress.
    quiet = build(own_data, out, "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout == ""
    assert "fout:" in quiet.stderr and "waarschuwing" not in quiet.stderr
    assert "[1/5]" not in quiet.stderr


@pytest.mark.slow
def test_internal_error_is_a_short_dutch_message_pointing_to_the_log(fast_pdf, data_dir,
                                                                      tmp_path, monkeypatch):
    from reportgen import render

    def boom(*args, **kwargs):
        raise ZeroDivisionError("deling door nul")

    monkeypatch.setattr(render, "render_report_html", boom)
    result = build(data_dir, tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Interne fout in reportgen (ZeroDivisionError: deling door nul)" in result.stderr
    [log] = (tmp_path / "out" / "logs").iterdir()
    assert str(log) in result.stderr
    text = log.read_text("utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text
    assert leftovers(tmp_path / "out") == []


# ------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize("args, message", [
    (["build", "--year", "2031"], "Verslagjaar 2031 valt buiten de looptijd"),
    (["build", "--year", "2021"], "Verslagjaar 2021 valt buiten de looptijd"),
    (["build", "--year", "abc"], "'abc' is geen jaartal"),
    (["build"], "Geef het verslagjaar op met --year"),
    (["build", "--year"], "De optie '--year' heeft een waarde nodig."),
    (["build", "--year", "2023", "--bogus"], "Onbekende optie '--bogus'."),
    (["build", "--year", "2023", "--draft=ja"], "neemt geen waarde"),
    (["bouw"], "Onbekende opdracht 'bouw'"),
    (["validate", "--year", "2031"], "Verslagjaar 2031 valt buiten de looptijd"),
])
def test_usage_errors_exit_2_with_a_dutch_message(args, message, tmp_path):
    if args[0] == "build":  # keep log files of failed builds out of the working folder
        args = ["build", "--out", str(tmp_path / "out"), *args[1:]]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_missing_data_folder_is_a_usage_error(tmp_path):
    result = build(tmp_path / "geen-data", tmp_path / "out")
    assert result.exit_code == 2
    assert f"Datamap '{tmp_path / 'geen-data'}' bestaat niet." in result.stderr
    assert len(list((tmp_path / "out" / "logs").iterdir())) == 1  # a failed build is logged


def test_out_is_a_file_is_a_usage_error(data_dir, tmp_path):
    (tmp_path / "out").write_text("geen map", encoding="utf-8")
    result = build(data_dir, tmp_path / "out")
    assert result.exit_code == 2
    assert "is geen map" in result.stderr


def test_help_is_dutch_and_documents_drafts():
    result = cli("build", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Gebruik: reportgen build [OPTIES]")
    assert "Opties:" in result.output and "Toon deze hulp en stop." in result.output
    text = " ".join(result.output.split())
    assert "Het conceptnummer is dat van de vorige build in dezelfde uitvoermap + 1" in text
    assert "SOURCE_DATE_EPOCH" in text
    top = cli("--help")
    assert "Opdrachten:" in top.output and "build" in top.output and "validate" in top.output


def test_validate_reports_problems_with_exit_1(own_data):
    ok = cli("validate", "--year", str(JAAR), "--data", str(own_data))
    assert ok.exit_code == 0 and f"Invoer voor {JAAR} is in orde" in ok.stdout
    (own_data / str(JAAR) / "personeel.csv").write_text(
        "id,umc,functiecategorie,contractvorm,fte,geslacht,subthema\n"
        "p1,EMC,ud,vast,1.5,v,\n", encoding="utf-8")
    bad = cli("validate", "--year", str(JAAR), "--data", str(own_data))
    assert bad.exit_code == 1
    assert f"{JAAR}/personeel.csv, regel 2, kolom 'fte'" in bad.stdout
