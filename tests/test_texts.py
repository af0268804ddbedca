"""The text stage: Jinja placeholders in a sandbox, Markdown to safe HTML, missing texts.

Fast: the model of the synthetic report (conftest `report`, made by the real pipeline),
in-memory TextFiles, the keys of its text plan; no PDF.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_data import INJECTIE_NAAM

from reportgen import texts as T
from reportgen import view
from reportgen.dataset import TextFile
from reportgen.errors import errors_of, warnings_of


@pytest.fixture(scope="module")
def model(report):
    return report.model


def render_all(report, sources: dict[str, str], draft: bool = False, prepared=None):
    """Render `sources` (key -> Markdown) as the pipeline does: the keys of the outline's
    text plan, the view's text context, the figures and tables the report knows."""
    prepared = prepared or report
    model = prepared.model
    parts = view.prepare(model)
    plan = view.text_plan(prepared.outline, model)
    teksten = {key: TextFile(key=key, path=T.text_path(model.jaar, key), source=src)
               for key, src in sources.items()}
    known = ({f"tabel:{k}" for k in parts.tabellen} | {f"figuur:{k}" for k in parts.figuren}
             | {"figuur:themamatrix"})
    return T.render_texts(teksten, plan.keys, view.text_context(model, parts),
                          jaar=model.jaar, optional=plan.optional, known_refs=known,
                          draft=draft)


def all_texts(prepared, **overrides: str) -> dict[str, str]:
    sources = {key: "Een korte tekst.\n" for key in prepared.view.tekst.plan.keys}
    sources.update(overrides)
    return sources


@pytest.fixture(scope="module")
def render(report):
    def run(model, source: str, key: str = "samenvatting", draft: bool = False):
        """Render one text inside a complete set; return (html, problems of that text)."""
        out, problems = render_all(report, all_texts(report, **{key: source}), draft=draft)
        return str(out[key]), [p for p in problems if p.file == T.text_path(model.jaar, key)]
    return run


# ----------------------------------------------------------------------- placeholders


def test_placeholders_use_dutch_formatting(model, render):
    src = (
        "Peildatum {{ peildatum | datum }}: {{ formatie.structureel_fte | fte }} fte "
        "({{ formatie.structureel_pct | pct }}), besteed {{ financien.besteed_totaal | euro }}"
        " van {{ sectorplan.budget_per_jaar | euro_rond }} per jaar; "
        "{{ personen.totaal | getal }} personen in {{ jaar }}, basisjaar "
        "{{ sectorplan.basisjaar }}."
    )
    html, problems = render(model, src)
    assert problems == []
    f = model.formatie
    from reportgen.formatting import fmt_euro, fmt_fte, fmt_pct

    assert f"Peildatum 31 december 2028: {fmt_fte(f.structureel_fte)} fte" in html
    assert f"({fmt_pct(f.structureel_pct)})" in html
    assert fmt_euro(model.financien.besteed_totaal).replace(" ", "\u00a0") in html
    assert "€\u00a040.000.000 per jaar" in html
    assert "in 2028, basisjaar 2023." in html
    assert re.search(r"\d+,\d\d fte", html)  # decimal comma


def test_if_lets_a_sentence_follow_the_data(model, render):
    src = (
        "De realisatie ligt\n"
        "{% if formatie.structureel_pct >= 90 %}\nboven\n{% else %}\nonder\n{% endif %}\n"
        "de norm.\n"
    )
    html, problems = render(model, src)
    assert problems == []
    word = "boven" if model.formatie.structureel_pct >= 90 else "onder"
    assert f"<p>De realisatie ligt\n{word}\nde norm.</p>" in html  # one paragraph


def test_tag_lines_vanish_and_inline_tags_keep_paragraphs(model, render):
    src = (
        "Eerste alinea{% if jaar > 2000 %} met een staart.{% endif %}\n"
        "\n"
        "{% set n = personen.totaal %}\n"
        "{% if n > 0 %}\n"
        "Tweede alinea.\n"
        "{% endif %}\n"
        "\n"
        "Derde {{ onbekend }}.\n"
    )
    html, problems = render(model, src, draft=True)
    assert html.count("<p>") == 3
    assert "<p>Eerste alinea met een staart.</p>" in html
    assert [(p.line, p.value) for p in problems] == [(8, "{{ onbekend }}")]


