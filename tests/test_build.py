"""The build end to end on the small data set of data_builders: reproducible bytes, draft
watermark and numbering, atomic output, manifest, change summary, log files.

Only two real PDF builds run (two drafts into two output folders, conftest
`draft_builds`, shared by the session); every other build replaces the PDF stage by a fast
stub (conftest `fast_pdf`), which is enough for what those tests check (files, manifest,
change summary, atomicity).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from data_builders import minimal_tables, write_tables
from helpers import (BUILD_YEAR as JAAR, EPOCH, EPOCH_DATE, background_drawings, digests,
                     leftovers, run_build as run)
from reportgen import build as build_mod
from reportgen import manifest
from reportgen.build import BuildOptions, build_report
from reportgen.errors import ConfigError, DataError

REPRODUCIBLE = ("rapport.pdf", "brief.pdf", "rapport.html", "tabellen.xlsx", "manifest.json",
                "cijfers.json")


@pytest.fixture
def data_dir(complete_data) -> Path:
    return complete_data


# ------------------------------------------------------------------ real (draft) builds


@pytest.mark.slow
def test_two_builds_give_identical_bytes(draft_builds):
    a, b = (out / str(JAAR) for out in draft_builds)
    for name in REPRODUCIBLE:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert digests(a / "tabellen") == digests(b / "tabellen")


@pytest.mark.slow
def test_concept_on_every_page_of_both_pdfs_with_number_and_date(draft_builds):
    folder = draft_builds[0] / str(JAAR)
    for name in ("rapport.pdf", "brief.pdf"):
        data = (folder / name).read_bytes()
        drawings = background_drawings(data)
        assert drawings and None not in drawings, name
        assert len(set(drawings)) == 1, name  # the same CONCEPT drawing on every page
        assert drawings[0].count(b" c\n") > 50  # glyph outlines (curves), not an empty box
        for page in PdfReader(io.BytesIO(data)).pages:
            assert f"Concept 1 · gemaakt op {EPOCH_DATE}" in page.extract_text()
    assert len(PdfReader(folder / "rapport.pdf").pages) > 10
    assert len(set(background_drawings((folder / "brief.pdf").read_bytes()))) == 1


@pytest.mark.slow
def test_manifest_lists_every_input_with_its_sha256(draft_builds, data_dir):
    man = json.loads((draft_builds[0] / str(JAAR) / "manifest.json").read_text("utf-8"))
    on_disk = {p.relative_to(data_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in data_dir.rglob("*") if p.is_file()}
    assert man["invoer"] == on_disk
    assert man["opties"] == {"draft": True, "data": str(data_dir), "jaar": JAAR}
    assert (man["concept_nummer"], man["builddatum"]) == (1, "2026-11-22")
    assert man["afhankelijkheden"]["weasyprint"] == "70.0"
    assert man["reportgen"] and man["python"]
    assert any(k.startswith("templates/") for k in man["sjablonen"])
    folder = draft_builds[0] / str(JAAR)
    outputs = {k: v for k, v in digests(folder).items()
               if k not in ("manifest.json", "wijzigingen.md")}
    assert man["uitvoer"] == outputs
    assert "rapport.pdf" in outputs and "tabellen/besteding.csv" in outputs
    text = json.dumps(man)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)  # no timestamps


@pytest.mark.slow
def test_html_version_is_self_contained(draft_builds):
    html = (draft_builds[0] / str(JAAR) / "rapport.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lstrip().lower().startswith("<!doctype")
    refs = re.findall(r'(?:src|href)="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert refs
    for ref in refs:
        ref = ref.strip("'\"")
        assert ref.startswith(("#", "data:")) or ref.startswith("mailto:"), ref[:80]
    assert html.count('src="data:image/svg+xml') >= 1
    assert "<script" not in html.lower() and "<link" not in html.lower()


@pytest.mark.slow
def test_letter_is_its_own_pdf(draft_builds):
    reader = PdfReader(draft_builds[0] / str(JAAR) / "brief.pdf")
    assert 1 <= len(reader.pages) <= 3
    assert reader.metadata.title.endswith("brief aan de minister")


# ----------------------------------------------------------------- stubbed-PDF builds


@pytest.mark.slow
def test_consecutive_final_builds_in_one_folder_are_identical(fast_pdf, data_dir, tmp_path):
    out = tmp_path / "out"
    first = run(data_dir, out)
    assert first.concept_nummer is None
    before = digests(out / str(JAAR))
    second = run(data_dir, out)
    after = digests(out / str(JAAR))
    assert {k: v for k, v in after.items() if k != "wijzigingen.md"} == \
        {k: v for k, v in before.items() if k != "wijzigingen.md"}
    assert "eerste build" in first.changes_markdown
    assert "Geen wijzigingen" in second.changes_markdown
    assert "(de definitieve versie)" in second.changes_markdown
    assert leftovers(out) == []


@pytest.mark.slow
def test_report_folder_gets_normal_permissions(fast_pdf, data_dir, tmp_path):
    out = tmp_path / "out"
    run(data_dir, out)
    mask = os.umask(0o022)
    os.umask(mask)
    assert (out / str(JAAR)).stat().st_mode & 0o777 == 0o777 & ~mask


@pytest.mark.slow
def test_draft_numbers_count_up_and_restart_after_a_final_build(fast_pdf, data_dir, tmp_path):
    out = tmp_path / "out"
    numbers = [run(data_dir, out, draft=d).concept_nummer for d in (True, True, False, True)]
    assert numbers == [1, 2, None, 1]
    run(data_dir, out, draft=True)
    folder = out / str(JAAR)
    assert json.loads((folder / "manifest.json").read_text("utf-8"))["concept_nummer"] == 2
    html = (folder / "rapport.html").read_text("utf-8")
    assert f"Concept 2 · gemaakt op {EPOCH_DATE}" in html
    summary = (folder / "wijzigingen.md").read_text("utf-8")
    assert summary.startswith(f"# Wijzigingen in het rapport {JAAR} (concept 2 van {EPOCH_DATE})")
    assert f"(concept 1 van {EPOCH_DATE})" in summary


def test_build_date_comes_from_source_date_epoch(monkeypatch):
    import datetime as dt

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build_mod.build_date() == dt.date(2026, 11, 22)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_mod.build_date() == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(ConfigError):
        build_mod.build_date()


@pytest.mark.slow
def test_change_summary_names_the_changed_cell_and_text(fast_pdf, own_data, tmp_path):
    out = tmp_path / "out"
    run(own_data, out)
    tables = minimal_tables((2022, JAAR), project_files=True)
    emc = next(r for r in tables[f"{JAAR}/financien"] if r["umc"] == "EMC")
    assert emc["vaste_posities"] == "600000.25"
    emc["vaste_posities"] = "600100.25"
    write_tables(own_data, {f"{JAAR}/financien": tables[f"{JAAR}/financien"]})
    (own_data / str(JAAR) / "teksten" / "leeswijzer.md").write_text(
        "Een nieuwe, fictieve leeswijzer.\n", encoding="utf-8")
    result = run(own_data, out)
    md = (out / str(JAAR) / "wijzigingen.md").read_text("utf-8")
    assert md == result.changes_markdown
    # 2022 + 2023 cumulative: 300.000,25 + 600.000,25 -> 300.000,25 + 600.100,25
    assert ("| Bestedingen 2022–2023 | Erasmus MC | Vaste posities | € 900.000,50 | "
            "€ 900.100,50 |") in md
    assert "| Bestedingen 2022–2023 | Totaal | Totaal besteed |" in md
    assert "### leeswijzer (`2023/teksten/leeswijzer.md`): tekst aangepast" in md
    assert "- Was: „Korte fictieve testtekst voor leeswijzer.”" in md
    assert "- Wordt: „Een nieuwe, fictieve leeswijzer.”" in md
    # besteding.md was not edited, but the total it cites changed with the data.
    assert "## Teksten met andere cijfers (1)" in md
    assert "### besteding (`2023/teksten/besteding.md`): cijfers in de tekst gewijzigd" in md


@pytest.mark.slow
def test_the_manifest_lists_the_plans_own_outline(fast_pdf, own_data, tmp_path):
    """referentie/opbouw.toml decides the report's chapters: it is an input like any other
    (its sha256 in the manifest, so a change to it is traceable)."""
    from reportgen.resources import templates_dir

    outline = own_data / "referentie" / "opbouw.toml"
    shutil.copyfile(templates_dir() / "opbouw.toml", outline)
    result = run(own_data, tmp_path / "out")
    man = json.loads((result.out_dir / "manifest.json").read_text("utf-8"))
    assert man["invoer"]["referentie/opbouw.toml"] == hashlib.sha256(
        outline.read_bytes()).hexdigest()


# ------------------------------------------------------------------------ atomic output


def _break_financien(data: Path) -> None:
    path = data / str(JAAR) / "financien.csv"
    lines = path.read_text("utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "veel"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_broken_input_keeps_the_previous_output(fast_pdf, own_data, tmp_path):
    out = tmp_path / "out"
    run(own_data, out)
    before = digests(out / str(JAAR))
    _break_financien(own_data)
    with pytest.raises(DataError) as info:
        run(own_data, out)
    assert any(p.file == f"{JAAR}/financien.csv" and p.line == 2 and p.value == "veel"
               for p in info.value.problems)
    assert digests(out / str(JAAR)) == before
    assert leftovers(out) == []


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["pdf", "export", "manifest"])
def test_exception_in_a_late_stage_keeps_the_previous_output(fast_pdf, data_dir, tmp_path,
                                                            monkeypatch, stage):
    from reportgen import export, pdf

    out = tmp_path / "out"
    run(data_dir, out)
    before = digests(out / str(JAAR))

    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    target = {"pdf": (pdf, "html_to_pdf"), "export": (export, "write_tables"),
              "manifest": (manifest, "write_manifest")}[stage]
    monkeypatch.setattr(*target, boom)
    with pytest.raises(build_mod.InternalError) as info:
        run(data_dir, out)
    assert "kapot" in str(info.value) and str(info.value.log_path) in str(info.value)
    assert "Traceback" in info.value.log_path.read_text("utf-8")
    assert digests(out / str(JAAR)) == before
    assert leftovers(out) == []


def test_failed_swap_puts_the_previous_folder_back(tmp_path, monkeypatch):
    final, new = tmp_path / "2023", tmp_path / ".2023-tmp-x"
    final.mkdir()
    (final / "rapport.pdf").write_bytes(b"oud")
    new.mkdir()
    (new / "rapport.pdf").write_bytes(b"nieuw")
    real_rename = Path.rename

    def rename(self, target):
        if self == new:
            raise OSError("schijf vol")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        build_mod._replace_dir(new, final)
    assert (final / "rapport.pdf").read_bytes() == b"oud"
    assert not (tmp_path / ".2023-old").exists()


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_cleaned_up(fast_pdf, data_dir, tmp_path):
    out = tmp_path / "out"
    run(data_dir, out, draft=True)
    # Killed in the middle of the swap: the previous build sits in .2023-old, no 2023/.
    (out / str(JAAR)).rename(out / f".{JAAR}-old")
    (out / f".{JAAR}-tmp-dood").mkdir()
    (out / f".{JAAR}-tmp-dood" / "rapport.pdf").write_bytes(b"half")
    result = run(data_dir, out, draft=True)
    assert leftovers(out) == []
    assert result.concept_nummer == 2  # the restored previous build was found
    assert "Geen wijzigingen" in result.changes_markdown


def test_a_second_build_into_the_same_folder_waits_its_turn(fast_pdf, data_dir, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(build_mod.BuildBusy):
            run(data_dir, out)
    finally:
        os.close(fd)
    assert not (out / str(JAAR)).exists()


# ------------------------------------------------------------------------------- logs


@pytest.mark.slow
def test_every_build_writes_a_log_file(fast_pdf, own_data, tmp_path):
    out = tmp_path / "out"
    ok = run(own_data, out)
    text = ok.log_path.read_text("utf-8")
    assert ok.log_path.parent == out / "logs"
    assert "rapport geschreven" in text and "tijden per stap" in text
    _break_financien(own_data)
    with pytest.raises(DataError) as info:
        run(own_data, out)
    failed = info.value.log_path
    assert failed != ok.log_path and failed.parent == out / "logs"
    text = failed.read_text("utf-8")
    assert "build mislukt" in text
    assert f"{JAAR}/financien.csv, regel 2, kolom 'ontvangen': waarde 'veel'" in text


def test_usage_errors_are_config_errors_with_a_log(tmp_path):
    with pytest.raises(ConfigError) as info:
        run(tmp_path / "bestaat-niet", tmp_path / "out")
    assert "bestaat niet" in str(info.value)
    assert info.value.log_path.exists()
    with pytest.raises(ConfigError):
        build_report(BuildOptions(data_dir=tmp_path, out_dir=tmp_path / "out", jaar=2031))


# ---------------------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_overwrites_one_line_on_a_terminal_and_prints_lines_otherwise():
    term = _Terminal()
    p = build_mod.Progress(total=2, stream=term)
    p.step("a", "Eerste")
    p.step("b", "Tweede")
    p.done()
    assert term.getvalue() == ("\r\033[K[1/2] Eerste …\r\033[K[2/2] Tweede …\r\033[K")
    plain = io.StringIO()
    p = build_mod.Progress(total=2, stream=plain)
    p.step("a", "Eerste")
    p.step("b", "Tweede")
    p.done()
    assert plain.getvalue() == "[1/2] Eerste\n[2/2] Tweede\n"
    assert set(p.timings) == {"a", "b"}
    quiet = _Terminal()
    p = build_mod.Progress(total=1, stream=quiet, quiet=True)
    p.step("a", "Eerste")
    p.done()
    assert quiet.getvalue() == ""


@pytest.mark.slow
def test_a_progress_report_without_a_letter_writes_no_letter_pdf(fast_pdf, own_data,
                                                                 tmp_path):
    rapport = own_data / str(JAAR) / "rapport.toml"
    text = rapport.read_text(encoding="utf-8")
    rapport.write_text(re.sub(r'(?m)^soort = ".*"$', 'soort = "voortgangsrapportage"', text),
                       encoding="utf-8")
    (own_data / str(JAAR) / "teksten" / "brief.md").unlink(missing_ok=True)
    result = run(own_data, tmp_path / "out")
    assert (result.out_dir / "rapport.pdf").exists()
    assert not (result.out_dir / "brief.pdf").exists()
