"""PDF: the report HTML becomes a tagged, accessible PDF (PDF/UA-1) with WeasyPrint 70.

- Only two kinds of resources can be loaded: files under `reportgen/assets/` (the Lato
  fonts) and `data:` URIs (the charts). `AssetFetcher` refuses everything else (file:///etc/
  passwd, http, ...) before anything is read, so a hostile string in the data can never
  pull a file or a URL into the report.
- Metadata: title (report type, sector plan and year), author (the committee), subject,
  keywords, language `nl` (from `<html lang="nl">`), creation/modification dates from the
  report settings (`publicatiedatum`), never from the clock.
- Structure: WeasyPrint's tags, completed by `tagging.fix_structure` (scope of every table
  header cell, the table of contents as TOC/TOCI).
- Reproducible: the PDF identifier is derived from the HTML and the settings, so the same
  input gives byte-identical PDFs.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import logging
import os
import urllib.parse
import urllib.request
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import tagging
from .resources import PACKAGE_DIR, assets_dir
from .view.labels import Labels

ASSETS_DIR = assets_dir()
BASE_URL = PACKAGE_DIR.as_uri() + "/"

PDF_VARIANT = "pdf/ua-1"

MIME = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
        ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg", ".css": "text/css"}

log = logging.getLogger("reportgen.pdf")


class _QuietFontNoise(logging.Filter):
    """Drop two harmless messages emitted for every font subset (no action possible)."""

    NOISE = ("Using fontTools instead of HarfBuzz-Subset",
             "timestamp seems very low")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(n in message for n in self.NOISE)


for _name in ("weasyprint", "fontTools.ttLib.tables._h_e_a_d"):
    _logger = logging.getLogger(_name)
    if not any(isinstance(f, _QuietFontNoise) for f in _logger.filters):
        _logger.addFilter(_QuietFontNoise())


class RefusedURL(ValueError):
    """A resource outside reportgen/assets/ (or a non-data URI) was requested."""


class AssetFetcher(URLFetcher):
    """Serves `data:` URIs and files below `assets_dir`; refuses everything else.

    `requested` records every URL asked for, `refused` those that were turned down (tests
    and debugging)."""

    def __init__(self, assets_dir: Path = ASSETS_DIR):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.assets_dir = Path(assets_dir).resolve()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # noqa: D401 - WeasyPrint API
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            path = self._asset_path(url)
            if path is not None:
                return URLFetcherResponse(
                    path.as_uri(), body=path.read_bytes(),
                    headers={"Content-Type": MIME.get(path.suffix.lower(),
                                                      "application/octet-stream")})
        self.refused.append(url)
        log.warning("bron geweigerd: %s", url)
        raise RefusedURL(f"bron buiten reportgen/assets geweigerd: {url}")

    def _asset_path(self, url: str) -> Path | None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(urllib.request.url2pathname(urllib.parse.unquote(parsed.path)))
            path = path.resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_file() or not path.is_relative_to(self.assets_dir):
            return None
        return path

    def _data(self, url: str) -> URLFetcherResponse:
        header, sep, payload = url[5:].partition(",")
        if not sep:
            self.refused.append(url)
            raise RefusedURL("ongeldige data-URI")
        parts = header.split(";")
        mime = parts[0] or "text/plain"
        if "base64" in parts[1:]:
            body = base64.b64decode(payload)
        else:
            body = urllib.parse.unquote_to_bytes(payload)
        return URLFetcherResponse(url[:64], body=body, headers={"Content-Type": mime})


def _pdf_datetime(day: dt.date) -> str:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).isoformat()


def _identifier(html: str, day: dt.date, title: str) -> bytes:
    digest = hashlib.sha256()
    digest.update(title.encode("utf-8"))
    digest.update(str(day).encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()[:32].encode("ascii")


@contextlib.contextmanager
def _reproducible_fonts(day: dt.date):
    """Font subsets get a `head.modified` timestamp from fontTools, which honours
    SOURCE_DATE_EPOCH; pin it to the report date (unless the caller already set it)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_to_pdf(html: str, labels: Labels, publicatiedatum: dt.date,
                title_suffix: str | None = None, fetcher: AssetFetcher | None = None) -> bytes:
    """Typeset `html` (from render) into PDF/UA-1 bytes; deterministic for equal input."""
    title = labels.pdf_titel + (f" – {title_suffix}" if title_suffix else "")
    fetcher = fetcher or AssetFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT)
    meta = document.metadata
    meta.title = title
    meta.authors = [labels.commissie]
    meta.description = labels.pdf_onderwerp
    meta.keywords = list(labels.trefwoorden)
    meta.generator = "reportgen"
    meta.created = meta.modified = _pdf_datetime(publicatiedatum)
    meta.lang = "nl"
    with _reproducible_fonts(publicatiedatum):
        data = document.write_pdf(pdf_variant=PDF_VARIANT,
                                  pdf_identifier=_identifier(html, publicatiedatum, title))
    # What WeasyPrint 70 leaves out of the structure tree: header scopes, TOC/TOCI.
    return tagging.fix_structure(data, toc_targets=tagging.toc_link_targets(html))
