"""Property tests: generated transcripts in every layout convert without a traceback, keep every word
(the converter's own check runs on each), give well-formed, deterministic TEI."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from edition_tools.convert.api import convert_text
from edition_tools.diagnostics import UserError
from edition_tools.xmlio import TEI_NS, parse_bytes, serialize

WORD = st.sampled_from([
    "the", "government", "said", "that", "Castro", "Fidel", "Kennedy", "stressed", "Moscow", "October", "26",
    "[sic]", "[our]", "[I]", "[October 26]", "[Omitted here is text.]", "[laughs]", "[work?]", "R[obert]",
    "[2 lines of source text not declassified]", "“offensive”", "“We", "agree.”", "so-called", "—", "…", "(aside)",
    "[podzuzhivaniye]", "Cde.", "N.", "S.", "Khrushchev’s", "today", "the 27th", "[email protected]", "x", "A.", "[",
])
SENTENCE = st.lists(WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
LABEL = st.sampled_from(["THE PRESIDENT:", "Q:", "A:", "Mr. Gromyko:", "Dobrynin:", "Dr. Kissinger:"])


@st.composite
def plain_doc(draw):
    parts = [draw(st.sampled_from(["Memorandum of Conversation", "55. Telegram From Moscow[1]", "Letter"]))]
    if draw(st.booleans()):
        parts.append("Moscow, March 3, 1962, 6 p.m.")
    parts += draw(st.lists(PARAGRAPH, min_size=1, max_size=5))
    if draw(st.booleans()):
        parts.append("Thompson")
    text = "\n\n".join(parts) + "\n"
    if "[1]" in text:
        text += "\nNotes\n\n[1] Source: Department of State files.\n"
    return text


@st.composite
def transcript_doc(draw):
    turns = draw(st.lists(st.tuples(LABEL, PARAGRAPH), min_size=3, max_size=8))
    body = [f"{label} {p}" for label, p in turns]
    if draw(st.booleans()):
        body.insert(1, "[Here follows a discussion of Laos.]")
    return "Transcript of a Meeting\n\n" + "\n\n".join(body) + "\n"


@st.composite
def pdf_doc(draw):
    paras = draw(st.lists(PARAGRAPH, min_size=2, max_size=4))
    lines = []
    for p in paras:
        words = p.split()
        cur = ""
        for w in words:
            if len(cur) + len(w) + 1 > 70:
                lines += [cur + " ", ""]
                cur = w
            else:
                cur = (cur + " " + w).strip()
        lines += [cur + "  ", ""]
        if draw(st.booleans()):
            lines += ["", "", " ", ""]
    return "\n".join(lines) + "\n"


def check(text: str, layout: str = "auto") -> None:
    try:
        tree, _ = convert_text(text, "generated.txt", layout=layout)
    except UserError as exc:
        # the only acceptable failure is a clear message; a lost word would be a bug
        assert exc.code != "text-lost", str(exc)
        return
    data = serialize(tree)
    parse_bytes(data)
    again, _ = convert_text(text, "generated.txt", layout=layout)
    assert serialize(again) == data


COMMON = dict(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(**COMMON)
@given(plain_doc())
def test_plain_documents(text):
    check(text)


@settings(**COMMON)
@given(transcript_doc())
def test_transcripts(text):
    check(text)


@settings(**COMMON)
@given(pdf_doc())
def test_pdf_extracts(text):
    check(text, "pdf-text")


@settings(**COMMON)
@given(st.text(min_size=1, max_size=400))
@example("0\f0")  # a form feed inside a line separates words (it once joined them: text lost)
@example("word\fnext line\n\nsecond paragraph\f")
def test_arbitrary_text_never_tracebacks(text):
    check(text)


@pytest.mark.parametrize("layout", ["plain", "transcript", "web-record", "pdf-text"])
def test_a_form_feed_inside_a_line_separates_words(layout):
    tree, _doc = convert_text("First paragraph here.\n\nword\fnext more\n", "t.txt", layout=layout)
    body = " ".join("".join(tree.getroot().find(f"{{{TEI_NS}}}text").itertext()).split())
    assert "word next more" in body
