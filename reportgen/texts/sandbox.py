"""The Jinja stage of a text: placeholders rendered in a sandbox whose every output is an
escaped, Markdown-proof slot, with each problem (unknown name, missing value, bad filter,
syntax error) reported with its line."""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import re
import signal
import threading
import time
from decimal import Decimal
from typing import Any, Callable

from jinja2 import TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..formatting import FILTERS, register_filters
from .run import (_OPEN_RE, _RUN, _Run, _candidates, _expression, _suggestion)

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


# ------------------------------------------------------------------------- limits
#
# Texts are untrusted: a loop, a repeated string or a power can make one text take minutes
# or gigabytes. Every text renders within these bounds; crossing one is a problem naming
# the file and the line (an error in a final build), never a hang.

MAX_SEQUENCE = 100_000  # characters of one string / items of one list a text may build
MAX_OUTPUT = 500_000  # characters one text may produce
MAX_ITERATIONS = 1_000_000  # range() steps one text may take in all its loops
MAX_SECONDS = 3.0  # time to render one text's placeholders
MAX_EXPONENT = 64  # largest exponent of `**`
#: Filters that only make text bigger in ways a report text never needs.
UNSAFE_FILTERS = ("center", "indent", "wordwrap", "format", "xmlattr", "urlize", "pprint",
                  "filesizeformat", "tojson")


class TextLimit(Exception):
    """A text went past one of the limits above; `str()` is the Dutch explanation."""


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def check_deadline() -> None:
    run = _RUN.get(None)
    if run is not None and run.deadline and time.monotonic() > run.deadline:
        raise TextLimit(f"het invullen van deze tekst duurt langer dan {MAX_SECONDS:g} "
                        "seconden (bijvoorbeeld lussen in lussen); vereenvoudig de tekst")


def _bounded_range(*args: int) -> range:
    """range() with a budget: one text takes at most MAX_ITERATIONS steps in all."""
    check_deadline()
    steps = range(*args)
    run = _RUN.get()
    run.iterations += len(steps)
    if len(steps) > MAX_SEQUENCE or run.iterations > MAX_ITERATIONS:
        raise TextLimit(f"een lus over meer dan {MAX_SEQUENCE:,} stappen (of meer dan "
                        f"{MAX_ITERATIONS:,} stappen in de hele tekst) is niet toegestaan"
                        .replace(",", "."))
    return steps


def _bounded_replace(value: Any, old: Any, new: Any, count: int | None = None) -> str:
    value, old, new = str(value), str(old), str(new)
    times = value.count(old) if old else len(value) + 1
    if count is not None:
        times = min(times, count)
    if len(value) + times * max(0, len(new) - len(old)) > MAX_SEQUENCE:
        raise TextLimit(f"deze vervanging levert een tekst van meer dan {MAX_SEQUENCE:,} "
                        "tekens op".replace(",", "."))
    return value.replace(old, new) if count is None else value.replace(old, new, count)


class _TextEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox for texts. Arithmetic mixes Jinja's float literals with the model's
    Decimals (`formatie.structureel_pct - 0.5`), which Python refuses; here the float
    becomes a Decimal first. Repetition, concatenation and powers are bounded, and every
    call and attribute lookup checks the time limit."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_deadline()
        if isinstance(left, Decimal) and isinstance(right, float):
            right = Decimal(repr(right))
        elif isinstance(right, Decimal) and isinstance(left, float):
            left = Decimal(repr(left))
        sizes = (_size(left), _size(right))
        if operator == "*" and any(n is not None for n in sizes):
            other = right if sizes[0] is not None else left
            size = sizes[0] if sizes[0] is not None else sizes[1]
            if isinstance(other, int) and size is not None and size * other > MAX_SEQUENCE:
                raise TextLimit(f"een herhaling levert meer dan {MAX_SEQUENCE:,} tekens of "
                                "elementen op".replace(",", "."))
        if operator == "+" and None not in sizes and sum(sizes) > MAX_SEQUENCE:  # type: ignore[arg-type]
            raise TextLimit(f"een samenvoeging levert meer dan {MAX_SEQUENCE:,} tekens of "
                            "elementen op".replace(",", "."))
        if operator == "**" and isinstance(right, (int, float, Decimal)) and (
                abs(right) > MAX_EXPONENT):
            raise TextLimit(f"een macht met een exponent groter dan {MAX_EXPONENT} is niet "
                            "toegestaan")
        return super().call_binop(context, operator, left, right)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_deadline()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_deadline()
        return super().getattr(obj, attribute)


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
    for name in UNSAFE_FILTERS:
        env.filters.pop(name, None)
    env.filters["replace"] = _bounded_replace
    env.globals["range"] = _bounded_range
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


