"""Charts: every figure of the report (`view.FigureView`: data with its Dutch title, legend
and axis labels) becomes a deterministic SVG (matplotlib, Agg).

`render_charts(figures)` returns figure key -> SVG text. The renderer embeds each SVG as a
`data:` image, so the SVGs must stand alone: text is drawn as paths
(`svg.fonttype = 'path'`), no fonts or external files are needed.

Determinism: a fixed `svg.hashsalt`, no date in the metadata, and figures are drawn on
plain `matplotlib.figure.Figure` objects (never registered with pyplot, and closed after
use), so the same model gives the same bytes and no figure stays open.

Look: Lato (registered from reportgen/assets/fonts), sized for the A4 text column (16 cm)
so the SVG is placed at 1:1 and 8.5 pt chart text stays readable. Colours are fixed per
contract form across all figures: vast = blue, toegezegd vast = light blue, tijdelijk =
orange, inloop = muted green-grey; vrouw/man have their own pair. Axis ticks and value
labels use Dutch number formatting (decimal comma) from reportgen.formatting.

Chart kinds (model.Figure.kind):
- `scatter_panels`: the workload monitor (seed Figuur 1). One panel per moment, x =
  workload, y = job security, one dot per participant. Data in `extra["panels"]`: a
  sequence of mappings with `label` (panel title) and the per-participant scores `werkdruk`
  and `baanzekerheid` (equal length; None entries are skipped). Without `panels`, each
  category i is a panel whose points come from `series[2*i]` (werkdruk) and
  `series[2*i+1]` (baanzekerheid).
- `stacked_bar`: vertical stacked bars per category (e.g. years), total above each bar.
- `stacked_barh`: horizontal stacked bars per category, total at the end of each bar.
- `stacked_pct_barh`: horizontal bars scaled to 100 % per category; each segment is
  labelled with its value (fte) when there is room.
- `lines`: percentages over the years, one line per series (the factsheets: an
  institution against all institutions), optional dotted norm line.
Series are matched to colours by `Series.key` (vast, toegezegd_vast, tijdelijk, inloop,
v, m); without a key the Dutch label is used to guess, else a neutral palette.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .formatting import fmt_fte, fmt_getal, fmt_pct  # noqa: E402
from .resources import fonts_dir  # noqa: E402
from .view.figures import FigureView as Figure, SeriesView as Series  # noqa: E402

FONT_DIR = fonts_dir()

# Text column of the A4 page (210 mm - 2 x 25 mm margins) in inches.
COLUMN_WIDTH_IN = 160 / 25.4

INK = "#222222"
MUTED = "#5f6368"
GRID = "#d9dde3"

COLOURS = {
    "vast": "#1f4e79",  # blue
    "toegezegd_vast": "#8fb4d9",  # lighter blue
    "tijdelijk": "#e08e45",  # orange
    "inloop": "#9aa58a",  # muted green-grey
    "v": "#6b4c8a",  # muted violet
    "m": "#c4b5d8",  # light violet
    "x": "#b0b7bf",  # grey (gender other than v/m)
    "punt": "#1f4e79",
    "gemiddelde": "#e08e45",
}
FALLBACK = ("#1f4e79", "#e08e45", "#9aa58a", "#8fb4d9", "#6b4c8a", "#b0b7bf")

# Text colour on top of a segment of the given colour key.
ON_DARK = {"vast", "v"}

RC = {
    "font.family": "Lato",
    "font.size": 8.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "svg.fonttype": "path",
    "svg.hashsalt": "reportgen",
    "svg.image_inline": True,
    "path.simplify": True,
    "figure.dpi": 72,
    "axes.facecolor": "none",
}

_fonts_registered = False


def register_fonts() -> None:
    """Make Lato (regular, italic, bold, ...) known to matplotlib; idempotent."""
    global _fonts_registered
    if _fonts_registered:
        return
    for path in sorted(FONT_DIR.glob("Lato-*.ttf")):
        font_manager.fontManager.addfont(str(path))
    _fonts_registered = True


# ------------------------------------------------------------------------------ helpers


def _num(value: Any) -> float:
    if value is None:
        return 0.0
    return float(value)


def _tick_label(value: float, _pos: Any = None) -> str:
    """Dutch tick label with as few decimals as the tick needs (max 2)."""
    rounded = round(float(value), 2)
    if rounded == int(rounded):
        return fmt_getal(int(rounded))
    places = 1 if round(float(value), 1) == rounded else 2
    return fmt_getal(Decimal(repr(rounded)), places)


def _series_key(series: Series, index: int) -> str:
    if series.key in COLOURS:
        return series.key
    label = series.label.lower()
    for needle, key in (("toegezegd", "toegezegd_vast"), ("inloop", "inloop"),
                        ("tijdelijk", "tijdelijk"), ("vast", "vast"), ("vrouw", "v"),
                        ("man", "m"), ("anders", "x"), ("onbekend", "x")):
        if needle in label:
            return key
    return f"#{index}"


def _colour(series: Series, index: int) -> str:
    key = _series_key(series, index)
    return COLOURS.get(key, FALLBACK[index % len(FALLBACK)])


def _text_colour(series: Series, index: int) -> str:
    return "white" if _series_key(series, index) in ON_DARK else INK


def _style_axes(ax, value_axis: str) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if value_axis == "x":
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    else:
        ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(fig, ax, handles_labels: Iterable, ncol: int) -> None:
    handles, labels = zip(*handles_labels) if handles_labels else ((), ())
    if not handles:
        return
    fig.legend(handles, labels, loc="lower center", ncol=ncol, bbox_to_anchor=(0.5, 0.0),
               handlelength=1.2, handleheight=1.0, columnspacing=1.6)


def _visible(series: Sequence[Series]) -> list[tuple[int, Series]]:
    """Series with at least one non-zero value (an all-zero series gets no legend entry)."""
    return [(i, s) for i, s in enumerate(series) if any(_num(v) for v in s.values)]


def _totals(series: Sequence[Series], n: int) -> list[float]:
    return [sum(_num(s.values[i]) for s in series if i < len(s.values)) for i in range(n)]


def _value_label(value: float, figure: Figure) -> str:
    value = float(value)
    unit = figure.extra.get("eenheid", "fte")
    if unit == "aantal":
        return fmt_getal(Decimal(repr(value)))
    return fmt_fte(Decimal(repr(value)))


# ------------------------------------------------------------------------------ charts


#: Horizontal bar charts: bar pitch (inches) and how many bars one part may hold, so that
#: a part (with its legend) always fits on a page under a heading. More categories than
#: that are drawn as several parts with the same scale (see `split_parts`).
BAR_PITCH_IN = 0.42
BAR_PITCH_DENSE_IN = 0.25
MAX_PART_HEIGHT_IN = 8.0
BARH_KINDS = ("stacked_barh", "stacked_pct_barh")


def _pitch(n: int) -> float:
    return BAR_PITCH_IN if (MAX_PART_HEIGHT_IN - 1.05) / BAR_PITCH_IN >= n else (
        BAR_PITCH_DENSE_IN)


def bars_per_part() -> int:
    return int((MAX_PART_HEIGHT_IN - 1.05) / BAR_PITCH_DENSE_IN)


def split_parts(figure: Figure) -> list[Figure]:
    """A horizontal bar chart with more categories than fit one page, cut into balanced
    parts that share the scale of the whole (extra["schaal_max"]); the legend and axis
    label go with the last part only. Other figures stay whole."""
    n = len(figure.categories)
    if figure.kind not in BARH_KINDS or n <= (MAX_PART_HEIGHT_IN - 1.05) / BAR_PITCH_IN:
        return [figure]
    parts = -(-n // bars_per_part())
    size = -(-n // parts)
    top = max(_totals(figure.series, n), default=0.0)
    out = []
    for start in range(0, n, size):
        stop = min(start + size, n)
        last = stop == n
        out.append(Figure(
            key=figure.key, kind=figure.kind, title=figure.title,
            categories=figure.categories[start:stop],
            series=tuple(Series(s.label, tuple(s.values[start:stop]), s.key)
                         for s in figure.series),
            x_label=figure.x_label if last else "", y_label=figure.y_label,
            extra={**figure.extra, "schaal_max": top, "legenda": last, "pitch": _pitch(n)},
            alt=figure.alt))
    return out


def _stacked_barh(figure: Figure, percent: bool = False) -> MplFigure:
    categories = list(figure.categories)
    n = len(categories)
    pitch = figure.extra.get("pitch") or _pitch(n)
    legend = figure.extra.get("legenda", True)
    height = pitch * max(n, 1) + (1.05 if legend else 0.55)
    fig = _new_figure(height)
    ax = fig.add_subplot()
    totals = _totals(figure.series, n)
    y = list(range(n))
    left = [0.0] * n
    handles = []
    for idx, s in _visible(figure.series):
        raw = [_num(s.values[i]) if i < len(s.values) else 0.0 for i in range(n)]
        widths = ([v / totals[i] * 100 if totals[i] else 0.0 for i, v in enumerate(raw)]
                  if percent else raw)
        bars = ax.barh(y, widths, left=left, height=0.62 if pitch >= BAR_PITCH_IN else 0.7,
                       color=_colour(s, idx),
                       edgecolor="white", linewidth=0.6, label=s.label)
        handles.append((bars, s.label))
        if percent:
            for i, (w, v) in enumerate(zip(widths, raw)):
                if v and w >= 9:
                    ax.text(left[i] + w / 2, i, _value_label(v, figure), ha="center",
                            va="center", color=_text_colour(s, idx), fontsize=8)
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(y)
    ax.set_yticklabels(categories)
    ax.invert_yaxis()
    _style_axes(ax, "x")
    if percent:
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_pct(round(v))))
    else:
        top = figure.extra.get("schaal_max") or (max(totals) if totals else 0.0)
        ax.set_xlim(0, top * 1.12 if top else 1)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(FuncFormatter(_tick_label))
        for i, total in enumerate(totals):
            ax.text(total + top * 0.01, i, _value_label(total, figure), ha="left",
                    va="center", color=INK, fontsize=8)
    if figure.x_label:
        ax.set_xlabel(figure.x_label)
    if legend:
        _legend(fig, ax, handles, ncol=min(len(handles), 4))
    _fit(fig, ax, legend=bool(handles) and legend)
    return fig


def _stacked_bar(figure: Figure) -> MplFigure:
    categories = list(figure.categories)
    n = len(categories)
    fig = _new_figure(3.0)
    ax = fig.add_subplot()
    totals = _totals(figure.series, n)
    x = list(range(n))
    bottom = [0.0] * n
    handles = []
    for idx, s in _visible(figure.series):
        raw = [_num(s.values[i]) if i < len(s.values) else 0.0 for i in range(n)]
        bars = ax.bar(x, raw, bottom=bottom, width=0.6, color=_colour(s, idx),
                      edgecolor="white", linewidth=0.6, label=s.label)
        handles.append((bars, s.label))
        bottom = [a + b for a, b in zip(bottom, raw)]
    top = max(totals) if totals else 0.0
    for i, total in enumerate(totals):
        ax.text(i, total + top * 0.015, _value_label(total, figure), ha="center", va="bottom",
                color=INK, fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels(categories)
    ax.set_ylim(0, top * 1.15 if top else 1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(_tick_label))
    _style_axes(ax, "y")
    ax.tick_params(axis="x", length=0)
    if figure.y_label:
        ax.set_ylabel(figure.y_label)
    if figure.x_label:
        ax.set_xlabel(figure.x_label)
    _legend(fig, ax, handles, ncol=min(len(handles), 4))
    _fit(fig, ax, legend=bool(handles))
    return fig


def _panels(figure: Figure) -> list[dict[str, Any]]:
    panels = figure.extra.get("panels")
    if panels:
        out = []
        for p in panels:
            xs = p.get("werkdruk", p.get("x", ()))
            ys = p.get("baanzekerheid", p.get("y", ()))
            out.append({"label": p.get("label", p.get("titel", "")), "x": xs, "y": ys})
        return out
    out = []
    for i, label in enumerate(figure.categories):
        xs = figure.series[2 * i].values if 2 * i < len(figure.series) else ()
        ys = figure.series[2 * i + 1].values if 2 * i + 1 < len(figure.series) else ()
        out.append({"label": label, "x": xs, "y": ys})
    return out


def _scatter_panels(figure: Figure) -> MplFigure:
    panels = _panels(figure)
    n = max(len(panels), 1)
    fig = _new_figure(2.75)
    axes = fig.subplots(1, n, sharex=True, sharey=True, squeeze=False)[0]
    for ax, panel in zip(axes, panels):
        pairs = [(float(x), float(y)) for x, y in zip(panel["x"], panel["y"])
                 if x is not None and y is not None]
        # Identical answers overlap: draw each distinct point once, sized by its count.
        counts: dict[tuple[float, float], int] = {}
        for pair in pairs:
            counts[pair] = counts.get(pair, 0) + 1
        points = sorted(counts.items())
        if points:
            ax.scatter([p[0][0] for p in points], [p[0][1] for p in points],
                       s=[14 + 10 * (c - 1) for _, c in points], color=COLOURS["punt"],
                       alpha=0.55, linewidths=0)
            mx = sum(p[0] for p in pairs) / len(pairs)
            my = sum(p[1] for p in pairs) / len(pairs)
            ax.scatter([mx], [my], marker="D", s=34, color=COLOURS["gemiddelde"],
                       edgecolors="white", linewidths=0.8, zorder=3)
        ax.set_title(panel["label"], loc="left", fontsize=8.5, color=INK)
        ax.set_xlim(0.5, 10.5)
        ax.set_ylim(0.5, 10.5)
        ax.set_xticks([1, 4, 7, 10])
        ax.set_yticks([1, 4, 7, 10])
        ax.xaxis.set_major_formatter(FuncFormatter(_tick_label))
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_label))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(True, color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    if figure.y_label:
        axes[0].set_ylabel(figure.y_label)
    if figure.x_label:
        fig.supxlabel(figure.x_label, fontsize=8.5, y=0.02)
    handles = [
        (axes[0].scatter([], [], s=14, color=COLOURS["punt"], alpha=0.55, linewidths=0),
         "Deelnemer (grotere stip: meer deelnemers met dezelfde scores)"),
        (axes[0].scatter([], [], marker="D", s=34, color=COLOURS["gemiddelde"],
                         edgecolors="white"), "Gemiddelde"),
    ]
    fig.legend(*zip(*handles), loc="upper center", ncol=2, bbox_to_anchor=(0.5, 1.0),
               handletextpad=0.4, columnspacing=1.8)
    fig.subplots_adjust(left=0.09, right=0.99, bottom=0.24, top=0.80, wspace=0.12)
    return fig


#: Line charts (`lines`): one style per series key, the words in the legend.
LINE_STYLES = {
    "instelling": {"color": "#1f4e79", "linestyle": "-", "marker": "o", "linewidth": 1.8},
    "sector": {"color": "#5f6368", "linestyle": "--", "marker": "s", "linewidth": 1.3},
}


def _lines(figure: Figure) -> MplFigure:
    """Lines over the categories (years), values in percent; `extra["norm"]` (a number)
    draws a dotted reference line, named `extra["norm_label"]` in the legend. The values
    belong in a table next to the chart. Width: `extra["breedte_in"]` (default the text
    column), height `extra["hoogte_in"]`."""
    fig = MplFigure(figsize=(figure.extra.get("breedte_in", COLUMN_WIDTH_IN),
                             figure.extra.get("hoogte_in", 2.4)))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    x = list(range(len(figure.categories)))
    top = 0.0
    handles = []
    for idx, s in enumerate(figure.series):
        points = [(i, float(v)) for i, v in zip(x, s.values) if v is not None]
        if not points:
            continue
        style = LINE_STYLES.get(s.key, {"color": FALLBACK[idx % len(FALLBACK)],
                                        "marker": "o", "linewidth": 1.5})
        (line,) = ax.plot([p[0] for p in points], [p[1] for p in points], markersize=4,
                          label=s.label, **style)
        handles.append((line, s.label))
        top = max(top, *(p[1] for p in points))
    norm = figure.extra.get("norm")
    if norm is not None:  # named in the legend: a label on the chart would cross a line
        line = ax.axhline(float(norm), color="#e08e45", linewidth=1.2, linestyle=":")
        handles.append((line, figure.extra.get("norm_label") or "norm"))
        top = max(top, float(norm))
    ax.set_xticks(x)
    ax.set_xticklabels(figure.categories)
    ax.set_xlim(-0.3, max(len(x) - 1, 1) + 0.3)
    ax.set_ylim(0, max(100.0, top * 1.1))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_pct(round(v))))
    _style_axes(ax, "y")
    ax.tick_params(axis="x", length=0)
    if figure.y_label:
        ax.set_ylabel(figure.y_label)
    _legend(fig, ax, handles, ncol=len(handles))
    _fit(fig, ax, legend=bool(handles))
    return fig


def _new_figure(height_in: float) -> MplFigure:
    fig = MplFigure(figsize=(COLUMN_WIDTH_IN, height_in))
    FigureCanvasAgg(fig)  # a canvas to measure text with; not registered with pyplot
    return fig


def _fit(fig: MplFigure, ax, legend: bool) -> None:
    """Leave room for tick labels on the left and the legend below (in inches)."""
    fig_w, fig_h = fig.get_size_inches()
    renderer = fig.canvas.get_renderer()
    labels = ax.get_yticklabels()
    label_w = max((t.get_window_extent(renderer).width for t in labels), default=0) / fig.dpi
    ylabel_w = 0.22 if ax.get_ylabel() else 0.0
    left = (label_w + ylabel_w + 0.12) / fig_w
    bottom_in = 0.32 + (0.22 if ax.get_xlabel() else 0.0) + (0.32 if legend else 0.0)
    fig.subplots_adjust(left=min(left, 0.45), right=0.97, top=1 - 0.12 / fig_h,
                        bottom=bottom_in / fig_h)


DRAWERS = {
    "scatter_panels": _scatter_panels,
    "stacked_bar": _stacked_bar,
    "stacked_barh": _stacked_barh,
    "stacked_pct_barh": lambda f: _stacked_barh(f, percent=True),
    "lines": _lines,
}


def _empty(figure: Figure) -> MplFigure:
    """A figure without data (e.g. no workload monitor yet): a calm, explicit notice."""
    fig = _new_figure(1.2)
    fig.text(0.5, 0.5, f"Geen gegevens beschikbaar: {figure.title}", ha="center",
             va="center", color=MUTED, fontsize=9)
    return fig


def _is_empty(figure: Figure) -> bool:
    if figure.extra.get("leeg"):
        return True
    if figure.kind == "scatter_panels":
        return not any(len(p["x"]) for p in _panels(figure))
    return not any(_num(v) for s in figure.series for v in s.values)


def render_chart(figure: Figure) -> str:
    """One figure (or one part of it) -> SVG text (deterministic)."""
    register_fonts()
    drawer = DRAWERS.get(figure.kind)
    if drawer is None:
        raise ValueError(f"onbekend figuurtype '{figure.kind}' voor figuur '{figure.key}'")
    with matplotlib.rc_context(RC):
        fig = _empty(figure) if _is_empty(figure) else drawer(figure)
        try:
            buf = io.StringIO()
            # Transparent background: the page shows through, so a draft's CONCEPT
            # watermark stays visible behind a full-width chart.
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "reportgen"},
                        facecolor="none")
        finally:
            _close(fig)
    return buf.getvalue()


def _close(fig: MplFigure) -> None:
    """Release a figure. Our figures never enter pyplot's registry, but close defensively."""
    import matplotlib.pyplot as plt

    plt.close(fig)
    fig.clear()


def render_charts(figures: Mapping[str, Figure]) -> dict[str, tuple[str, ...]]:
    """figure key -> its SVG parts (one, or several for a long bar chart), in order."""
    return {key: tuple(render_chart(part) for part in split_parts(figure))
            for key, figure in figures.items()}
