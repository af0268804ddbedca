"""A small data set that a final build accepts (helpers.write_complete_dataset),
with a two-paragraph `besteding` text that the preview and the draft-marking tests edit.

    root = write_complete_dataset(tmp_path)        # years 2022..2023, report year 2023
"""

from __future__ import annotations

from pathlib import Path

import helpers

JAAR = helpers.BUILD_YEAR


def write_complete_dataset(root: Path) -> Path:
    helpers.write_complete_dataset(root)
    (root / str(JAAR) / "teksten" / "besteding.md").write_text(
        "Ontvangen: {{ financien.ontvangen_totaal | euro }}. De commissie volgt de besteding "
        "per instelling.\n\nBesteed: {{ financien.besteed_totaal | euro }}.\n",
        encoding="utf-8")
    return root
