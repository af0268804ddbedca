"""Session-wide fixtures: every expensive artefact (a data folder run through the pipeline,
the charts, a real PDF, a real build) is made once per test session and shared by every
module that needs it. Tests must not mutate what these fixtures return; a test that needs
a variant copies the data folder (`tmp_path`) or re-makes the view (report_views.py).

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
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import (BUILD_YEAR, EPOCH, fake_pdf, run_build, stub_svgs,  # noqa: F401
                     write_complete_dataset)
from report_data import prepare_report, write_report_data

# ----------------------------------------------------------------------- the report


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory) -> Path:
    """The data folder of the synthetic report (named `data`, as placeholders print it)."""
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
def report_svgs(report) -> dict[str, str]:
    from reportgen import charts

    return charts.render_charts(report.view.figuren)


@dataclass
class BuiltPdf:
    html: str
    data: bytes
    reader: object  # pypdf.PdfReader
    pages: list[str]  # text per page, whitespace collapsed
    fetcher: object  # pdf.AssetFetcher


@pytest.fixture(scope="session")
def report_pdf(report, report_svgs) -> BuiltPdf:
    """The whole report as a real PDF (WeasyPrint, ~10 s): built once per session."""
    from pypdf import PdfReader

    from reportgen import pdf, render

    html = render.render_report_html(report.view, report_svgs)
    fetcher = pdf.AssetFetcher()
    data = pdf.html_to_pdf(html, report.view.labels, report.view.publicatiedatum,
                           fetcher=fetcher)
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    return BuiltPdf(html, data, reader, pages, fetcher)


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
def complete_data(tmp_path_factory) -> Path:
    """Shared, read-only; copy it (`own_data`) to edit."""
    return write_complete_dataset(tmp_path_factory.mktemp("complete") / "data")


@pytest.fixture
def own_data(complete_data, tmp_path) -> Path:
    """A private copy of `complete_data` that a test may edit."""
    return Path(shutil.copytree(complete_data, tmp_path / "data"))


@pytest.fixture(scope="session")
def draft_builds(complete_data, tmp_path_factory) -> tuple[Path, Path]:
    """Two real draft builds (WeasyPrint) of the same data into two output folders."""
    outs = (tmp_path_factory.mktemp("out_a"), tmp_path_factory.mktemp("out_b"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for out in outs:
            run_build(complete_data, out, draft=True)
    return outs


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
