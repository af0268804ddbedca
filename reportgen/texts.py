"""Text stage: the Markdown texts of a year, with Jinja placeholders, become safe HTML.

`render_texts(teksten, keys, context, ...)` takes every `TextFile` the report uses (the
keys come from the outline, reportgen/view/structure.py) and

1. renders its placeholders (`{{ formatie.structureel_fte | fte }}`, `{% if ... %}`) in an
   `ImmutableSandboxedEnvironment` whose context is the report model as the view presents
   it (view.text_context: the model's fields, KPIs with their norms in words, `sectorplan`)
   and whose filters are the Dutch formatting filters;
2. turns the result into HTML with markdown-it-py (CommonMark, raw HTML disabled) and the
   report's conventions (subheadings, quotes, text boxes, footnotes, references).

Texts come from the umc's and the secretariat and are untrusted: raw HTML is escaped, links
are limited to http(s)/mailto and printed with their URL, images are dropped, and every
value a placeholder inserts is HTML-escaped and shielded from Markdown. Every problem
(unknown placeholder, syntax error, filter failure, missing or unknown text) becomes a
`Problem` that names the file and the line inside the .md file. In a final build they are
errors; in a draft build they are warnings and the report shows a visible marker instead.

The stage is pure: it reads only the texts and the context, never the file system.

Output HTML (what render.py and the stylesheet can rely on):
- `<h4 class="tussenkop" id="<key>-<slug>">` for `## Kop` (use `tussenkoppen()` for a TOC);
- `<blockquote class="citaat">…<p class="citaat-bron">— …</p></blockquote>`;
- `<aside class="kader"><h4>Titel</h4>…</aside>` for a ```` ```kader Titel ```` block;
- `<span class="voetnoot">…</span>` for `^[…]`;
- `[[figuur:key]]` / `[[tabel:key]]` and the heading references `[[hoofdstuk:key]]`,
  `[[paragraaf:key]]`, `[[bijlage:key]]` left untouched for the renderer;
- `<span class="ontbreekt">[onbekend: …]</span>` and
  `<div class="ontbreekt">[Tekst ontbreekt: …]</div>` markers (draft builds only).
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import difflib
import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable

from jinja2 import TemplateSyntaxError, Undefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup

from .dataset import TextFile
from .errors import Problem, Severity
from .formatting import FILTERS, register_filters

def text_path(jaar: int, key: str) -> str:
    """Path of a text relative to the data folder, as problems name it."""
    return f"{jaar}/teksten/{key}.md"


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


# ------------------------------------------------------------------------- Jinja stage


class _TextUndefined(Undefined):
    """Records every use of a name that does not exist, then keeps rendering.

    Printed it becomes a visible marker; in a test (`{% if %}`) it counts as false; in
    arithmetic it stays undefined. Attribute access on it chains (`a.b.c` reports `a`).
    """

    __slots__ = ()

    def _record(self) -> str:
        run = _RUN.get()
        run.at_runtime()
        name = self._undefined_name if isinstance(self._undefined_name, str) else None
        line, placeholder = run.locate(name)
        expr = _expression(placeholder, name or "?")
        if self._undefined_exception is SecurityError:
            run.problem(
                "dit invulveld vraagt een intern attribuut op; dat is in teksten niet "
                "toegestaan. Gebruik alleen velden van het rapportmodel (reportgen/model.py)",
                line=line,
                value=placeholder or name,
            )
            return run.marker("niet toegestaan", expr)
        obj = self._undefined_obj
        if obj is not dataclasses.MISSING and not isinstance(obj, Undefined):
            hint = _suggestion(name, _candidates(obj))
        else:
            hint = _suggestion(name, _context_names())
        run.problem(
            f"invulveld verwijst naar '{name or expr}', dat niet in het rapportmodel bestaat"
            f"{hint}; zie reportgen/model.py en docs/data-design.md voor de beschikbare velden",
            line=line,
            value=placeholder or expr,
        )
        return run.marker("onbekend", expr)

    def __str__(self) -> str:
        return self._record()

    def __html__(self) -> str:
        return self._record()

    def __bool__(self) -> bool:
        self._record()
        return False

    def __iter__(self):  # type: ignore[override]
        self._record()
        return iter(())

    def __len__(self) -> int:
        self._record()
        return 0

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        return self

    def __getitem__(self, key: Any) -> Any:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self

    def _propagate(self, *args: Any, **kwargs: Any) -> Any:
        self._record()
        return self

    def _compare(self, *args: Any, **kwargs: Any) -> bool:
        self._record()
        return False

    __add__ = __radd__ = __sub__ = __rsub__ = _propagate
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _propagate
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _propagate
    __pow__ = __rpow__ = __pos__ = __neg__ = __abs__ = _propagate
    __lt__ = __le__ = __gt__ = __ge__ = _compare

    def __int__(self) -> int:
        self._record()
        return 0

    def __float__(self) -> float:
        self._record()
        return 0.0


_CONTEXT_NAMES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "reportgen_text_context_names", default=()
)


def _context_names() -> tuple[str, ...]:
    return _CONTEXT_NAMES.get()


def _wrap_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    expects = {"datum": "een datum", "opsomming": "een lijst"}.get(name, "een getal")

    def wrapped(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, Undefined):
            return value
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, Undefined):
                return arg
        if value is None:
            run = _RUN.get()
            run.at_runtime()
            line, placeholder = run.locate(name)
            run.problem(
                "dit invulveld heeft geen waarde (geen gegevens); laat de zin afhangen van de "
                "gegevens met {% if … is not none %} of kies een ander veld",
                line=line,
                value=placeholder,
            )
            return run.marker("geen gegevens", _expression(placeholder, name))
        if not isinstance(value, bool):
            try:
                return func(value, *args, **kwargs)
            except Exception:  # noqa: BLE001 - any failure is a text problem
                pass
        run = _RUN.get()
        run.at_runtime()
        line, placeholder = run.locate(name)
        run.problem(
            f"het opmaakfilter '{name}' kan deze waarde ({_describe(value)}) niet opmaken; "
            f"het verwacht {expects}",
            line=line,
            value=placeholder,
        )
        return run.marker("fout in invulveld", _expression(placeholder, name))

    wrapped.__name__ = f"text_{name}"
    return wrapped


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"tekst '{value[:40]}'"
    if value is None:
        return "geen waarde"
    return f"type {type(value).__name__}"


def _finalize(value: Any) -> Any:
    """Every `{{ … }}` output passes here: it becomes an escaped, Markdown-proof slot."""
    run = _RUN.get()
    run.at_runtime()
    line = run.current_line()
    index = run.outputs.get(line, 0)
    run.outputs[line] = index + 1
    if isinstance(value, Undefined):
        return str(value)
    if isinstance(value, str):  # includes Markup: its HTML is escaped all the same
        return run.value(value) if value else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return run.value(value)
    placeholder = run.output_at(line, index)
    expr = _expression(placeholder, "?")
    if value is None:
        run.problem(
            "dit invulveld heeft geen waarde (geen gegevens); laat de zin afhangen van de "
            "gegevens met {% if … %} of kies een ander veld",
            line=line,
            value=placeholder,
        )
        return run.marker("geen gegevens", expr)
    if isinstance(value, (Decimal, float, dt.date)):
        expected = (
            "getallen en datums in een tekst krijgen een opmaakfilter: | euro, | euro_rond, "
            "| fte, | pct, | getal of | datum"
        )
        label = "opmaak ontbreekt"
    else:
        expected = (
            f"dit invulveld levert geen tekst of getal op maar een {type(value).__name__}; "
            "kies een veld daarbinnen (zie reportgen/model.py)"
        )
        label = "geen tekst"
    run.problem(expected, line=line, value=placeholder)
    return run.marker(label, expr)


_WOORDEN = (
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig",
)


def fmt_woorden(value: Any) -> str:
    """Small whole numbers in words, as Dutch prose writes them: 8 -> `acht`.

    Numbers above twenty (or with a fraction) print as digits (`getal`)."""
    number = Decimal(value) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value() and 0 <= number <= 20:
        return _WOORDEN[int(number)]
    return FILTERS["getal"](number)


def fmt_opsomming(values: Any, laatste: str = "en") -> str:
    """A Dutch enumeration: ['a', 'b', 'c'] -> `a, b en c`."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {laatste} " + items[-1]


