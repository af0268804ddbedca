"""The PDF read back with pypdf: parts, TOC page numbers, numbering, metadata, safety.

The full report PDF of the synthetic report (tests/report_data.py, made by the real
pipeline) is built once per test session (conftest `report_pdf`); the other tests use the
one- or two-page letter.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from helpers import background_drawings
from report_data import INJECTIE_NAAM, view_with
from reportgen import pdf, render
from reportgen.pdf import AssetFetcher, RefusedURL

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def letter(report) -> bytes:
    """The report's (final) letter as a PDF."""
    rv = report.view
    return pdf.html_to_pdf(render.render_letter_html(rv), rv.labels, rv.publicatiedatum,
                           title_suffix="brief aan de minister")


def _find_page(pages: list[str], needle: str, start: int = 0) -> int | None:
    for i in range(start, len(pages)):
        if needle in pages[i]:
            return i
    return None


def test_every_part_is_present(report_pdf):
    text = "\n".join(report_pdf.pages)
    assert "Sectorplan Geneeskunde en Gezondheidswetenschappen: eindevaluatie" in report_pdf.pages[0]
    assert "Commissie sectorplan Medische en Gezondheidswetenschappen" in report_pdf.pages[0]
    assert "juni 2029" in report_pdf.pages[0]
    assert "Colofon" in report_pdf.pages[1] and "Tekst en redactie" in report_pdf.pages[1]
    assert "Inhoudsopgave" in report_pdf.pages[2]
    for needle in ("Geachte mevrouw Voorbeeld,", "Leeswijzer", "1 Managementsamenvatting",
                   "2 Inleiding", "3 Voortgang sectorplan", "4 Voortgang op sectorplanthema's",
                   "5 Kengetallen sectorplan", "6 Conclusies en aanbevelingen", "7 Bijlagen",
                   "Bijlage I Themamatrix", "Bijlage II Samenstelling", "Bijlage III",
                   "Bijlage IV", "Bijlage V Realisatie", "Bijlage VI"):
        assert needle in text, needle


def _toc_entries(report_pdf) -> list[tuple[str, int]]:
    """(title, printed page) from the TOC pages."""
    entries = []
    for text in report_pdf.pages[2:5]:
        for title, page in re.findall(r"(.+?)\s*\.{4,}\s*(\d+)", text):
            entries.append((title.replace("Inhoudsopgave", "").strip(), int(page)))
    return entries


def test_toc_page_numbers_match_the_pages_headings_land_on(report_pdf):
    entries = _toc_entries(report_pdf)
    assert len(entries) >= 40
    named = report_pdf.reader.named_destinations
    toc_ids = re.findall(r'<li class="toc-\d"><a href="#([^"]+)">',
                         report_pdf.html[report_pdf.html.index('class="inhoudsopgave"'):])
    assert len(toc_ids) == len(entries)
    for (title, printed), anchor in zip(entries, toc_ids):
        index = report_pdf.reader.get_destination_page_number(named[anchor])
        assert printed == index + 1, (title, printed, index + 1)
        # The heading text is really on that page (numbers and title).
        assert title.split()[-1] in report_pdf.pages[index], (title, index + 1)


