"""Charts: every figure of the model renders to a standalone, deterministic SVG."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import matplotlib.pyplot as plt
import pytest

from reportgen import charts
from reportgen.model import Figure, Series

from render_fixtures import make_model


@pytest.fixture(scope="module")
def model():
    return make_model()


@pytest.fixture(scope="module")
def svgs(model):
    return charts.render_charts(model)


def test_every_figure_renders_to_svg(model, svgs):
    assert list(svgs) == list(model.figuren)
    for key, svg in svgs.items():
        assert svg.lstrip().startswith("<?xml"), key
        assert "<svg" in svg and svg.rstrip().endswith("</svg>"), key
        # Text is drawn as paths: the SVG needs no fonts when embedded as an image.
        assert "<text" not in svg, key
        # Standalone: only internal references; labels (an institution named like an
        # <img> tag in the fixture) stay escaped text inside comments.
        assert not re.search(r'href="(?!#)', svg), key
        assert "<img" not in svg and "<image" not in svg, key


def test_charts_are_deterministic(model, svgs):
    again = charts.render_charts(model)
    assert again == svgs
    assert "Date" not in "".join(re.findall(r"<metadata>.*?</metadata>", svgs["werkdruk"], re.S))


def test_no_open_figures_afterwards(svgs):
    assert plt.get_fignums() == []


def test_contract_form_colours_are_consistent(svgs):
    vast, toegezegd, tijdelijk, inloop = (charts.COLOURS[k] for k in
                                          ("vast", "toegezegd_vast", "tijdelijk", "inloop"))
    for key in ("fte_per_umc", "functies_wetenschappelijk", "functies_ondersteunend",
                "dataspecialisten"):
        assert vast in svgs[key] and tijdelijk in svgs[key], key
    assert inloop in svgs["fte_per_umc"]
    assert toegezegd in svgs["functies_wetenschappelijk"]
    assert len({vast, toegezegd, tijdelijk, inloop}) == 4


@pytest.mark.parametrize("value, expected", [
    (0, "0"), (2.5, "2,5"), (10.0, "10"), (12.25, "12,25"), (1500, "1.500"),
])
def test_axis_ticks_use_dutch_number_format(value, expected):
    assert charts._tick_label(value) == expected


def test_value_labels_use_fte_format(model):
    fig = model.figuren["fte_per_umc"]
    assert charts._value_label(Decimal("41.475"), fig) == "41,48"


def test_series_colour_falls_back_to_label():
    s = Series("Tijdelijk toegezegd vast", (Decimal(1),))
    assert charts._colour(s, 0) == charts.COLOURS["toegezegd_vast"]


def test_empty_figure_renders_a_notice(model):
    fig = dataclasses.replace(model.figuren["werkdruk"], extra={"leeg": True, "panels": ()})
    svg = charts.render_chart(fig)
    assert "<svg" in svg
    assert plt.get_fignums() == []


def test_unknown_kind_is_an_error():
    fig = Figure(key="x", kind="taart", title="x", categories=(), series=())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="taart"):
        charts.render_chart(fig)
