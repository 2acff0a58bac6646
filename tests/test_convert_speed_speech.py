"""The fast paths of the speech, quotation, date and inline passes give what the plain ones gave.

Each test keeps the plain (earlier) algorithm as a reference and compares it with the fast path on
hand-picked inputs, on the FRUS paragraphs and on generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition_tools.convert import dates, quotes, speech
from edition_tools.convert.markup import string_value, top_level_offsets
from edition_tools.convert.model import Document
from edition_tools.xmlio import E, serialize

FRUS = sorted(Path(__file__).parent.joinpath("data", "external", "frus").glob("*.txt"))

# --------------------------------------------------------------------------- generated inputs

#: words and characters the passes react to: month and weekday names, numbers, speech verbs, quotation
#: marks and apostrophes, sentence ends, masks
TOKENS = [
    "March", "MARCH", "Mar.", "Mar", "May", "Sept.", "Sep", "Oct", "December", "Dec.", "Jun", "Marshall",
    "Monday", "Tuesday,", "WEDNESDAY", "Wednesday", "the", "The", "of", "to", "from", "in", "since", "today",
    "Today,", "3", "03", "17", "3rd", "27th", "31", "1962", "1962-11-06", "151400Z", "MAR", "76", "–", "-",
    "—", ",", ".", ". ", "? ", "! ", ":", ";", " ", "  ", "\n", "said", "unsaid", "stressed", "pointed out",
    "pointed", "out", "felt", "believed", "thought", "asked", "that", "whether", "he", "He", "I", "We",
    "Khrushchev", "Mr.", "Cde.", "N.", "S.", "“", "”", '"', "‘", "’", "’s", "don’t", "(", ")", "[", "]",
    speech.MASK, "\u00a0", "é", "٣", "x", "A", "Z",
]
words = st.lists(st.sampled_from(TOKENS), max_size=40).map(lambda ws: " ".join(ws))
glued = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
chars = st.text(alphabet="aA1 .,:;’‘“”\"-–_(é٣\u00a0\ufffc\n", max_size=60)
texts = st.one_of(words, glued, chars)


def frus_paragraphs() -> list[str]:
    return [p for path in FRUS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


CHILD_TAGS = ["note", "persName", "date", "said", "q", "gap", "hi"]


@st.composite
def elements(draw) -> etree._Element:
    """A paragraph with text, tails and (nested) children."""
    el = E("p")
    el.text = draw(texts)
    for _ in range(draw(st.integers(0, 4))):
        child = E(draw(st.sampled_from(CHILD_TAGS)))
        child.text = draw(texts)
        if draw(st.booleans()):
            inner = E("hi")
            inner.text = draw(texts)
            inner.tail = draw(texts)
            child.append(inner)
        child.tail = draw(texts)
        el.append(child)
    return el


# --------------------------------------------------------------------------- markup.string_value


@settings(max_examples=300, deadline=None)
@given(elements())
def test_string_value_is_the_joined_text_nodes(el):
    for d in el.iter():
        assert string_value(d) == "".join(d.itertext())


# --------------------------------------------------------------------------- quotes: the marks


_PLAIN_MARK_CHAR = re.compile(f"[{quotes.DOUBLE_OPEN}{quotes.DOUBLE_CLOSE}{quotes.STRAIGHT}{quotes.SINGLE_OPEN}{quotes.SINGLE_CLOSE}]")


def plain_own_text_marks(el: etree._Element) -> tuple[str, list[tuple[int, str]]]:
    """The earlier ``_own_text_marks``: each own-text slot searched, the ’ tested in Python."""
    value = string_value(el)
    marks = []
    for start, end, item in top_level_offsets(el):
        if not (item == "text" or isinstance(item, tuple)):
            continue
        for found in _PLAIN_MARK_CHAR.finditer(value, start, end):
            i = found.start()
            ch = value[i]
            if ch == quotes.SINGLE_CLOSE:
                before = value[i - 1] if i > 0 else ""
                after = value[i + 1] if i + 1 < len(value) else ""
                if before.isalnum() and after.isalnum():
                    continue
            marks.append((i, ch))
    return value, marks


def fast_own_text_marks(el):
    value, marks = quotes._own_text_marks(el)
    return value, [(m.pos, m.char) for m in marks]


@settings(max_examples=400, deadline=None)
@given(elements())
def test_own_text_marks_as_before(el):
    assert fast_own_text_marks(el) == plain_own_text_marks(el)


@pytest.mark.parametrize("xml", [
    "<p>Khrushchev’s “offensive” weapons</p>",
    "<p>’Tis the boys’ ‘own’ don’t 1’2 a’ ’b</p>",
    "<p>a <note>“inside”</note> ’ “own” <hi>x’</hi>’y</p>",
    "<p>’</p>", "<p>é’é ٣’٣ _’_</p>",
])
def test_own_text_marks_cases(xml):
    el = etree.fromstring(xml)
    assert fast_own_text_marks(el) == plain_own_text_marks(el)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_may_hold_marks_as_before(text):
    assert quotes.may_hold_marks(text) == (_PLAIN_MARK_CHAR.search(text) is not None)


# --------------------------------------------------------------------------- dates


def without_first_char_lookahead(rx: re.Pattern) -> re.Pattern:
    lead = re.match(r"\(\?=\[[^\]]*\]\)", rx.pattern)
    assert lead, "the pattern opens with its first-character lookahead"
    return re.compile(rx.pattern[lead.end():])


@pytest.mark.parametrize("rx", [dates._MDY_RE, dates._DMY_RE], ids=["MDY", "DMY"])
def test_first_character_lookahead_changes_no_match(rx):
    plain = without_first_char_lookahead(rx)
    samples = ["Wednesday, March 3, 1962", "Tuesday 3 March", "the 3rd of March 1962", "03 MARCH 1962",
               "Sept. 10, 1970", "Oct 26", "March 3–5, 1962", "3-5 March", "May 1, and May 2"] + frus_paragraphs()
    for text in samples:
        assert [m.groupdict() | {"span": m.span()} for m in rx.finditer(text)] == \
               [m.groupdict() | {"span": m.span()} for m in plain.finditer(text)], text


@settings(max_examples=500, deadline=None)
@given(texts)
def test_first_character_lookahead_generated(text):
    for rx in (dates._MDY_RE, dates._DMY_RE):
        plain = without_first_char_lookahead(rx)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


def plain_find(state: dates._ElementState, text: str):
    """The earlier ``_ElementState.find``: the digit searched for in each step."""
    if not dates.may_hold_date(text):
        return []
    cands = dates._candidates(text)
    if dates._DIGIT.search(text):
        for m in dates._ORDINAL_RE.finditer(text):
            cands.append(dates.DateValue("", m.start(), m.end(), "ordinal", day=int(m["d"])))
    if state.ctx.mark_today and (state.ctx.setting_date or state.ctx.doc_date) and dates._may_say_today(text):
        for m in dates._TODAY_RE.finditer(text):
            mo = dates._month_number(m["mon"]) if m["mon"] else 0
            d = int(m["d"]) if m["d"] else 0
            if mo and not dates._valid(None, mo, d):
                mo = d = 0
            end = m.end() if mo else m.start() + len("today")
            cands.append(dates.DateValue("", m.start(), end, "today", month=mo, day=d))
    spans = []
    for dv in dates._choose(cands):
        new = state._element(dv, text[dv.start:dv.end])
        if new is not None:
            spans.append((dv.start, dv.end, new))
    return spans


#: (document date, setting date, mark "today", month of the previous element's last date)
CONTEXTS = [("1962-11-06", "1962-11-05", True, None), (None, None, True, (1962, 3)), ("1961-04", None, False, None),
            (None, "1961-04-22", True, (None, 10))]


def found(find, text: str, context) -> tuple:
    doc_date, setting_date, mark_today, carry_month = context
    ctx = dates.DateContext(doc_date, setting_date, mark_today)
    ctx.carry_month = carry_month
    doc = Document("x", "plain")
    state = dates._ElementState(ctx, doc, 1)
    spans = [(s, e, serialize(new)) for s, e, new in find(state, text)]
    return spans, state.last_month, state.last_year, [str(d) for d in doc.decisions]


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(CONTEXTS))
def test_find_as_before(text, context):
    assert found(dates._ElementState.find, text, context) == found(plain_find, text, context)


@pytest.mark.parametrize("text", [
    "On March 3, 1962, and on the 27th; today, November 6, and today; the 17th parallel", "in 1961 cases",
    "the 3rd of March 1962 to the 5th", "151400Z MAR 76", "1958-11-12 and Today", "February 30, the 31st",
])
def test_find_cases(text):
    for context in CONTEXTS:
        assert found(dates._ElementState.find, text, context) == found(plain_find, text, context)


def test_find_as_before_on_frus():
    for text in frus_paragraphs():
        for context in CONTEXTS:
            assert found(dates._ElementState.find, text, context) == found(plain_find, text, context)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.sampled_from(["1962", "1962-11", "1962-11-06", "x", ""])))
def test_date_parts_cache(iso):
    assert dates._date_parts(iso) == dates._date_parts.__wrapped__(iso)


# --------------------------------------------------------------------------- speech


def verb_sentences_plain(text: str) -> list[bool]:
    return [speech._ANY_VERB.search(text[s:e]) is not None for s, e in speech.sentences(text)]


def verb_sentences_fast(text: str) -> list[bool]:
    verbs = [m.start() for m in speech._ANY_VERB.finditer(text)]
    return [speech._holds_verb(verbs, s, e) for s, e in speech.sentences(text)]


@settings(max_examples=500, deadline=None)
@given(texts)
def test_holds_verb_as_searching_the_sentence(text):
    assert verb_sentences_fast(text) == verb_sentences_plain(text)


@pytest.mark.parametrize("text", [
    "He said. Then she pointed out that it was so. Unsaid things. Castro stressed, that.",
    "I said.\n\nHe saidx. X said",
    "The Secretary asked.” He thought so. Mr. Rusk said that " + speech.MASK * 3 + ". Out.",
])
def test_holds_verb_cases(text):
    assert verb_sentences_fast(text) == verb_sentences_plain(text)


def test_holds_verb_on_frus():
    for text in frus_paragraphs():
        assert verb_sentences_fast(text) == verb_sentences_plain(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_has_mask_only_as_before(text):
    assert speech._has_mask_only(text) == (not re.sub(rf"[{speech.MASK}\s.,;:!?—–-]", "", text))