def test_bookmarks_follow_the_headings_without_junk(report_pdf):
    def flatten(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from flatten(item, depth + 1)
            else:
                yield depth, item.title, report_pdf.reader.get_destination_page_number(item)

    marks = list(flatten(report_pdf.reader.outline))
    titles = [t for _, t, _ in marks]
    assert titles[:4] == ["Inhoudsopgave", "Aanbiedingsbrief", "Leeswijzer",
                          "1 Managementsamenvatting"]
    assert "3.1.1 Monitor rust en ruimte" in titles and "Bijlage VI" in " ".join(titles)
    assert not any("eindevaluatie" in t.lower() or "Colofon" in t for t in titles)
    assert all(page >= 2 for _, _, page in marks)  # nothing on the cover or colofon


def test_figure_and_table_numbers_are_consecutive_and_resolved(report_pdf):
    text = "\n".join(report_pdf.pages)
    figures = [int(n) for n in re.findall(r"Figuur (\d+)\. ", text)]
    tables = [int(n) for n in re.findall(r"Tabel (\d+)\. ", text)]
    assert figures == list(range(1, len(figures) + 1)) and len(figures) == 7
    assert tables == list(range(1, len(tables) + 1)) and len(tables) == 5
    assert "[[" not in text and "verwijzing onbekend" not in text
    # A reference in the text names the figure's number.
    assert "De uitkomsten van de monitor staan in figuur 1." in text


def test_metadata_and_language(report_pdf):
    meta = report_pdf.reader.metadata
    assert meta.title == "Eindevaluatie sectorplan Geneeskunde en Gezondheidswetenschappen 2028"
    assert meta.author == "Commissie sectorplan Medische en Gezondheidswetenschappen"
    assert meta.subject.startswith("Eindevaluatie van het sectorplan")
    assert "sectorplan" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20290601")
    assert meta["/ModDate"].startswith("D:20290601")
    root = report_pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "nl"


def test_pdf_is_tagged_pdf_ua(report_pdf):
    root = report_pdf.reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def _structure_headings(node, out):
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _structure_headings(child, out)
        return out
    if not hasattr(node, "get"):
        return out
    tag = str(node.get("/S", ""))
    if re.fullmatch(r"/H[1-6]", tag):
        out.append(int(tag[2]))
    if "/K" in node:
        kids = node["/K"]
        _structure_headings(kids if isinstance(kids, list) else [kids], out)
    return out


def test_tagged_headings_never_skip_a_level(report_pdf):
    """PDF/UA (Matterhorn 14-003): a subheading right under a chapter is an H2, not an H4."""
    levels = _structure_headings(report_pdf.reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert levels and levels[0] == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, skips
    assert 4 in levels  # KPI headings under a numbered subsection stay H4


def test_every_font_is_embedded_lato(report_pdf):
    seen = set()
    for page in report_pdf.reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                          if "/DescendantFonts" in font else font["/FontDescriptor"])
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert seen and all(name.startswith("Lato") for name in seen), seen


def test_injected_markup_prints_as_text_and_reads_nothing(report_pdf):
    text = "\n".join(report_pdf.pages)
    assert INJECTIE_NAAM in text
    assert not any("etc/passwd" in url for url in report_pdf.fetcher.requested)
    assert report_pdf.fetcher.refused == []
    for url in report_pdf.fetcher.requested:
        assert url.startswith("data:") or "/reportgen/assets/fonts/Lato-" in url, url


def test_fetcher_refuses_files_outside_assets_and_network():
    fetcher = AssetFetcher()
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/",
                "ftp://example.com/x", "file:///etc/../etc/passwd",
                pdf.ASSETS_DIR.as_uri() + "/../pdf.py"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6
    font = fetcher.fetch((pdf.ASSETS_DIR / "fonts" / "Lato-Regular.ttf").as_uri())
    assert font.read(4) in (b"\x00\x01\x00\x00", b"true")
    data = fetcher.fetch("data:text/plain;base64,aGFsbG8=")
    assert data.read() == b"hallo"


def test_letter_pdf_is_deterministic(report, letter):
    rv = report.view
    again = pdf.html_to_pdf(render.render_letter_html(rv), rv.labels, rv.publicatiedatum,
                            title_suffix="brief aan de minister")
    assert again == letter
    reader = PdfReader(io.BytesIO(letter))
    assert reader.metadata.title.endswith("– brief aan de minister")
    assert "Geachte mevrouw Voorbeeld," in reader.pages[0].extract_text()


def test_final_letter_has_no_page_background(letter):
    """A final PDF has no page background at all (the draft's CONCEPT is one)."""
    reader = PdfReader(io.BytesIO(letter))
    assert background_drawings(letter) == [None] * len(reader.pages)


def test_draft_letter_has_watermark_and_build_info(report):
    rv = view_with(report, draft=True,
                   build_info={"concept_nummer": 2, "builddatum": dt.date(2026, 11, 22)})
    data = pdf.html_to_pdf(render.render_letter_html(rv), rv.labels, rv.publicatiedatum)
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert "Concept 2 · gemaakt op 22 november 2026" in page.extract_text()
    # The diagonal CONCEPT is a page background image (not text, not tagged content).
    assert page["/Resources"].get("/XObject") or page["/Resources"].get("/Pattern")
    assert None not in background_drawings(data)


# ------------------------------------------------------------------ accessibility (PDF/UA)
# The structure tree read back with pikepdf, and the `pdfua` checker (PDF/UA-1 + WCAG).


@pytest.fixture
def pdfua_check(monkeypatch):
    """`pdfua.validate`, with its empty-heading rule (UA-14-001) able to run: pdfua 0.1.3
    asks every /K for an `is_integer` attribute, which a pikepdf Array answers with a
    ValueError, so the rule is skipped on any heading whose /K is an array (all of
    WeasyPrint's). Arrays are never integers; the rest of pdfua is used as it is."""
    import pikepdf
    from pdfua.rules import structure

    original = structure.as_integer
    monkeypatch.setattr(structure, "as_integer",
                        lambda v: None if isinstance(v, pikepdf.Array) else original(v))
    import pdfua
    return pdfua.validate


@pytest.fixture(scope="module")
def letter_pdf(letter, tmp_path_factory) -> SimpleNamespace:
    """The letter as the report fixture has it: bytes, reader, page texts, a file."""
    path = tmp_path_factory.mktemp("brief") / "brief.pdf"
    path.write_bytes(letter)
    reader = PdfReader(io.BytesIO(letter))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    return SimpleNamespace(data=letter, reader=reader, pages=pages, path=path)


@pytest.fixture(scope="module")
def report_file(report_pdf, tmp_path_factory):
    path = tmp_path_factory.mktemp("rapport") / "rapport.pdf"
    path.write_bytes(report_pdf.data)
    return SimpleNamespace(path=path)


@pytest.mark.parametrize("which", ["report_file", "letter_pdf"])
def test_pdfua_checker_finds_no_error_and_no_warning(which, request, pdfua_check):
    built = request.getfixturevalue(which)
    result = pdfua_check(str(built.path))
    assert [(o.rule_id, o.skipped_reason) for o in result.skipped] == []
    assert len(result.outcomes) >= 12  # every implemented rule ran
    findings = [(f.rule_id, f.severity.name, f.location.describe(), f.message)
                for f in result.findings]
    assert findings == []


def _elements(data: bytes):
    """(role, element, parent role) of every structure element, in document order."""
    import io

    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    out = []

    def kids(node):
        k = node.get("/K")
        items = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
        return [i for i in items if isinstance(i, pikepdf.Dictionary) and "/S" in i]

    def walk(node, parent_role):
        role = str(node.S)
        out.append((role, node, parent_role))
        for kid in kids(node):
            walk(kid, role)

    for top in kids(pdf.Root.StructTreeRoot):
        walk(top, None)
    return pdf, out, kids


def _table_attr(cell, key):
    import pikepdf

    attrs = cell.get("/A")
    for a in (list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]):
        if a is not None and a.get("/O") == "/Table" and key in a:
            return a[key]
    return None


