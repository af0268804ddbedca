"""Texts are untrusted: loops, repetition, powers and giant output are bounded, and going
past a bound is a problem that names the file and the line, never a hang."""

from __future__ import annotations

import time

import pytest

from reportgen.dataset import TextFile
from reportgen.texts import render_text, sandbox

CONTEXT = {"jaar": 2028, "instellingen": tuple(range(60))}

CASES = {
    "nested_range": "Regel een.\n{% for i in range(100000) %}{% for j in range(100000) %}"
                    "{% endfor %}{% endfor %}klaar",
    "string_times": "Regel een.\n{{ 'x' * 100000000 }}",
    "list_times": "Regel een.\n{% set l = [1] * 10000000 %}{{ l | length }}",
    "power": "Regel een.\n{{ 2 ** 100000000 }}",
    "output": "Regel een.\n{% for i in range(90000) %}veel tekst in een lus {% endfor %}",
    "data_loops": "Regel een.\n{% for a in instellingen %}{% for b in instellingen %}"
                  "{% for c in instellingen %}{% for d in instellingen %}{% for e in instellingen %}"
                  "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    "replace": "Regel een.\n{{ ('x' * 90000) | replace('x', 'xxxxxxxxxx') }}",
    "center": "Regel een.\n{{ 'x' | center(1000000000) }}",
    "recursion": "Regel een.\n{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_runaway_text_is_stopped_with_file_and_line(name, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)  # the real bound is a few seconds
    text = TextFile(key="proef", path="2028/teksten/proef.md", source=CASES[name])
    started = time.monotonic()
    html, problems = render_text(text, CONTEXT, draft=False)
    assert time.monotonic() - started < 8
    errors = [p for p in problems if p.is_error]
    assert errors, name
    assert errors[0].file == "2028/teksten/proef.md"
    assert errors[0].line == 2
    assert len(str(html)) < 1_000_000


def test_ordinary_loops_and_arithmetic_still_work():
    text = TextFile(key="proef", path="2028/teksten/proef.md",
                    source="{% for i in range(3) %}{{ i }} {% endfor %}{{ 2 ** 10 }} "
                           "{{ 'ab' * 3 }} {{ ('a-b') | replace('-', ' en ') }}")
    html, problems = render_text(text, CONTEXT, draft=False)
    assert not problems
    assert "0 1 2 1024 ababab a en b" in str(html)
