"""The round-5 fast paths of the speech pass, ``textspans.wrap_spans`` and ``markup.wrap_matches`` give
what the plain ones gave.

Each test keeps the plain (earlier) algorithm as a reference and compares it with the fast path on
hand-picked inputs, on the FRUS documents and on generated ones.
"""

from __future__ import annotations

import re
import time
from copy import deepcopy
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition_tools.convert import speech
from edition_tools.convert.api import convert_text
from edition_tools.convert.markup import iter_text_slots, wrap_matches
from edition_tools.convert.names import NameIndex
from edition_tools.convert.source import read_transcript
from edition_tools.convert.textspans import wrap_spans
from edition_tools.xmlio import E

FRUS = sorted(Path(__file__).parent.joinpath("data", "external", "frus").glob("*.txt"))

TOKENS = [
    "March", "MARCH", "Mar.", "May", "Sept.", "Oct", "Dec.", "Monday", "the", "The", "of", "in", "since",
    "today", "Today,", "3", "03", "17", "3rd", "27th", "31", "1962", "1962-11-06", "151400Z", "MAR", "76",
    "–", "-", ",", ".", ". ", "? ", "! ", ":", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\u2028",
    "said", "Mr.", "N.", "S.", "U.S.A.", "“", "”", "(", ")", speech.MASK, "é", "٣", "x", "A", "Z",
]
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.text(alphabet="aA1 .!?,:;“”\"')][_(é٣\u00a0\u2003\x1c\ufffc\n", max_size=60),
)


def frus_paragraphs() -> list[str]:
    return [p for path in FRUS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- speech: named_before


def plain_named_by(ends: list[int], ids: list[str], at: int) -> list[str]:
    """The earlier walk: every name of the paragraph looked at for every sentence."""
    return [ident for end, ident in zip(ends, ids) if end <= at]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=12), st.integers(-1, 70))
def test_named_by_as_plain(ends, at):
    ends = sorted(ends)
    ids = [f"p{k}" for k in range(len(ends))]
    assert list(speech._named_by(ends, ids, at)) == plain_named_by(ends, ids, at)


@pytest.mark.parametrize("ends, at", [([], 0), ([5], 4), ([5], 5), ([5], 6), ([3, 5, 5, 9], 5), ([0, 0], 0)])
def test_named_by_cases(ends, at):
    ids = [f"p{k}" for k in range(len(ends))]
    assert list(speech._named_by(ends, ids, at)) == plain_named_by(ends, ids, at)


def test_name_matches_ascend_on_frus(monkeypatch):
    """``_named_by`` needs the index's matches in order and without overlaps: so on every FRUS paragraph
    the speech pass reads."""
    seen = []
    plain = NameIndex.matches

    def checked(self, text, folded=None):
        found = plain(self, text, folded)
        seen.append(len(found))
        assert all(a.end <= b.start for a, b in pairwise(found)), text
        return found

    monkeypatch.setattr(NameIndex, "matches", checked)
    for path in FRUS[:12]:
        convert_text(read_transcript(path), path.name)
    assert sum(seen) > 100


# --------------------------------------------------------------------------- speech: sentences


