"""Charts: every figure of the report renders to a standalone, deterministic SVG.

The figures are those of the synthetic report (conftest `report`: data through the real
pipeline), drawn once per session (`report_svgs`, shared with the PDF test)."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import matplotlib.pyplot as plt
import pytest

from reportgen import charts
from reportgen.view.figures import FigureView, SeriesView


@pytest.fixture(scope="module")
def figures(report):
    return report.view.figuren


def test_every_figure_renders_to_svg(figures, report_svgs):
    assert list(report_svgs) == list(figures)
    for key, parts in report_svgs.items():
        assert len(parts) == 1, key  # three institutions: every chart fits one part
        svg = parts[0]
        assert svg.lstrip().startswith("<?xml"), key
        assert "<svg" in svg and svg.rstrip().endswith("</svg>"), key
        # Text is drawn as paths: the SVG needs no fonts when embedded as an image.
        assert "<text" not in svg, key
        # Standalone: only internal references; labels (an institution named like an
        # <img> tag in the fixture) stay escaped text inside comments.
        assert not re.search(r'href="(?!#)', svg), key
        assert "<img" not in svg and "<image" not in svg, key


def test_charts_are_deterministic(figures, report_svgs):
    # one figure of every kind again: the same data gives the same bytes
    one_per_kind = {}
    for key, figure in figures.items():
        one_per_kind.setdefault(figure.kind, key)
    # every kind the report draws ('lines' is the factsheets' trend, tested there)
    assert set(one_per_kind) == set(charts.DRAWERS) - {"lines"}
    again = charts.render_charts({k: figures[k] for k in one_per_kind.values()})
    assert again == {k: report_svgs[k] for k in one_per_kind.values()}
    assert "Date" not in "".join(re.findall(r"<metadata>.*?</metadata>",
                                            report_svgs["werkdruk"][0], re.S))


def test_no_open_figures_afterwards(report_svgs):
    assert plt.get_fignums() == []


def test_contract_form_colours_are_consistent(report_svgs):
    vast, toegezegd, tijdelijk, inloop = (charts.COLOURS[k] for k in
                                          ("vast", "toegezegd_vast", "tijdelijk", "inloop"))
    svg = {key: "".join(parts) for key, parts in report_svgs.items()}
    for key in ("fte_per_instelling", "functies_wetenschappelijk", "functies_ondersteunend",
                "dataspecialisten"):
        assert vast in svg[key] and tijdelijk in svg[key], key
    assert inloop in svg["fte_per_instelling"]
    assert toegezegd in svg["functies_wetenschappelijk"]
    assert len({vast, toegezegd, tijdelijk, inloop}) == 4


@pytest.mark.parametrize("value, expected", [
    (0, "0"), (2.5, "2,5"), (10.0, "10"), (12.25, "12,25"), (1500, "1.500"),
])
def test_axis_ticks_use_dutch_number_format(value, expected):
    assert charts._tick_label(value) == expected


def test_value_labels_use_fte_format(figures):
    assert charts._value_label(Decimal("41.475"), figures["fte_per_instelling"]) == "41,48"


def test_series_colour_falls_back_to_label():
    s = SeriesView("Tijdelijk toegezegd vast", (Decimal(1),))
    assert charts._colour(s, 0) == charts.COLOURS["toegezegd_vast"]


def test_empty_figure_renders_a_notice(figures):
    fig = dataclasses.replace(figures["werkdruk"], extra={"leeg": True, "panels": ()})
    svg = charts.render_chart(fig)
    assert "<svg" in svg
    assert plt.get_fignums() == []


def test_unknown_kind_is_an_error():
    fig = FigureView(key="x", kind="taart", title="x", categories=(), series=())
    with pytest.raises(ValueError, match="taart"):
        charts.render_chart(fig)
