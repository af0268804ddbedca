"""The vectorised loading and validation (issue 12) report exactly the problems, texts and
order of the row-by-row version they replaced: tests/fixtures/midsize_problems.json was
written by that version (reportgen at 3bffe28) for the data of tests/midsize_data.py, two
variants of 12 institutions x 2.500 persons x 4 years in all three dialects. Updated since
for two intended changes only: the warning about persons without a subtheme is given per
institution (so `reportgen status` can attribute it), and a personnel measure without a
definition is an error (reportgen/measures.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from midsize_data import write_midsize

from reportgen.loading import load_dataset
from reportgen.validation import validate_loaded

EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "midsize_problems.json")
                      .read_text(encoding="utf-8"))


@pytest.mark.parametrize("variant", ["regels", "inlezen"])
def test_midsize_data_gives_the_same_problems_as_before(tmp_path, variant):
    root = write_midsize(tmp_path / "data", variant)
    ds, problems = load_dataset(root, 2025)
    found = [str(p) for p in problems + validate_loaded(ds, problems)]
    assert found == EXPECTED[variant]
