"""The inline pass: every bracket sign becomes markup, nothing of its words is lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from edition_tools.convert.inline import InlineContext, classify_bracket, fill
from edition_tools.convert.model import PB, Block, Document, Note
from edition_tools.xmlio import E, to_string


def render(text: str, notes: dict | None = None) -> str:
    doc = Document("t.txt", "plain")
    for n, t in (notes or {}).items():
        doc.notes[n] = Note(n, t, 99, kind="source" if t.startswith("Source:") else "footnote")
    p = fill(E("p"), text, Block("p", text, 1), InlineContext(doc))
    return to_string(p).replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")


@pytest.mark.parametrize("inner,before,kind", [
    ("I", " ", "implicit"),
    ("our", " ", "implicit"),
    ("for us", " ", "implicit"),
    ("October 26", " ", "clarification"),
    ("Khrushchev’s", " ", "clarification"),
    ("vpechatlitel’nost’", " ", "originalTerm"),
    ("podzuzhivaniye", " ", "originalTerm"),
    ("Omitted here is the Summary of Conclusions.", " ", "omitted"),
    ("Here follows discussion of Laos.", " ", "omitted"),
    ("Here follow opening comments", " ", "omitted"),
    ("text not declassified", " ", "notDeclassified"),
    ("2 lines of source text not declassified", " ", "notDeclassified"),
    ("Deleted.", " ", "notDeclassified"),
    ("deleted", " ", "notDeclassified"),
    ("Security deletion.", " ", "notDeclassified"),
    ("Classified material deleted", " ", "notDeclassified"),
    ("Excised", " ", "notDeclassified"),
    ("deleted the reference to Laos", " ", "editorial"),  # a remark about a deletion, not one
    ("illegible", " ", "illegible"),
    ("unclear", " ", "illegible"),
    ("unintelligible", " ", "inaudible"),
    ("…", " ", "ellipsis"),
    ("laughs", " ", "editorial"),
    ("Laughter", " ", "editorial"),
    ("He describes what is in the speech.", " ", "editorial"),
    ("Discussed the Nairobi Conference", " ", "editorial"),
    ("work?", " ", "uncertain"),
    ("upert", "R", "completion"),
    ("inal", "g", "completion"),
    ("00:01:23", " ", "timestamp"),
    ("12:05", " ", "timestamp"),
    ("1:02:03.5", " ", "timestamp"),
])
def test_classify(inner, before, kind):
    assert classify_bracket(inner, before, " ")[0] == kind


def test_sic_wraps_the_token_and_keeps_following_punctuation():
    assert render("were dialections [sic] of this sort") == \
        '<p>were <sic resp="#src_ed" rendition="#sicMarkerLower">dialections</sic> of this sort</p>'
    assert render("Nº 149 [SIC]") == '<p>Nº <sic resp="#src_ed" rendition="#sicMarker">149</sic></p>'
    assert render("the “forseeable” [sic], future") == \
        '<p>the “<sic resp="#src_ed" rendition="#sicMarkerLower">forseeable</sic>”, future</p>'


def test_footnote_marker_and_superscript():
    out = render("Dobrynin)[1] said¹ more", {"1": "Source: files."})
    assert out.count("<note") == 1 and 'n="1"' in out and "sourceStatement" in out
    assert "said¹" in out  # the note was already placed; a second marker stays text
    out = render("word² here", {"2": "A note."})
    assert '<note n="2" place="foot" type="editorial"' in out


def test_marker_without_note_is_kept_and_reported():
    doc = Document("t.txt", "plain")
    p = fill(E("p"), "a word[7] here", Block("p", "a word[7] here", 3), InlineContext(doc))
    assert "".join(p.itertext()) == "a word[7] here"
    assert doc.decisions and doc.decisions[0].line == 3


def test_page_and_line_breaks():
    assert render(f"on the {PB}radio") == "<p>on the <pb/>radio</p>"
    assert render("FIRST LINE\nsecond") == "<p>FIRST LINE <lb/>second</p>"


def test_email_obfuscation_is_exact():
    out = render("contact us at [email\u00a0protected].")
    assert '<gap reason="obfuscated-email">' in out


def test_declassified_quantities():
    assert 'quantity="2.5" unit="line"' in render("[21/2 lines of source text not declassified]")
    assert 'quantity="4.5" unit="line"' in render("[4-1/2 lines of source text not declassified]")
    out = render("[less than 1 line of source text not declassified]")
    assert 'unit="line"' in out and "quantity" not in out


WORDS = st.sampled_from(["the", "Castro", "said", "that", "[sic]", "[our]", "[I]", "[October 26]", "[1]", "¹",
                         "[Omitted here is text.]", "[laughs]", "[work?]", "R[obert]", "“quoted”", "[", "]", "-", PB, "\n",
                         "[email protected]", "[2 lines of source text not declassified]", "x[y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_never_raises_and_keeps_every_word(tokens):
    """Whatever the mix of signs, the words of the text come out in order (textcheck's rules)."""
    from edition_tools.convert import textcheck

    text = " ".join(tokens)
    doc = Document("t.txt", "plain")
    doc.notes["1"] = Note("1", "A note.", 9)
    p = fill(E("p"), text, Block("p", text, 1), InlineContext(doc))
    body, notes = textcheck.tei_words(p)
    src, src_notes, _ = textcheck.source_words(text, doc)
    assert textcheck.align(src, body) == (len(src), len(body))
    if "1" in notes:
        assert textcheck.align(src_notes["1"], notes["1"]) == (len(src_notes["1"]), len(notes["1"]))


def test_a_time_code_in_brackets_is_a_timestamp_not_supplied_words():
    assert render("On item four [00:02:20] we have no report.") == (
        '<p>On item four <time type="timestamp">00:02:20</time> we have no report.</p>')
