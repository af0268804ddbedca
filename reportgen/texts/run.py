"""State of one text while it renders: value slots, problems with their line in the .md
file, and locating the placeholder being evaluated."""

from __future__ import annotations

import contextvars
import dataclasses
import difflib
import html
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable

from jinja2 import nodes

from ..dataset import TextFile
from ..errors import Problem, Severity

# ------------------------------------------------------------------------- slots
#
# Every value a placeholder prints, every marker and every reference is replaced by an
# opaque ASCII token before Markdown sees the text, and swapped back afterwards. So a value
# can never be read as Markdown or HTML, and a marker can be real HTML although raw HTML in
# the text itself is escaped.

_SLOT_PREFIX = "RgTxSlot"
_SLOT_SUFFIX = "tOlS"
_SLOT_RE = re.compile(_SLOT_PREFIX + r"(\d+)" + _SLOT_SUFFIX)
_REF_RE = re.compile(
    r"\[\[([Ff]iguur|[Tt]abel|[Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage):([A-Za-z0-9_\-]+)\]\]")
#: Heading references are checked by the renderer, which knows the outline.
_HEADING_REF_KINDS = ("hoofdstuk", "paragraaf", "bijlage")
_PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_OPEN_RE = re.compile(r"\{\{|\{%|\{#")
_QUOTE_SOURCE = ("— ", "—", "-- ")


@dataclass
class _Slot:
    html: str
    text: str  # plain text, for slugs


@dataclass
class _Run:
    """State of one text while it is rendered."""

    text: TextFile
    draft: bool
    slots: list[_Slot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reported: set[tuple[Any, ...]] = field(default_factory=set)
    template: Any = None
    outputs: dict[int | None, int] = field(default_factory=dict)  # {{ }} evaluated per line
    context: dict[str, Any] = field(default_factory=dict)
    deadline: float = 0.0  # time.monotonic() by which the placeholders must be rendered
    iterations: int = 0  # range() steps taken so far (sandbox.MAX_ITERATIONS)
    limit_line: int | None = None  # line where the output outgrew sandbox.MAX_OUTPUT

    @property
    def severity(self) -> Severity:
        return "warning" if self.draft else "error"

    @property
    def lines(self) -> list[str]:
        return self.text.source.splitlines()

    # -- slots
    def slot(self, html_text: str, plain: str) -> str:
        self.slots.append(_Slot(html_text, plain))
        return f"{_SLOT_PREFIX}{len(self.slots) - 1}{_SLOT_SUFFIX}"

    def value(self, value: Any) -> str:
        text = str(value)
        # Keep "€ 1.234" together on one line.
        return self.slot(html.escape(text, quote=True).replace("€ ", "€\u00a0"), text)

    def marker(self, label: str, expr: str) -> str:
        text = f"[{label}: {expr}]"
        return self.slot(f'<span class="ontbreekt">{html.escape(text)}</span>', text)

    # -- problems
    def problem(
        self,
        expected: str,
        line: int | None = None,
        value: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        key = (line, value, expected)
        if key in self.reported:
            return
        self.reported.add(key)
        self.problems.append(
            Problem(
                file=self.text.path,
                expected=expected,
                line=line,
                value=value,
                severity=severity or self.severity,
            )
        )

    # -- where are we in the template?
    def at_runtime(self) -> None:
        """Refuse Jinja's constant folding at compile time, so that every placeholder is
        evaluated while rendering, where its line is known."""
        if self.template is None:
            raise nodes.Impossible()

    def current_line(self) -> int | None:
        """Line in the .md file of the placeholder being evaluated right now."""
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.text.path and self.template is not None:
                return self.template.get_corresponding_lineno(frame.f_lineno)
            frame = frame.f_back
        return None

    def locate(self, name: str | None = None) -> tuple[int | None, str | None]:
        """(line, placeholder text) of the placeholder being evaluated.

        Constant expressions are evaluated while the template compiles, outside any template
        frame; then the first placeholder that mentions `name` is taken.
        """
        line = self.current_line()
        if line is None and name:
            pattern = re.compile(r"\b" + re.escape(name) + r"\b")
            for number, text in enumerate(self.lines, start=1):
                if any(pattern.search(p) for p in _PLACEHOLDER_RE.findall(text)):
                    line = number
                    break
        return line, self.placeholder_at(line, name)

    def output_at(self, line: int | None, index: int) -> str | None:
        """The `index`-th `{{ … }}` on `line` (the one being printed right now)."""
        if line is None or not (1 <= line <= len(self.lines)):
            return None
        found = re.findall(r"\{\{.*?\}\}", self.lines[line - 1])
        if 0 <= index < len(found):
            return found[index]
        return self.placeholder_at(line)

    def placeholder_at(self, line: int | None, name: str | None = None) -> str | None:
        """The `{{ … }}` / `{% … %}` on `line` that mentions `name` (else the first one)."""
        if line is None or not (1 <= line <= len(self.lines)):
            return None
        text = self.lines[line - 1]
        found = _PLACEHOLDER_RE.findall(text)
        if name:
            pattern = re.compile(r"\b" + re.escape(name) + r"\b")
            for candidate in found:
                if pattern.search(candidate):
                    return candidate
        if found:
            return found[0]
        return text.strip() or None


_RUN: contextvars.ContextVar[_Run] = contextvars.ContextVar("reportgen_text_run")


def _expression(placeholder: str | None, fallback: str) -> str:
    """`{{ formatie.x | fte }}` -> `formatie.x`."""
    if not placeholder:
        return fallback
    inner = placeholder.strip()
    if inner.startswith(("{{", "{%", "{#")):
        inner = inner[2:-2]
    inner = inner.strip().strip("-+").strip()
    return inner.split("|", 1)[0].strip() or fallback


def _candidates(obj: Any) -> list[str]:
    if isinstance(obj, dict):
        return [str(k) for k in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [f.name for f in dataclasses.fields(obj)]
    return []


def _suggestion(name: str | None, options: Iterable[str]) -> str:
    if not name:
        return ""
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f" (bedoelde u '{close[0]}'?)" if close else ""
