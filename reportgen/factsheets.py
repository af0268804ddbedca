"""`reportgen factsheets`: one PDF per institution for the committee's site visits,
`<out>/factsheets/<jaar>/factsheet-<jaar>-<CODE>.pdf`.

    load + data rules (pipeline.check_data) -> compute -> view (the report's tables)
    -> per institution: factsheet view, trend chart (SVG), HTML   [this process]
    -> PDF (pdf.html_to_pdf: WeasyPrint + the PDF/UA post-processing)   [all cores]
    -> write the folder atomically

The factsheets need the data a build needs (a data error stops them, as it stops a build),
but no texts, KPI values or report settings: those are the report's. Their figures are
cells of the report's tables (view/factsheet.py). The folder is replaced as a whole, while
holding the output folder's lock (no build writes at the same time); a new `reportgen
build` of the same year replaces `<out>/<jaar>/` and so removes the factsheets with it.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .errors import ConfigError, DataError, Problem, warnings_of
from .view.labels import Labels

FOLDER = "factsheets"


@dataclass
class FactsheetResult:
    folder: Path
    paths: list[Path]
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """What a worker process needs to typeset one factsheet (all picklable)."""

    code: str
    html: str
    labels: Labels
    publicatiedatum: dt.date


def file_name(jaar: int, code: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)
    return f"factsheet-{jaar}-{safe}.pdf"


def workers(n_jobs: int) -> int:
    """One worker per available core, never more than there are factsheets."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, n_jobs))


def typeset(job: Job) -> bytes:
    """Worker: the factsheet's HTML as a tagged PDF/UA-1 document."""
    from . import pdf

    return pdf.html_to_pdf(job.html, job.labels, job.publicatiedatum)


def prepare_jobs(data_dir: Path, jaar: int,
                 template_dirs: Sequence[Path] = ()) -> tuple[list[Job], list[Problem]]:
    """Every institution's factsheet as HTML, ready to typeset (charts made here)."""
    from . import charts, compute, pipeline, view as view_mod
    from .build import check_paths
    from .render.factsheet import render_factsheet_html
    from .settings import publication_date
    from .view.factsheet import factsheet_view

    check_paths(data_dir)  # the year is checked against the plan's period when loading
    checked = pipeline.check_data(data_dir, jaar)
    if not checked.ok:
        raise DataError(checked.problems)
    model = compute.build_model(checked.dataset)
    parts = view_mod.prepare(model)
    datum = publication_date(model.rapport)
    jobs = []
    for inst in model.instellingen:
        sheet = factsheet_view(model, parts, inst.code, datum)
        svg = charts.render_chart(sheet.figuur) if sheet.figuur is not None else ""
        html = render_factsheet_html(sheet, svg, dirs=template_dirs)
        jobs.append(Job(code=inst.code, html=html, labels=sheet.labels,
                        publicatiedatum=datum))
    return jobs, warnings_of(checked.problems)


def write_factsheets(data_dir: Path, jaar: int, out_dir: Path,
                     template_dirs: Sequence[Path] = (),
                     max_workers: int | None = None) -> FactsheetResult:
    """Make every factsheet of year `jaar` into `<out_dir>/factsheets/<jaar>/` (beside the
    report folder, so a new build of the report leaves them alone)."""
    from .build import check_out_dir, folder_lock

    data_dir, out_dir = Path(data_dir), Path(out_dir)
    check_out_dir(data_dir, out_dir)
    jobs, warnings = prepare_jobs(data_dir, jaar, template_dirs)
    n = max_workers or workers(len(jobs))
    if n > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=n) as pool:
            pdfs = list(pool.map(typeset, jobs))
    else:
        pdfs = [typeset(job) for job in jobs]

    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"Uitvoermap '{out_dir}' bestaat al, maar is geen map.")
    year_dir = out_dir / FOLDER  # holds one folder per year
    year_dir.mkdir(parents=True, exist_ok=True)
    final = year_dir / str(jaar)
    with folder_lock(out_dir, f"Er loopt een build in uitvoermap '{out_dir}'; wacht tot die "
                              "klaar is en maak de factsheets dan opnieuw."):
        for stale in year_dir.glob(f".{jaar}-tmp-*"):  # left by a run that was killed
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{jaar}-tmp-", dir=year_dir))
        try:
            paths = []
            for job, data in zip(jobs, pdfs):
                (tmp / file_name(jaar, job.code)).write_bytes(data)
                paths.append(final / file_name(jaar, job.code))
            os.chmod(tmp, 0o755)
            old = year_dir / f".{jaar}-old"
            shutil.rmtree(old, ignore_errors=True)
            if final.exists():
                final.rename(old)
            tmp.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return FactsheetResult(folder=final, paths=paths, warnings=warnings)
