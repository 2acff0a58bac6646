"""The fast paths of the name passes (names.py, nameforms.py, textspans.py) against their plain definitions."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from edition_tools.convert import nameforms

# --------------------------------------------------------------------------- folding


def test_every_character_folds_to_one_that_folds_to_itself():
    """_fold_without_marks replaces each character that folds to another one in a pass of its own: right
    only while no character folds to one that folds again."""
    table = nameforms._FOLD_TABLE
    for cp in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        folded = table[cp]
        assert table[ord(folded)] == folded, hex(cp)
    table.clear()  # several hundred thousand characters the documents do not use


def test_characters_folding_to_themselves_do():
    for ch in nameforms._FOLDING_TO_THEMSELVES:
        assert ch.translate(nameforms._FOLD_TABLE) == ch == ch.lower()


FOLD_TEXT = st.text(alphabet=st.sampled_from(list(
    "aZ .,-'\t\n\r\x0b\x0c\x1c\x1f\ufffc’‘“”—–…é É Ø ø ß ẞ İ ı ª ² ½ \xa0 \u2009 \u3000 Ⅻ ﬁ K ſ Ω ǅ".replace(" ", "")
) + [" "]), max_size=40)


@settings(max_examples=500, deadline=None)
@given(FOLD_TEXT)
def test_fold_without_marks_is_the_table(text):
    """Folding by replacing the few characters that change is the table lookup per character."""
    if text.isascii():
        text += "é"
    assert nameforms._fold_without_marks(text) == text.translate(nameforms._FOLD_TABLE)


def test_fold_without_marks_of_every_character():
    for cp in range(0x80, 0x3000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or nameforms._COMBINING.search(ch):
            continue
        text = f"A{ch}\tb{ch}\ufffc’"
        assert nameforms._fold_without_marks(text) == text.translate(nameforms._FOLD_TABLE), hex(cp)


# --------------------------------------------------------------------------- titles before a name

TITLE_TEXT = st.lists(st.sampled_from(
    "Mr. MR. Mr Dr. M. Secretary SECRETARY Under Secretary Deputy Under Acting Prime Minister President the and "
    "of , ( ) — Castro Rusk x xMr. Cde. Lt. Gen. Ambassador General Sir ’ ' - . \n \t \u00a0 é".split(" ")
    + ["", " "]), max_size=10).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(TITLE_TEXT, st.sampled_from(["", " ", "  ", "\n", "x", ".", "Mr.", " M.", "M. "]))
def test_title_before_is_the_search(text, tail):
    """title_before, which searches only where a title can end just before the name, finds what the
    search from 60 characters before every position finds."""
    text += tail
    search = nameforms.title_before_re().search
    for start in range(len(text) + 1):
        expected = search(text, max(0, start - 60), start)
        got = nameforms.title_before(text, start)
        assert (got and (got.span(), got["title"])) == (expected and (expected.span(), expected["title"])), (text, start)


def test_title_before_on_the_inputs():
    found = 0
    for text in _input_paragraphs():
        search = nameforms.title_before_re().search
        for start in range(len(text) + 1):
            expected = search(text, max(0, start - 60), start)
            got = nameforms.title_before(text, start)
            assert (got and got.span()) == (expected and expected.span())
            found += expected is not None
    assert found > 50


def _input_paragraphs() -> list[str]:
    """Paragraphs of the FRUS transcripts (a sample: every tenth)."""
    from pathlib import Path

    from edition_tools.convert.source import read_transcript

    root = Path(__file__).resolve().parent / "data" / "external" / "frus"
    paras = [p for path in sorted(root.glob("*.txt")) for p in read_transcript(path).split("\n\n")]
    return paras[::10]
