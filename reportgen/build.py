"""The build, top to bottom: load -> validate -> compute -> charts -> texts -> HTML -> PDF
-> write. Each stage lives in its own module; this file only wires them together.

Output goes to <out>/<jaar>/ and is written atomically: everything is produced in a
temporary folder next to it and swapped into place only when the whole build succeeded,
so a failed build leaves the previous PDF, manifest and tables untouched. Every build,
failed or not, also writes a log file to <out>/logs/.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from . import changes, loading, manifest, validation
from .errors import ConfigError, DataError, Problem, ReportgenError, errors_of, warnings_of

PDF_NAME = "rapport.pdf"
LETTER_NAME = "brief.pdf"
HTML_NAME = "rapport.html"
LOG_DIR = "logs"

log = logging.getLogger("reportgen")


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    out_dir: Path
    jaar: int
    draft: bool = False
    quiet: bool = False


@dataclass
class BuildResult:
    out_dir: Path
    pdf_path: Path
    warnings: list[Problem] = field(default_factory=list)
    changes_markdown: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    log_path: Path | None = None


class Progress:
    """Stage progress: a counter line on a terminal, plain lines otherwise, nothing if quiet."""

    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.n = 0
        self.timings: dict[str, float] = {}
        self._start = time.perf_counter()
        self._name: str | None = None

    def step(self, key: str, label: str) -> None:
        self._finish()
        self.n += 1
        self._name = key
        self._start = time.perf_counter()
        log.info("stap %d/%d: %s", self.n, self.total, label)
        if self.quiet:
            return
        if self.tty:
            self.stream.write(f"\r\033[K[{self.n}/{self.total}] {label}")
        else:
            self.stream.write(f"[{self.n}/{self.total}] {label}\n")
        self.stream.flush()

    def _finish(self) -> None:
        if self._name is not None:
            self.timings[self._name] = time.perf_counter() - self._start
            self._name = None

    def done(self) -> None:
        self._finish()
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _check_paths(data_dir: Path, jaar: int) -> None:
    if not data_dir.is_dir():
        raise ConfigError(f"Datamap '{data_dir}' bestaat niet.")
    if not (data_dir / "referentie").is_dir():
        raise ConfigError(f"Datamap '{data_dir}' heeft geen map 'referentie/'.")


def validate_data(data_dir: Path, jaar: int) -> list[Problem]:
    """`reportgen validate`: every problem (errors and warnings) for year `jaar`."""
    _check_paths(data_dir, jaar)
    dataset, problems = loading.load_dataset(data_dir, jaar)
    if not errors_of(problems):
        problems += validation.validate(dataset)
    return problems


def build_date() -> dt.date:
    """The date printed on drafts: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def _next_draft_number(final_dir: Path) -> int:
    previous = changes.read_json(final_dir / manifest.MANIFEST_NAME)
    if previous and previous.get("opties", {}).get("draft"):
        return int(previous.get("concept_nummer", 0)) + 1
    return 1


def build_report(options: BuildOptions, stream: TextIO | None = None) -> BuildResult:
    """Run the whole pipeline; raises ReportgenError (DataError, ConfigError) on failure."""
    options.out_dir.mkdir(parents=True, exist_ok=True)
    log_path = _start_log(options)
    try:
        result = _build(options, stream)
    except ReportgenError as err:
        log.error("build mislukt: %s", err)
        raise
    except Exception:
        log.exception("onverwachte fout")
        raise
    finally:
        _stop_log()
    result.log_path = log_path
    return result


