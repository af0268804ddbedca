"""A very long word (a pasted URL, a missing space) wraps instead of running off the page,
and WeasyPrint gets break opportunities so its layout time stays linear."""

from __future__ import annotations

import io

from pypdf import PdfReader
from weasyprint import HTML

from reportgen.pdf import BASE_URL, AssetFetcher
from reportgen.render.numbering import BREAK_EVERY, break_long_words
from reportgen.resources import templates_dir

WORD = ("onderzoeksinfrastructuur" * 100)[:1500]


def test_long_words_get_break_opportunities_in_text_only():
    html = (f'<p>kort {WORD} &amp; {"x" * 41}</p><td title="{WORD}">{WORD}</td>'
            f'<style>{"c" * 100}</style>')
    out = break_long_words(html)
    assert f'title="{WORD}"' in out  # attributes untouched
    assert "c" * 100 in out  # styles untouched
    pieces = out.split("<p>kort ")[1].split(" &amp;")[0].split("<wbr>")
    assert "".join(pieces) == WORD and max(map(len, pieces)) == BREAK_EVERY
    assert "x" * 20 + "<wbr>" in out
    assert break_long_words("<p>een gewone zin met woorden</p>") == (
        "<p>een gewone zin met woorden</p>")


def test_a_long_word_in_a_narrow_table_cell_is_printed_whole():
    css = (templates_dir() / "css" / "rapport.css").read_text(encoding="utf-8")
    html = break_long_words(
        f'<html lang="nl"><head><style>{css}</style></head><body>'
        '<table class="cijfers conclusies"><colgroup><col style="width:25%">'
        '<col style="width:75%"></colgroup><tr><th class="label">KPI</th>'
        f'<td class="tekst">{WORD}</td></tr></table></body></html>')
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=AssetFetcher()).write_pdf()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split()).replace("\u2010", "").replace("-", "")
    assert WORD in flat  # every character is on the page, nothing clipped
