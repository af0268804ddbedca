"""The build, top to bottom: load -> validate -> compute -> texts -> charts -> HTML -> PDF
-> write. Each stage lives in its own module; this file only wires them together.

Output goes to <out>/<jaar>/ and is written atomically: everything is produced in a
temporary folder next to it (`<out>/.<jaar>-tmp-*`) and swapped into place only when the
whole build succeeded, so a failed build leaves the previous PDF, manifest and tables
untouched and no temporary folder behind. Two builds into the same output folder never
run at the same time (a lock on the folder); leftovers of a build that was killed are
cleaned up by the next one. Every build, failed or not, also writes a log file to
<out>/logs/ (problems, warnings, timings; the traceback of an internal error).

Drafts (`--draft`) are numbered per output folder: the previous build's number + 1 when
the previous build in that folder was a draft too, else 1 (a final build restarts the
count). Their build date is SOURCE_DATE_EPOCH when set (reproducible builds), else today.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator, TextIO

from . import changes, manifest, period
from .resources import assets_dir, templates_dir
from .errors import (ConfigError, DataError, IOProblem, Problem, ReportgenError, errors_of,
                     io_reason, warnings_of)

PDF_NAME = "rapport.pdf"
LETTER_NAME = "brief.pdf"
HTML_NAME = "rapport.html"
LOG_DIR = "logs"
MAX_CELLS_PRINTED = 40  # changed cells the CLI prints; wijzigingen.md has all of them

log = logging.getLogger("reportgen")


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    out_dir: Path
    jaar: int
    draft: bool = False
    quiet: bool = False
    template_dirs: tuple[Path, ...] = ()  # the project's own templates (before the defaults)
    markering: bool = True  # a draft marks what changed since the previous build


@dataclass
class BuildResult:
    out_dir: Path
    pdf_path: Path
    warnings: list[Problem] = field(default_factory=list)
    changes_markdown: str = ""  # the full change summary (as in wijzigingen.md)
    changes_short: str = ""  # the same, capped for the terminal
    timings: dict[str, float] = field(default_factory=dict)
    log_path: Path | None = None
    concept_nummer: int | None = None


class InternalError(ReportgenError):
    """An unexpected exception inside reportgen (a bug, not a data problem). The CLI shows
    a short Dutch message; the traceback is in the build's log file."""

    exit_code = 1

    def __init__(self, original: BaseException, log_path: Path | None):
        self.original = original
        self.log_path = log_path
        where = f" Details staan in het logbestand: {log_path}" if log_path else ""
        super().__init__(
            "Interne fout in reportgen "
            f"({type(original).__name__}: {original}). Het rapport is niet bijgewerkt; "
            f"de vorige versie staat er nog.{where}")


class BuildBusy(ReportgenError):
    """Another build is writing into the same output folder."""

    exit_code = 1


class Progress:
    """Stage progress: one self-overwriting line on a terminal, plain lines otherwise,
    nothing if quiet. Every step is also logged."""

    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.n = 0
        self.timings: dict[str, float] = {}
        self._start = time.perf_counter()
        self._name: str | None = None
        self._open_line = False

    def step(self, key: str, label: str) -> None:
        self._finish()
        self.n += 1
        self._name = key
        self._start = time.perf_counter()
        log.info("stap %d/%d: %s", self.n, self.total, label)
        if self.quiet:
            return
        if self.tty:
            self.stream.write(f"\r\033[K[{self.n}/{self.total}] {label} …")
            self._open_line = True
        else:
            self.stream.write(f"[{self.n}/{self.total}] {label}\n")
        self.stream.flush()

    def _finish(self) -> None:
        if self._name is not None:
            self.timings[self._name] = time.perf_counter() - self._start
            self._name = None

    def done(self) -> None:
        """End of the build (success or failure): clear the terminal line."""
        self._finish()
        if self._open_line:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._open_line = False


NO_PROJECT_HINT = ("Start reportgen in een projectmap (met data/), geef de projectmap met "
                   "--project MAP of de datamap met --data MAP, of maak een nieuw project "
                   "met 'reportgen init MAP'.")


def check_paths(data_dir: Path, jaar: int | None = None) -> None:
    """The data folder exists and has referentie/, and (with `jaar`) the year lies in the
    plan's period: usage errors found before anything heavy runs."""
    if not data_dir.is_dir():
        raise ConfigError(f"Datamap '{data_dir}' bestaat niet. {NO_PROJECT_HINT}")
    if not (data_dir / "referentie").is_dir():
        raise ConfigError(f"Datamap '{data_dir}' heeft geen map 'referentie/'.")
    if jaar is not None:
        period.check_folder_year(data_dir, jaar)