def _build(options: BuildOptions, stream: TextIO | None) -> BuildResult:
    from . import charts, compute, export, pdf, render, texts

    progress = Progress(total=8, stream=stream, quiet=options.quiet)
    final_dir = options.out_dir / str(options.jaar)

    progress.step("load", "Inlezen van de gegevens")
    _check_paths(options.data_dir, options.jaar)
    dataset, problems = loading.load_dataset(options.data_dir, options.jaar)
    if errors_of(problems):
        progress.done()
        raise DataError(problems)

    progress.step("validate", "Controleren van de gegevens")
    problems += validation.validate(dataset)
    if errors_of(problems):
        progress.done()
        raise DataError(problems)

    progress.step("compute", "Berekenen van tabellen, figuren en KPI's")
    model, model_problems = compute.build_model(dataset, draft=options.draft)
    problems += model_problems

    progress.step("texts", "Verwerken van de teksten")
    rendered_texts, text_problems = texts.render_texts(dataset, model, draft=options.draft)
    problems += text_problems
    if errors_of(problems):
        progress.done()
        raise DataError(problems)

    progress.step("charts", "Tekenen van de figuren")
    svgs = charts.render_charts(model)

    progress.step("html", "Opmaken van het rapport")
    build_info = None
    if options.draft:
        build_info = {"concept_nummer": _next_draft_number(final_dir),
                      "builddatum": build_date()}
    report_html = render.render_report_html(model, rendered_texts, svgs, draft=options.draft,
                                            build_info=build_info)
    letter_html = render.render_letter_html(model, rendered_texts, draft=options.draft,
                                            build_info=build_info)
    screen_html = render.render_report_html(model, rendered_texts, svgs, draft=options.draft,
                                            build_info=build_info, medium="screen")

    progress.step("pdf", "Zetten van de PDF")
    report_pdf = pdf.html_to_pdf(report_html, model)
    letter_pdf = pdf.html_to_pdf(letter_html, model, title_suffix="brief aan de minister")

    progress.step("write", "Wegschrijven")
    text_sources = {k: t.source for k, t in dataset.huidig.teksten.items()}
    snap = changes.snapshot(model, text_sources)
    summary = changes.compare(changes.read_snapshot(final_dir / changes.SNAPSHOT_NAME), snap)
    summary_md = changes.to_markdown(summary, options.jaar)

    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{options.jaar}-tmp-", dir=options.out_dir))
    try:
        (tmp_dir / PDF_NAME).write_bytes(report_pdf)
        (tmp_dir / LETTER_NAME).write_bytes(letter_pdf)
        (tmp_dir / HTML_NAME).write_text(screen_html, encoding="utf-8")
        export.write_tables(model, tmp_dir)
        changes.write_snapshot(snap, tmp_dir / changes.SNAPSHOT_NAME)
        (tmp_dir / changes.SUMMARY_NAME).write_text(summary_md, encoding="utf-8")
        man = manifest.build_manifest(
            jaar=options.jaar,
            options={"draft": options.draft, "data": str(options.data_dir),
                     "jaar": options.jaar},
            sources=dataset.sources, out_dir=tmp_dir)
        if build_info:
            man["concept_nummer"] = build_info["concept_nummer"]
            man["builddatum"] = build_info["builddatum"].isoformat()
        manifest.write_manifest(man, tmp_dir)
        _replace_dir(tmp_dir, final_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    progress.done()
    warnings = warnings_of(problems)
    for w in warnings:
        log.warning("%s", w)
    log.info("rapport geschreven: %s", final_dir / PDF_NAME)
    return BuildResult(out_dir=final_dir, pdf_path=final_dir / PDF_NAME, warnings=warnings,
                       changes_markdown=summary_md, timings=progress.timings)


def _replace_dir(new: Path, final: Path) -> None:
    """Move `new` into place as `final`, keeping the old one until the swap is done."""
    old = final.with_name(f".{final.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)


_log_handler: logging.Handler | None = None


def _start_log(options: BuildOptions) -> Path:
    global _log_handler
    log_dir = options.out_dir / LOG_DIR
    log_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = log_dir / f"build-{options.jaar}-{stamp}.log"
    n = 1
    while path.exists():
        n += 1
        path = log_dir / f"build-{options.jaar}-{stamp}-{n}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _log_handler = handler
    log.info("build gestart: %s", {k: str(v) for k, v in asdict(options).items()})
    return path


def _stop_log() -> None:
    global _log_handler
    if _log_handler is not None:
        log.removeHandler(_log_handler)
        _log_handler.close()
        _log_handler = None
