"""The no-text-lost check's fast paths give the verdicts of the straightforward check: the same pass or
failure, at the same line, with the same message. The reference here is the check as it was written
first (every element walked, every word a tuple, every file aligned word by word); the tests break
converted TEI in varied ways (a word dropped, changed, added, a note's word lost) and compare."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from edition_tools.convert import textcheck
from edition_tools.convert.api import convert_text
from edition_tools.convert.textcheck import TextLoss, align, source_words, tei_text_words, words
from edition_tools.xmlio import local_name, xpath

# --------------------------------------------------------------------------- the reference check

ORIGINAL_MARKERS = re.compile(r"\[\d{1,3}\](?![\w\[])|(?<=[\w.,;:!?)”’\"'\]])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")


def reference_tei_words(text_el):
    body, notes = [], {}

    def walk(el, sink):
        name = local_name(el)
        if name == "note" and el.get("type") == "conversion":
            return
        if name == "gap" and el.get("reason") == "obfuscated-email":
            return
        if name == "note" and el.get("place") == "foot" and el.get("n") is not None:
            target = notes.setdefault(el.get("n"), [])
            if el.text:
                target.append(el.text)
            for c in el:
                if isinstance(c.tag, str):
                    walk(c, target)
                if c.tail:
                    target.append(c.tail)
            return
        if el.text:
            sink.append(el.text)
        for c in el:
            if isinstance(c.tag, str):
                walk(c, sink)
            if c.tail:
                sink.append(c.tail)

    walk(text_el, body)
    return tei_text_words(" ".join(body)), {n: tei_text_words(" ".join(p)) for n, p in notes.items()}


def reference_check(text, doc, tree):
    root = tree.getroot()
    src_body, src_notes, _ = source_words(text, doc)
    out_body, out_notes = reference_tei_words(xpath(root, "tei:text")[0])
    i, j = align(src_body, out_body)
    if i < len(src_body) or j < len(out_body):
        line = src_body[i][1] if i < len(src_body) else (src_body[-1][1] if src_body else 1)
        want = " ".join(w for w, *_ in src_body[i:i + 6]) or "(end of text)"
        got = " ".join(out_body[j:j + 6]) or "(end of text)"
        raise TextLoss(line, f"text lost or changed in conversion at word {i + 1}: the transcript has \"{want}\", the TEI has \"{got}\"")
    for n, ws in src_notes.items():
        got = out_notes.get(n) or []
        i, j = align(ws, got)
        if i < len(ws) or j < len(got):
            want = " ".join(w for w, *_ in ws[i:i + 8]) or "(end of note)"
            have = " ".join(got[j:j + 8]) or "(end of note)"
            raise TextLoss(doc.notes[n].line, f"the text of note [{n}] differs in the TEI at word {i + 1}: transcript \"{want}\", TEI \"{have}\"")
    textcheck.check_header(root, doc)


def verdict(check, text, doc, tree):
    try:
        check(text, doc, tree)
    except TextLoss as exc:
        return exc.line, exc.message
    return None


# --------------------------------------------------------------------------- generated documents, broken TEI

WORD = st.sampled_from([
    "the", "government", "said", "negoti-", "ations", "well-known", "Castro", "Straße", "İstanbul", "ﬁnal",
    "[sic]", "[SIC]", "[sic!]", "[our]", "[1]", "¹", "word[1]", "word¹", "“offensive”", "so-\u00adcalled", "co\u00ad",
    "operation", "—", "[email protected]", "x", "A.", "[", "]", "ΟΔΟΣ", "26", "e\u0301t\u00e9",
])
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)


@st.composite
def document(draw):
    parts = [draw(st.sampled_from(["Memorandum of Conversation", "55. Telegram From Moscow[1]", "Letter"]))]
    parts += draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    text = "\n\n".join(parts) + "\n"
    if "[1]" in text or "¹" in text:
        text += "\nNotes\n\n[1] Source: Department of [sic] State files, co\u00ad\noperation.\n"
    return text


def text_elements(tree):
    return [el for el in xpath(tree.getroot(), "tei:text")[0].iter() if isinstance(el.tag, str)]


def break_tree(tree, how: int, where: int, word: str):
    """Change the TEI text: drop a word, change it, add one, or empty an element (a note's text)."""
    els = [el for el in text_elements(tree) if el.text and el.text.strip()] or text_elements(tree)
    el = els[where % len(els)]
    parts = (el.text or "").split(" ")
    k = where % max(1, len(parts))
    if how == 0:
        del parts[k]
    elif how == 1:
        parts[k] = word
    elif how == 2:
        parts.insert(k, word)
    else:
        parts = []
    el.text = " ".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.integers(0, 4), st.integers(0, 200), st.sampled_from(["sic", "Straße", "strasse", "x", "[sic]"]))
