"""The preview's rebuilds: the screen HTML of the report, redone after every change, as
little as the change needs.

- a data file changed (tables, settings, an outline, anything but a text of the year or a
  template): load, validate, compute anew; charts only for figures whose data changed
  (the SVGs are kept per figure);
- only texts of the year changed: the texts are read anew and rendered on top of the
  loaded data and the computed model (`pipeline.present`; a text whose source did not
  change is not rendered again), then the HTML;
- only templates changed: the HTML alone (Jinja reloads an edited template by itself).

Rebuilds run in the main thread: the text sandbox bounds a text's rendering time with
SIGALRM, which only the main thread receives (texts/sandbox.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .. import changes, manifest, pipeline
from ..dataset import TextFile
from ..errors import DataError, Problem, ReportgenError, errors_of, warnings_of
from ..outline import OUTLINE_NAME

DATA, TEXTS, TEMPLATES = "gegevens", "teksten", "sjablonen"


@dataclass(frozen=True)
class PreviewOptions:
    data_dir: Path
    jaar: int
    draft: bool = False
    markeer: bool = False  # mark what changed since the last build in out_dir
    out_dir: Path = Path("out")
    template_dirs: tuple[Path, ...] = ()
    port: int | None = None  # None: the default port, or a free one when that is taken


@dataclass
class Outcome:
    """One rebuild: the new HTML (None when it failed), its problems, what was redone."""

    html: str | None
    kind: str
    seconds: float
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    internal: str = ""  # an unexpected exception (a bug), as "Type: message"

    @property
    def failed(self) -> bool:
        return self.html is None


class Rebuilder:
    def __init__(self, options: PreviewOptions):
        from .. import render

        self.options = options
        self.data_dir = Path(options.data_dir)
        self.dirs = render.template_dirs(options.template_dirs)
        self.computed: pipeline.Computed | None = None
        self.prepared: pipeline.Prepared | None = None
        self.texts: dict[str, TextFile] = {}
        self.svgs: dict[tuple[str, str], tuple[str, ...]] = {}
        self._reset_templates = False
        self.text_cache: dict[Any, Any] = {}

    # ------------------------------------------------------------------ what changed
    def watched(self) -> list[Path]:
        """The folders whose changes rebuild the preview."""
        return [self.data_dir, *self.dirs]

    def changed(self, changes: Iterable[tuple[Any, str]]) -> Outcome:
        """Rebuild after the (watchfiles) `changes`: (Change, path) pairs."""
        from watchfiles import Change

        changes = list(changes)
        kind = self.classify(path for _, path in changes)
        if kind == TEMPLATES and any(c != Change.modified for c, _ in changes):
            # Jinja notices an edited template by itself, not one added in front of a
            # default (a project's own template) or removed.
            self._reset_templates = True
        return self.rebuild(kind)

    def classify(self, paths: Iterable[str | Path]) -> str:
        """DATA, TEXTS or TEMPLATES: the least that has to be redone for `paths`."""
        texts_dir = (self.data_dir / pipeline.text_folder(self.options.jaar)).resolve()
        templates = [d.resolve() for d in self.dirs]
        kinds = set()
        for raw in paths:
            path = Path(raw).resolve()
            if path.name == OUTLINE_NAME:
                kinds.add(DATA)
            elif any(path.is_relative_to(d) for d in templates):
                kinds.add(TEMPLATES)
            elif path.is_relative_to(texts_dir):
                kinds.add(TEXTS)
            else:
                kinds.add(DATA)
        for kind in (DATA, TEXTS, TEMPLATES):
            if kind in kinds:
                return kind
        return TEMPLATES

    # ------------------------------------------------------------------ rebuild
    def rebuild(self, kind: str = DATA) -> Outcome:
        started = time.perf_counter()
        try:
            html, warnings, kind = self._rebuild(kind)
        except DataError as err:
            self.prepared = None  # the next change presents the texts anew
            return Outcome(None, kind, time.perf_counter() - started,
                           errors=errors_of(err.problems), warnings=warnings_of(err.problems))
        except ReportgenError as err:
            self.computed = self.prepared = None
            return Outcome(None, kind, time.perf_counter() - started,
                           errors=[Problem(file=str(self.data_dir), expected=str(err))])
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview
            self.computed = self.prepared = None
            return Outcome(None, kind, time.perf_counter() - started,
                           internal=f"{type(exc).__name__}: {exc}")
        return Outcome(html, kind, time.perf_counter() - started, warnings=warnings)

    def _rebuild(self, kind: str) -> tuple[str, list[Problem], str]:
        from .. import build, render

        jaar = self.options.jaar
        if kind == DATA or self.computed is None:
            kind = DATA
            self.computed = self.prepared = None
            build.check_paths(self.data_dir, jaar)
            self.computed = pipeline.compute_stage(self.data_dir, jaar)
            self.texts = self.computed.dataset.huidig.teksten
            self.text_cache = {}  # rendered texts hold figures of the old model
        if kind in (DATA, TEXTS) or self.prepared is None:
            texts = None
            if kind != DATA:
                texts = pipeline.read_year_texts(self.data_dir, jaar)
                self.texts = texts[0]
            self.prepared = pipeline.present(
                self.computed, draft=self.options.draft, build_info=self._build_info(),
                data_name=self.data_dir.name or "data", texts=texts,
                text_cache=self.text_cache)
        if self._reset_templates:
            render.reset_templates()
            self._reset_templates = False
        view = self.prepared.view
        html = render.render_report_html(view, self._charts(view.figuren), medium="screen",
                                         dirs=self.dirs, changes=self._marks())
        return html, warnings_of(self.prepared.problems), kind

    def _build_info(self) -> dict[str, Any] | None:
        if not self.options.draft:
            return None
        from ..build import build_date, next_draft_number

        final_dir = Path(self.options.out_dir) / str(self.options.jaar)
        return {"concept_nummer": next_draft_number(final_dir), "builddatum": build_date()}

    def _charts(self, figures: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        """Chart SVGs, drawn only for figures that are new or whose data changed."""
        from .. import charts

        keys = {key: (key, repr(fig)) for key, fig in figures.items()}
        missing = {key: figures[key] for key, ck in keys.items() if ck not in self.svgs}
        if missing:
            for key, svg in charts.render_charts(missing).items():
                self.svgs[keys[key]] = svg
        wanted = set(keys.values())
        self.svgs = {ck: svg for ck, svg in self.svgs.items() if ck in wanted}
        return {key: self.svgs[ck] for key, ck in keys.items()}

    def _marks(self) -> Any:
        """With --markeer: what changed since the last build in the output folder."""
        if not self.options.markeer or self.prepared is None:
            return None
        from ..build import draft_marks

        final_dir = Path(self.options.out_dir) / str(self.options.jaar)
        view = self.prepared.view
        snap = changes.snapshot(view.alle_tabellen, self.options.jaar,
                                {k: t.source for k, t in self.texts.items()},
                                rendered={k: str(v) for k, v in view.tekst.texts.items()},
                                paths={k: t.path for k, t in self.texts.items()})
        summary = changes.compare(changes.read_snapshot(final_dir / changes.SNAPSHOT_NAME),
                                  snap)
        return draft_marks(summary, changes.read_json(final_dir / manifest.MANIFEST_NAME))
