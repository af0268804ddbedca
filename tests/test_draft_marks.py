"""Drafts that show what changed: two real draft builds of the small data set with one
changed fte cell and one changed sentence between them, then a final build. The second
draft's change page names both (with the page they are on), its pages carry the marks as
artifacts (screen readers skip them; the PDF/UA checker stays clean); the final build has
neither. The marking itself is tested fast in test_marks.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from complete_data import JAAR, write_complete_dataset
from reportgen import pdf as pdf_mod
from reportgen.build import BuildOptions, build_report

EPOCH = "1795305600"  # 22 november 2026
OLD_SENTENCE = "De commissie volgt de besteding per instelling."
NEW_SENTENCE = "De commissie volgt de besteding per instelling nauwgezet."
# Mark colours of css/rapport.css (fill colours as PDF numbers, rounded).
BAR = (0.851, 0.51, 0.169)  # #d9822b, the bar in the margin
HIGHLIGHT = (1.0, 0.878, 0.541)  # #ffe08a, a changed number or cell
TINT = (1.0, 0.965, 0.851)  # #fff6d9, a changed sentence
MARK_COLOURS = {BAR, HIGHLIGHT, TINT}

pytestmark = pytest.mark.slow


def build(data: Path, out: Path, draft: bool) -> Path:
    build_report(BuildOptions(data_dir=data, out_dir=out, jaar=JAAR, draft=draft, quiet=True))
    return out / str(JAAR) / "rapport.pdf"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, bytes]:
    """Draft 1, draft 2 (one fte and one sentence changed), a final build: the PDFs."""
    root = tmp_path_factory.mktemp("marks")
    data = write_complete_dataset(root / "data")
    out = root / "out"
    pdfs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        # The first draft is only the baseline (its snapshot and manifest count); its PDF
        # stage is stubbed to save time. Its HTML shows it has no marks.
        with pytest.MonkeyPatch.context() as stub:
            stub.setattr(pdf_mod, "html_to_pdf", lambda html, *a, **k: b"%PDF-1.7\n%%EOF\n")
            build(data, out, draft=True)
        pdfs["concept1_html"] = (out / str(JAAR) / "rapport.html").read_bytes()
        personeel = data / str(JAAR) / "personeel.csv"
        text = personeel.read_text("utf-8")
        assert "p2,LUMC,analist,vast,1," in text
        personeel.write_text(text.replace("p2,LUMC,analist,vast,1,", "p2,LUMC,analist,vast,0.8,"),
                             "utf-8")
        besteding = data / str(JAAR) / "teksten" / "besteding.md"
        besteding.write_text(besteding.read_text("utf-8").replace(OLD_SENTENCE, NEW_SENTENCE),
                             "utf-8")
        path = build(data, out, draft=True)
        pdfs["concept2"] = path.read_bytes()
        shutil.copy(path, root / "concept2.pdf")
        pdfs["concept2_path"] = str(root / "concept2.pdf").encode()
        pdfs["definitief"] = build(data, out, draft=False).read_bytes()
    return pdfs


def page_texts(pdf: bytes, pages: list[int] | None = None) -> dict[int, str]:
    """Text of the given pages (1-based; all by default), whitespace normalised."""
    import io

    reader = PdfReader(io.BytesIO(pdf))
    wanted = pages or range(1, len(reader.pages) + 1)
    return {n: " ".join((reader.pages[n - 1].extract_text() or "").split()) for n in wanted}


def mark_fills(pdf: bytes) -> dict[int, list[tuple[tuple[float, ...], bool]]]:
    """Per page (1-based): every fill in a mark colour, and whether it is an artifact."""
    import io

    out: dict[int, list[tuple[tuple[float, ...], bool]]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, 1):
            stack: list[str] = []
            colour: tuple[float, ...] = ()
            saved: list[tuple[float, ...]] = []
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name in ("BMC", "BDC"):
                    stack.append(str(operands[0]))
                elif name == "EMC" and stack:
                    stack.pop()
                elif name == "q":
                    saved.append(colour)
                elif name == "Q" and saved:
                    colour = saved.pop()
                elif name in ("rg", "sc", "scn") and len(operands) == 3:
                    colour = tuple(round(float(x), 3) for x in operands)
                elif name in ("f", "F", "f*", "B", "B*") and colour in MARK_COLOURS:
                    out.setdefault(n, []).append((colour, "/Artifact" in stack))
    return out


def listed_page(change_page: str, pattern: str) -> int:
    """The page number printed after a change on the change page."""
    m = re.search(pattern + r"[^0-9]*?\.{3,}\s*(\d+)", change_page)
    assert m, f"{pattern!r} not on the change page"
    return int(m.group(1))


def test_change_page_names_the_figure_old_to_new_and_the_sentence(builds):
    first = page_texts(builds["concept2"], [1])[1]
    assert "Wijzigingen ten opzichte van concept 1" in first
    assert "Gerealiseerde posities (fte) — LUMC, Vast: 1,20 → 1,00" in first
    assert f"Was: „{OLD_SENTENCE}” Nu: „{NEW_SENTENCE}”" in first
    # The page numbers point at the marks.
    cell_page = listed_page(first, r"LUMC, Vast: 1,20 → 1,00")
    sentence_page = listed_page(first, re.escape(NEW_SENTENCE[-20:]))
    pages = page_texts(builds["concept2"], [cell_page, sentence_page])
    assert "1,00" in pages[cell_page] and "Gerealiseerde" in pages[cell_page]
    assert "nauwgezet" in pages[sentence_page]
    fills = mark_fills(builds["concept2"])
    assert HIGHLIGHT in {c for c, _ in fills.get(cell_page, [])}
    assert {BAR, TINT} <= {c for c, _ in fills.get(sentence_page, [])}


def test_change_page_entries_are_links_to_the_marks(builds):
    import io

    with pikepdf.open(io.BytesIO(builds["concept2"])) as doc:
        links = [a for a in doc.pages[0].get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) >= 3
        names = {str(a.get("/Dest", "")) for a in links}
        assert any(n.startswith("wijziging-") for n in names), names


def test_marks_are_artifacts_and_the_pdf_stays_accessible(builds, monkeypatch):
    fills = mark_fills(builds["concept2"])
    assert fills, "no marks drawn"
    assert all(artifact for page in fills.values() for _, artifact in page), fills
    # The PDF/UA checker (as in test_pdf.py) finds nothing.
    from pdfua.rules import structure

    original = structure.as_integer
    monkeypatch.setattr(structure, "as_integer",
                        lambda v: None if isinstance(v, pikepdf.Array) else original(v))
    import pdfua

    result = pdfua.validate(builds["concept2_path"].decode())
    assert [(f.rule_id, f.message) for f in result.findings] == []


def test_first_draft_and_final_build_carry_no_marks(builds):
    first = builds["concept1_html"].decode("utf-8")
    assert 'id="wijzigingen-kop"' not in first
    assert not re.search(r'class="[^"]*\bwz-', first)
    final = builds["definitief"]
    assert "Wijzigingen ten opzichte van" not in page_texts(final, [1])[1]
    assert mark_fills(final) == {}
    assert b"wijziging-" not in final
