"""Builds never destroy input and fail with one clear message: the output folder may not
overlap the data folder, and I/O failures are not 'Interne fout'."""

from __future__ import annotations

import errno

import pytest
from click.testing import CliRunner

from data_builders import write_dataset
from reportgen.build import BuildOptions, build_report, check_out_dir
from reportgen.cli import main
from reportgen.errors import ConfigError, IOProblem, io_reason


@pytest.mark.parametrize("out", ["data", "data/2023", "data/2023/out", "."])
def test_output_overlapping_the_data_is_refused_before_anything_is_written(tmp_path, out,
                                                                           monkeypatch):
    write_dataset(tmp_path / "data", years=(2022, 2023))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--year", "2023", "--data", "data",
                                       "--out", out, "--draft"])
    assert result.exit_code == 2
    assert "overlapt met de datamap" in result.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_check_out_dir_accepts_a_sibling(tmp_path):
    (tmp_path / "data").mkdir()
    check_out_dir(tmp_path / "data", tmp_path / "out")
    with pytest.raises(ConfigError):
        check_out_dir(tmp_path / "data", tmp_path / "data" / ".." / "data")


def test_io_failure_is_one_dutch_message_not_an_internal_error(tmp_path, monkeypatch,
                                                              fast_pdf):
    write_dataset(tmp_path / "data", years=(2022, 2023))
    from reportgen import build

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build.manifest, "write_manifest", full_disk)
    with pytest.raises(IOProblem) as info:
        build_report(BuildOptions(data_dir=tmp_path / "data", out_dir=tmp_path / "out",
                                  jaar=2023, draft=True, quiet=True))
    assert "de schijf is vol" in str(info.value)
    assert not (tmp_path / "out" / "2023").exists()  # nothing half-written
    assert io_reason(OSError(errno.EACCES, "x")) == "geen toestemming (rechten)"


def test_unwritable_log_is_one_warning_not_tracebacks(tmp_path, monkeypatch, fast_pdf):
    write_dataset(tmp_path / "data", years=(2022, 2023))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "logs").write_text("geen map")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["build", "--year", "2023", "--data", "data", "--out", "out", "--draft", "-q"])
    assert result.exit_code == 0
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    assert result.stderr.count("logbestand kon niet") == 1


def test_nothing_in_the_data_folder_changes_during_builds(tmp_path, monkeypatch, fast_pdf):
    """A final build, a draft and a failed build leave every input file as it was (bytes,
    names and modification times)."""
    from helpers import write_complete_dataset

    data = write_complete_dataset(tmp_path / "data")

    def state():
        return {p.relative_to(data): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(data.rglob("*")) if p.is_file()}

    before = state()
    monkeypatch.chdir(tmp_path)
    for args in (["--draft"], [], ["--draft", "--zonder-markering"]):
        result = CliRunner().invoke(main, ["build", "--year", "2023", "--data", "data",
                                           "--out", "out", "-q", *args])
        assert result.exit_code == 0, result.output
    assert state() == before
    (data / "2023" / "teksten" / "besteding.md").write_text("{{ onbekend }}", "utf-8")
    before = state()
    result = CliRunner().invoke(main, ["build", "--year", "2023", "--data", "data",
                                       "--out", "out", "-q"])
    assert result.exit_code == 1
    assert state() == before
