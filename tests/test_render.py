"""HTML rendering (no PDF): parts, numbering, references, TOC, placeholders, escaping."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from reportgen import render
from reportgen.errors import DataError

from render_fixtures import INJECTIE_NAAM, make_model, make_texts

SVG = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def _svgs(model):
    return {key: SVG for key in model.figuren}


@pytest.fixture(scope="module")
def model():
    return make_model()


@pytest.fixture(scope="module")
def html(model):
    return render.render_report_html(model, make_texts(model), _svgs(model))


def _headings(html: str, tag: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)]


def test_document_is_dutch_with_metadata(html):
    assert '<html lang="nl">' in html
    assert "<title>Eindevaluatie sectorplan Geneeskunde en Gezondheidswetenschappen 2028</title>" in html
    assert '<meta name="author" content="Commissie sectorplan Medische en Gezondheidswetenschappen">' in html
    assert '<meta name="dcterms.created" content="2029-06-01">' in html


def test_every_part_is_present(html, model):
    for marker in ('class="omslag"', 'class="colofon"', 'class="inhoudsopgave"', 'class="brief"',
                   'id="h-leeswijzer"'):
        assert marker in html, marker
    chapters = _headings(html, "h1")
    # The cover title and the letter's subject are headings too (tagged PDF), outside the TOC.
    expected = ["Sectorplan Geneeskunde en Gezondheidswetenschappen: eindevaluatie",
                "Inhoudsopgave", model.rapport["brief"]["onderwerp"], "Leeswijzer", "1 Managementsamenvatting", "2 Inleiding",
                "3 Voortgang sectorplan", "4 Voortgang op sectorplanthema's",
                "5 Kengetallen sectorplan", "6 Conclusies en aanbevelingen", "7 Bijlagen"]
    assert [" ".join(c.split()) for c in chapters] == expected
    bijlagen = [h for h in (" ".join(x.split()) for x in _headings(html, "h2"))
                if h.startswith("Bijlage")]
    assert [b.split()[1] for b in bijlagen] == ["I", "II", "III", "IV", "V", "VI"]


def test_headings_are_numbered_in_order(html, model):
    h2 = [" ".join(h.split()) for h in _headings(html, "h2")]
    h3 = [" ".join(h.split()) for h in _headings(html, "h3")]
    assert "2.1 Achtergrond en positionering sectorplan Geneeskunde en Gezondheidswetenschappen" in h2
    assert "3.1 Rust en ruimte" in h2 and "3.3 Gezondheidswetenschappen" in h2
    assert "3.1.1 Monitor rust en ruimte" in h3
    assert "3.1.2 Continuïteit personeel" in h3 and "3.1.3 Werkdruk" in h3
    assert "3.2.1 Interdisciplinariteit en interprofessionaliteit" in h3
    themes = [t.naam for t in model.themas]
    assert [h for h in h2 if h.startswith("4.")] == [f"4.{i} {n}" for i, n in enumerate(themes, 1)]
    assert "4.2.2 Dataspecialisten onderzoek" in h3
    assert "5.2.2 Ondersteunend personeel" in h3 and "5.3 Diversiteit" in h2


def test_ids_are_unique(html):
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_toc_lists_every_numbered_heading_with_a_link(html):
    toc = html[html.index('class="inhoudsopgave"'):html.index("</nav>")]
    entries = re.findall(r'<li class="toc-(\d)"><a href="#([^"]+)">(.*?)</a></li>', toc, re.S)
    ids = {i for _, i, _ in entries}
    for m in re.finditer(r'<h([1-3]) class="(?:genummerd|bijlage)" id="([^"]+)">', html):
        assert m.group(2) in ids, m.group(2)
    texts = [" ".join(t.split()) for _, _, t in entries]
    assert texts[0] == "Leeswijzer"
    assert "Kernbevindingen en conclusie op hoofdlijnen" in texts  # samenvatting subheading
    assert "Bijlage VI Vrouwelijke en mannelijke medewerkers in sectorplanposities per umc" in texts
    # Every link target exists.
    for _, target, _ in entries:
        assert f'id="{target}"' in html


def test_figures_and_tables_are_numbered_consecutively(html):
    figures = [int(n) for n in re.findall(r'<span class="nummer">Figuur (\d+)\.</span>', html)]
    tables = [int(n) for n in re.findall(r'<span class="nummer">Tabel (\d+)\.</span>', html)]
    assert figures == list(range(1, 8))  # 6 charts + the themamatrix
    assert tables == list(range(1, 6))  # besteding, conclusies, realisatie, personen, gender
    assert "[[" not in html


def test_references_resolve_to_the_caption_numbers(html):
    numbers = dict(re.findall(r'id="((?:figuur|tabel)-[\w-]+)">.*?<span class="nummer">\w+ (\d+)\.',
                              html, re.S))
    refs = re.findall(r'<a class="verwijzing" href="#([\w-]+)">(\w+) (\d+)</a>', html)
    assert refs
    for target, _word, n in refs:
        assert numbers[target] == n, target
    assert '<a class="verwijzing" href="#tabel-besteding">Tabel 1</a>' in html  # [[Tabel:...]]
    assert 'href="#figuur-werkdruk">figuur 1</a>' in html


def test_unknown_reference_is_an_error_naming_the_text(model):
    texts = make_texts(model)
    texts["personeel"] = Markup("<p>Zie [[figuur:bestaat_niet]].</p>")
    with pytest.raises(DataError) as err:
        render.render_report_html(model, texts, _svgs(model))
    problem = err.value.problems[0]
    assert problem.file == "2028/teksten/personeel.md"
    assert problem.value == "[[figuur:bestaat_niet]]"


def test_unknown_reference_in_a_draft_is_a_visible_marker(model):
    texts = make_texts(model)
    texts["personeel"] = Markup("<p>Zie [[figuur:bestaat_niet]].</p>")
    html = render.render_report_html(model, texts, _svgs(model), draft=True)
    assert "[verwijzing onbekend: figuur:bestaat_niet]" in html


def test_missing_text_shows_a_placeholder(model):
    texts = make_texts(model, missing=("kpi_7", "leeswijzer"))
    html = render.render_report_html(model, texts, _svgs(model), draft=True)
    assert "[Tekst ontbreekt: kpi_7]" in html
    assert "[Tekst ontbreekt: leeswijzer]" in html


def test_texts_arrive_as_safe_html_and_plain_strings_are_escaped(model):
    texts = make_texts(model)
    texts["werkwijze"] = "<b>geen html</b>"  # not Markup: must be escaped
    html = render.render_report_html(model, texts, _svgs(model))
    assert "&lt;b&gt;geen html&lt;/b&gt;" in html
    assert '<blockquote class="citaat">' in html and '<aside class="kader">' in html
    assert '<span class="voetnoot">' in html


def test_institution_name_is_escaped_everywhere(html):
    assert INJECTIE_NAAM not in html
    assert "&lt;img src=&#39;file:///etc/passwd&#39;&gt;" in html


def test_charts_are_embedded_as_data_uri_images(html, model):
    assert html.count('<img src="data:image/svg+xml;base64,') == len(model.figuren)
    assert "<svg" not in html


def test_table_cells_follow_column_kinds(html):
    besteding = html[html.index('id="tabel-besteding"'):]
    besteding = besteding[:besteding.index("</figure>")]
    row = re.search(r"<tr>\s*<th scope=\"row\" class=\"label\">UMC Noord</th>(.*?)</tr>",
                    besteding, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[0] == "€ 2.103.645,00"
    assert cells[3] == ""  # materieel 0: empty cell in the money table
    assert '<tr class="totaal">' in besteding
    fte = html[html.index('id="tabel-realisatie_fte"'):]
    assert ">0,62</td>" in fte[:fte.index("</figure>")]
    gender = html[html.index('id="tabel-gender"'):]
    gender = gender[:gender.index("</figure>")]
    assert "Noot:" in gender and "niet als vrouw of man geregistreerd" in gender


def test_conclusions_table_has_status_labels(html):
    table = html[html.index('id="tabel-conclusies"'):]
    table = table[:table.index("</figure>")]
    for label in ("Behaald", "Aandachtspunt", "Op koers", "Geen gegevens"):
        assert f">{label}</span>" in table


def test_letter_has_both_addresses_and_the_signatory(html):
    brief = html[html.index('<section class="brief"'):]
    brief = brief[:brief.index("</section>")]
    for text in ("Postbus 16375", "2500 BJ Den Haag", "Postbus 93245", "2509 AE Den Haag",
                 "1 juni 2029", "dr. C. Contact", "070 000 00 00", "Geachte mevrouw Voorbeeld,",
                 "Prof. dr. V. (Voorzitter) Fictief", "Voorzitter", "Onderwerp"):
        assert text in brief, text


def test_letter_alone(model):
    html = render.render_letter_html(model, make_texts(model))
    assert '<section class="brief"' in html
    assert 'class="hoofdstuk"' not in html and "INHOUDSOPGAVE" not in html
    assert "brief aan de minister" in html


@pytest.mark.parametrize("soort, label", [
    ("tussentijdse_evaluatie", "Tussentijdse evaluatie"),
    ("eindevaluatie", "Eindevaluatie"),
    ("voortgangsrapportage", "Voortgangsrapportage 2026"),
])
def test_report_type_labels(soort, label):
    model = make_model(soort=soort, jaar=2026 if soort == "voortgangsrapportage" else 2028)
    labels = render.report_labels(model)
    assert labels.soort_label == label
    assert labels.pdf_titel.endswith(f"sectorplan Geneeskunde en Gezondheidswetenschappen {model.jaar}")


def test_progress_report_may_leave_out_letter_and_conclusions():
    model = make_model(soort="voortgangsrapportage", jaar=2026)
    missing = ("brief", "samenwerking_conclusie") + tuple(
        f"subthema_{s.code}_conclusie" for t in model.themas for s in t.subthemas)
    html = render.render_report_html(model, make_texts(model, missing=missing), _svgs(model))
    assert "Tekst ontbreekt" not in html
    assert '<section class="brief"' not in html
    assert 'class="conclusie-kop"' in html  # rust_en_ruimte_conclusie is still there
    assert "Voortgangsrapportage 2026" in html


def test_draft_has_watermark_and_build_info(model):
    import datetime as dt

    html = render.render_report_html(model, make_texts(model), _svgs(model), draft=True,
                                     build_info={"concept_nummer": 4,
                                                 "builddatum": dt.date(2026, 11, 22)})
    assert '@page { background: url("data:image/svg+xml;base64,' in html
    assert "Concept 4 · gemaakt op 22 november 2026" in html


def test_final_build_has_no_watermark(html):
    assert "concept-watermerk" not in html.split("</style>", 1)[1]
    assert "@page { background" not in html


def test_screen_medium_has_no_print_fonts(model):
    html = render.render_report_html(model, make_texts(model), _svgs(model), medium="screen")
    assert "@font-face" not in html and 'class="medium-screen"' in html
    assert "Inhoudsopgave" in html


@pytest.mark.parametrize("value, eenheid, expected", [
    (5, "pct", "+5 procentpunt"), (-0.54, "score", "\u22120,5"), (0, "aantal", "0"),
    (6.5, "fte", "+6,50 fte"), (None, "pct", "–"),
])
def test_change_formatting(value, eenheid, expected):
    assert render.fmt_verschil(value, eenheid) == expected


def test_column_groups_split_wide_tables(model):
    groups = render.column_groups(model.financien.tabel)
    assert [len(g) for g in groups] == [5, 3]
    assert [c.key for c in groups[0]][-1] == "totaal"


def test_letter_alone_refers_to_the_report_numbers(model):
    texts = make_texts(model)
    texts["brief"] = Markup("<p>De besteding staat in [[tabel:besteding]] van het rapport.</p>")
    html = render.render_letter_html(model, texts)
    assert "De besteding staat in tabel 1 van het rapport." in html


def _example_html(jaar: int) -> str:
    from pathlib import Path

    from reportgen import compute, loading, texts as texts_stage

    root = Path(__file__).resolve().parent.parent / "data"
    if not (root / str(jaar)).is_dir():
        pytest.skip("example data not present")
    dataset, _ = loading.load_dataset(root, jaar)
    model, _ = compute.build_model(dataset)
    rendered, _ = texts_stage.render_texts(dataset, model)
    return render.render_report_html(model, rendered, {k: SVG for k in model.figuren})


def _table_row(html: str, table_key: str, label: str) -> list[str]:
    part = html[html.index(f'id="tabel-{table_key}"'):]
    part = part[:part.index("</figure>")]
    cells = []
    for row in re.findall(rf'<th scope="row" class="label">{re.escape(label)}</th>(.*?)</tr>',
                          part, re.S):
        cells += re.findall(r"<td[^>]*>(.*?)</td>", row)
    return cells


def test_example_2025_prints_the_published_figures():
    """Golden numbers of the mid-term evaluation (seed Tabel 1-4), recomputed from data."""
    html = _example_html(2025)
    # The seed's total row differs by € 1 from the sums of its own cells under "Vaste
    # posities" (81.360.812) and "Indirecte kosten" (15.541.411), rounding in the source;
    # totals here are sums of the rows, and the grand total matches the seed.
    assert _table_row(html, "besteding", "Totaal")[:5] == [
        "€ 16.806.892,00", "€ 81.360.811,00", "€ 15.541.412,00", "€ 218.443,00",
        "€ 113.927.558,00"]
    assert _table_row(html, "besteding", "Amsterdam UMC UvA")[:5] == [
        "€ 2.103.645,00", "€ 11.311.214,00", "€ 2.682.972,00", "", "€ 16.097.831,00"]
    assert _table_row(html, "realisatie_fte", "Totaal") == [
        "39,32", "31,85", "17,13", "275,96", "336,50", "87%"]
    assert _table_row(html, "realisatie_fte", "Amsterdam UMC VU")[-1] == "122%"
    assert _table_row(html, "realisatie_fte", "LUMC")[:3] == ["0,00", "5,20", "0,00"]
    assert _table_row(html, "personen", "Totaal") == ["82", "61", "25", "496"]
    assert _table_row(html, "gender", "Totaal") == ["324", "53", "171", "33"]
    assert "Tussentijdse evaluatie" in html and "[[" not in html


def test_heading_numbering_keeps_attributes_and_makes_ids_unique():
    html, toc = render.number_headings(
        '<h1 class="genummerd">A</h1><h4 class="tussenkop" data-toc="2" id="a">B</h4>'
        '<h2 class="genummerd" id="a">C</h2><h3 class="genummerd">D</h3>'
        '<h2 class="genummerd" data-toc="nee">E</h2><h1 class="genummerd">F</h1>')
    assert '<h4 class="tussenkop" data-toc="2" id="a">B</h4>' in html
    assert '<h2 class="genummerd" id="a-2"><span class="kopnummer">1.1</span> C</h2>' in html
    assert [(e.level, str(e.text)) for e in toc] == [
        (1, "1 A"), (2, "B"), (2, "1.1 C"), (3, "1.1.1 D"), (1, "2 F")]


def test_kpi_with_an_unknown_section_is_still_printed(model):
    import dataclasses

    kpis = dict(model.kpis)
    kpis["5"] = dataclasses.replace(kpis["5"], sectie="elders")
    other = dataclasses.replace(model, kpis=kpis)
    html = render.render_report_html(other, make_texts(other), _svgs(other))
    assert "3.4 Overige KPI&#39;s" in html or "3.4 Overige KPI's" in html
    assert html.count('id="kpi-5"') == 1


def test_heading_references_follow_the_outline():
    from reportgen.render import heading_numbers, heading_references, number_headings

    html = ('<h1 class="genummerd" id="h-inleiding">Inleiding</h1>'
            '<h1 class="genummerd" id="h-kengetallen">Kengetallen</h1>'
            '<h2 class="genummerd" id="h-besteding">Besteding</h2>'
            '<h2 class="bijlage" id="h-bijlage-themamatrix">Themamatrix</h2>'
            '<p>[[Hoofdstuk:kengetallen]], [[paragraaf:besteding]], [[bijlage:themamatrix]]'
            ' [[hoofdstuk:besteding]] [[bijlage:onbekend]]</p>')
    numbered, _ = number_headings(html)
    out, unresolved = heading_references(numbered, heading_numbers(numbered))
    assert '<a class="verwijzing" href="#h-kengetallen">Hoofdstuk 2</a>' in out
    assert ">paragraaf 2.1</a>" in out
    assert ">bijlage I</a>" in out
    # a chapter reference to a section, and an unknown appendix, are not resolved
    assert unresolved == ["[[hoofdstuk:besteding]]", "[[bijlage:onbekend]]"]
    plain, _ = heading_references(numbered, heading_numbers(numbered), link=False)
    assert "Hoofdstuk 2, paragraaf 2.1, bijlage I" in plain


def _kpi_table(html: str, code: str) -> str:
    part = html[html.index(f'id="kpi-{code}"'):]
    part = part[part.index('<table class="kpi-resultaat">'):]
    return part[:part.index("</table>")]


def test_kpi_change_is_the_difference_of_the_printed_values(model):
    """7,46 against 7,54 prints as 7,5 and 7,5: the change a reader sees is 0,0, not -0,1."""
    import dataclasses
    from decimal import Decimal as D

    kpis = dict(model.kpis)
    werkdruk = kpis["werkdruk"]
    measure = dataclasses.replace(werkdruk.indicatoren[0], waarde=D("7.46"), basis=D("7.54"),
                                  verandering=D("-0.08"))
    kpis["werkdruk"] = dataclasses.replace(werkdruk, indicatoren=(measure,))
    other = dataclasses.replace(model, kpis=kpis)
    html = render.render_report_html(other, make_texts(other), _svgs(other))
    cells = re.findall(r'<td class="getal">(.*?)</td>', _kpi_table(html, "werkdruk"))
    assert cells[0] == "7,5" and cells[1].startswith("7,5 ") and cells[2] == "0,0"
    assert render.printed_change(D("96.6"), D("76.4"), "pct") == 21  # 97% - 76%


def test_informative_measure_has_no_status_of_its_own(html):
    table = _kpi_table(html, "diversiteit")
    assert "informatief" in table and "n.v.t." in table
    assert "Geen gegevens" not in table


def test_figures_have_alt_texts_with_their_figures(html, model):
    alts = dict(re.findall(r'<figure class="figuur figuur-([\w_]+)"[^>]*>\s*<img [^>]*alt="([^"]*)"',
                           html))
    assert set(alts) == set(model.figuren)
    assert "Totaal in fte: 2022 3,60" in alts["dataspecialisten"]
    assert "UMC Noord 41,48" in alts["fte_per_umc"]
    assert "Gemiddelden: vóór het sectorplan werkdruk" in alts["werkdruk"]
    assert "Aandeel vrouw per categorie: Hoogleraar" in alts["gender_functiegroep"]
    # Institution names stay escaped inside the attribute.
    assert "<img src='file" not in alts["fte_per_umc"]


def test_amounts_and_fte_do_not_break_from_their_unit_in_running_text():
    out = render.keep_units_together(
        "<p>Van de € 262.138.216 is 324,27 fte</p><table><td>€ 1,00</td></table>")
    assert "€\u00a0262.138.216" in out and "324,27\u00a0fte" in out
    assert "<td>€ 1,00</td>" in out  # table cells are left as they are (they never wrap)


def test_themamatrix_never_breaks_after_a_leading_hyphen():
    assert str(render.keep_hyphenated("Leefstijldata en -interventies")) == (
        'Leefstijldata en <span class="heel">-interventies</span>')
    assert str(render.keep_hyphenated("<b>-x")) == "&lt;b&gt;-x"


def test_committee_size_is_written_in_words(html):
    bijlage = html[html.index('id="h-bijlage-commissie"'):]
    sentence = re.search(r"<p>De Commissie[^<]*</p>", bijlage).group(0)
    assert re.search(r"uit (een voorzitter en )?(een|twee|drie|vier|vijf|zes|zeven|acht|negen|"
                     r"tien) (lid|leden)\.", sentence), sentence


def test_conclusions_table_follows_the_text_without_a_forced_page_break():
    css = (render.TEMPLATES_DIR / "css" / "rapport.css").read_text(encoding="utf-8")
    rule = re.search(r"figure\.tabel-conclusies \{([^}]*)\}", css).group(1)
    assert "break-before" not in rule


def test_subheadings_follow_their_section_level(html):
    body = html[html.index("</nav>"):]  # after the table of contents
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", body)]
    assert not [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    # A "## Kop" right under the samenvatting (h1) is an h2 that keeps its h4 look.
    assert re.search(r'<h2 [^>]*class="tussenkop"[^>]*data-niveau="4"', body)
    fixed = render.fix_heading_levels(
        '<h1>A</h1><h4 class="k">B</h4><h5>C</h5><h3>D</h3><h4>E</h4>')
    assert fixed == ('<h1>A</h1><h2 class="k" data-niveau="4">B</h2>'
                     '<h3 data-niveau="5">C</h3><h3>D</h3><h4>E</h4>')


def test_draft_without_kpis_or_workload_monitor_shows_placeholders_not_zeros(model):
    import dataclasses

    werkdruk = dataclasses.replace(model.werkdruk, deelnemers=0, meetjaar=None)
    bare = dataclasses.replace(model, conclusies=(), werkdruk=werkdruk)
    html = render.render_report_html(bare, make_texts(bare), _svgs(bare), draft=True)
    table = html[html.index('id="tabel-conclusies"'):]
    table = table[:table.index("</figure>")]
    assert "[KPI&#39;s ontbreken" in table or "[KPI's ontbreken" in table
    assert "<table" not in table and "van de 0 KPI" not in table
    caption = html[html.index('id="figuur-werkdruk"'):]
    caption = caption[caption.index("<figcaption>"):caption.index("</figcaption>")]
    assert "van de deelnemers aan de focusgroepen" in caption and " 0 deelnemers" not in caption


def test_cover_subtitle_does_not_repeat_the_title(model):
    import dataclasses

    labels = render.report_labels(model)
    assert "eindevaluatie" in labels.titel.lower()
    assert "evaluatie" not in labels.ondertitel.lower()
    assert labels.ondertitel == "Periode 2022–2028, peildatum 31 december 2028"
    own = dataclasses.replace(model, rapport={**model.rapport, "titel": "Versnellen op gezondheid"})
    assert render.report_labels(own).ondertitel == "Eindevaluatie over de periode 2022–2028"


def test_has_letter_only_when_the_report_prints_one(model):
    assert render.has_letter(model, make_texts(model))
    progress = make_model(soort="voortgangsrapportage", jaar=2026)
    assert not render.has_letter(progress, make_texts(progress, missing=("brief",)))
    assert render.has_letter(progress, make_texts(progress))
    # An evaluation always has one: a missing text there is a placeholder or an error.
    assert render.has_letter(model, make_texts(model, missing=("brief",)))


def test_average_counts_keep_their_decimal_in_value_and_change():
    from decimal import Decimal as D

    assert render.fmt_eenheid(D("12.5"), "aantal") == "12,5"
    assert render.fmt_eenheid(D("12"), "aantal") == "12"
    change = render.printed_change(D("12.5"), D("10"), "aantal")
    assert render.fmt_verschil(change, "aantal") == "+2,5"


def test_reference_case_follows_the_sentence():
    html = ('<figure id="figuur-a"><figcaption>[[#figuur:a]]</figcaption></figure>'
            '<h1 class="genummerd" id="h-kengetallen">K</h1>'
            '<p>Dat is te zien in [[Figuur:a]]. [[figuur:a]] toont meer. Zie ook '
            '[[Hoofdstuk:kengetallen]]; [[Figuur:a]] blijft.</p>')
    out, unresolved = render.number_references(html)
    numbered, _ = render.number_headings(out)
    out, unresolved_h = render.heading_references(numbered, render.heading_numbers(numbered))
    assert not unresolved and not unresolved_h
    text = re.sub(r"<[^>]+>", "", out)
    assert "te zien in figuur 1. Figuur 1 toont meer. Zie ook hoofdstuk 1; figuur 1 blijft." in text