def plain_sentences(text: str) -> list[tuple[int, int]]:
    """The earlier ``sentences``: the spaces after a sentence end skipped one character at a time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in speech._SENTENCE_END.finditer(text):
        end = m.end()
        dot = m.start()
        if text[dot] == "." and speech._ABBREV_BEFORE_DOT.search(text, max(0, dot - speech._ABBREV_WINDOW), dot):
            nxt = speech._NEXT_WORD.match(text, end)
            if not nxt or nxt[1] not in speech._SENTENCE_STARTERS:
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@settings(max_examples=800, deadline=None)
@given(texts)
def test_sentences_as_plain(text):
    assert speech.sentences(text) == plain_sentences(text)


@pytest.mark.parametrize("text", [
    "He came. \u2003\x1c\u2028 She went.", "A.\u00a0 B went. C", "Mr. Rusk said so.  The end. ", "", "   ",
    "One.\n\n\tTwo!  “Three?” Four",
])
def test_sentences_cases(text):
    assert speech.sentences(text) == plain_sentences(text)


def test_sentences_on_frus():
    for para in frus_paragraphs():
        assert speech.sentences(para) == plain_sentences(para)


def test_spaces_are_what_isspace_accepts():
    """``_SPACES`` (``\\s``) skips exactly the characters ``str.isspace`` accepts."""
    for code in range(0x3000 + 1):
        c = chr(code)
        assert (speech._SPACES.match(c).end() == 1) == c.isspace(), hex(code)


# --------------------------------------------------------------------------- speech: the verb scan


VERB_TOKENS = [
    "said", "unsaid", "said_", "saidé", "٣said", "told", "foretold", "thought", "felt", "stressed", "asked",
    "reasked", "askedx", "pointed", "out", "pointed out", "pointed  out", "pointed outs", "pointedout",
    "disagreed", "agreed", "believed", "emphasised", "emphasized", "ed", "eded", "noted", "added", "added-",
    "predicted", "indicated", "acknowledged", "underscored", " ", ",", ".", "-", "’", "x", "é", "_", "\n",
]
verb_texts = st.one_of(
    st.lists(st.sampled_from(VERB_TOKENS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(VERB_TOKENS), max_size=30).map("".join),
    texts,
)


def plain_verb_starts(text: str) -> list[int]:
    return [m.start() for m in speech._ANY_VERB.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(verb_texts)
def test_verb_starts_as_plain(text):
    assert speech._verb_starts(text) == plain_verb_starts(text)


@pytest.mark.parametrize("text", [
    "He said. Then she pointed out that. Unsaid things. Castro stressed, that.", "pointed  out pointed out",
    "noted", "xnoted noted_ noted", "He told me; I thought he felt so and believed it, and she asked.",
    "stated" + "ed" * 3, "pointed outs, pointed out.",
])
def test_verb_starts_cases(text):
    assert speech._verb_starts(text) == plain_verb_starts(text)


def test_verb_starts_on_frus():
    for para in frus_paragraphs():
        assert speech._verb_starts(para) == plain_verb_starts(para)


def test_verb_scans_cover_every_verb():
    """Every word of the verb list is found, alone and in a sentence."""
    for verb in (speech.SAID_VERBS + "|felt|believed").split("|"):
        assert speech._verb_starts(verb) == [0], verb
        assert speech._verb_starts(f"He {verb}, then.") == [3], verb


# --------------------------------------------------------------------------- speech: the inquit patterns at the verbs


def plain_verbs_anywhere(text: str) -> list[int]:
    words = (speech.SAID_VERBS + "|felt|believed").split("|")
    return [p for p in range(len(text)) if any(text.startswith(w, p) for w in words)]


INQUIT_TOKENS = VERB_TOKENS + ["that", "whether", "if", "to", "me", "him", ":", ", ", "he", "she", "it",
                               "thoughthought", "thoughtold", "saidsaid", "however", "I", "Why", "“"]
inquit_texts = st.one_of(
    st.lists(st.sampled_from(INQUIT_TOKENS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(INQUIT_TOKENS), max_size=30).map("".join),
)
INQUITS = [speech._COLON_INQUIT, speech._INDIRECT, speech._COMMA_INQUIT, speech._ZERO_THAT]


def same_inquit_matches(text: str) -> None:
    anywhere = speech._verbs_anywhere(text)
    assert anywhere == plain_verbs_anywhere(text)
    for pattern in INQUITS:
        fast = [(m.span(), m.groupdict()) for m in speech._matches_at(pattern, text, anywhere)]
        assert fast == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], (pattern.pattern[:30], text)


@settings(max_examples=1500, deadline=None)
@given(inquit_texts)
def test_inquit_matches_as_finditer(text):
    same_inquit_matches(text)


@pytest.mark.parametrize("text", [
    "thoughthought", "He stressed, told that it was so", "saidsaid that", "pointed out: Why", "unsaid that he",
    "Castro told me that he said, however, that", "He said he would", "I thought: Why not",
])
def test_inquit_matches_cases(text):
    same_inquit_matches(text)


def test_inquit_matches_on_frus():
    for para in frus_paragraphs():
        for s, e in speech.sentences(para):
            same_inquit_matches(para[s:e])


# --------------------------------------------------------------------------- textspans.wrap_spans


def plain_wrap_spans(el, find, skip=()):
    """The earlier ``wrap_spans``: each new element inserted at its index in the parent."""
    skip = frozenset(skip)
    count = 0
    for node, slot in iter_text_slots(el, skip):
        text = node.text if slot == "text" else node.tail
        if not text:
            continue
        spans = [s for s in find(text) if s[1] > s[0]]
        if not spans:
            continue
        pieces = []
        pos = 0
        for start, end, new in spans:
            if start < pos:
                raise ValueError("wrap_spans: overlapping spans")
            if new.text is None and len(new) == 0:
                new.text = text[start:end]
            pieces.append((text[pos:start], new))
            pos = end
        rest = text[pos:]
        if slot == "text":
            node.text = pieces[0][0]
            parent, index = node, 0
        else:
            node.tail = pieces[0][0]
            parent = node.getparent()
            index = parent.index(node) + 1
        for i, (_, new) in enumerate(pieces):
            new.tail = pieces[i + 1][0] if i + 1 < len(pieces) else rest
            parent.insert(index, new)
            index += 1
        count += len(pieces)
    return count


SPAN_TEXTS = st.text(alphabet="ab 1.", max_size=12)


@st.composite
def wrap_cases(draw):
    """An element with text, tails and nested children (some skipped), and for each text node the
    spans to wrap (some empty, some overlapping, some new elements with content of their own)."""
    el = E("p", text=draw(st.one_of(st.none(), SPAN_TEXTS)))
    for _ in range(draw(st.integers(0, 4))):
        child = E(draw(st.sampled_from(["persName", "note", "hi"])), text=draw(st.one_of(st.none(), SPAN_TEXTS)))
        if draw(st.booleans()):
            inner = E("hi", text=draw(SPAN_TEXTS))
            inner.tail = draw(st.one_of(st.none(), SPAN_TEXTS))
            child.append(inner)
        child.tail = draw(st.one_of(st.none(), SPAN_TEXTS))
        el.append(child)
    plans = draw(st.lists(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4), st.booleans()), max_size=4),
                          min_size=12, max_size=12))
    return el, plans


def spans_finder(plans):
    """A ``find`` that returns, for the k-th text node, spans from ``plans[k]`` (start, length, whether
    the new element brings its own text), clipped to the text."""
    calls = iter(plans)

    def find(text):
        out = []
        for start, length, own in next(calls, []):
            start = min(start, len(text))
            new = E("date", {"when": "x"}, text="own" if own else None)
            out.append((start, min(start + length, len(text)), new))
        return out
    return find


def wrapped(wrap, el, plans) -> tuple:
    try:
        result = wrap(el, spans_finder(plans), skip=("note",))
    except ValueError as error:
        result = str(error)
    return result, etree.tostring(el)


@settings(max_examples=800, deadline=None)
@given(wrap_cases())
def test_wrap_spans_as_plain(case):
    el, plans = case
    assert wrapped(wrap_spans, deepcopy(el), plans) == wrapped(plain_wrap_spans, deepcopy(el), plans)


def test_wrap_spans_cases():
    el = E("p", text="a 1962 b")
    child = E("persName", text="Rusk")
    child.tail = " on 1963, 1964 and 1965 "
    el.append(child)
    last = E("hi", text="x")
    last.tail = "1966"
    el.append(last)
    plans = [[(2, 4, False)], [], [(4, 4, False), (10, 4, True), (19, 4, False)], [], [(0, 4, False)]]
    assert wrapped(wrap_spans, deepcopy(el), plans) == wrapped(plain_wrap_spans, deepcopy(el), plans)
    assert wrapped(wrap_spans, deepcopy(el), plans)[0] == 5


def test_wrap_spans_grows_linearly_with_children():
    """A slot's new elements go in next to each other: no index of a child is looked for."""
    def paragraph(n):
        el = E("p", text="x")
        for _ in range(n):
            child = E("persName", text="Rusk")
            child.tail = " met in 1962 "
            el.append(child)
        return el

    def find(text):
        at = text.find("1962")
        return [(at, at + 4, E("date"))] if at >= 0 else []

    times = []
    for n in (300, 3000):
        el = paragraph(n)
        start = time.process_time()
        assert wrap_spans(el, find, skip=("persName",)) == n
        times.append(time.process_time() - start)
    assert times[1] < 25 * max(times[0], 1e-4)


