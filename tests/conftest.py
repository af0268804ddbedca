"""Session-wide fixtures: every expensive artefact (a data folder run through the pipeline,
the charts, a real PDF, a real build) is made once per test session and shared by every
module that needs it. Tests must not mutate what these fixtures return; a test that needs
a variant copies the data folder (`tmp_path`) or re-makes the view
(`report_data.view_with`).

- `report`: the complete synthetic report (tests/report_data.py), eindevaluatie 2028, as
  `pipeline.prepare` returns it (load, validate, compute, view);
- `progress_report`: a voortgangsrapportage 2026 that leaves out the letter and the
  conclusions it may leave out;
- `report_html`: the report's HTML with stub charts; `report_svgs`: the real charts;
- `report_pdf`: the report typeset by WeasyPrint with its real charts (slow, ~10 s);
- `example_2025`, `example_2028`: the example data (data/) through the pipeline;
- `complete_data`: the small data set of tests/data_builders.py with every text, so a
  final build succeeds (the package's default outline); `draft_builds`: two real draft
  builds of it into two output folders (slow).

Plain helpers (stub charts, the build runner, PDF probes) are in helpers.py.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import (EPOCH, draft_build, fake_pdf, stub_svgs, typeset_report,
                     write_complete_dataset)
from report_data import prepare_report, write_report_data

# ------------------------------------------------------ typesetting in the background
#
# A real PDF takes ~10 s and the machine has two cores. Tests that need one (they use
# `report_pdf` or `draft_builds`) run last; the PDFs are typeset meanwhile in a second
# process, and their fixtures wait for it. Without such tests nothing starts; when the
# second process cannot start (or REPORTGEN_TESTS_SERIAL is set, e.g. to debug the PDF
# stage), the fixtures typeset in this process.

SLOW_FIXTURES = ("report_pdf", "draft_builds")


@dataclass
class Background:
    folder: Path
    pool: ProcessPoolExecutor
    paths: dict[str, Path] = field(default_factory=dict)
    jobs: dict[str, Future] = field(default_factory=dict)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


BACKGROUND = pytest.StashKey[Background]()


def _needs(item) -> set[str]:
    return {f for f in SLOW_FIXTURES if f in getattr(item, "fixturenames", ())}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: bool(_needs(item)))  # stable: the others keep their order


def pytest_collection_finish(session):
    needed = set().union(*(_needs(item) for item in session.items)) if session.items else set()
    if (not needed or session.config.getoption("collectonly")
            or os.environ.get("REPORTGEN_TESTS_SERIAL")):
        return
    import multiprocessing

    try:
        pool = ProcessPoolExecutor(max_workers=1,
                                   mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ImportError):
        return
    folder = Path(tempfile.mkdtemp(prefix="reportgen-tests-"))
    bg = Background(folder, pool)
    session.config.stash[BACKGROUND] = bg
    if "draft_builds" in needed:
        data = bg.paths["complete_data"] = write_complete_dataset(folder / "complete" / "data")
        for name in ("draft_a", "draft_b"):
            out = folder / name
            out.mkdir()
            bg.jobs[name] = pool.submit(draft_build, data, out)
    if "report_pdf" in needed:
        data = bg.paths["report_dir"] = write_report_data(folder / "report" / "data")
        bg.jobs["report_pdf"] = pool.submit(typeset_report, data)


def pytest_sessionfinish(session):
    bg = session.config.stash.get(BACKGROUND, None)
    if bg is not None:
        bg.close()


# ----------------------------------------------------------------------- the report


@pytest.fixture(scope="session")
def report_dir(request, tmp_path_factory) -> Path:
    """The data folder of the synthetic report (named `data`, as placeholders print it)."""
    background = request.config.stash.get(BACKGROUND, None)
    if background is not None and "report_dir" in background.paths:
        return background.paths["report_dir"]
    return write_report_data(tmp_path_factory.mktemp("report") / "data")


@pytest.fixture(scope="session")
def report(report_dir):
    return prepare_report(report_dir, 2028)


@pytest.fixture(scope="session")
def progress_dir(tmp_path_factory) -> Path:
    """A progress report that leaves out every text its outline lets it leave out (the
    letter, the conclusions of samenwerking and of every subtheme)."""
    root = tmp_path_factory.mktemp("progress") / "data"
    return write_report_data(root, soort="voortgangsrapportage", jaar=2026,
                             skip_optional=True)


@pytest.fixture(scope="session")
def progress_report(progress_dir):
    return prepare_report(progress_dir, 2026)


@pytest.fixture(scope="session")
def report_html(report) -> str:
    from reportgen import render

    return render.render_report_html(report.view, stub_svgs(report.view.figuren))


@pytest.fixture(scope="session")
def report_svgs(report) -> dict[str, tuple[str, ...]]:
    from reportgen import charts

    return charts.render_charts(report.view.figuren)


@dataclass
class BuiltPdf:
    html: str
    data: bytes
    reader: object  # pypdf.PdfReader
    pages: list[str]  # text per page, whitespace collapsed
    fetcher: SimpleNamespace  # requested, refused: the URLs the PDF stage asked for


@pytest.fixture(scope="session")
def report_pdf(request, report_dir) -> BuiltPdf:
    """The whole report as a real PDF (WeasyPrint, ~10 s): typeset once per session,
    in the background process when there is one."""
    from pypdf import PdfReader

    background = request.config.stash.get(BACKGROUND, None)
    if background is not None and "report_pdf" in background.jobs:
        built = background.jobs["report_pdf"].result()
    else:
        built = typeset_report(report_dir)
    reader = PdfReader(io.BytesIO(built["data"]))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    return BuiltPdf(built["html"], built["data"], reader, pages,
                    SimpleNamespace(requested=built["requested"], refused=built["refused"]))


# ----------------------------------------------------------------- the example data

EXAMPLE_DATA = Path(__file__).resolve().parents[1] / "data"


def _example(jaar: int):
    if not (EXAMPLE_DATA / str(jaar)).is_dir():
        pytest.skip("example data not present")
    return prepare_report(EXAMPLE_DATA, jaar)


@pytest.fixture(scope="session")
def example_2025():
    """The example data (data/) of the mid-term evaluation through the pipeline."""
    return _example(2025)


@pytest.fixture(scope="session")
def example_2028():
    """The example data (data/) of the final evaluation through the pipeline."""
    return _example(2028)


# ------------------------------------------------------------------------ builds


@pytest.fixture(scope="session")
def complete_data(request, tmp_path_factory) -> Path:
    """Shared, read-only; copy it (`own_data`) to edit."""
    background = request.config.stash.get(BACKGROUND, None)
    if background is not None and "complete_data" in background.paths:
        return background.paths["complete_data"]
    return write_complete_dataset(tmp_path_factory.mktemp("complete") / "data")


@pytest.fixture
def own_data(complete_data, tmp_path) -> Path:
    """A private copy of `complete_data` that a test may edit."""
    return Path(shutil.copytree(complete_data, tmp_path / "data"))


@pytest.fixture(scope="session")
def draft_builds(request, complete_data, tmp_path_factory) -> tuple[Path, Path]:
    """Two real draft builds (WeasyPrint) of the same data into two output folders."""
    background = request.config.stash.get(BACKGROUND, None)
    if background is not None and "draft_a" in background.jobs:
        return tuple(background.jobs[k].result() for k in ("draft_a", "draft_b"))
    return tuple(draft_build(complete_data, tmp_path_factory.mktemp(name))
                 for name in ("out_a", "out_b"))


_CHARTS: dict[str, dict[str, str]] = {}


@pytest.fixture
def fast_pdf(monkeypatch):
    """Stub the PDF stage and remember charts per figure data (both take most of a
    build): for tests about files, manifests, changes, atomicity and the CLI."""
    from reportgen import charts, pdf

    real = charts.render_charts

    def cached_charts(figures):
        key = repr(figures)
        if key not in _CHARTS:
            _CHARTS[key] = real(figures)
        return _CHARTS[key]

    monkeypatch.setattr(pdf, "html_to_pdf", fake_pdf)
    monkeypatch.setattr(charts, "render_charts", cached_charts)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
