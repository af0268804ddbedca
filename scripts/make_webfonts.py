"""Make the WOFF2 subsets of the report font for the screen version (see
reportgen/webfonts.py): every TrueType file in reportgen/assets/fonts becomes
reportgen/assets/fonts/web/<name>.woff2. Run again after a font changes:

    .venv/bin/python scripts/make_webfonts.py

Takes about ten seconds (fontTools subsetting and Brotli compression); the result does not
depend on the clock.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportgen.webfonts import subset_codepoints, web_dir, web_font_path  # noqa: E402
from reportgen.resources import fonts_dir  # noqa: E402


def main() -> int:
    web_dir().mkdir(exist_ok=True)
    for ttf in sorted(fonts_dir().glob("*.ttf")):
        options = subset.Options()
        options.flavor = "woff2"
        options.hinting = False  # screens hint themselves; a third smaller
        font = TTFont(ttf, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset_codepoints())
        subsetter.subset(font)
        out = web_font_path(ttf)
        subset.save_font(font, str(out), options)
        print(f"{out.relative_to(fonts_dir().parent.parent.parent)}: {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
