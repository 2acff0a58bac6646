"""The fast paths of the name passes (names.py, nameforms.py, textspans.py) against their plain definitions."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition_tools.convert import nameforms, names

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


# --------------------------------------------------------------------------- start candidates

def _plain_start_candidates(index) -> re.Pattern:
    """The start candidates of an index as they were: every ASCII character that is not a capital and
    begins a form not written with a capital is a candidate, whatever follows it."""
    own_firsts, own_heads = names._start_chars(index._table)
    fixed_firsts, fixed_heads = names._fixed_start_chars()
    firsts = own_firsts | fixed_firsts
    uncapitalised = {head[:1] for head in own_heads | fixed_heads}
    fold = nameforms.fold
    ascii_starts = "".join(c for c in map(chr, range(128))
                           if fold(c)[0] in firsts and (c.isupper() or fold(c)[0] in uncapitalised))
    other_starts = []
    below = 0x80
    for low, high in names._PUNCTUATION_BLOCKS:
        if below < low:
            other_starts.append(f"{re.escape(chr(below))}-{re.escape(chr(low - 1))}")
        other_starts.extend(re.escape(c) for c in map(chr, range(low, high)) if fold(c)[0][:1] in firsts)
        below = high
    other_starts.append(f"{re.escape(chr(below))}-{re.escape(chr(0x10FFFF))}")
    return re.compile(f"[{re.escape(ascii_starts)}{''.join(other_starts)}](?<![A-Za-z0-9_\\-].)")


_LOWER_ENTITIES = [
    names.Entity("gaulle", "person", ["de Gaulle, Charles"], ["General de Gaulle"], role="participant"),
    names.Entity("estaing", "person", ["d’Estaing, Valéry"], ["d’Estaing"], role="participant"),
    names.Entity("santos", "person", ["dos Santos, José"], ["dos Santos"], role="mentioned"),
    names.Entity("hooft", "person", ["’t Hooft, Gerard"], ["’t Hooft"], role="mentioned"),
    names.Entity("first", "org", ["1st Battalion"], ["9 Squadron"]),
    names.Entity("x", "place", ["x"], ["y-Town"]),
    names.Entity("vanloon", "person", ["van Loon, Hendrik"], ["van Loon"], role="mentioned"),
]
LOWER_TEXT = st.lists(st.sampled_from(
    "de De DE dé d\u0301e do did dos Dos Santos santos d’Estaing d'Estaing d’ d' Gaulle Brentano von Von vo very van "
    "Van Loon loon vanLoon ’t 't t Hooft 1st 9 Squadron Battalion x X y-Town y Y-Town é É \ufffc ( , . - \n".split(" ")
    + [""]), max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(LOWER_TEXT, st.integers(0, len(_LOWER_ENTITIES)), st.sampled_from(["", " ", "d", "x", "-", "é"]))
def test_start_candidates_after_a_lower_case_start_find_the_same(text, n_entities, before):
    """Scanning only where the character after a lower-case start goes on a form not written with a
    capital finds what scanning from every such start finds."""
    import copy

    text = before + text
    index = names.NameIndex(copy.deepcopy(_LOWER_ENTITIES[:n_entities]))
    index._matches("")  # builds the matcher
    key = lambda found: [(f.start, f.name_start, f.end, f.entity.id, f.cert, f.title) for f in found]
    fast = key(index._matches(text))
    index._starts = _plain_start_candidates(index)
    assert key(index._matches(text)) == fast


# --------------------------------------------------------------------------- persons named by an office

_OFFICE_ENTITIES = [
    names.Entity("president", "person", ["The President"], [], role="participant"),
    names.Entity("ambassador", "person", ["The Ambassador"], [], role="participant"),
    names.Entity("secretary", "person", ["The Secretary of State"], [], role="participant"),
    names.Entity("green", "person", ["Green, Marshall"], ["Ambassador Green"], role="participant"),
]
OFFICE_TEXT = st.lists(st.sampled_from(
    "the The President Ambassador Secretary of State to Ghana Green said , . President’s Ambassadors x".split(" ")),
    max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(OFFICE_TEXT, st.integers(0, len(_OFFICE_ENTITIES)))
@example("the Ambassador said to the President that the Secretary of State x", 4)
def test_office_phrases_looked_for_at_once_find_the_same(text, n_entities):
    """The one search for any office phrase skips only texts in which the phrases are not."""
    import copy

    index = names.NameIndex(copy.deepcopy(_OFFICE_ENTITIES[:n_entities]))
    key = lambda found: [(f.start, f.end, f.entity.id, f.office) for f in found]
    fast = key(index._matches(text))
    index._any_office = lambda text: True
    assert key(index._matches(text)) == fast