def test_every_table_header_cell_has_its_scope(report_pdf):
    report = report_pdf
    pdf, elements, kids = _elements(report.data)
    scopes = {"row": 0, "col": 0}
    header_rows = 0
    for role, element, parent in elements:
        if role == "/TR":
            cells = [str(c.S) for c in kids(element)]
            grandparent = str(element.P.S)
            for cell in kids(element):
                if str(cell.S) != "/TH":
                    continue
                scope = _table_attr(cell, "/Scope")
                assert scope in ("/Row", "/Column", "/Both"), (cells, scope)
                if grandparent == "/THead":
                    assert scope == "/Column"
                elif "/TD" in cells and cells.index("/TH") == 0 and cell == kids(element)[0]:
                    assert scope == "/Row"  # the label cell in front of a row of figures
                scopes["row" if scope == "/Row" else "col"] += 1
            header_rows += grandparent == "/THead"
    # Every scope="row" of the HTML, and every scope="col"/"colgroup" at least once (a
    # table that breaks across pages repeats its head).
    assert scopes["row"] == len(re.findall(r'<th scope="row"', report.html)) > 0
    assert scopes["col"] >= len(re.findall(r'<th scope="col(?:group)?"', report.html)) > 0
    assert header_rows >= 5


def test_data_cells_name_their_own_row_and_column_headers(report_pdf):
    """Every /Headers entry of a TD resolves, through the /IDTree, to a TH of the same table
    (what a screen reader reads out with each figure): the row header of its own row, and
    per column of figures its own column header(s) -- also in the themamatrix, whose head
    spans rows and columns."""
    import pikepdf

    pdf, elements, kids = _elements(report_pdf.data)
    id_tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)

    def rows(table, group):
        return [r for g in kids(table) if str(g.S) == group for r in kids(g)]

    tables = [e for role, e, _ in elements if role == "/Table"]
    assert len(tables) >= 8
    for table in tables:
        by_position: dict[int, set] = {}
        for row in rows(table, "/TBody"):
            cells = kids(row)
            own_row = [str(c.ID) for c in cells if str(c.S) == "/TH"]
            for position, cell in enumerate(cells):
                if str(cell.S) != "/TD":
                    continue
                headers = [id_tree[str(h)] for h in _table_attr(cell, "/Headers")]
                assert all(str(h.S) == "/TH" for h in headers)
                assert [str(h.ID) for h in headers if _table_attr(h, "/Scope") == "/Row"] \
                    == own_row
                column = tuple(str(h.ID) for h in headers
                               if _table_attr(h, "/Scope") == "/Column")
                by_position.setdefault(position, set()).add(column)
        columns = [next(iter(v)) for v in by_position.values()]
        assert all(len(v) == 1 for v in by_position.values())  # same headers down a column
        assert all(columns) and len(set(columns)) == len(columns)  # each its own
        leaves = {str(c.ID) for c in kids(rows(table, "/THead")[-1])}
        assert len(leaves & {h for c in columns for h in c}) == len(columns)


