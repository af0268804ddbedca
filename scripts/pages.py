"""Render every page of a built report to PNG, to look at it as a reader does.

    make pages                         # out/2028/rapport.pdf -> out/2028/pages/pagina-01.png ...
    python scripts/pages.py --year 2025 --dpi 80
    python scripts/pages.py --pdf out/2028/brief.pdf --out /tmp/brief

Needs `pdftoppm` from poppler-utils (Debian/Ubuntu: `apt-get install poppler-utils`,
macOS: `brew install poppler`). Build the report first with `make report`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zet elke pagina van het rapport om naar PNG.")
    parser.add_argument("--year", type=int, default=2028, help="verslagjaar (standaard 2028)")
    parser.add_argument("--pdf", type=Path, help="een ander PDF-bestand dan out/<jaar>/rapport.pdf")
    parser.add_argument("--out", type=Path, help="uitvoermap (standaard naast de PDF: pages/)")
    parser.add_argument("--dpi", type=int, default=60, help="resolutie (standaard 60)")
    args = parser.parse_args(argv)

    pdf = args.pdf or ROOT / "out" / str(args.year) / "rapport.pdf"
    if not pdf.is_file():
        print(f"PDF niet gevonden: {pdf}. Bouw eerst het rapport: make report YEAR={args.year}",
              file=sys.stderr)
        return 1
    tool = shutil.which("pdftoppm")
    if tool is None:
        print("pdftoppm ontbreekt. Installeer poppler-utils (Debian/Ubuntu: "
              "'sudo apt-get install poppler-utils', macOS: 'brew install poppler') en probeer "
              "het opnieuw.", file=sys.stderr)
        return 2
    out = args.out or pdf.parent / "pages"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("pagina-*.png"):
        old.unlink()
    subprocess.run([tool, "-r", str(args.dpi), "-png", str(pdf), str(out / "pagina")],
                   check=True)
    pages = sorted(out.glob("pagina-*.png"))
    print(f"{len(pages)} pagina's geschreven naar {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