def test_prose_helpers(model, render):
    src = (
        "{{ instellingen | length | woorden }} umc's en {{ kpis | length | woorden }} KPI's; "
        "{{ 21 | woorden }}; {{ instellingen | map(attribute='code') | opsomming }}; "
        "{% set w = indicator('werkdruk') %}{{ w.waarde | getal(1) }} ({{ w.basisjaar }}); "
        "{{ (formatie.structureel_pct - 0.5) | pct }}; {{ jaar + 1 }}\n"
    )
    html, problems = render(model, src)
    assert problems == []
    codes = [i.code for i in model.instellingen]
    assert html.startswith(f"<p>drie umc's en twintig KPI's; 21; {codes[0]}, {codes[1]} en {codes[2]}; ")
    from reportgen.formatting import fmt_getal, fmt_pct

    w = model.kpis["werkdruk"].indicatoren[0]
    assert f"{fmt_getal(w.waarde, 1)} (2023)" in html
    assert f"; {fmt_pct(model.formatie.structureel_pct - Decimal('0.5'))}; " in html
    assert html.rstrip().endswith("; 2029</p>")
    _html, problems = render(model, "{{ indicator('bestaat_niet').waarde | pct }}\n")
    assert problems and problems[0].line == 1


def test_unknown_placeholder_is_an_error_with_file_and_line(model, render):
    src = "Eerste regel.\n\nDe formatie is {{ formatie.structuur_fte | fte }} fte.\n"
    _html, problems = render(model, src)
    assert len(problems) == 1
    p = problems[0]
    assert p.is_error
    assert p.file == "2028/teksten/samenvatting.md"
    assert p.line == 3
    assert p.value == "{{ formatie.structuur_fte | fte }}"
    assert "structureel_fte" in p.expected  # suggestion
    assert "bestaat" in p.expected


def test_all_problems_are_collected_not_just_the_first(model, render):
    src = "{{ onbekend1 }}\n\n{{ formatie.nergens | fte }}\n\n{{ jaar }} {{ onbekend3 }}\n"
    _html, problems = render(model, src)
    assert [(p.line, p.value) for p in problems] == [
        (1, "{{ onbekend1 }}"),
        (3, "{{ formatie.nergens | fte }}"),
        (5, "{{ onbekend3 }}"),
    ]


def test_draft_shows_marker_and_warns(model, render):
    src = "Formatie: {{ formatie.structuur_fte | fte }} fte.\n"
    html, problems = render(model, src, draft=True)
    assert '<span class="ontbreekt">[onbekend: formatie.structuur_fte]</span>' in html
    assert problems and all(p.severity == "warning" for p in problems)
    assert problems[0].line == 1


def test_unknown_name_in_if_is_reported(model, render):
    src = "a\n{% if werkdruk.gemiddelde_oud > 5 %}hoog{% else %}laag{% endif %}\n"
    html, problems = render(model, src, draft=True)
    assert "laag" in html
    assert [(p.line, p.value) for p in problems] == [(2, "{% if werkdruk.gemiddelde_oud > 5 %}")]


def test_syntax_error_names_line_and_does_not_crash(model, render):
    src = "Goed.\n\nHier {{ formatie.structureel_fte | fte\nen verder.\n"
    html, problems = render(model, src, draft=True)
    assert len(problems) == 1 and problems[0].line == 3
    assert "Jinja" in problems[0].expected or "accolades" in problems[0].expected
    assert 'class="ontbreekt"' in html  # visible in a draft
    _html, problems = render(model, src)
    assert errors_of(problems)


