"""tagging.fix_structure on small documents typeset by WeasyPrint: table header scopes and
headers (also with rowspan/colspan), the table of contents as TOC/TOCI, the /IDTree, and
what must not change (metadata, XMP, the permanent /ID, the page content)."""

from __future__ import annotations

import io

import pikepdf
import pytest
from weasyprint import HTML

from reportgen import tagging

PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>
<style>@page {{ size: A5; }} ol.toc {{ list-style: none; }}</style></head><body>{}</body></html>"""

MATRIX = """<h1 id="k1">Kop</h1><table>
<thead>
<tr><th scope="col" rowspan="2">umc</th><th scope="colgroup" colspan="2">A</th>
    <th scope="colgroup">B</th></tr>
<tr><th scope="col">a1</th><th scope="col">a2</th><th scope="col">b1</th></tr>
</thead>
<tbody>
<tr><th scope="row">X</th><td>1</td><td>2</td><td>3</td></tr>
<tr><th scope="row">Y</th><td>4</td><td>5</td><td>6</td></tr>
<tr><th>Totaal</th><td>5</td><td>7</td><td>9</td></tr>
</tbody></table>"""

TOC = """<nav><h1 id="inh">Inhoud</h1><ol class="toc">
<li><a href="#k1">Eerste</a></li><li><a href="#k2">Tweede</a></li></ol></nav>
<ul><li>De <a href="#k1">eerste kop</a> gaat voor.</li></ul>
<h1 id="k1">Eerste</h1><p>Tekst.</p><h1 id="k2">Tweede</h1><p>Meer tekst.</p>"""


def _pdf(body: str, variant: str | None = "pdf/ua-1") -> bytes:
    html = PAGE.format(body)
    kwargs = {"pdf_variant": variant} if variant else {}
    return HTML(string=html).write_pdf(pdf_identifier=b"0123456789abcdef", **kwargs)


def _elements(data: bytes) -> tuple[pikepdf.Pdf, list[pikepdf.Dictionary]]:
    pdf = pikepdf.open(io.BytesIO(data))
    out = []

    def walk(node):
        out.append(node)
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K[0])
    return pdf, out


def _attr(cell, key):
    attrs = cell.get("/A")
    for a in (list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]):
        if a is not None and key in a:
            return a[key]
    return None


@pytest.fixture(scope="module")
def matrix() -> tuple[bytes, bytes]:
    before = _pdf(MATRIX)
    return before, tagging.fix_structure(before)


def test_header_cells_get_the_scope_the_html_gives_them(matrix):
    before, after = matrix
    _, elements = _elements(before)
    assert [_attr(e, "/Scope") for e in elements if e.S == "/TH"] == [None] * 9
    _, elements = _elements(after)
    scopes = [str(_attr(e, "/Scope")) for e in elements if e.S == "/TH"]
    # umc, A, B, a1, a2, b1 (head); X, Y (scope="row"); Totaal (no scope, in front of
    # figures: a row header, as in HTML's own table model).
    assert scopes == ["/Column"] * 6 + ["/Row"] * 3


def test_data_cells_name_their_row_and_column_headers_across_spans(matrix):
    _, after = matrix
    _, elements = _elements(after)
    names = {str(e.ID): n for e, n in zip(
        (e for e in elements if e.S == "/TH"),
        ["umc", "A", "B", "a1", "a2", "b1", "X", "Y", "Totaal"])}
    headers = [[names[str(h)] for h in _attr(e, "/Headers")] for e in elements if e.S == "/TD"]
    assert headers == [["X", "A", "a1"], ["X", "A", "a2"], ["X", "B", "b1"],
                       ["Y", "A", "a1"], ["Y", "A", "a2"], ["Y", "B", "b1"],
                       ["Totaal", "A", "a1"], ["Totaal", "A", "a2"], ["Totaal", "B", "b1"]]


def test_the_id_tree_resolves_every_header_id(matrix):
    _, after = matrix
    pdf, elements = _elements(after)
    tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    ths = [e for e in elements if e.S == "/TH"]
    assert sorted(tree.keys()) == sorted(str(e.ID) for e in ths)
    assert all(tree[str(e.ID)].objgen == e.objgen for e in ths)


def test_the_table_of_contents_becomes_toc_and_other_lists_stay_lists():
    html = PAGE.format(TOC)
    targets = tagging.toc_link_targets(html)
    assert targets == {"k1", "k2"}  # the list outside <nav> does not count
    before = _pdf(TOC)
    after, changes = tagging.fix_structure_with_changes(before, targets)
    assert (changes.toc_lists, changes.toc_items) == (1, 2)
    _, elements = _elements(after)
    roles = [str(e.S) for e in elements]
    assert roles.count("/TOC") == 1 and roles.count("/TOCI") == 2
    assert roles.count("/L") == 1 and roles.count("/LI") == 1  # the <ul> in the text
    toc = next(e for e in elements if e.S == "/TOC")
    assert [str(k.S) for k in toc.K] == ["/TOCI", "/TOCI"]
    assert {str(k.S) for i in toc.K for k in i.K} == {"/Reference"}
    # Without targets nothing is a table of contents.
    _, elements = _elements(tagging.fix_structure(before))
    assert "/TOC" not in [str(e.S) for e in elements]


def test_metadata_id_and_content_stay_as_weasyprint_wrote_them(matrix):
    before, after = matrix
    old, new = pikepdf.open(io.BytesIO(before)), pikepdf.open(io.BytesIO(after))
    assert new.Root.Metadata.read_bytes() == old.Root.Metadata.read_bytes()  # pdfuaid:part
    assert b'pdfuaid:part="1"' in new.Root.Metadata.read_bytes()
    assert bytes(new.trailer.ID[0]) == bytes(old.trailer.ID[0])
    assert {k: str(v) for k, v in new.docinfo.items()} == \
        {k: str(v) for k, v in old.docinfo.items()}
    assert new.Root.Lang == old.Root.Lang and new.Root.MarkInfo.Marked
    assert [p.Contents.read_bytes() for p in new.pages] == \
        [p.Contents.read_bytes() for p in old.pages]
    # Deterministic: the same input gives the same bytes.
    assert tagging.fix_structure(before) == after


def test_an_untagged_pdf_comes_back_unchanged():
    data = _pdf("<p>Geen tags.</p>", variant=None)
    assert tagging.fix_structure(data, {"x"}) == data