def test_table_of_contents_is_tagged_toc_with_an_item_per_entry(report_pdf):
    report = report_pdf
    pdf, elements, kids = _elements(report.data)
    tocs = [e for role, e, parent in elements if role == "/TOC"]
    items = [e for role, e, parent in elements if role == "/TOCI"]
    entries = re.findall(r'<li class="toc-\d">', report.html)
    assert tocs and len(items) == len(entries) >= 40
    assert all(str(i.P.S) == "/TOC" for i in items)
    assert {str(k.S) for i in items for k in kids(i)} == {"/Reference"}
    # The TOC sits right after its heading "Inhoudsopgave", on the TOC pages only; no list
    # item (LI) is left there.
    toc_pages = {p.objgen for p in (t.Pg for t in tocs)}
    assert not [e for role, e, _ in elements if role in ("/L", "/LI")
                and "/Pg" in e and e.Pg.objgen in toc_pages]
    # Lists elsewhere (the colofon's, the texts') stay lists.
    assert any(role == "/L" for role, _, _ in elements)


def test_cover_title_is_the_first_heading(report_pdf, report):
    pdf, elements, kids = _elements(report_pdf.data)
    first_page = pdf.pages[0].obj.objgen
    headings = [(role, e) for role, e, _ in elements if re.fullmatch(r"/H[1-6]", role)]
    role, first = headings[0]
    assert role == "/H1" and first.Pg.objgen == first_page
    assert " ".join(report.view.labels.titel.split()) in report_pdf.pages[0]


def test_letter_has_headings_that_do_not_skip_a_level(letter_pdf, report):
    letter = letter_pdf
    levels = _structure_headings(letter.reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert levels and levels[0] == 1
    assert not [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    # The subject line is that heading; it adds no bookmark to the letter's own.
    onderwerp = report.model.rapport["brief"]["onderwerp"]
    assert " ".join(onderwerp.split()[:3]) in letter.pages[0]
    assert [m.title for m in letter.reader.outline] == ["Aanbiedingsbrief"]


def test_pdf_ua_identification_survives_the_post_processing(report_pdf, letter_pdf):
    for built in (report_pdf, letter_pdf):
        root = built.reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data()
        assert b'pdfuaid:part="1"' in xmp and b"<dc:title>" in xmp
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert root["/Lang"] == "nl"