def test_unknown_filter_and_unclosed_if(model, render):
    _html, problems = render(model, "x\n{{ jaar | eur }}\n")
    assert problems[0].line == 2 and "'eur'" in problems[0].expected
    assert "euro" in problems[0].expected
    _html, problems = render(model, "{% if jaar > 2024 %}\nopen\n")
    assert errors_of(problems) and "endif" in problems[0].expected


def test_filter_failure_is_a_problem(model, render):
    src = "Regel een.\n{{ sectorplan.sectorplan | euro }}\n"
    html, problems = render(model, src, draft=True)
    assert len(problems) == 1 and problems[0].line == 2
    assert "euro" in problems[0].expected and "getal" in problems[0].expected
    assert "[fout in invulveld: sectorplan.sectorplan]" in html


def test_number_without_filter_and_none_values_are_problems(model, render):
    html, problems = render(model, "{{ formatie.structureel_fte }}\n", draft=True)
    assert "opmaakfilter" in problems[0].expected
    assert "[opmaak ontbreekt: formatie.structureel_fte]" in html
    html, problems = render(model, "{{ none | pct }}\n", draft=True)
    assert "geen waarde" in problems[0].expected
    assert "[geen gegevens" in html


@pytest.mark.parametrize(
    "expr",
    [
        "''.__class__",
        "''.__class__.__mro__[1].__subclasses__()",
        "formatie.__dict__",
        "jaar.__class__.__init__.__globals__",
        "instellingen.__len__()",
        "kpis.clear()",
    ],
)
def test_sandbox_blocks_internal_attributes(model, expr, render):
    html, problems = render(model, "Probeer: {{ " + expr + " }}\n")
    assert errors_of(problems), expr
    assert problems[0].line == 1
    assert "__" not in html.replace(expr.replace("'", "&#x27;"), "")  # only echoed in marker


def test_include_is_refused(model, render):
    _html, problems = render(model, "{% include 'brief' %}\n")
    assert errors_of(problems) and problems[0].line == 1


# ----------------------------------------------------------------------- escaping


def test_raw_html_in_a_text_is_escaped(model, render):
    src = (
        "<script>alert('x')</script>\n\n"
        "Tekst <img src=\"file:///etc/passwd\" onerror=alert(1)> en <b>vet</b>.\n\n"
        "<div class=\"ontbreekt\">nep</div>\n"
    )
    html, problems = render(model, src)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<div" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=" in html


def test_values_from_placeholders_are_escaped_and_not_markdown(model, render):
    # The fixture's third institution is named like an HTML injection.
    src = "Instelling: {{ instellingen[2].naam }}; {{ '*geen nadruk*' }} {{ '[[x' }}\n"
    html, problems = render(model, src)
    assert problems == []
    assert INJECTIE_NAAM not in html
    assert "&lt;img src=&#x27;file:///etc/passwd&#x27;&gt;" in html
    assert "*geen nadruk*" in html and "<em>" not in html


def test_markdown_images_are_dropped_and_links_show_their_url(model, render):
    src = (
        "![logo](https://example.org/logo.png) zie [ZonMw](https://www.zonmw.nl) of "
        "<https://www.sectorplan-mgw.nl> of [mail](mailto:info@example.org) "
        "[kwaad](javascript:alert(1)) [lokaal](file:///etc/passwd)\n"
    )
    html, problems = render(model, src)
    assert "<img" not in html and "logo" in html
    assert '<a href="https://www.zonmw.nl">ZonMw</a> (https://www.zonmw.nl)' in html
    assert '<a href="https://www.sectorplan-mgw.nl">https://www.sectorplan-mgw.nl</a>' in html
    assert "(info@example.org)" in html
    assert 'href="javascript' not in html and 'href="file' not in html
    assert all(not p.is_error for p in problems)
    assert any("afbeelding" in p.expected for p in problems)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'/=ab *_[]()!^`{}%#\n-:")), max_size=80))
def test_no_text_can_inject_markup(source):
    text = TextFile(key="x", path="2028/teksten/x.md", source=source + "<script>x</script>")
    html, _problems = T.render_text(text, {"jaar": 2028}, draft=True)
    tags = set(re.findall(r"<([a-z0-9]+)", str(html)))
    assert tags <= {"p", "em", "strong", "code", "pre", "span", "div", "h4", "h5", "br", "a",
                    "blockquote", "aside", "ul", "ol", "li", "hr"}
    assert "<script" not in str(html)


