"""The layout readers' and the text check's fast paths decide as the patterns and functions written
first: each reference here is the earlier code, compared on the FRUS transcripts and on generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from edition_tools.convert import textcheck
from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import plain, transcript
from edition_tools.convert.model import Document
from edition_tools.convert.source import read_transcript
from edition_tools.xmlio import xpath

from conftest import FRUS_CORPUS

FRUS = sorted(FRUS_CORPUS.glob("*.txt"))

# --------------------------------------------------------------------------- patterns as written first

FIRST_LINE_END_HYPHEN = re.compile(r"(?:\w-|\u00ad)[ \t]*\n[ \t]*\w")
FIRST_MARKER_RE = re.compile(r"\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")

CHARS = st.text(st.sampled_from(list("a1 -\u00ad\t\n\f[]¹²³⁰.,”’\"')x!Zé_")), max_size=24)


@settings(max_examples=1000, deadline=None)
@given(CHARS)
def test_the_line_end_hyphen_test_finds_what_the_first_pattern_found(s):
    assert plain.has_line_end_hyphen(s) == bool(FIRST_LINE_END_HYPHEN.search(s))


@settings(max_examples=1000, deadline=None)
@given(CHARS)
def test_the_marker_pattern_matches_as_written_first(s):
    assert [m.span() for m in plain.MARKER_RE.finditer(s)] == [m.span() for m in FIRST_MARKER_RE.finditer(s)]


@pytest.mark.parametrize("path", FRUS, ids=lambda p: p.name)
def test_the_patterns_find_in_the_frus_transcripts_what_they_found_first(path):
    text = read_transcript(path)
    assert plain.has_line_end_hyphen(text) == bool(FIRST_LINE_END_HYPHEN.search(text))
    assert plain.MARKER_RE.sub("", text) == FIRST_MARKER_RE.sub("", text)


# --------------------------------------------------------------------------- the text check's signs


def detailed_verdict(text, doc, tree):
    """The check that aligns word by word, always."""
    body, notes = textcheck.tei_text_pieces(xpath(tree.getroot(), "tei:text")[0])
    try:
        textcheck.check_word_by_word(text, doc, textcheck.tei_text_words(" ".join(body)),
                                     {n: textcheck.tei_text_words(" ".join(p)) for n, p in notes.items()})
    except textcheck.TextLoss as exc:
        return exc.line, exc.message
    return None


def fast_says_same(text, doc, tree):
    body, notes = textcheck.tei_text_pieces(xpath(tree.getroot(), "tei:text")[0])
    return textcheck.same_words(text, doc, body, notes)


@pytest.mark.parametrize("path", FRUS, ids=lambda p: p.name)
def test_the_frus_transcripts_pass_the_check_at_once(path):
    """Every FRUS transcript, [sic] signs included, passes the check without the word-by-word walk,
    which agrees."""
    text = read_transcript(path)
    tree, doc = convert_text(text, path.name, check=False)
    assert fast_says_same(text, doc, tree)
    assert detailed_verdict(text, doc, tree) is None


SIGN_WORDS = st.sampled_from(["[sic]", "[SIC]", "[sic!]", "[ sic ]", "[sic\n]", "[email protected]", "[email\nprotected]",
                              "sic", "email", "protected", "word", "the", "[1]", "[", "]", "co-\noperation", "x\u00ad\ny"])


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SIGN_WORDS, st.booleans()), min_size=1, max_size=10))
def test_the_comparison_at_once_never_passes_what_the_walk_fails(tokens):
    """Whenever the words compared at once agree, the walk that aligns word by word finds no
    difference (a sign's word left in the TEI, or one more or less, is for the walk to decide). The
    TEI side is the transcript with some of its pieces left out."""
    source = " ".join(tok for tok, _ in tokens)
    tei = " ".join(tok for tok, kept in tokens if kept)
    plain_text, signs = textcheck.without_sign_words(source)
    src = textcheck.optional_words(source)
    out = textcheck.tei_text_words(tei)
    if textcheck.same_words_but_signs(plain_text, signs, tei):
        assert textcheck.align(src, out) == (len(src), len(out))


def test_a_sign_the_tei_leaves_out_passes_at_once_and_one_it_keeps_goes_word_by_word():
    plain_text, signs = textcheck.without_sign_words("dialections [sic] of this")
    assert signs and plain_text == "dialections [   ] of this"
    assert textcheck.same_words_but_signs(plain_text, signs, "dialections of this")
    assert not textcheck.same_words_but_signs(plain_text, signs, "dialections sic of this")
    assert not textcheck.same_words_but_signs(plain_text, signs, "dialections of that")
    plain_text, signs = textcheck.without_sign_words("[sic] sic")
    assert not textcheck.same_words_but_signs(plain_text, signs, "sic")  # the walk pairs the sign's word


# --------------------------------------------------------------------------- speaker labels


def first_speaker_label(text):
    """``transcript.speaker_label`` as written first."""
    m = transcript.LABEL_COLON.match(text)
    if not m:
        return None
    label = m.group("label")
    bare = re.sub(r"\[\d+\]", "", label).strip()
    if bare.lower().rstrip(".") in transcript.NOT_LABELS:
        return None
    if re.fullmatch(r"\d.*", bare):
        return None
    if len(re.sub(r"\s*\(([^()]*)\)", " ", bare).split()) > 6:  # words in parentheses are no more name
        return None
    end = m.end()
    colon = text.rfind(":", 0, end)
    return text[: colon + 1], end


LABEL_PIECES = st.sampled_from(["Dobrynin", "The President", "Mr.", "Lt. Gen.", "Vogt", "K", "Q", "[00:01:23] ", "12:05 - ",
                                "Speaker 1", "(aside)", "[3]", " ([1] [2] [3])", "Ab Cd Ef", ":", ": ", " ", "\n", "Subject", "said", "1", "de", "THE"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(LABEL_PIECES, min_size=1, max_size=8).map("".join))
def test_speaker_labels_are_found_as_first_written(text):
    transcript.speaker_label.cache_clear()
    assert transcript.speaker_label(text) == first_speaker_label(text)


@pytest.mark.parametrize("text", ["Ab Cd Ef Ab ([1] [2] [3]): text", "Ab Cd Ef Ab (x y z): text", "Note ([1]): text",
                                  "Dobrynin[3]: And he asked", "[00:01:23] Speaker 12: yes", "Subject: talks"])
def test_these_speaker_labels_are_found_as_first_written(text):
    assert transcript.speaker_label(text) == first_speaker_label(text)


def test_speaker_labels_are_found_as_first_written_in_the_frus_paragraphs():
    for path in FRUS:
        doc = Document(path.name, "plain")
        plain.read(read_transcript(path), doc)
        for b in doc.blocks:
            assert transcript.speaker_label(b.text) == first_speaker_label(b.text)


# --------------------------------------------------------------------------- telegram pages


TELEGRAM_PIECES = st.sampled_from(["SECRET", "PAGE 02 MOSCOW 04512 01 OF 02 151432Z", "PAGE 01 MOSCOW 04512 01 OF 02 151432Z",
                                   "page 02 x 151432Z", "Text goes on", "ends here.", "\n", "\n\n", " ", "\f"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(TELEGRAM_PIECES, min_size=1, max_size=12).map("\n".join))
def test_a_text_without_page_has_no_telegram_page_to_drop(text):
    """The reader looks for a telegram's page headers only in a text that has ``PAGE``."""
    doc = Document("t.txt", "plain")
    raws = plain.split_blocks(text)
    kept = plain._telegram_pages(raws, doc)
    if "PAGE" not in text:
        assert kept is raws and doc.dropped == []
