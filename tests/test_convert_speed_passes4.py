"""The fast paths of the fourth speed round (quotes, speech, dates) give what the plain ones gave.

Each test compares a fast path with the plain search it stands for (kept here as the reference) on
hand-picked inputs, on the FRUS paragraphs and on generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition_tools.convert import dates, quotes

FRUS = sorted(Path(__file__).parent.joinpath("data", "external", "frus").glob("*.txt"))


def frus_paragraphs() -> list[str]:
    return [p for path in FRUS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def text_of(tokens: list[str]) -> st.SearchStrategy[str]:
    """Texts of the ``tokens``, joined by spaces or glued, and texts of a few odd characters."""
    joined = st.lists(st.sampled_from(tokens), max_size=30).map(" ".join)
    glued = st.lists(st.sampled_from(tokens), max_size=30).map("".join)
    odd = st.text(alphabet="aA1 .,:;’“\"-–_(é\u00a0\u2003\n\ufffc", max_size=40)
    return st.one_of(joined, glued, odd)


# --------------------------------------------------------------------------- quotes: inquits before a mark

QUOTE_TOKENS = [
    "said", "Said", "SAID", "went on", "put it", "told", "asked", "him", "her", "you", "that", "whether",
    "reads", "read in part", "says  in\npart", "the words", "following", "Following", "FOLLOWS", "text",
    "inscribed", "called", "CALLED", "so-called", "labelling", "described as", "referred to as", "known as",
    "dubbed", "branding", "it", "the", "a", "an", "as", "Fidel", "Rusk", "he", ":", ",", ".", ";", " ",
    "  ", "\n", "\u00a0", "\u2003", "x", "ſ", "K", "(", "’",
]
befores = text_of(QUOTE_TOKENS)


def tail_helpers_as_plain(before: str) -> None:
    for fast, plain in ((quotes._inquit_before, quotes._INQUIT_BEFORE), (quotes._verb_before, quotes._VERB_BEFORE)):
        found, expected = fast(before), plain.search(before)
        assert (found and found.span()) == (expected and expected.span())
    assert quotes._writing_colon(before) == (quotes._WRITING_COLON.search(before) is not None)
    assert quotes._called(before) == (quotes._CALLED.search(before) is not None)


@settings(max_examples=1500, deadline=None)
@given(befores)
def test_end_anchored_searches_as_plain(before):
    tail_helpers_as_plain(before)


@pytest.mark.parametrize("before", [
    "Fidel said: ", "He told him, ", "as he put it ", "It reads in part: ", "the following text:\n",
    "what he called the ", "the so-called ", "He said that the ", "He noted,", "", " ", "called",
    "the words of the communiqué, which said ", "following an argument about a good many things: ",
])
def test_end_anchored_searches_cases(before):
    tail_helpers_as_plain(before)


def test_end_anchored_searches_on_frus():
    for paragraph in frus_paragraphs():
        for end in range(0, len(paragraph), 7):
            tail_helpers_as_plain(quotes._sentence_before(paragraph, end))


# --------------------------------------------------------------------------- dates: fast scans

DATE_TOKENS = [
    "1962", "1962-11-06", "2001-02-03", "-", "–", "0", "12", "03", "3rd", "27th", "21st", "22nd", "the", "The",
    "of", "March", "parallel", "Party", " ", "\n", "٣", "x", ".", ",", "’",
]
date_texts = text_of(DATE_TOKENS)
PLAIN_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")


def iso_as_plain(text: str) -> None:
    assert [m.groupdict() | {"span": m.span()} for m in dates._ISO_RE.finditer(text)] == \
           [m.groupdict() | {"span": m.span()} for m in PLAIN_ISO.finditer(text)]


def ordinal_hint_holds(text: str) -> None:
    """A text without the hint has no ordinal day (so the search for it is not needed)."""
    if dates._ORDINAL_DAY.search(text) is None:
        assert dates._ORDINAL_RE.search(text) is None


@settings(max_examples=1000, deadline=None)
@given(date_texts)
def test_date_scans_as_plain(text):
    iso_as_plain(text)
    ordinal_hint_holds(text)


@pytest.mark.parametrize("text", ["1962-11-06", "x1962-11-06", "-1962-11-06", "11962-11-06", "1962-11-067",
                                  "٣٣٣٣-٣٣-٣٣", "the 3rd", "The 27th of", "the 3 rd"])
def test_date_scans_cases(text):
    iso_as_plain(text)
    ordinal_hint_holds(text)


def test_date_scans_on_frus():
    for paragraph in frus_paragraphs():
        iso_as_plain(paragraph)
        ordinal_hint_holds(paragraph)
