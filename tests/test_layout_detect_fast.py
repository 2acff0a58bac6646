"""The layout detectors' shortcuts decide as the detectors written first."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from edition_tools.convert.layouts import plain, web_record


def first_plain_detect(text: str) -> float:
    return 0.3 if plain.split_blocks(text) else 0.0


def first_web_record_detect(text: str) -> float:
    score = 0.0
    if "\u00a0" in text and re.search(r"^\u00a0\s*$", text, re.M):
        score += 0.3
    labels = sum(1 for lab in ("Author(s)", "Associated Places", "Original Archive", "Record ID", "Original Uploaded Date",
                               "Subjects Discussed", "Explore Related Resources")
                 if re.search(rf"^\s*{re.escape(lab)}\s*(?::|$)", text, re.M))
    return min(score + 0.15 * labels, 1.0)


PIECES = st.sampled_from(["", " ", "\n", "\f", "\t", "\u00a0", "\x1c", "\u2028", "x", "Record ID", "Record ID:",
                          "Author(s)", "Associated Places", " Original Archive", "Subjects Discussed", ":", "text"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=10).map("".join))
def test_the_detectors_decide_as_written_first(text):
    assert plain.detect(text) == first_plain_detect(text)
    assert web_record.detect(text) == first_web_record_detect(text)