def _generate(run: _Run, context: dict[str, Any]) -> str:
    """Render chunk by chunk, so a text that grows too large stops as soon as it does."""
    parts: list[str] = []
    size = 0
    chunks = run.template.generate(context)
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            inner = chunks.gi_yieldfrom  # the template's own frame: where the output grew
            if inner is not None and inner.gi_frame is not None:
                run.limit_line = run.template.get_corresponding_lineno(inner.gi_frame.f_lineno)
            raise TextLimit(f"deze tekst wordt na het invullen langer dan {MAX_OUTPUT:,} "
                            "tekens; vereenvoudig de lussen".replace(",", "."))
        check_deadline()
        parts.append(chunk)
    return "".join(parts)


class _time_limit:
    """MAX_SECONDS for one text: a deadline every call, lookup and output chunk checks,
    and (in the main thread) an alarm that also stops loops that do nothing else."""

    def __init__(self, run: _Run):
        self.run = run
        self.alarm = threading.current_thread() is threading.main_thread() and hasattr(
            signal, "setitimer")
        self.previous: Any = None

    def _ring(self, signum: int, frame: Any) -> None:
        check_deadline()
        raise TextLimit(f"het invullen van deze tekst duurt langer dan {MAX_SECONDS:g} "
                        "seconden (bijvoorbeeld lussen in lussen); vereenvoudig de tekst")

    def __enter__(self) -> None:
        self.run.deadline = time.monotonic() + MAX_SECONDS
        if self.alarm:
            self.previous = signal.signal(signal.SIGALRM, self._ring)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS + 0.25)

    def __exit__(self, *exc: Any) -> None:
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous or signal.SIG_DFL)
        self.run.deadline = 0.0


#: Compiled texts by (source, key, path): the preview renders every text again after each
#: edit, and compiling is most of a text's rendering time. The code does not depend on the
#: environment instance (all come from `_make_environment`) nor on a run: constant folding
#: is refused at compile time (`_Run.at_runtime`). A syntax error is not cached.
_CODE_CACHE: dict[tuple[str, str, str], Any] = {}
_CODE_CACHE_SIZE = 1024


def _compiled(env: ImmutableSandboxedEnvironment, source: str, key: str, path: str) -> Any:
    cache_key = (source, key, path)
    code = _CODE_CACHE.get(cache_key)
    if code is None:
        code = env.compile(_hide_tag_lines(source), name=key, filename=path)
        if len(_CODE_CACHE) >= _CODE_CACHE_SIZE:
            _CODE_CACHE.clear()
        _CODE_CACHE[cache_key] = code
    return code


def _render_jinja(env: ImmutableSandboxedEnvironment, run: _Run, context: dict[str, Any]) -> str | None:
    """Render the placeholders of one text; None when the text could not be rendered."""
    source = run.text.source
    path = run.text.path
    try:
        code = _compiled(env, source, run.text.key, path)
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
    except RecursionError:  # e.g. thousands of nested {{ ( [ in a hostile text
        run.problem("de invulvelden van deze tekst zijn te diep in elkaar genest; "
                    "vereenvoudig de tekst")
        return None
    try:
        with _time_limit(run):
            return _generate(run, context)
    except TextLimit as exc:
        line = _traceback_line(exc, path) or run.limit_line
        run.problem(str(exc), line=line, value=run.placeholder_at(line))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure is a text problem
        line = _traceback_line(exc, path)
        if isinstance(exc, RecursionError):
            run.problem("deze tekst roept zichzelf eindeloos aan (recursie); vereenvoudig de "
                        "tekst", line=line, value=run.placeholder_at(line))
            return None
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