# ----------------------------------------------------------------------- conventions


def test_subheading_becomes_tussenkop_with_id(model, render):
    src = "Intro.\n\n## Kernbevindingen en conclusie op hoofdlijnen\n\nTekst.\n\n" \
          "## Aanbevelingen en vervolg\n\nMeer.\n"
    html, problems = render(model, src)
    assert problems == []
    assert (
        '<h4 class="tussenkop" id="samenvatting-kernbevindingen-en-conclusie-op-hoofdlijnen">'
        "Kernbevindingen en conclusie op hoofdlijnen</h4>" in html
    )
    assert T.tussenkoppen(html) == [
        ("samenvatting-kernbevindingen-en-conclusie-op-hoofdlijnen",
         "Kernbevindingen en conclusie op hoofdlijnen"),
        ("samenvatting-aanbevelingen-en-vervolg", "Aanbevelingen en vervolg"),
    ]


def test_quote_with_source(model, render):
    src = "> Dankzij de vaste aanstelling kan ik\n> vooruit plannen.\n>\n" \
          "> — Anna Voorbeeld (Fictief UMC)\n"
    html, problems = render(model, src)
    assert problems == []
    assert html.startswith('<blockquote class="citaat">')
    assert '<p class="citaat-bron">— Anna Voorbeeld (Fictief UMC)</p>\n</blockquote>' in html
    _html, problems = render(model, "> Alleen een citaat zonder bron.\n")
    assert problems and not problems[0].is_error


def test_kader_block(model, render):
    src = "Voor.\n\n```kader Voorbeeld: landelijk netwerk\nEen **fictief** initiatief in " \
          "{{ jaar }}.\n\n- punt een\n```\n\nNa.\n"
    html, problems = render(model, src)
    assert problems == []
    assert '<aside class="kader">\n<h4>Voorbeeld: landelijk netwerk</h4>\n' in html
    assert "<p>Een <strong>fictief</strong> initiatief in 2028.</p>" in html
    assert "<li>punt een</li>" in html and html.rstrip().endswith("<p>Na.</p>")


def test_footnote(model, render):
    src = "De onderbesteding wordt ingelopen.^[Zie de toelichting in [[tabel:besteding]] " \
          "voor {{ jaar }}.] Verder.\n"
    html, problems = render(model, src)
    assert problems == []
    assert ('ingelopen.<span class="voetnoot">Zie de toelichting in [[tabel:besteding]] voor '
            "2028.</span> Verder.") in html


def test_references_survive(model, render):
    src = "Zie [[figuur:werkdruk]], [[tabel:besteding]] en *[[Tabel:realisatie_fte]]*.\n"
    html, problems = render(model, src)
    assert problems == []
    assert "[[figuur:werkdruk]]" in html and "[[tabel:besteding]]" in html
    assert "<em>[[Tabel:realisatie_fte]]</em>" in html


def test_unknown_reference_is_reported(model, render):
    _html, problems = render(model, "Eerst.\nZie [[figuur:bestaatniet]].\n")
    assert problems[0].line == 2 and problems[0].value == "[[figuur:bestaatniet]]"


# ----------------------------------------------------------------------- missing texts


def test_missing_texts_are_errors_naming_each_path(report):
    sources = all_texts(report)
    del sources["brief"], sources["kpi_7"]
    out, problems = render_all(report, sources)
    errors = errors_of(problems)
    assert {p.file for p in errors} == {"2028/teksten/brief.md", "2028/teksten/kpi_7.md"}
    assert "brief" not in out


