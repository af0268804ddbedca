"""Marking what changed, without a PDF: sentences found in the HTML as the snapshot finds
them, changed sentences and numbers wrapped, blocks given their bar, removed passages
noted, the HTML kept well formed; table cells and the change page in the rendered report
(render_report_html with a change set)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reportgen import changes
from reportgen.changes import CellChange, ChangeSummary, TextChange, plain_text, sentences
from reportgen.dataset import TextFile
from reportgen.render.marks import apply_marks, changed_numbers, mark_text, text_sentences
from reportgen.texts import render_text

RICH_TEXT = """## Een tussenkop

De formatie is gegroeid tot **324,95 fte**. Zie [[tabel:besteding]] voor de
bedragen; het totaal is € 1.234.567,89.^[Peildatum 31 december.] Dat is 87%.

> Het werk is goed begonnen. Het gaat door.
> — Een lid van de commissie

- Eerste punt. Met twee zinnen.
- Tweede punt met een [link](https://example.org).

```kader Een kader
Tekst in een kader. Nog een zin!
```

Een regel met <script> en &amp; tekens. Slot?
"""


def rich_fragment() -> str:
    html, problems = render_text(TextFile("t", "2023/teksten/t.md", RICH_TEXT), {},
                                 known_refs={"tabel:besteding"})
    assert not [p for p in problems if p.is_error]
    return str(html)


FRAGMENTS = [
    "<p>Een. Twee drie.</p>",
    "<p>Met&nbsp;harde\u00a0spatie en  dubbele  spaties. <em>Schuin. Nog</em> meer.</p>",
    "<p>Regel een<br>regel twee. Zin drie.</p>\n<p>Los.</p>",
    "<ul>\n<li>Punt. <strong>Vet</strong> punt.</li>\n<li>Twee.</li>\n</ul>",
    "<p>Zie [[figuur:werkdruk]] en [[tabel:x_y]]. Klaar.</p>",
]


@pytest.mark.parametrize("fragment", [*FRAGMENTS, "RICH"])
def test_sentences_are_found_as_the_snapshot_finds_them(fragment):
    fragment = rich_fragment() if fragment == "RICH" else fragment
    found = text_sentences(fragment)
    assert [s.text for s in found] == sentences(plain_text(fragment))
    for s in found:  # each sentence knows where it is in the HTML
        assert plain_text(fragment[s.start:s.end]) == s.text


class _Checker(HTMLParser):
    """Well-formedness: every end tag closes the innermost open element."""

    VOID = {"br", "img", "hr", "wbr", "col", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def well_formed(html: str) -> bool:
    checker = _Checker()
    checker.feed(html)
    return checker.ok and not checker.stack


def anchors():
    n = iter(range(1, 1000))
    return lambda: f"wijziging-{next(n)}"


def test_changed_number_is_highlighted_and_sentence_barred():
    fragment = rich_fragment()
    old = plain_text(fragment).replace("324,95 fte", "320,00 fte")
    marked = mark_text(fragment, old, anchors())
    html = str(marked.html)
    assert well_formed(html)
    assert [m.soort for m in marked.marks] == ["gewijzigd"]
    assert marked.marks[0].oud.endswith("320,00 fte.")
    assert marked.marks[0].nieuw.endswith("324,95 fte.")
    # the number inside the bold run, the sentence around it, the paragraph barred
    assert re.search('<strong><span class="wz-zin"><span class="wz-getal">324,95[ \xa0]'
                     'fte</span></span></strong>', html), html
    assert '<p class="wz-blok"><span class="wz-zin" id="wijziging-1">De formatie' in html
    assert html.count('id="wijziging-1"') == 1
    assert plain_text(html) == plain_text(fragment)


def test_new_removed_and_unchanged_sentences():
    fragment = "<p>Een. Twee nieuw.</p>\n<p>Drie.</p>\n<p>Vier.</p>"
    old = "Een.\nDrie. Weg ermee.\nVier."
    marked = mark_text(fragment, old, anchors())
    html = str(marked.html)
    assert [(m.soort, m.oud or m.nieuw) for m in marked.marks] == [
        ("nieuw", "Twee nieuw."), ("weg", "Weg ermee.")]
    assert '<p class="wz-blok">Een. <span class="wz-zin" id="wijziging-1">Twee nieuw.' in html
    # the removed sentence stood after "Drie." in its paragraph: the mark is there
    assert '<p class="wz-blok-weg"><span class="wz-na-weg" id="wijziging-2">Drie.' in html
    assert "<p>Vier.</p>" in html
    assert mark_text(fragment, plain_text(fragment), anchors()).html == fragment


def test_a_new_text_is_marked_whole_and_an_emptied_one_is_listed():
    fragment = "<p>Alles is nieuw. Echt alles.</p>"
    marked = mark_text(fragment, "", anchors())
    assert [m.soort for m in marked.marks] == ["nieuw", "nieuw"]
    gone = mark_text("", "Was er. Nu niet.", anchors())
    assert [(m.soort, m.anker) for m in gone.marks] == [("weg", ""), ("weg", "")]


def test_changed_numbers_only_the_ones_that_differ():
    new = "In 2023 was het € 1.234,50 en 87% van 12,00 fte."
    old = "In 2023 was het € 1.200,00 en 87% van 11,50 fte."
    found = [new[a:b] for a, b in changed_numbers(old, new)]
    assert found == ["€ 1.234,50", "12,00 fte"]


def test_ranges_across_tags_stay_well_formed():
    html = '<p>a<em>bc</em>d<a href="#x">ef</a>g</p>'
    out = apply_marks(html, [], {})
    assert out == html
    from reportgen.render.marks import Range

    out = apply_marks(html, [Range(4, 40, "wz-zin", "wijziging-1")], {0: {"wz-blok"}})
    assert well_formed(out), out
    assert out.startswith('<p class="wz-blok">')
    assert out.count('id="wijziging-1"') == 1


# ----------------------------------------------------------------- in the rendered report


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    from complete_data import JAAR, write_complete_dataset
    from reportgen import pipeline

    root = write_complete_dataset(tmp_path_factory.mktemp("data"))
    return pipeline.prepare(root, JAAR, draft=True, build_info={"concept_nummer": 3})


def change_set(prepared) -> object:
    from reportgen.view.wijzigingen import PreviousBuild, Wijzigingen

    table = prepared.view.tabellen["realisatie_fte"] if "realisatie_fte" in \
        prepared.view.tabellen else next(iter(prepared.view.tabellen.values()))
    row, col = table.rows[0], next(c for c in table.columns if c.kind != "text")
    besteding = prepared.view.tekst.texts["besteding"]
    summary = ChangeSummary(
        eerste_build=False,
        cellen=[CellChange(table.title, row.label, col.label, "9,99", "1,00", table.key,
                           row.key or row.label, col.key),
                CellChange("Niet afgedrukt", "r", "k", "1", "2", "geen_tabel", "r", "k")],
        teksten=[TextChange("besteding", "gewijzigd", "2023/teksten/besteding.md")],
        vorige_teksten={"besteding": plain_text(besteding).replace(
            "per instelling.", "per umc.")})
    return Wijzigingen(summary, vorige=PreviousBuild(concept_nummer=2)), table, row, col


@pytest.mark.parametrize("medium", ["print", "screen"])
def test_report_marks_cells_and_texts_and_lists_them_first(prepared, medium):
    from reportgen import render

    marks, table, row, col = change_set(prepared)
    html = render.render_report_html(prepared.view, {}, medium=medium, changes=marks)
    page = html[html.index('<section class="wijzigingen"'):]
    page = page[:page.index("</section>") + 10]
    assert "Wijzigingen ten opzichte van concept 2" in page
    assert f"{row.label}, {col.label}: 9,99 → 1,00" in page
    assert "(deze tabel staat niet in het rapport" in page
    assert "Was: „De commissie volgt de besteding per umc.”" in page
    # The change page comes before the cover; its links lead to the marks.
    assert html.index('class="wijzigingen"') < html.index('class="omslag')
    for target in re.findall(r'href="#(wijziging-\d+)"', page):
        assert html.count(f'id="{target}"') == 1
    cell = re.search(r'<td class="[^"]*wz-cel"[^>]*id="(wijziging-\d+)"[^>]*title="Was: 9,99"',
                     html)
    assert cell and f'href="#{cell.group(1)}"' in page
    assert '<span class="wz-zin"' in html and 'class="wz-blok"' in html
    assert well_formed(html[html.index("<body"):html.index("</body>") + 7])


def test_without_changes_nothing_is_marked(prepared):
    from reportgen import render

    html = render.render_report_html(prepared.view, {})
    assert "wijzigingen-kop" not in html and 'class="wz-' not in html
    assert "<!--WIJZIGINGEN-->" not in html


def test_no_changes_says_so(prepared):
    from reportgen import render
    from reportgen.view.wijzigingen import PreviousBuild, Wijzigingen

    html = render.render_report_html(
        prepared.view, {},
        changes=Wijzigingen(ChangeSummary(eerste_build=False), PreviousBuild(definitief=True)))
    assert "Wijzigingen ten opzichte van de definitieve versie" in html
    assert "Er is niets gewijzigd" in html


def test_compare_gives_the_keys_and_previous_texts(prepared):
    view = prepared.view
    texts = {k: str(v) for k, v in view.tekst.texts.items()}
    old = changes.snapshot(view.alle_tabellen, 2023, {k: "a" for k in texts}, rendered=texts)
    new = changes.snapshot(view.alle_tabellen, 2023, {k: "b" for k in texts}, rendered=texts)
    key = next(iter(old["tabellen"]))
    row = next(iter(old["tabellen"][key]["rijen"]))
    col = next(c for c, v in old["tabellen"][key]["kolommen"].items() if v["soort"] != "text")
    old["tabellen"][key]["rijen"][row]["waarden"][col] = "123456"
    summary = changes.compare(old, new)
    cell = next(c for c in summary.cellen if c.tabel_sleutel == key)
    assert (cell.rij_sleutel, cell.kolom_sleutel) == (row, col)
    assert summary.vorige_teksten["besteding"] == plain_text(texts["besteding"])