def check_out_dir(data_dir: Path, out_dir: Path) -> None:
    """The output may not overlap the data: not the same folder, not inside it and not
    around it (a build replaces <out>/<jaar>/, which would be the year's input)."""
    data, out = data_dir.resolve(), out_dir.resolve()
    if data == out or out.is_relative_to(data) or data.is_relative_to(out):
        raise ConfigError(f"Uitvoermap '{out_dir}' overlapt met de datamap '{data_dir}': een "
                          "build zou invoer overschrijven. Kies een uitvoermap buiten de "
                          "datamap (bijvoorbeeld 'out').")


def build_date() -> dt.date:
    """The date printed on drafts: SOURCE_DATE_EPOCH when set (reproducible builds), else
    today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(f"SOURCE_DATE_EPOCH='{epoch}' is geen geldig tijdstip; "
                              "verwacht een geheel aantal seconden sinds 1 januari 1970.")
    return dt.date.today()


def next_draft_number(final_dir: Path) -> int:
    """The previous build's draft number + 1 when the previous build in `final_dir` was a
    draft, else 1."""
    previous = changes.read_json(final_dir / manifest.MANIFEST_NAME)
    if previous and isinstance(previous.get("opties"), dict) and previous["opties"].get("draft"):
        number = previous.get("concept_nummer")
        if isinstance(number, int) and number > 0:
            return number + 1
    return 1


def draft_marks(summary: changes.ChangeSummary, previous_manifest: dict[str, Any] | None
                ) -> Any:
    """The change set a marked draft shows, or None when there is no previous build in the
    folder to compare with (a first build marks nothing)."""
    from .view.wijzigingen import PreviousBuild, Wijzigingen

    if summary.eerste_build:
        return None
    return Wijzigingen(summary, vorige=PreviousBuild.from_manifest(previous_manifest))


def build_report(options: BuildOptions, stream: TextIO | None = None) -> BuildResult:
    """Run the whole pipeline.

    Raises ReportgenError on failure: DataError (exit 1), ConfigError (exit 2), BuildBusy,
    or InternalError wrapping any unexpected exception (exit 1). Every raised error carries
    `log_path` (the build's log file, or None when not even that could be written)."""
    try:
        check_out_dir(options.data_dir, options.out_dir)
        _prepare_out_dir(options.out_dir)
        log_path = _start_log(options)
    except ReportgenError as err:
        err.log_path = None  # type: ignore[attr-defined]
        raise
    except OSError as exc:
        raise IOProblem(exc, "aanmaken van de uitvoermap") from exc
    started = time.perf_counter()
    try:
        with _folder_lock(options.out_dir, options.jaar):
            result = _build(options, stream)
    except DataError as err:
        log.error("build mislukt: %d fout(en) in de invoer", len(errors_of(err.problems)))
        for p in err.problems:
            (log.error if p.is_error else log.warning)("%s", p)
        err.log_path = log_path  # type: ignore[attr-defined]
        raise
    except ReportgenError as err:
        log.error("build mislukt: %s", err)
        err.log_path = log_path  # type: ignore[attr-defined]
        raise
    except OSError as exc:  # full disk, no rights, ...: the user's to fix, not a bug
        log.error("build mislukt: %s", exc)
        err = IOProblem(exc)
        err.log_path = log_path  # type: ignore[attr-defined]
        raise err from exc
    except Exception as exc:  # noqa: BLE001 - anything else is a bug; keep the traceback
        log.exception("interne fout")
        raise InternalError(exc, log_path) from exc
    except KeyboardInterrupt:
        log.error("build afgebroken (Ctrl-C); de vorige versie blijft staan")
        raise
    finally:
        log.info("duur: %.1f s", time.perf_counter() - started)
        _stop_log()
    result.log_path = log_path
    return result


def _build(options: BuildOptions, stream: TextIO | None) -> BuildResult:
    progress = Progress(total=5, stream=stream, quiet=options.quiet)
    try:
        return _stages(options, progress)
    finally:
        progress.done()


def _stages(options: BuildOptions, progress: Progress) -> BuildResult:
    from . import charts, export, pdf, pipeline, render

    final_dir = options.out_dir / str(options.jaar)
    build_info: dict[str, Any] | None = None
    if options.draft:  # before anything else: a bad SOURCE_DATE_EPOCH is a usage error
        build_info = {"concept_nummer": next_draft_number(final_dir),
                      "builddatum": build_date()}

    progress.step("load", "Inlezen en controleren van de gegevens")
    check_paths(options.data_dir)
    prepared = pipeline.prepare(options.data_dir, options.jaar, draft=options.draft,
                                build_info=build_info)
    dataset, report = prepared.dataset, prepared.view
    problems = prepared.problems
    log.info("%d invoerbestanden gelezen", len(dataset.sources))

    # What changed since the previous build in this folder: for wijzigingen.md and, in a
    # draft, for the marks and the change page.
    current = dataset.huidig.teksten
    snap = changes.snapshot(report.alle_tabellen, options.jaar,
                            {k: t.source for k, t in current.items()},
                            rendered={k: str(v) for k, v in report.tekst.texts.items()},
                            paths={k: t.path for k, t in current.items()})
    summary = changes.compare(changes.read_snapshot(final_dir / changes.SNAPSHOT_NAME), snap)
    previous_manifest = changes.read_json(final_dir / manifest.MANIFEST_NAME)
    marks = draft_marks(summary, previous_manifest) if (
        options.draft and options.markering) else None

    progress.step("charts", "Tekenen van de figuren")
    svgs = charts.render_charts(report.figuren)

    progress.step("html", "Opmaken van het rapport")
    dirs = render.template_dirs(options.template_dirs)
    # A report without a letter (a progress report may leave it out) gets no brief.pdf.
    report_html, letter_html, screen_html = pipeline.render_documents(prepared, svgs, dirs,
                                                                      changes=marks)

    progress.step("pdf", "Zetten van de PDF")
    report_pdf = pdf.html_to_pdf(report_html, report.labels, report.publicatiedatum)
    letter_pdf = (pdf.html_to_pdf(letter_html, report.labels, report.publicatiedatum,
                                  title_suffix="brief aan de minister")
                  if letter_html is not None else None)

    progress.step("write", "Wegschrijven")
    previous = changes.describe_build(previous_manifest)
    this = None
    if build_info:
        this = changes.describe_build({"opties": {"draft": True},
                                       "concept_nummer": build_info["concept_nummer"],
                                       "builddatum": build_info["builddatum"].isoformat()})
    summary_md = changes.to_markdown(summary, options.jaar, deze=this, vorige=previous)
    summary_short = changes.to_markdown(summary, options.jaar, deze=this, vorige=previous,
                                        max_cellen=MAX_CELLS_PRINTED,
                                        volledig=str(final_dir / changes.SUMMARY_NAME))

    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{options.jaar}-tmp-", dir=options.out_dir))
    try:
        (tmp_dir / PDF_NAME).write_bytes(report_pdf)
        if letter_pdf is not None:
            (tmp_dir / LETTER_NAME).write_bytes(letter_pdf)
        (tmp_dir / HTML_NAME).write_text(screen_html, encoding="utf-8")
        export.write_tables(report.alle_tabellen, report.publicatiedatum, tmp_dir)
        changes.write_snapshot(snap, tmp_dir / changes.SNAPSHOT_NAME)
        (tmp_dir / changes.SUMMARY_NAME).write_text(summary_md, encoding="utf-8")
        man = manifest.build_manifest(
            jaar=options.jaar,
            options={"draft": options.draft, "data": str(options.data_dir),
                     "jaar": options.jaar,
                     **({} if options.markering else {"markering": False})},
            sources=dataset.sources, out_dir=tmp_dir,
            tool=manifest.tool_files(*_template_folders(dirs), ("assets", assets_dir())))
        if build_info:
            man["concept_nummer"] = build_info["concept_nummer"]
            man["builddatum"] = build_info["builddatum"].isoformat()
        manifest.write_manifest(man, tmp_dir)
        # mkdtemp makes the folder private (0700); the report folder gets normal rights.
        os.chmod(tmp_dir, 0o777 & ~_umask())
        _replace_dir(tmp_dir, final_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise

    warnings = warnings_of(problems)
    for w in warnings:
        log.warning("%s", w)
    if summary.eerste_build:
        log.info("wijzigingen: eerste build in deze uitvoermap")
    else:
        log.info("wijzigingen: %d cijfer(s), %d tekst(en)", len(summary.cellen),
                 len(summary.teksten))
        for line in changes.cell_changes_text(summary.cellen):
            log.info("  %s", line)
        for t in summary.teksten:
            log.info("  tekst %s: %s", t.sleutel, t.soort)
    if build_info:
        log.info("concept %d, builddatum %s", build_info["concept_nummer"],
                 build_info["builddatum"].isoformat())
    progress._finish()
    log.info("tijden per stap: %s",
             ", ".join(f"{k} {v:.2f} s" for k, v in progress.timings.items()))
    log.info("rapport geschreven: %s", final_dir / PDF_NAME)
    return BuildResult(out_dir=final_dir, pdf_path=final_dir / PDF_NAME, warnings=warnings,
                       changes_markdown=summary_md, changes_short=summary_short,
                       timings=progress.timings,
                       concept_nummer=build_info["concept_nummer"] if build_info else None)


def _template_folders(dirs: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """Manifest labels of the templates folders in use: `templates` for the package
    default, `project/templates` for a project's own folder (it overrides the default)."""
    default = templates_dir().resolve()
    return [("templates" if d.resolve() == default else "project/templates", d)
            for d in dirs]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"Uitvoermap '{out_dir}' bestaat al, maar is geen map.")
    out_dir.mkdir(parents=True, exist_ok=True)


def _old_name(final: Path) -> Path:
    return final.with_name(f".{final.name}-old")


def _replace_dir(new: Path, final: Path) -> None:
    """Move `new` into place as `final`; the old folder is only removed once the new one is
    in place, and put back when the move fails."""
    old = _old_name(final)
    if old.exists():
        shutil.rmtree(old)
    had_final = final.exists()
    if had_final:
        final.rename(old)
    try:
        new.rename(final)
    except BaseException:
        if had_final and not final.exists():
            old.rename(final)
        raise
    if had_final:
        shutil.rmtree(old, ignore_errors=True)


def _clean_leftovers(out_dir: Path, jaar: int) -> None:
    """Remove what a killed build left behind (only called while holding the lock)."""
    for tmp in out_dir.glob(f".{jaar}-tmp-*"):
        if tmp.is_dir():
            log.warning("tijdelijke map van een afgebroken build opgeruimd: %s", tmp)
            shutil.rmtree(tmp, ignore_errors=True)
    final = out_dir / str(jaar)
    old = _old_name(final)
    if old.is_dir():
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:  # killed in the middle of the swap: the previous build is the old folder
            log.warning("vorige build teruggezet uit %s", old)
            old.rename(final)


@contextlib.contextmanager
def folder_lock(folder: Path, busy_message: str) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (an existing directory); `BuildBusy` with
    `busy_message` when another process holds it. Not on POSIX: no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildBusy(busy_message) from None
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def _folder_lock(out_dir: Path, jaar: int) -> Iterator[None]:
    """Hold an exclusive lock on the output folder for the whole build."""
    with folder_lock(out_dir, f"Er loopt al een build in uitvoermap '{out_dir}'; wacht tot "
                              "die klaar is en probeer het dan opnieuw."):
        _clean_leftovers(out_dir, jaar)
        yield


def write_files_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write each (path, data) through a temporary file in the path's folder and
    `os.replace`: readers see the old file or the new one, never half of it. All temporary
    files are written before the first one replaces its file, so a full disk or a write
    error changes none of them. A file keeps its permissions (a new one gets the usual
    ones)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                mode = 0o666 & ~_umask()
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
            staged.append((Path(tmp_name), path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, mode)
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def write_file_atomic(path: Path, data: bytes) -> None:
    """`write_files_atomic` for one file."""
    write_files_atomic([(path, data)])


_log_handler: logging.Handler | None = None
LOGGED = ("reportgen", "weasyprint")  # loggers whose messages go into the build log


class _BuildLogHandler(logging.FileHandler):
    """The build's log file. When writing it fails (full disk, no rights) it stops quietly
    and remembers why, instead of printing a traceback for every message; the CLI says so
    once."""

    failure: str | None = None

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        exc = sys.exc_info()[1]
        if self.failure is None:
            self.failure = io_reason(exc) if isinstance(exc, OSError) else str(exc)
        for name in LOGGED:
            logging.getLogger(name).removeHandler(self)


def log_failure() -> str | None:
    """Why the last build's log file could not be written, or None."""
    return _last_log_failure


_last_log_failure: str | None = None


def _start_log(options: BuildOptions) -> Path | None:
    global _log_handler, _last_log_failure
    _stop_log()
    _last_log_failure = None
    log_dir = options.out_dir / LOG_DIR
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = log_dir / f"build-{options.jaar}-{stamp}.log"
    n = 1
    while path.exists():
        n += 1
        path = log_dir / f"build-{options.jaar}-{stamp}-{n}.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _BuildLogHandler(path, encoding="utf-8")
    except OSError as exc:  # the build can do without its log file
        _last_log_failure = io_reason(exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in LOGGED:
        logging.getLogger(name).addHandler(handler)
    log.setLevel(logging.INFO)
    _log_handler = handler
    from . import __version__

    log.info("reportgen %s, build gestart: %s", __version__,
             {k: str(v) for k, v in asdict(options).items()})
    return path


def _stop_log() -> None:
    global _log_handler, _last_log_failure
    if isinstance(_log_handler, _BuildLogHandler) and _log_handler.failure:
        _last_log_failure = _log_handler.failure
    if _log_handler is not None:
        for name in LOGGED:
            logging.getLogger(name).removeHandler(_log_handler)
        _log_handler.close()
        _log_handler = None