def test_missing_texts_in_draft_are_warnings_and_the_view_shows_a_placeholder(report):
    sources = all_texts(report)
    del sources["kpi_7"]
    sources["brief"] = "   \n"  # empty counts as missing
    out, problems = render_all(report, sources, draft=True)
    assert errors_of(problems) == []
    assert {p.file for p in warnings_of(problems)} >= {"2028/teksten/kpi_7.md",
                                                         "2028/teksten/brief.md"}
    assert all("concept" in p.expected for p in warnings_of(problems))
    # The stage delivers only what exists; the placeholder is the view's (view.Texts).
    assert "kpi_7" not in out and "brief" not in out
    tekst = view.build_view(report.model, view.prepare(report.model), report.outline, out,
                            report.view.tekst.plan, draft=True, data_name="data").tekst
    assert str(tekst("kpi_7")) == (
        '<div class="ontbreekt tekst-ontbreekt">[Tekst ontbreekt: data/2028/teksten/kpi_7.md]'
        "</div>")
    assert "data/2028/teksten/brief.md" in str(tekst("brief"))


def test_no_texts_at_all_in_draft(report):
    out, problems = render_all(report, {}, draft=True)
    plan = report.view.tekst.plan
    assert out == {}
    assert plan.optional == frozenset()  # an evaluation may leave nothing out
    assert sorted(p.file for p in problems) == sorted(
        T.text_path(2028, k) for k in plan.keys)
    assert all(p.severity == "warning" for p in problems)


def test_kpi_keys_come_from_the_model(report):
    keys = report.view.tekst.plan.keys
    assert {k.tekst for k in report.model.kpis.values()} <= set(keys)
    assert "kpi_continuiteit_personeel" in keys and "kpi_20" in keys
    assert "subthema_geneesmiddelen_conclusie" in keys and "thema_preventie" in keys


def test_progress_report_may_omit_letter_and_conclusions(progress_report):
    plan = progress_report.view.tekst.plan
    assert {"brief", "samenwerking_conclusie", "subthema_klinisch_conclusie"} <= plan.optional
    sources = {k: "Een korte tekst.\n" for k in plan.keys if k not in plan.optional}
    out, problems = render_all(None, sources, prepared=progress_report)
    assert problems == []
    assert "brief" not in out


def test_unknown_text_file_is_a_warning(report):
    sources = all_texts(report, kpi_07="Tikfout in de naam.\n")
    out, problems = render_all(report, sources)
    assert errors_of(problems) == []
    (w,) = warnings_of(problems)
    assert w.file == "2028/teksten/kpi_07.md" and "kpi_7" in w.expected


def test_rendering_is_deterministic(report):
    sources = all_texts(report, samenvatting="{{ jaar }} *x*^[n] [[tabel:besteding]]\n")
    a = render_all(report, sources, draft=True)
    b = render_all(report, sources, draft=True)
    assert a == b


# ----------------------------------------------------------------------- the real texts


def test_the_2025_texts_render_without_problems(example_2025):
    """The example's texts of the mid-term evaluation, through the whole pipeline (a final
    build: any text problem would have raised)."""
    plan = example_2025.view.tekst.plan
    out = example_2025.view.tekst.texts
    assert [str(p) for p in example_2025.problems if "/teksten/" in p.file] == []
    assert set(plan.required()) <= set(out)
    samenvatting = str(out["samenvatting"])
    assert [t for _i, t in T.tussenkoppen(samenvatting)] == [
        "Kernbevindingen en conclusie op hoofdlijnen",
        "Aanbevelingen en vervolg",
    ]
    # Golden figures of the seed report, recomputed from the data and printed by the texts.
    text = " ".join(str(v) for v in out.values())
    for figure in ("87%", "97%", "80%", "324,95 fte", "582"):
        assert figure in text, figure
    assert str(example_2025.view.publicatiedatum) == "2026-06-01"


def test_a_line_with_text_between_tags_keeps_its_line_break():
    from reportgen.texts.sandbox import _TAG_LINE_RE

    assert _TAG_LINE_RE.fullmatch("{% set x = 1 %}  {# note #}")
    # text between two tags: not a tag-only line, so it is not merged with the next one
    assert not _TAG_LINE_RE.fullmatch("{% if a %}De realisatie steeg.{% endif %}")
