"""HTML rendering (no PDF): parts, numbering, references, TOC, placeholders, escaping.

The report is the synthetic one of tests/report_data.py, made by the real pipeline
(conftest `report`); charts are stubbed. A test that needs a variant re-makes the view
(`view_with`) or its data; the shared fixtures stay untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as htmllib
import re
from decimal import Decimal as D

import pytest
from markupsafe import Markup

from helpers import stub_svgs
from report_data import INJECTIE_NAAM, prepare_report, report_tables, view_with
from reportgen import render
from reportgen.errors import DataError
from reportgen.formatting import fmt_euro, fmt_fte
from reportgen.render import filters
from reportgen.render.numbering import (fix_heading_levels, heading_numbers,
                                        heading_references, keep_units_together,
                                        number_headings, number_references)
from reportgen.resources import templates_dir
from reportgen.view.labels import report_labels


def html_of(rv, **kwargs) -> str:
    return render.render_report_html(rv, stub_svgs(rv.figuren), **kwargs)


def _headings(html: str, tag: str) -> list[str]:
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", m)).split())
            for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)]


def _part(html: str, start: str, end: str = "</figure>") -> str:
    part = html[html.index(start):]
    return part[:part.index(end)]


def test_document_is_dutch_with_metadata(report_html):
    assert '<html lang="nl">' in report_html
    assert ("<title>Eindevaluatie sectorplan Geneeskunde en Gezondheidswetenschappen 2028"
            "</title>") in report_html
    assert ('<meta name="author" content="Commissie sectorplan Medische en '
            'Gezondheidswetenschappen">') in report_html
    assert '<meta name="dcterms.created" content="2029-06-01">' in report_html


def test_every_part_is_present(report_html, report):
    for marker in ('class="omslag"', 'class="colofon"', 'class="inhoudsopgave"',
                   'class="brief"', 'id="h-leeswijzer"'):
        assert marker in report_html, marker
    # the chapters of the example's outline (data/referentie/opbouw.toml), in order
    # the cover title and the letter's subject are headings too (the tagged PDF needs
    # them), kept out of the table of contents and the bookmarks
    title = report.view.labels.titel
    onderwerp = report.model.rapport["brief"]["onderwerp"]
    assert _headings(report_html, "h1") == [
        " ".join(title.split()), "Inhoudsopgave", " ".join(onderwerp.split()), "Leeswijzer", "1 Managementsamenvatting", "2 Inleiding",
        "3 Voortgang sectorplan", "4 Voortgang op sectorplanthema's",
        "5 Kengetallen sectorplan", "6 Conclusies en aanbevelingen", "7 Bijlagen"]
    bijlagen = [h for h in _headings(report_html, "h2") if h.startswith("Bijlage")]
    assert [b.split()[1] for b in bijlagen] == ["I", "II", "III", "IV", "V", "VI"]


def test_headings_are_numbered_in_order(report_html, report):
    h2, h3 = _headings(report_html, "h2"), _headings(report_html, "h3")
    assert ("2.1 Achtergrond en positionering sectorplan Geneeskunde en "
            "Gezondheidswetenschappen") in h2
    assert "3.1 Rust en ruimte" in h2 and "3.3 Gezondheidswetenschappen" in h2
    assert "3.1.1 Monitor rust en ruimte" in h3
    # KPIs with kpi_kop get their own numbered heading after the section's subsections
    assert "3.1.2 Continuïteit personeel" in h3 and "3.1.3 Werkdruk" in h3
    assert "3.2.1 Interdisciplinariteit en interprofessionaliteit" in h3
    themes = [t.naam for t in report.model.themas]
    assert [h for h in h2 if h.startswith("4.")] == [
        f"4.{i} {n}" for i, n in enumerate(themes, 1)]
    assert "4.2.2 Dataspecialisten onderzoek" in h3
    assert "5.2.2 Ondersteunend personeel" in h3 and "5.3 Diversiteit" in h2
    # every KPI is printed exactly once; "Overige KPI's" is empty and left out
    for code in report.model.kpis:
        assert report_html.count(f'id="kpi-{code}"') == 1, code
    assert "Overige KPI" not in report_html


def test_ids_are_unique(report_html):
    ids = re.findall(r'\sid="([^"]+)"', report_html)
    assert len(ids) == len(set(ids))


def test_toc_lists_every_numbered_heading_with_a_link(report_html):
    toc = report_html[report_html.index('class="inhoudsopgave"'):report_html.index("</nav>")]
    entries = re.findall(r'<li class="toc-(\d)"><a href="#([^"]+)">(.*?)</a></li>', toc, re.S)
    ids = {i for _, i, _ in entries}
    for m in re.finditer(r'<h([1-3]) class="(?:genummerd|bijlage)" id="([^"]+)">',
                         report_html):
        assert m.group(2) in ids, m.group(2)
    texts = [" ".join(t.split()) for _, _, t in entries]
    assert texts[0] == "Leeswijzer"
    assert "Kernbevindingen en conclusie op hoofdlijnen" in texts  # samenvatting subheading
    assert ("Bijlage VI Vrouwelijke en mannelijke medewerkers in sectorplanposities per umc"
            in texts)
    for _, target, _ in entries:
        assert f'id="{target}"' in report_html


def test_figures_and_tables_are_numbered_consecutively(report_html, report):
    figures = [int(n) for n in re.findall(r'<span class="nummer">Figuur (\d+)\.</span>',
                                          report_html)]
    tables = [int(n) for n in re.findall(r'<span class="nummer">Tabel (\d+)\.</span>',
                                         report_html)]
    assert len(report.view.figuren) == 6
    assert figures == list(range(1, 8))  # 6 charts + the themamatrix
    assert list(report.view.tabellen) == ["besteding", "conclusies", "realisatie_fte",
                                          "personen", "gender"]
    assert tables == list(range(1, 6))
    assert "[[" not in report_html


def test_references_resolve_to_the_caption_numbers(report_html):
    numbers = dict(re.findall(
        r'id="((?:figuur|tabel)-[\w-]+)">.*?<span class="nummer">\w+ (\d+)\.', report_html,
        re.S))
    refs = re.findall(r'<a class="verwijzing" href="#([\w-]+)">(\w+) (\d+)</a>', report_html)
    assert refs
    for target, _word, n in refs:
        assert numbers[target] == n, target
    assert '<a class="verwijzing" href="#tabel-besteding">Tabel 1</a>' in report_html
    assert 'href="#figuur-werkdruk">figuur 1</a>' in report_html
    # a heading reference from a text: [[bijlage:realisatie]] in personeel.md
    assert 'href="#h-bijlage-realisatie">bijlage V</a>' in report_html


def test_unknown_reference_is_an_error_naming_the_text(report):
    rv = view_with(report, texts={"personeel": Markup("<p>Zie [[figuur:bestaat_niet]].</p>")})
    with pytest.raises(DataError) as err:
        html_of(rv)
    problem = err.value.problems[0]
    assert problem.file == "2028/teksten/personeel.md"
    assert problem.value == "[[figuur:bestaat_niet]]"


def test_unknown_reference_in_a_draft_is_a_visible_marker(report):
    rv = view_with(report, draft=True,
                   texts={"personeel": Markup("<p>Zie [[figuur:bestaat_niet]].</p>")})
    assert "[verwijzing onbekend: figuur:bestaat_niet]" in html_of(rv)


def test_missing_text_shows_a_placeholder(report):
    html = html_of(view_with(report, drop=("kpi_7", "leeswijzer"), draft=True))
    assert "[Tekst ontbreekt: data/2028/teksten/kpi_7.md]" in html
    assert "[Tekst ontbreekt: data/2028/teksten/leeswijzer.md]" in html


def test_texts_arrive_as_safe_html_and_plain_strings_are_escaped(report, report_html):
    # the conventions of texts.py reach the page
    assert '<blockquote class="citaat">' in report_html and '<aside class="kader">' in report_html
    assert '<span class="voetnoot">Fictieve voetnoot bij de besteding.</span>' in report_html
    html = html_of(view_with(report, texts={"werkwijze": "<b>geen html</b>"}))  # not Markup
    assert "&lt;b&gt;geen html&lt;/b&gt;" in html


def test_institution_name_is_escaped_everywhere(report_html):
    assert INJECTIE_NAAM not in report_html
    assert "&lt;img src=&#39;file:///etc/passwd&#39;&gt;" in report_html


def test_charts_are_embedded_as_data_uri_images(report_html, report):
    assert report_html.count('<img src="data:image/svg+xml;base64,') == len(report.view.figuren)
    # no inline <svg> in the document (the stylesheet may use an SVG data URI)
    assert "<svg" not in re.sub(r"<style>.*?</style>", "", report_html, flags=re.S)


def _sum(tables, key: str, column: str, umc: str) -> D:
    return sum((D(r[column] or 0) for name, rows in tables.items() if name.endswith(key)
                for r in rows if r["umc"] == umc), D(0))


def test_table_cells_follow_column_kinds(report_html, report):
    tables = report_tables()
    besteding = _part(report_html, 'id="tabel-besteding"')
    row = re.search(r'<tr>\s*<th scope="row" class="label">Erasmus MC</th>(.*?)</tr>',
                    besteding, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    keys = [c.key for c in report.view.tabellen["besteding"].columns]
    # cumulative over 2022-2028, from the data; materieel is empty for Erasmus MC
    assert cells[keys.index("tijdelijke_posities")] == fmt_euro(
        _sum(tables, "/financien", "tijdelijke_posities", "EMC"))
    assert cells[keys.index("materieel")] == ""  # zero money: an empty cell
    assert '<tr class="totaal">' in besteding
    fte = _part(report_html, 'id="tabel-realisatie_fte"')
    row = re.search(r'<th scope="row" class="label">LUMC</th>(.*?)</tr>', fte, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    inloop = sum((D(p["fte"]) for p in tables["2028/personeel"]
                  if p["umc"] == "LUMC" and p["contractvorm"] == "inloop"), D(0))
    keys = [c.key for c in report.view.tabellen["realisatie_fte"].columns]
    assert cells[keys.index("inloop")] == fmt_fte(inloop) == "0,40"
    assert cells[keys.index("toegezegd_vast")] == "0,00"  # zero fte is printed
    gender = _part(report_html, 'id="tabel-gender"')
    assert "Noot:" in gender and "niet als vrouw of man geregistreerd" in gender


def test_conclusions_table_has_status_labels(report_html):
    table = _part(report_html, 'id="tabel-conclusies"')
    for label in ("Behaald", "Aandachtspunt", "Op koers", "Geen gegevens"):
        assert f">{label}</span>" in table


def test_letter_has_both_addresses_and_the_signatory(report_html):
    brief = _part(report_html, '<section class="brief"', "</section>")
    for text in ("Postbus 16375", "2500 BJ Den Haag", "Postbus 93245", "2509 AE Den Haag",
                 "1 juni 2029", "dr. C. Contact", "070 000 00 00",
                 "Geachte mevrouw Voorbeeld,", "Prof. dr. V. (Voorzitter) Fictief",
                 "Voorzitter", "Onderwerp"):
        assert text in brief, text


def test_letter_alone(report):
    html = render.render_letter_html(report.view)
    assert '<section class="brief"' in html
    assert 'class="hoofdstuk"' not in html and "INHOUDSOPGAVE" not in html
    assert "brief aan de minister" in html


def test_letter_alone_refers_to_the_report_numbers(report):
    # brief.md: "De besteding staat in [[tabel:besteding]] van het rapport."
    html = render.render_letter_html(report.view)
    assert "De besteding staat in tabel 1 van het rapport." in html


@pytest.mark.parametrize("soort, jaar, label", [
    ("tussentijdse_evaluatie", 2025, "Tussentijdse evaluatie"),
    ("eindevaluatie", 2028, "Eindevaluatie"),
    ("voortgangsrapportage", 2026, "Voortgangsrapportage 2026"),
])
def test_report_type_labels(report, soort, jaar, label):
    labels = report_labels(dataclasses.replace(report.model, soort=soort, jaar=jaar))
    assert labels.soort_label == label
    assert labels.pdf_titel.endswith(
        f"sectorplan Geneeskunde en Gezondheidswetenschappen {jaar}")


def test_progress_report_may_leave_out_letter_and_conclusions(progress_report):
    assert not [p for p in progress_report.problems if p.is_error]
    html = html_of(progress_report.view)
    assert "Tekst ontbreekt" not in html
    assert '<section class="brief"' not in html
    assert "subthema_innovatiemotor_conclusie" not in html
    assert 'class="conclusie-kop"' in html  # rust_en_ruimte_conclusie is still there
    assert "Voortgangsrapportage 2026" in html


def test_draft_has_watermark_and_build_info(report):
    rv = view_with(report, draft=True,
                   build_info={"concept_nummer": 4, "builddatum": dt.date(2026, 11, 22)})
    html = html_of(rv)
    assert '@page { background: url("data:image/svg+xml;base64,' in html
    assert "Concept 4 · gemaakt op 22 november 2026" in html


def test_final_build_has_no_watermark(report_html):
    assert "concept-watermerk" not in report_html.split("</style>", 1)[1]
    assert "@page { background" not in report_html


def test_screen_medium_has_no_print_fonts(report):
    html = html_of(report.view, medium="screen")
    # the screen version embeds its own web fonts (woff2 subsets), never the print TTFs
    assert ".ttf" not in html and "font/woff2" in html and 'class="medium-screen"' in html
    assert "Inhoudsopgave" in html


def test_column_groups_split_wide_tables(report):
    groups = filters.column_groups(report.view.tabellen["besteding"])
    assert [len(g) for g in groups] == [5, 3]
    assert [c.key for c in groups[0]][-1] == "besteed"


def test_heading_numbering_keeps_attributes_and_makes_ids_unique():
    html, toc = number_headings(
        '<h1 class="genummerd">A</h1><h4 class="tussenkop" data-toc="2" id="a">B</h4>'
        '<h2 class="genummerd" id="a">C</h2><h3 class="genummerd">D</h3>'
        '<h2 class="genummerd" data-toc="nee">E</h2><h1 class="genummerd">F</h1>')
    assert '<h4 class="tussenkop" data-toc="2" id="a">B</h4>' in html
    assert '<h2 class="genummerd" id="a-2"><span class="kopnummer">1.1</span> C</h2>' in html
    assert [(e.level, str(e.text)) for e in toc] == [
        (1, "1 A"), (2, "B"), (2, "1.1 C"), (3, "1.1.1 D"), (1, "2 F")]


def test_kpi_with_an_unknown_section_is_still_printed(report):
    kpis = dict(report.model.kpis)
    kpis["5"] = dataclasses.replace(kpis["5"], sectie="elders")
    html = html_of(view_with(report, model=dataclasses.replace(report.model, kpis=kpis)))
    # the outline's "@overige" section shows it, numbered after gezondheidswetenschappen
    assert "3.4 Overige KPI&#39;s" in html or "3.4 Overige KPI's" in html
    assert html.count('id="kpi-5"') == 1


def test_heading_references_follow_the_outline():
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


def test_kpi_change_is_the_difference_of_the_printed_values(report):
    """7,46 against 7,54 prints as 7,5 and 7,5: the change a reader sees is 0,0, not -0,1."""
    kpis = dict(report.model.kpis)
    werkdruk = kpis["werkdruk"]
    measure = dataclasses.replace(werkdruk.indicatoren[0], waarde=D("7.46"), basis=D("7.54"),
                                  verandering=D("-0.08"))
    kpis["werkdruk"] = dataclasses.replace(werkdruk, indicatoren=(measure,))
    html = html_of(view_with(report, model=dataclasses.replace(report.model, kpis=kpis)))
    cells = re.findall(r'<td class="getal">(.*?)</td>', _kpi_table(html, "werkdruk"))
    assert cells[0] == "7,5" and cells[1].startswith("7,5 ") and cells[2] == "0,0"


def test_informative_measure_has_no_status_of_its_own(report_html):
    table = _kpi_table(report_html, "diversiteit")
    assert "informatief" in table and "n.v.t." in table
    assert "Geen gegevens" not in table


def test_figures_have_alt_texts_with_their_figures(report_html, report):
    alts = dict(re.findall(
        r'<figure class="figuur figuur-([\w_]+)"[^>]*>\s*<img [^>]*alt="([^"]*)"', report_html))
    assert set(alts) == set(report.view.figuren)
    tables = report_tables()
    # data specialists in 2022 (fte, inloop excluded), from the data
    ds_2022 = sum((D(p["fte"]) for p in tables["2022/personeel"]
                   if p["functiecategorie"] == "dataspecialist"
                   and p["contractvorm"] != "inloop"), D(0))
    assert f"Totaal in fte: 2022 {fmt_fte(ds_2022)}" in alts["dataspecialisten"]
    emc = sum((D(p["fte"]) for p in tables["2028/personeel"] if p["umc"] == "EMC"), D(0))
    assert f"Erasmus MC {fmt_fte(emc)}" in alts["fte_per_instelling"]
    assert "Gemiddelden: vóór het sectorplan werkdruk" in alts["werkdruk"]
    first = report.view.figuren["gender_functiegroep"].categories[0]
    assert f"Aandeel vrouw per categorie: {first}" in alts["gender_functiegroep"]
    # Institution names stay escaped inside the attribute.
    assert "&lt;img src=&#39;file" in alts["fte_per_instelling"]
    assert "<img src='file" not in alts["fte_per_instelling"]


def test_amounts_and_fte_do_not_break_from_their_unit_in_running_text():
    out = keep_units_together(
        "<p>Van de € 262.138.216 is 324,27 fte</p><table><td>€ 1,00</td></table>")
    assert "€\u00a0262.138.216" in out and "324,27\u00a0fte" in out
    assert "<td>€ 1,00</td>" in out  # table cells are left as they are (they never wrap)


def test_themamatrix_never_breaks_after_a_leading_hyphen():
    assert str(filters.keep_hyphenated("Leefstijldata en -interventies")) == (
        'Leefstijldata en <span class="heel">-interventies</span>')
    assert str(filters.keep_hyphenated("<b>-x")) == "&lt;b&gt;-x"


def test_committee_size_is_written_in_words(report_html, report):
    bijlage = report_html[report_html.index('id="h-bijlage-commissie"'):]
    sentence = re.search(r"<p>De Commissie[^<]*</p>", bijlage).group(0)
    # on 1 June 2029: five members, one left in 2024, one of the others is the chair
    assert "uit een voorzitter en drie leden." in sentence, sentence
    assert report.view.commissie.aantal_leden == 3


def test_conclusions_table_follows_the_text_without_a_forced_page_break():
    css = (templates_dir() / "css" / "rapport.css").read_text(encoding="utf-8")
    rule = re.search(r"figure\.tabel-conclusies \{([^}]*)\}", css).group(1)
    assert "break-before" not in rule


def test_subheadings_follow_their_section_level(report_html):
    body = report_html[report_html.index("</nav>"):]  # after the table of contents
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", body)]
    assert not [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    # A "## Kop" right under the samenvatting (h1) is an h2 that keeps its h4 look.
    assert re.search(r'<h2 [^>]*class="tussenkop"[^>]*data-niveau="4"', body)
    fixed = fix_heading_levels('<h1>A</h1><h4 class="k">B</h4><h5>C</h5><h3>D</h3><h4>E</h4>')
    assert fixed == ('<h1>A</h1><h2 class="k" data-niveau="4">B</h2>'
                     '<h3 data-niveau="5">C</h3><h3>D</h3><h4>E</h4>')


def test_draft_without_kpis_or_workload_monitor_shows_placeholders_not_zeros(report_dir,
                                                                             tmp_path):
    import shutil

    root = shutil.copytree(report_dir, tmp_path / "data")
    for pattern in ("referentie/kpis.csv", "referentie/indicatoren.csv", "*/kpi_waarden.csv",
                    "*/kpi_oordeel.csv", "*/werkdrukmonitor.csv"):
        for path in root.glob(pattern):
            path.unlink()
    prepared = prepare_report(root, 2028, draft=True)
    html = html_of(prepared.view)
    table = _part(html, 'id="tabel-conclusies"')
    assert "[KPI&#39;s ontbreken" in table or "[KPI's ontbreken" in table
    assert "<table" not in table and "van de 0 KPI" not in table
    caption = _part(html, 'id="figuur-werkdruk"', "</figcaption>")
    caption = caption[caption.index("<figcaption>"):]
    assert "van de deelnemers aan de focusgroepen" in caption and " 0 deelnemers" not in caption


def test_cover_subtitle_does_not_repeat_the_title(report):
    labels = report.view.labels
    assert "eindevaluatie" in labels.titel.lower()
    assert "evaluatie" not in labels.ondertitel.lower()
    assert labels.ondertitel == "Periode 2022–2028, peildatum 31 december 2028"
    own = dataclasses.replace(report.model, rapport={**report.model.rapport,
                                                     "titel": "Versnellen op gezondheid"})
    assert report_labels(own).ondertitel == "Eindevaluatie over de periode 2022–2028"


def test_has_letter_only_when_the_report_prints_one(report, progress_report):
    assert report.view.has_letter
    # a progress report may leave the letter out (opbouw.toml mag_ontbreken) ...
    assert not progress_report.view.has_letter
    assert progress_report.view.tekst.has("brief") is False
    # ... and has one when the text is there
    assert view_with(progress_report, texts={"brief": Markup("<p>Brief.</p>")}).has_letter
    # An evaluation always has one: a missing text there is a placeholder or an error.
    assert view_with(report, drop=("brief",)).has_letter


def test_reference_case_follows_the_sentence():
    html = ('<figure id="figuur-a"><figcaption>[[#figuur:a]]</figcaption></figure>'
            '<h1 class="genummerd" id="h-kengetallen">K</h1>'
            '<p>Dat is te zien in [[Figuur:a]]. [[figuur:a]] toont meer. Zie ook '
            '[[Hoofdstuk:kengetallen]]; [[Figuur:a]] blijft.</p>')
    out, unresolved = number_references(html)
    numbered, _ = number_headings(out)
    out, unresolved_h = heading_references(numbered, heading_numbers(numbered))
    assert not unresolved and not unresolved_h
    text = re.sub(r"<[^>]+>", "", out)
    assert ("te zien in figuur 1. Figuur 1 toont meer. Zie ook hoofdstuk 1; figuur 1 blijft."
            in text)


# ----------------------------------------------------------------- the example report


def _table_row(html: str, table_key: str, label: str) -> list[str]:
    part = _part(html, f'id="tabel-{table_key}"')
    cells = []
    for row in re.findall(rf'<th scope="row" class="label">{re.escape(label)}</th>(.*?)</tr>',
                          part, re.S):
        cells += re.findall(r"<td[^>]*>(.*?)</td>", row)
    return cells


def test_example_2025_prints_the_published_figures(example_2025):
    """Golden numbers of the mid-term evaluation (seed Tabel 1-4), recomputed from data."""
    html = html_of(example_2025.view)
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


def test_rendering_leaves_the_view_as_it_was(report):
    """The view is shared (the letter, the change summary and the texts' subheading list
    read it after the report is rendered): rendering must not change it."""
    rv = view_with(report)
    before = {k: str(v) for k, v in rv.tekst.texts.items()}
    first = html_of(rv)
    assert {k: str(v) for k, v in rv.tekst.texts.items()} == before
    assert html_of(rv) == first
    # the summary's subheadings are still found in its text
    from reportgen.texts import tussenkoppen

    assert [t for _, t in tussenkoppen(str(rv.tekst.texts["samenvatting"]))] == [
        "Kernbevindingen en conclusie op hoofdlijnen", "Aanbevelingen en vervolg"]
    assert 'data-toc="2"' in first  # ... while the report lists them in its TOC
