"""Plain helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

SVG_STUB = ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
            'height="10"/>')

#: The small data set of the build tests (conftest `complete_data`) reports on this year.
BUILD_YEAR = 2023
EPOCH = "1795305600"  # 22 november 2026, 00:00 UTC
EPOCH_DATE = "22 november 2026"


def stub_svgs(figures) -> dict[str, tuple[str, ...]]:
    """A tiny SVG (one part) per figure key: for HTML tests that are not about the charts."""
    return {key: (SVG_STUB,) for key in figures}


def write_complete_dataset(root: Path) -> Path:
    """The small data set of data_builders (three institutions, 2022-2023, every project
    file) plus one short fictitious text per key the package's default outline asks for,
    so that a final build succeeds. Two texts cite live figures."""
    from data_builders import write_dataset
    from report_data import write_texts

    write_dataset(root, years=(2022, BUILD_YEAR), project_files=True)
    write_texts(root, BUILD_YEAR, filler=lambda key: f"Korte fictieve testtekst voor {key}.\n",
                special={"brief": "Korte fictieve brief aan de minister.\n",
                         "besteding": ("Ontvangen: {{ financien.ontvangen_totaal | euro }}.\n\n"
                                       "Besteed: {{ financien.besteed_totaal | euro }}.\n")})
    return root


def run_build(data: Path, out: Path, draft: bool = False):
    from reportgen.build import BuildOptions, build_report

    return build_report(BuildOptions(data_dir=data, out_dir=out, jaar=BUILD_YEAR,
                                     draft=draft, quiet=True))


def fake_pdf(html: str, labels, publicatiedatum, title_suffix: str | None = None,
             fetcher=None) -> bytes:
    """Deterministic stand-in for pdf.html_to_pdf (WeasyPrint takes seconds per PDF)."""
    return (b"%PDF-1.7\n% reportgen test stub\n"
            + hashlib.sha256(html.encode()).hexdigest().encode() + b"\n%%EOF\n")


def leftovers(out: Path) -> list[str]:
    """Hidden entries (temporary or old folders) a build left in its output folder."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def background_drawings(pdf_bytes: bytes) -> list[bytes | None]:
    """Per page: the drawing of the full-page background (the draft's diagonal CONCEPT),
    without its placement matrices, or None when the page has no page background."""
    from pypdf import PdfReader

    out: list[bytes | None] = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        content = page.get_contents().get_data()
        m = re.match(rb"1 0 0 -1 0 [\d.]+ cm\nq\n[\d.]+ 0 0 [\d.]+ 0 0 cm\nq\n/Artifact\nBMC\n"
                     rb"0 0 ([\d.]+) ([\d.]+) re\nW\nn\n/(\w+) Do\n", content)
        if not m:
            out.append(None)
            continue
        xobject = page["/Resources"]["/XObject"]["/" + m.group(3).decode()].get_object()
        data = xobject.get_data()
        start = data.find(b" m\n")  # the glyph outlines start at the first moveto
        out.append(data[start:] if start >= 0 else None)
    return out


# ------------------------------------------------------------------ the slow artefacts
# Module-level functions, so conftest can also run them in a second process.


def typeset_report(root: Path, jaar: int = 2028) -> dict:
    """The report of the data folder `root` with its real charts, typeset by WeasyPrint:
    its HTML, the PDF bytes and what the PDF stage asked for (and refused)."""
    from report_data import prepare_report
    from reportgen import charts, pdf, render

    prepared = prepare_report(root, jaar)
    rv = prepared.view
    html = render.render_report_html(rv, charts.render_charts(rv.figuren))
    fetcher = pdf.AssetFetcher()
    data = pdf.html_to_pdf(html, rv.labels, rv.publicatiedatum, fetcher=fetcher)
    return {"html": html, "data": data, "requested": list(fetcher.requested),
            "refused": list(fetcher.refused)}


def draft_build(data: Path, out: Path, epoch: str = EPOCH) -> Path:
    """A real draft build of `data` into `out` with SOURCE_DATE_EPOCH = `epoch`."""
    import os

    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        run_build(data, out, draft=True)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return out