def _indicator(code: str) -> Any:
    """`indicator('werkdruk')`: the measure with that code, whichever KPI it belongs to."""
    run = _RUN.get()
    run.at_runtime()
    for kpi in (run.context.get("kpis") or {}).values():
        for measure in getattr(kpi, "indicatoren", ()):
            if measure.code == code:
                return measure
    return _TextUndefined(name=code, hint=f"indicator '{code}' bestaat niet")


TEXT_FILTERS = {**FILTERS, "woorden": fmt_woorden, "opsomming": fmt_opsomming}


class _TextEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox for texts. Arithmetic mixes Jinja's float literals with the model's
    Decimals (`formatie.structureel_pct - 0.5`), which Python refuses; here the float
    becomes a Decimal first."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if isinstance(left, Decimal) and isinstance(right, float):
            right = Decimal(repr(right))
        elif isinstance(right, Decimal) and isinstance(left, float):
            left = Decimal(repr(left))
        return super().call_binop(context, operator, left, right)


def _make_environment() -> ImmutableSandboxedEnvironment:
    env = _TextEnvironment(
        undefined=_TextUndefined,
        finalize=_finalize,
        autoescape=False,  # escaping happens per value in _finalize
        trim_blocks=False,  # see _hide_tag_lines
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register_filters(env)
    env.filters["woorden"] = fmt_woorden
    env.filters["opsomming"] = fmt_opsomming
    for name in TEXT_FILTERS:
        env.filters[name] = _wrap_filter(name, env.filters[name])
    for name in ("lipsum", "cycler", "joiner"):
        env.globals.pop(name, None)
    env.globals["indicator"] = _indicator
    return env


# One tag is `{%` up to the FIRST `%}` (the tempered token keeps `.*?` from running on
# across `%} text {%` when the whole line is matched).
_TAG_LINE_RE = re.compile(
    r"[ \t]*(?:(?:\{%(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\})[ \t]*)+")


def _hide_tag_lines(source: str) -> str:
    """A line that holds only `{% … %}` tags (or comments) vanishes with its line break.

    So `{% if %}` / `{% else %}` / `{% endif %}` on lines of their own neither add blank
    lines (which Markdown would read as a paragraph break) nor swallow the break after an
    inline tag, as Jinja's `trim_blocks` would. The line break is moved into a Jinja comment
    instead of being deleted, so line numbers in messages still match the .md file.
    """
    lines = [line[:-1] if line.endswith("\r") else line for line in source.split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if out and out[-1].endswith("{#"):
            line = "#}" + line
        if i < len(lines) - 1 and lines[i].strip() and _TAG_LINE_RE.fullmatch(lines[i]):
            line += "{#"
        out.append(line)
    return "\n".join(out)


def _traceback_line(exc: BaseException, filename: str) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _syntax_message(exc: TemplateSyntaxError) -> str:
    message = exc.message or ""
    m = re.search(r"No filter named '([^']+)'", message)
    if m:
        return (
            f"onbekend opmaakfilter '{m.group(1)}'"
            f"{_suggestion(m.group(1), TEXT_FILTERS)}; beschikbaar zijn: "
            + ", ".join(TEXT_FILTERS)
        )
    m = re.search(r"No test named '([^']+)'", message)
    if m:
        return f"onbekende test '{m.group(1)}' in een {{% if %}}"
    if "unknown tag" in message.lower() or "Encountered unknown tag" in message:
        return (
            "onbekende of onverwachte opdracht tussen {% … %}; toegestaan zijn onder meer "
            "{% if %} / {% elif %} / {% else %} / {% endif %} en {% for %} / {% endfor %}"
        )
    if "end of template" in message.lower():
        return (
            "een {% if %} of {% for %} wordt niet afgesloten (ontbrekende {% endif %} / "
            "{% endfor %}) of accolades zijn niet gesloten"
        )
    return (
        "geldig invulveld in Jinja-notatie, bijvoorbeeld {{ formatie.structureel_fte | fte }} "
        "of {% if … %}…{% endif %}; controleer accolades, aanhalingstekens en haakjes"
    )


def _render_jinja(env: ImmutableSandboxedEnvironment, run: _Run, context: dict[str, Any]) -> str | None:
    """Render the placeholders of one text; None when the text could not be rendered."""
    source = run.text.source
    path = run.text.path
    try:
        code = env.compile(_hide_tag_lines(source), name=run.text.key, filename=path)
        run.template = env.template_class.from_code(env, code, env.make_globals(None))
    except TemplateSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        # Jinja notices an unclosed placeholder only lines later: point at where it opens.
        probe = line
        while probe and probe >= 1 and not _OPEN_RE.search(run.lines[probe - 1] if probe <= len(run.lines) else ""):
            probe -= 1
        if probe and probe >= 1:
            line = probe
        run.problem(_syntax_message(exc), line=line, value=run.placeholder_at(line))
        return None
    try:
        return run.template.render(context)
    except Exception as exc:  # noqa: BLE001 - any failure is a text problem
        line = _traceback_line(exc, path)
        if isinstance(exc, SecurityError) or "unsafe" in str(exc) or "not safely" in str(exc):
            expected = (
                "dit invulveld vraagt of wijzigt iets wat in teksten niet is toegestaan; "
                "gebruik alleen velden van het rapportmodel en de opmaakfilters"
            )
        elif isinstance(exc, TypeError) and "loader" in str(exc):
            expected = "teksten kunnen geen andere bestanden invoegen ({% include %} e.d.)"
        else:
            expected = (
                "dit invulveld kan niet worden berekend (bijvoorbeeld een vergelijking van "
                "tekst met een getal); controleer de velden en de bewerking"
            )
        run.problem(expected, line=line, value=run.placeholder_at(line))
    return None


# ------------------------------------------------------------------------- Markdown stage


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    """`^[text]` -> voetnoot_open, inline tokens, voetnoot_close."""
    pos = state.pos
    if state.src[pos] != "^" or pos + 1 >= state.posMax or state.src[pos + 1] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, pos + 1)
    if end < 0:
        return False
    if not silent:
        old_max = state.posMax
        state.pos = pos + 2
        state.posMax = end
        token = state.push("voetnoot_open", "span", 1)
        token.attrs = {"class": "voetnoot"}
        state.md.inline.tokenize(state)
        state.push("voetnoot_close", "span", -1)
        state.posMax = old_max
    state.pos = end + 1
    return True


_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _conventions_rule(state: Any) -> None:
    """Core rule: quotes, links, images; collects notes for problems in env."""
    tokens: list[Token] = state.tokens
    env = state.env
    notes: list[tuple[str, str]] = env.setdefault("notes", [])
    md = state.md
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            token.attrSet("class", "citaat")
            if token.level == 0:
                env["citaten"] = env.get("citaten", 0) + 1
            close = next(
                j
                for j in range(i + 1, len(tokens))
                if tokens[j].type == "blockquote_close" and tokens[j].level == token.level
            )
            paragraphs = [
                j
                for j in range(i + 1, close)
                if tokens[j].type == "paragraph_open" and tokens[j].level == token.level + 1
            ]
            if paragraphs:
                last = paragraphs[-1]
                content = tokens[last + 1].content.lstrip()
                if content.startswith(_QUOTE_SOURCE):
                    tokens[last].attrSet("class", "citaat-bron")
                    continue
            notes.append(("citaat", "".join(tokens[j].content for j in range(i, close))[:60]))
        elif token.type == "inline" and token.children:
            children: list[Token] = []
            stack: list[str | None] = []
            for child in token.children:
                if child.type == "image":
                    alt = child.content
                    notes.append(("afbeelding", str(child.attrs.get("src", ""))))
                    if alt:
                        text = Token("text", "", 0)
                        text.content = alt
                        children.append(text)
                    continue
                if child.type == "link_open":
                    href = str(child.attrs.get("href", ""))
                    if href.lower().startswith(_ALLOWED_SCHEMES):
                        stack.append(href)
                        children.append(child)
                    else:
                        stack.append(None)
                        notes.append(("link", href))
                    continue
                if child.type == "link_close":
                    href = stack.pop() if stack else None
                    if href is None:
                        continue
                    children.append(child)
                    shown = md.normalizeLinkText(href)
                    if shown.lower().startswith("mailto:"):
                        shown = shown[len("mailto:") :]
                    label = _inline_text(children, child)
                    if label.strip() not in (shown, md.normalizeLinkText(href)):
                        text = Token("text", "", 0)
                        text.content = f" ({shown})"
                        children.append(text)
                    continue
                children.append(child)
            token.children = children


def _inline_text(children: list[Token], close: Token) -> str:
    """Plain text between the last link_open and `close` (already appended)."""
    parts: list[str] = []
    for child in reversed(children[:-1]):
        if child.type == "link_open":
            break
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
    return "".join(reversed(parts))


def _slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kop"


_TAG_RE = re.compile(r"<[^>]+>")


def _plain(html_text: str, slots: list[_Slot]) -> str:
    html_text = _SLOT_RE.sub(lambda m: html.escape(slots[int(m.group(1))].text), html_text)
    return html.unescape(_TAG_RE.sub("", html_text))


def _make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.inline.ruler.before("link", "voetnoot", _footnote_rule)
    md.core.ruler.push("conventies", _conventions_rule)

    def heading_open(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        token = tokens[idx]
        level = int(token.tag[1:])
        inline = tokens[idx + 1]
        title = _plain(self.renderInline(inline.children or [], options, env), env["slots"])
        slug = f"{env['key']}-{_slugify(title)}"
        used: dict[str, int] = env.setdefault("ids", {})
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        tag = "h4" if level <= 2 else "h5"
        return f'<{tag} class="tussenkop" id="{html.escape(slug)}">'

    def heading_close(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        level = int(tokens[idx].tag[1:])
        return "</h4>\n" if level <= 2 else "</h5>\n"

    default_fence = md.renderer.rules["fence"]

    def fence(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        token = tokens[idx]
        info = token.info.strip()
        word, _, title = info.partition(" ")
        if word != "kader":
            return default_fence(tokens, idx, options, env)
        if token.level == 0:
            env["kaders"] = env.get("kaders", 0) + 1
        inner = md.render(token.content, env)
        head = f"<h4>{md.renderInline(title.strip(), env)}</h4>\n" if title.strip() else ""
        return f'<aside class="kader">\n{head}{inner}</aside>\n'

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    md.add_render_rule("fence", fence)
    return md


def _find_line(source: str, needle: str) -> int | None:
    if not needle:
        return None
    for number, text in enumerate(source.splitlines(), start=1):
        if needle in text:
            return number
    return None


def _render_markdown(md: MarkdownIt, run: _Run, text: str, known_refs: set[str]) -> str:
    """Markdown (placeholders already rendered, values in slots) -> HTML."""

    def protect(match: re.Match[str]) -> str:
        kind, key = match.group(1).lower(), match.group(2)
        if kind not in _HEADING_REF_KINDS and f"{kind}:{key}" not in known_refs:
            run.problem(
                f"verwijzing naar een onbekende {kind}; bekende sleutels: "
                + ", ".join(sorted(k.split(":", 1)[1] for k in known_refs if k.startswith(kind))),
                line=_find_line(run.text.source, match.group(0)),
                value=match.group(0),
            )
        return run.slot(match.group(0), match.group(0))

    text = _REF_RE.sub(protect, text)
    env: dict[str, Any] = {"key": run.text.key, "slots": run.slots}
    out = md.render(text, env)
    source = run.text.source
    for kind, detail in env.get("notes", []):
        if kind == "afbeelding":
            run.problem(
                "afbeeldingen worden niet in het rapport opgenomen; alleen de alt-tekst blijft "
                "staan",
                line=_find_line(source, detail) or _find_line(source, "!["),
                value=detail or None,
                severity="warning",
            )
        elif kind == "link":
            run.problem(
                "links mogen alleen naar http(s)- of mailto-adressen verwijzen; de link is als "
                "gewone tekst opgenomen",
                line=_find_line(source, detail),
                value=detail or None,
                severity="warning",
            )
        elif kind == "citaat":
            run.problem(
                "een citaat eindigt met een alinea die begint met '— ' en de (fictieve) persoon "
                "en het umc noemt",
                line=_find_line(source, ">"),
                value=None,
                severity="warning",
            )
    if env.get("citaten", 0) > 1:
        run.problem(
            "hooguit één citaat per sectie", value=str(env["citaten"]), severity="warning"
        )
    if env.get("kaders", 0) > 1:
        run.problem(
            "hooguit één tekstkader per sectie", value=str(env["kaders"]), severity="warning"
        )
    # Swap the slots back in; a slot may itself contain slots (e.g. "a" ~ missing).
    for _ in range(10):
        out, count = _SLOT_RE.subn(lambda m: run.slots[int(m.group(1))].html, out)
        if not count:
            break
    return out


# ------------------------------------------------------------------------- public API


def render_text(
    text: TextFile,
    context: dict[str, Any],
    draft: bool = False,
    known_refs: Iterable[str] | None = None,
) -> tuple[Markup, list[Problem]]:
    """Render one text (placeholders, then Markdown). Used by `render_texts` and tests."""
    env = _make_environment()
    md = _make_markdown()
    return _render_one(env, md, text, context, draft, set(known_refs or ()))


def _render_one(
    env: ImmutableSandboxedEnvironment,
    md: MarkdownIt,
    text: TextFile,
    context: dict[str, Any],
    draft: bool,
    known_refs: set[str],
) -> tuple[Markup, list[Problem]]:
    run = _Run(text=text, draft=draft, context=context)
    token = _RUN.set(run)
    names = _CONTEXT_NAMES.set(tuple(context))
    try:
        rendered = _render_jinja(env, run, context)
        prefix = ""
        if rendered is None:
            # The placeholders could not be rendered: show the text as written, flagged.
            first = next((p for p in run.problems if p.is_error or draft), None)
            where = f" (regel {first.line})" if first and first.line else ""
            prefix = (
                f'<div class="ontbreekt">[Fout in invulveld{where}: '
                f"{html.escape(text.path)}]</div>\n"
            )
            rendered = text.source
        body = _render_markdown(md, run, rendered, known_refs)
    finally:
        _RUN.reset(token)
        _CONTEXT_NAMES.reset(names)
    return Markup(prefix + body), run.problems


def render_texts(
    teksten: dict[str, TextFile],
    keys: Iterable[str],
    context: dict[str, Any],
    *,
    jaar: int,
    optional: Iterable[str] = (),
    known_refs: Iterable[str] = (),
    draft: bool = False,
) -> tuple[dict[str, Markup], list[Problem]]:
    """Render every text the report uses (`keys`, in report order); report missing,
    unknown and faulty texts.

    Returns the HTML per text key (only texts that exist) and the problems: errors in a
    final build, warnings in a draft build (where the report shows markers instead). A
    missing text in `optional` is no problem at all."""
    env = _make_environment()
    md = _make_markdown()
    severity: Severity = "warning" if draft else "error"
    refs = set(known_refs)
    optional = set(optional)
    result: dict[str, Markup] = {}
    problems: list[Problem] = []
    all_keys = list(dict.fromkeys(keys))
    for key in all_keys:
        text = teksten.get(key)
        if text is not None and text.source.strip():
            html_out, text_problems = _render_one(env, md, text, context, draft, refs)
            result[key] = html_out
            problems += text_problems
            continue
        if key in optional:
            continue
        path = text.path if text is not None else text_path(jaar, key)
        gevolg = " (concept: de tekst wordt een zichtbare plaatshouder)" if draft else ""
        problems.append(Problem(
            file=path, severity=severity,
            expected=("tekst ontbreekt of is leeg; maak dit Markdown-bestand aan (zie "
                      f"docs/data-design.md, teksten){gevolg}")))
    known = set(all_keys)
    for key in sorted(set(teksten) - known):
        problems.append(Problem(
            file=teksten[key].path, severity="warning",
            expected=("deze tekst wordt niet in het rapport gebruikt"
                      f"{_suggestion(key, known)}; zie opbouw.toml voor de teksten die het "
                      "rapport gebruikt")))
    return result, problems


_TUSSENKOP_RE = re.compile(r'<h4 class="tussenkop" id="([^"]+)">(.*?)</h4>', re.S)


def tussenkoppen(fragment: str) -> list[tuple[str, str]]:
    """(id, plain title) of every `## Kop` subheading in a rendered text, for a TOC."""
    return [
        (m.group(1), html.unescape(_TAG_RE.sub("", m.group(2))).strip())
        for m in _TUSSENKOP_RE.finditer(str(fragment))
    ]