# --------------------------------------------------------------------------- markup.wrap_matches


def plain_wrap_matches(el, pattern, make, skip=()):
    """The earlier ``wrap_matches``: each new element inserted at its index in the parent."""
    skip = frozenset(skip)
    count = 0
    for node, slot in iter_text_slots(el, skip):
        text = node.text if slot == "text" else node.tail
        if not text:
            continue
        pieces = []
        pos = 0
        for m in pattern.finditer(text):
            new = make(m)
            if new is None:
                continue
            if new.text is None and len(new) == 0:
                new.text = m.group(0)
            pieces.append((text[pos:m.start()], new))
            pos = m.end()
            count += 1
        if not pieces:
            continue
        rest = text[pos:]
        if slot == "text":
            node.text = pieces[0][0]
            parent, index = node, 0
        else:
            node.tail = pieces[0][0]
            parent, index = node.getparent(), node.getparent().index(node) + 1
        for i, (_, new) in enumerate(pieces):
            new.tail = pieces[i + 1][0] if i + 1 < len(pieces) else rest
            parent.insert(index, new)
            index += 1
    return count


def make_number(m):
    """A ``num`` for "1", none for "11", a ``num`` with its own text for longer runs; "" (an empty
    match of ``1*``) too."""
    if m.group(0) == "11":
        return None
    return E("num", {"value": m.group(0)}, text="n" if len(m.group(0)) > 2 else None)


@settings(max_examples=600, deadline=None)
@given(wrap_cases(), st.sampled_from([r"1+", r"a|b", r"1*"]))
def test_wrap_matches_as_plain(case, expression):
    el, _plans = case
    pattern = re.compile(expression)
    fast, plain = deepcopy(el), deepcopy(el)
    assert wrap_matches(fast, pattern, make_number, skip=("note",)) == \
        plain_wrap_matches(plain, pattern, make_number, skip=("note",))
    assert etree.tostring(fast) == etree.tostring(plain)
