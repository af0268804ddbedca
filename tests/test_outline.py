"""The outline (opbouw.toml): reading it (every mistake named with the file and its line),
expanding it for one report (themes and subthemes from subthemas.csv, KPIs placed by their
`sectie`, "@overige", empty sections left out, [na_kpi]) and the texts it asks for, in
report order, with what a report type may leave out (view.text_plan)."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest
from markupsafe import Markup

from model_builders import dataset_from_tables
from report_data import EXAMPLE_OUTLINE, report_files, report_tables
from reportgen import view
from reportgen.compute import build_model
from reportgen.outline import parse_outline, read_outline
from reportgen.resources import templates_dir
from reportgen.view.structure import BlockView, SectionView

SOURCE = "referentie/opbouw.toml"


def parse(text: str):
    return parse_outline(text, SOURCE)


def outline_of(text: str):
    found, problems = parse(text)
    assert found is not None, [str(p) for p in problems]
    return found


def problems_of(text: str) -> list[tuple]:
    found, problems = parse(text)
    assert found is None and problems
    assert all(p.file == SOURCE and p.is_error for p in problems)
    return [(p.line, p.column, p.value) for p in problems]


BASE = '''voorwerk = ["omslag"]

[[hoofdstuk]]
id = "a"
titel = "A"
inhoud = ["tekst:a"]

[[hoofdstuk]]
id = "b"
titel = "B"
'''


# ------------------------------------------------------------------ reading


def test_the_shipped_outlines_are_valid():
    for path, source in ((EXAMPLE_OUTLINE, SOURCE),
                         (templates_dir() / "opbouw.toml", "templates/opbouw.toml")):
        found, problems = read_outline(path, source)
        assert problems == [] and found is not None and found.bron == source


def test_a_minimal_outline():
    o = outline_of(BASE)
    assert o.voorwerk == ("omslag",)
    assert [(s.id, s.titel, s.niveau, s.genummerd) for s in o.hoofdstukken] == [
        ("a", "A", 1, True), ("b", "B", 1, True)]
    assert o.hoofdstukken[0].inhoud[0].soort == "tekst"
    assert o.mag_ontbreken == {} and o.na_kpi == {}


def test_unknown_block_kind_names_its_line():
    assert problems_of(BASE + 'inhoud = ["grafiek:x"]\n') == [(11, "inhoud", "grafiek:x")]


def test_unknown_key_names_its_line():
    assert problems_of(BASE + 'kleur = "blauw"\n') == [(11, "kleur", "kleur")]
    assert problems_of('onbekend = 1\n' + BASE) == [(1, "onbekend", "onbekend")]


def test_duplicate_id_names_the_line_of_the_repeat():
    text = BASE.replace('id = "b"', 'id = "a"')
    assert problems_of(text) == [(9, "id", "a")]


def test_per_thema_inside_a_theme_names_its_line():
    text = BASE + '''
  [[hoofdstuk.paragraaf]]
  per = "thema"
  id = "t-{code}"
  titel = "{naam}"

    [[hoofdstuk.paragraaf.paragraaf]]
    per = "thema"
    id = "x-{code}"
    titel = "{naam}"
'''
    assert problems_of(text) == [(18, "per", "thema")]


def test_per_must_be_a_theme_or_subtheme_and_the_id_needs_code():
    assert problems_of(BASE + 'per = "hoofdstuk"\n') == [(11, "per", "hoofdstuk")]
    assert problems_of(BASE + 'per = "thema"\n') == [(9, "id", "b")]


def test_wrong_values_name_their_line():
    assert problems_of(BASE + 'kpi_kop = "ja"\n') == [(11, "kpi_kop", "ja")]
    second = BASE.replace('titel = "A"\n', 'titel = "A"\nkpi_kop = true\n') + 'kpi_kop = "ja"\n'
    assert problems_of(second) == [(12, "kpi_kop", "ja")]  # not the valid one above
    assert problems_of('voorwerk = ["omslag", "achterkant"]\n' + BASE[BASE.index("[["):]) == [
        (1, "voorwerk", "['omslag', 'achterkant']")]
    assert problems_of('[soorten.jaarverslag]\nmag_ontbreken = ["x"]\n'
                       + BASE[BASE.index("[["):]) == [(1, "soorten", "jaarverslag")]


def test_at_most_three_levels():
    text = BASE + '''
  [[hoofdstuk.paragraaf]]
  id = "c"
  titel = "C"

    [[hoofdstuk.paragraaf.paragraaf]]
    id = "d"
    titel = "D"

      [[hoofdstuk.paragraaf.paragraaf.paragraaf]]
      id = "e"
      titel = "E"
'''
    assert problems_of(text) == [(17, "paragraaf", "d")]
    # the sections after it are still named by their own lines
    text += '\n[[hoofdstuk]]\nid = "f"\ntitel = "F"\nkleur = "rood"\n'
    assert problems_of(text) == [(17, "paragraaf", "d"), (27, "kleur", "kleur")]


def test_broken_toml_and_no_chapters():
    (p,) = parse('voorwerk = ["omslag"\n')[1]
    assert p.file == SOURCE and "TOML" in p.expected
    assert problems_of('voorwerk = []\n') == [(None, "hoofdstuk", None)]


def test_every_problem_is_reported_at_once():
    text = BASE + 'kleur = "blauw"\ninhoud = ["grafiek:x"]\n'
    assert sorted(problems_of(text)) == [(11, "kleur", "kleur"), (12, "inhoud", "grafiek:x")]


# ------------------------------------------------------------------ expansion


def _model(subthemas=None, kpis=None, jaar=2028):
    """A model computed from the synthetic report's data (optionally with other subthemes
    and KPI sections)."""
    tables = report_tables(jaar)
    if subthemas is not None:
        tables["referentie/subthemas"] = subthemas
        tables["referentie/themamatrix"] = []
    if kpis is not None:
        tables["referentie/kpis"] = kpis
        tables["referentie/indicatoren"] = []
    files = {k: tomllib.loads(v) for k, v in report_files("eindevaluatie", jaar).items()}
    return build_model(dataset_from_tables(tables, jaar, files))


@pytest.fixture(scope="module")
def model():
    return _model()


def expand(outline, model, texts=None, drop=()):
    plan = view.text_plan(outline, model)
    rendered = {k: Markup(f"<p>{k}</p>") for k in plan.keys if k not in drop}
    rendered.update(texts or {})
    return view.build_view(model, view.prepare(model), outline, rendered, plan)


def tree(sections) -> list[tuple]:
    """(level, id, title, [what each block shows]) of every section, in report order."""
    out = []
    for chapter in sections:
        for s in chapter.walk():
            shown = []
            for item in s.items:
                if isinstance(item, BlockView):
                    shown.append(f"{item.soort}:{item.sleutel}")
                    shown += [f"na:{b.soort}:{b.sleutel}" for b in item.na]
            out.append((s.niveau, s.id, s.titel, shown))
    return out


THEMES = '''
[[hoofdstuk]]
id = "themas"
titel = "Thema's van {sectorplan}"

  [[hoofdstuk.paragraaf]]
  per = "thema"
  id = "thema-{code}"
  titel = "{naam}"
  inhoud = ["tekst:thema_{code}"]

    [[hoofdstuk.paragraaf.paragraaf]]
    per = "subthema"
    id = "subthema-{code}"
    titel = "{naam}"
    inhoud = ["tekst:subthema_{code}"]
    kpis = "{code}"
    slot = ["conclusie:subthema_{code}_conclusie"]

  [[hoofdstuk.paragraaf]]
  id = "overig"
  titel = "Overige KPI's"
  kpis = "@overige"
'''


def _sub(code, thema, naam, volgorde):
    names = {"preventie": "Preventie", "datagedreven_innovatie": "Datagedreven innovatie"}
    return {"code": code, "thema": thema, "thema_naam": names[thema], "naam": naam,
            "volgorde": str(volgorde)}


def _kpi(code, sectie, volgorde):
    return {"code": code, "nummer": f"KPI {code}", "naam": f"K{code}", "omschrijving": "x",
            "sectie": sectie, "soort": "kwalitatief", "volgorde": str(volgorde)}


def test_themes_and_subthemes_repeat_from_the_data_with_any_codes_and_number():
    subs = [_sub("zeta", "datagedreven_innovatie", "Zeta", 1),
            _sub("alfa", "preventie", "Alfa", 2),
            _sub("beta", "datagedreven_innovatie", "Beta", 3),
            _sub("gamma", "datagedreven_innovatie", "Gamma", 4)]
    kpis = [_kpi("1", "beta", 1), _kpi("2", "zeta", 2), _kpi("3", "nergens", 3)]
    model = _model(subthemas=subs, kpis=kpis)
    rv = expand(outline_of(THEMES), model)
    assert tree(rv.hoofdstukken) == [
        (1, "h-themas", "Thema's van Versnellen op gezondheid", []),
        # themes in the order of their first subtheme, subthemes by volgorde
        (2, "h-thema-datagedreven_innovatie", "Datagedreven innovatie",
         ["tekst:thema_datagedreven_innovatie"]),
        (3, "h-subthema-zeta", "Zeta", ["tekst:subthema_zeta", "kpi:2",
                                        "conclusie:subthema_zeta_conclusie"]),
        (3, "h-subthema-beta", "Beta", ["tekst:subthema_beta", "kpi:1",
                                        "conclusie:subthema_beta_conclusie"]),
        (3, "h-subthema-gamma", "Gamma", ["tekst:subthema_gamma",
                                          "conclusie:subthema_gamma_conclusie"]),
        (2, "h-thema-preventie", "Preventie", ["tekst:thema_preventie"]),
        (3, "h-subthema-alfa", "Alfa", ["tekst:subthema_alfa",
                                        "conclusie:subthema_alfa_conclusie"]),
        # a KPI whose section the outline does not have
        (2, "h-overig", "Overige KPI's", ["kpi:3"]),
    ]


def test_per_subthema_outside_a_theme_repeats_every_subtheme(model):
    o = outline_of('''
[[hoofdstuk]]
per = "subthema"
id = "s-{code}"
titel = "{naam}"
inhoud = ["tekst:s_{code}"]
''')
    ids = [s.id for s in expand(o, model).hoofdstukken]
    assert ids == [f"h-s-{s.code}" for t in model.themas for s in t.subthemas]
    assert len(ids) == 9


def test_kpis_are_placed_by_their_section_with_their_own_heading(model):
    o = outline_of('''
[[hoofdstuk]]
id = "voortgang"
titel = "Voortgang"

  [[hoofdstuk.paragraaf]]
  id = "rust"
  titel = "Rust"
  inhoud = ["tekst:rust"]
  kpis = "rust_en_ruimte"
  kpi_kop = true
  slot = ["conclusie:rust_conclusie"]

    [[hoofdstuk.paragraaf.paragraaf]]
    id = "monitor"
    titel = "Monitor"
    inhoud = ["figuur:werkdruk"]

  [[hoofdstuk.paragraaf]]
  id = "overig"
  titel = "Overig"
  kpis = "@overige"
''')
    rv = expand(o, model)
    rust = rv.hoofdstukken[0].items[0]
    # inhoud, then the subsections, then the KPIs of the section, then the slot
    assert [getattr(i, "sleutel", getattr(i, "id", None)) for i in rust.items] == [
        "rust", "h-monitor", "continuiteit_personeel", "werkdruk", "rust_conclusie"]
    kpi = rust.items[2]
    assert kpi.kop == 3 and kpi.data.naam == "Continuïteit personeel"  # a KpiView
    overig = rv.hoofdstukken[0].items[1]
    placed = {"continuiteit_personeel", "werkdruk"}
    assert [i.sleutel for i in overig.items] == [k for k in model.kpis if k not in placed]
    assert all(i.kop is None for i in overig.items)  # no kpi_kop: no own headings


def test_na_kpi_blocks_follow_the_kpis_text(model):
    o = outline_of('''
[na_kpi]
"14" = ["figuur:dataspecialisten"]

[[hoofdstuk]]
id = "ds"
titel = "Dataspecialisten"
kpis = "dataspecialisten"
''')
    assert tree(expand(o, model).hoofdstukken) == [
        (1, "h-ds", "Dataspecialisten", ["kpi:13", "kpi:14", "na:figuur:dataspecialisten"])]


def test_empty_sections_are_left_out(model):
    o = outline_of('''
[soorten.eindevaluatie]
mag_ontbreken = ["facultatief"]

[[hoofdstuk]]
id = "a"
titel = "A"
inhoud = ["tekst:a"]

  [[hoofdstuk.paragraaf]]
  id = "leeg"
  titel = "Zonder inhoud"
  inhoud = ["tekst:facultatief"]

  [[hoofdstuk.paragraaf]]
  id = "geen-kpis"
  titel = "Geen KPI's"
  kpis = "bestaat_niet"

[[hoofdstuk]]
id = "alleen-leeg"
titel = "Alleen lege paragrafen"

  [[hoofdstuk.paragraaf]]
  id = "ook-leeg"
  titel = "Overig"
  kpis = "@overige"
''')
    # KPI 1's section is not in the outline: "@overige" shows it. The optional text that is
    # not there and the KPI section without KPIs leave no (empty) section behind.
    elsewhere = _model(kpis=[_kpi("1", "rust_en_ruimte", 1)])
    rv = expand(o, elsewhere, drop=("facultatief",))
    assert [(lvl, i) for lvl, i, _, _ in tree(rv.hoofdstukken)] == [
        (1, "h-a"), (1, "h-alleen-leeg"), (2, "h-ook-leeg")]
    # KPI 1 placed in its own section: "@overige" is empty, and so is the whole chapter.
    placed = _model(kpis=[_kpi("1", "bestaat_niet", 1)])
    rv = expand(o, placed, drop=("facultatief",))
    assert [(lvl, i) for lvl, i, _, _ in tree(rv.hoofdstukken)] == [
        (1, "h-a"), (2, "h-geen-kpis")]


def test_titles_use_the_settings_and_appendices_are_numbered_apart(model):
    o = outline_of('''
[[hoofdstuk]]
id = "bijlagen"
titel = "Bijlagen"
bijlagen = true

  [[hoofdstuk.paragraaf]]
  id = "matrix"
  titel = "Inzet per {instelling} ({sectorplan_lang})"
  inhoud = ["themamatrix"]
''')
    (chapter,) = expand(o, model).hoofdstukken
    (appendix,) = chapter.items
    assert isinstance(appendix, SectionView)
    assert appendix.id == "h-bijlage-matrix" and appendix.bijlage and not appendix.genummerd
    assert appendix.titel == ("Inzet per umc (sectorplan Geneeskunde en "
                              "Gezondheidswetenschappen)")
    assert "liggend" in appendix.klassen  # the theme matrix is laid out landscape
    assert chapter.klassen == ("liggend-start",)


# ------------------------------------------------------------------ the text plan


def test_text_keys_in_report_order(model):
    o = outline_of('voorwerk = ["omslag", "brief"]\n' + THEMES + '''
[[hoofdstuk]]
id = "slot"
titel = "Slot"
inhoud = ["tekst:slot", "tabel:besteding", "tekst:a"]
slot = ["conclusie:a"]
''')
    plan = view.text_plan(o, model)
    first_theme = model.themas[0]
    expected = ["brief", f"thema_{first_theme.code}"]
    for sub in first_theme.subthemas:
        expected += [f"subthema_{sub.code}",
                     *[model.kpis[k].tekst for k in sub.kpis],
                     f"subthema_{sub.code}_conclusie"]
    assert list(plan.keys[:len(expected)]) == expected
    assert plan.keys[-2:] == ("slot", "a")  # "a" once, where it first appears
    assert len(plan.keys) == len(set(plan.keys))
    assert {k.tekst for k in model.kpis.values()} <= set(plan.keys)  # @overige places all
    assert plan.optional == frozenset()


def test_no_letter_text_without_a_letter(model):
    o = outline_of('voorwerk = ["omslag", "colofon"]\n' + BASE[BASE.index("[["):])
    assert view.text_plan(o, model).keys == ("a",)
    o = outline_of(BASE[BASE.index("[["):])  # voorwerk left out: every part, the letter too
    assert view.text_plan(o, model).keys == ("brief", "a")


@pytest.mark.parametrize("soort, optional", [
    ("voortgangsrapportage", {"brief", "samenwerking_conclusie"}),
    ("eindevaluatie", set()),
    ("tussentijdse_evaluatie", set()),
])
def test_what_a_report_type_may_leave_out(model, soort, optional):
    found, _ = read_outline(EXAMPLE_OUTLINE, SOURCE)
    plan = view.text_plan(found, dataclasses.replace(model, soort=soort))
    subtheme_conclusions = {f"subthema_{s.code}_conclusie" for t in model.themas
                            for s in t.subthemas}
    expected = optional | (subtheme_conclusions if soort == "voortgangsrapportage" else set())
    assert plan.optional == expected
    assert set(plan.required()) == set(plan.keys) - expected
    assert plan.optional <= set(plan.keys)


def test_glob_matches_whole_keys_only(model):
    o = outline_of('''
[soorten.eindevaluatie]
mag_ontbreken = ["a*", "?x"]

[[hoofdstuk]]
id = "h"
titel = "H"
inhoud = ["tekst:a", "tekst:ab", "tekst:ba", "tekst:bx", "tekst:xx"]
''')
    assert view.text_plan(o, model).optional == {"a", "ab", "bx", "xx"}


def test_the_example_outline_with_the_example_data(example_2028):
    """The example report: every KPI placed, by the example's outline, exactly once."""
    rv = example_2028.view
    kpis = [b.sleutel for c in rv.hoofdstukken for s in c.walk() for b in s.items
            if isinstance(b, BlockView) and b.soort == "kpi"]
    assert sorted(kpis) == sorted(example_2028.model.kpis)
    assert not any(s.id == "h-overige-kpis" for c in rv.hoofdstukken for s in c.walk())
    assert rv.tekst.plan.keys[0] == "brief"
