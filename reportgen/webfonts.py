"""The report font for the screen version (rapport.html, the preview): the same Lato faces
the PDF embeds, as WOFF2 subsets inside the HTML (data: URIs), so that screen and print
look alike without the page fetching anything.

The subsets are made once by `scripts/make_webfonts.py` (fontTools; Latin, the Latin
supplements, punctuation, € and the arrows the change page uses) and shipped next to the
TrueType files in `reportgen/assets/fonts/web/`. The faces are those of the print
stylesheet (templates/css/fonts.css): every `@font-face` there whose TrueType file has a
subset gets one here.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from .resources import PACKAGE_DIR, fonts_dir

WEB_DIR_NAME = "web"
#: Code points the subsets keep: printable ASCII, Latin-1, Latin Extended-A, general
#: punctuation (dashes, quotes, ellipsis), €, ™, arrows, minus, ≤ ≥, bullets.
SUBSET_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x203A), (0x20AC, 0x20AC),
                 (0x2122, 0x2122), (0x2190, 0x2193), (0x2212, 0x2212), (0x2264, 0x2265),
                 (0x2022, 0x2022), (0x25CF, 0x25CF))

_FACE_RE = re.compile(r"@font-face\s*\{([^}]*)\}", re.S)
_PROP_RE = re.compile(r"([\w-]+)\s*:\s*([^;]+);")
_URL_RE = re.compile(r'url\(\s*["\']?([^"\')]+)["\']?\s*\)')


def web_dir() -> Path:
    return fonts_dir() / WEB_DIR_NAME


def subset_codepoints() -> list[int]:
    return [cp for lo, hi in SUBSET_RANGES for cp in range(lo, hi + 1)]


def web_font_path(ttf: Path) -> Path:
    return web_dir() / f"{ttf.stem}.woff2"


@functools.lru_cache(maxsize=4)
def font_face_css(print_css: str) -> str:
    """`@font-face` rules with embedded WOFF2 subsets for the faces declared in
    `print_css` (the text of css/fonts.css)."""
    rules = []
    for m in _FACE_RE.finditer(print_css):
        props = {k.strip().lower(): v.strip() for k, v in _PROP_RE.findall(m.group(1) + ";")}
        url = _URL_RE.search(props.get("src", ""))
        if not url or "font-family" not in props:
            continue
        ttf = (PACKAGE_DIR / url.group(1)).resolve()
        woff2 = web_font_path(ttf)
        if not ttf.is_relative_to(fonts_dir().resolve()) or not woff2.is_file():
            continue
        data = base64.b64encode(woff2.read_bytes()).decode("ascii")
        rules.append(
            f"@font-face {{ font-family: {props['font-family']}; "
            f"font-weight: {props.get('font-weight', '400')}; "
            f"font-style: {props.get('font-style', 'normal')}; font-display: block; "
            f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}')
    return "\n".join(rules)