def test_the_check_gives_the_reference_verdict_and_first_position(text, how, where, word):
    tree, doc = convert_text(text, "t.txt", check=False)
    assert verdict(textcheck.check, text, doc, tree) == verdict(reference_check, text, doc, tree)
    if how < 4:
        break_tree(tree, how, where, word)
    got = verdict(textcheck.check, text, doc, tree)
    assert got == verdict(reference_check, text, doc, tree)


def test_a_lost_word_fails_with_its_position():
    text = "Letter\n\nThe government said that.\n"
    tree, doc = convert_text(text, "t.txt", check=False)
    p = xpath(tree.getroot(), "//tei:body//tei:p")[0]
    p.text = p.text.replace("said ", "")
    got = verdict(textcheck.check, text, doc, tree)
    assert got == verdict(reference_check, text, doc, tree)
    assert got[1].startswith("text lost or changed in conversion at word 4: the transcript has \"said that\"")


# --------------------------------------------------------------------------- the parts

TEXT = st.text(st.sampled_from(list("aZ_0 \n.,-[]()\u00a0\u00ad¹²³“”’ßİΣσςﬁéé\u0301\u0130\u2160Ⅻ½x\tİ")), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_word_keys_are_the_words_in_utf8(s):
    assert textcheck.word_keys(s) == [w.encode() for w in words(s)]


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("a1 .[]¹²³⁰,\n”’\"')x!")), max_size=16))
def test_the_marker_pattern_matches_as_written_first(s):
    assert [m.span() for m in textcheck.MARKERS.finditer(s)] == [m.span() for m in ORIGINAL_MARKERS.finditer(s)]


@st.composite
def tei_text(draw):
    """A ``text`` element with notes of every kind, gaps, comments, nested elements and tails."""
    ns = "{http://www.tei-c.org/ns/1.0}"

    def element(depth):
        kind = draw(st.sampled_from(["p", "hi", "foot", "conversion", "gap", "other-gap", "note", "comment"]))
        if kind == "comment":
            el = etree.Comment(draw(st.sampled_from(["c", "hidden words"])))
        else:
            tag = {"foot": "note", "conversion": "note", "other-gap": "gap"}.get(kind, kind)
            el = etree.Element(ns + tag)
            if kind == "foot":
                el.set("place", "foot")
                el.set("n", draw(st.sampled_from(["1", "2"])))
            elif kind == "conversion":
                el.set("type", "conversion")
            elif kind == "gap":
                el.set("reason", "obfuscated-email")
            el.text = draw(st.sampled_from([None, "", "alpha", "beta gamma"]))
            if depth < 3:
                for _ in range(draw(st.integers(0, 3))):
                    el.append(element(depth + 1))
        el.tail = draw(st.sampled_from([None, "", "tail", " delta"]))
        return el

    root = etree.Element(ns + "text")
    root.text = "start"
    for _ in range(draw(st.integers(0, 4))):
        root.append(element(0))
    return root


@settings(max_examples=1000, deadline=None)
@given(tei_text())
def test_the_tei_words_are_those_of_the_walk_over_every_element(text_el):
    assert textcheck.tei_words(text_el) == reference_tei_words(text_el)


def test_word_keys_keep_a_word_whose_casefold_would_split_it():
    assert textcheck.word_keys("İstanbul") == ["i\u0307stanbul".encode()]
    assert unicodedata.normalize("NFC", "i\u0307") == "i\u0307"
