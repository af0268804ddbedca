"""A small data set that a final build accepts (helpers.write_complete_dataset),
with the samenvatting of data_builders (it cites the structural fte) and a two-paragraph
`besteding` text: the texts the preview and the draft-marking tests edit.

    root = write_complete_dataset(tmp_path)        # years 2022..2023, report year 2023
"""

from __future__ import annotations

from pathlib import Path

import data_builders
import helpers

JAAR = helpers.BUILD_YEAR


def write_complete_dataset(root: Path) -> Path:
    helpers.write_complete_dataset(root)
    samenvatting = data_builders.minimal_files()[f"{JAAR}/teksten/samenvatting.md"]
    (root / str(JAAR) / "teksten" / "samenvatting.md").write_text(samenvatting,
                                                                   encoding="utf-8")
    (root / str(JAAR) / "teksten" / "besteding.md").write_text(
        "Ontvangen: {{ financien.ontvangen_totaal | euro }}. De commissie volgt de besteding "
        "per instelling.\n\nBesteed: {{ financien.besteed_totaal | euro }}.\n",
        encoding="utf-8")
    return root
