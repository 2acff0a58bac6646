"""The faster forms of the discovery passes (edition_tools.convert.discover) and of the writer's questions
give what the plain forms give: each is compared with the plain expression or the first-written algorithm,
on generated inputs and on the texts of the test inputs."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from hypothesis import example, given, settings, strategies as st
from lxml import etree

from edition_tools.convert import discover, writer
from edition_tools.convert.api import convert_text
from edition_tools.convert.nameforms import MODIFIERS, fixed_form_words, fixed_matcher, fold, title_alternation
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import E

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt")) + \
    sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


@functools.lru_cache(maxsize=1)
def _input_texts() -> list[str]:
    return [discover._plain(read_transcript(p)) for p in INPUTS]


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


@functools.lru_cache(maxsize=1)
def _plain_titled_name_re() -> re.Pattern:
    """The expression for a titled name as first written: the lookbehind first, then the modifiers."""
    word = discover._NAME_WORD
    return re.compile(
        rf"(?<![\w.’'-])(?P<title>{MODIFIERS}(?:{title_alternation()}))\s+"
        rf"(?P<name>(?:(?:[A-Z]\.\s?){{1,3}}|{word}\s+){{0,2}}{word})(?![\w’'-]*\s*[A-Z][a-z])"
    )


TITLED_TEXT = st.lists(st.sampled_from(
    "Vice President Deputy Under Secretary of State Acting Chief Justice First Secretary SECRETARY Secretary-General "
    "Mr. Ambassador AMBASSADOR General Gen. Lt. Senior Special Assistant Vice-President Chief Executive "
    "Johnson Rusk J. F. Dulles O’Neil von The May Smith’s x . , ’ - ( \n \t".split(" ")),
    max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(TITLED_TEXT, st.sampled_from(["", " ", ".", "’", "-", "x", "("]))
@example("Vice President Johnson", "")
@example("Chief Justice Warren and Chief Smith", "")
@example("Deputy Under Secretary Johnson", ".")
def test_titled_names_are_the_matches_of_the_plain_expression(text, before):
    text = before + text
    assert _spans(discover.titled_name_re().finditer(text)) == _spans(_plain_titled_name_re().finditer(text))


def test_titled_names_in_the_inputs():
    for text in _input_texts():
        assert _spans(discover.titled_name_re().finditer(text)) == _spans(_plain_titled_name_re().finditer(text))


_PLAIN_MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("¹²³⁰[]0129a ٣x")), max_size=30))
@example("[12] x¹² [1234] [[3]] [¹]")
def test_note_markers_are_the_matches_of_the_plain_expression(text):
    assert [m.span() for m in discover._MARKERS.finditer(text)] == [m.span() for m in _PLAIN_MARKERS.finditer(text)]


_PLAIN_SENTENCE_END = re.compile(r"(?<=[a-z)”’][.;:!?])\s+(?=[A-Z(“])|\n")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ.;?!)”’(“ \n\t,")), max_size=30))
@example("said. The end.\n x. \n  (y) z!  “Q")
def test_sentences_split_where_the_plain_expression_splits(text):
    assert discover._SENTENCE_END.split(text) == _PLAIN_SENTENCE_END.split(text)


def test_sentences_of_the_inputs():
    for text in _input_texts():
        assert discover._SENTENCE_END.split(text) == _PLAIN_SENTENCE_END.split(text)


def test_enumerated_persons_of_the_inputs():
    """The pass finds in the inputs' texts what the plain reading finds (a word written with a capital
    next to another names a person, a word of the gazetteer's kind is known), asking each question once
    and fewer than the plain reading asks."""
    from test_convert_speed import _enumerated_reference

    def names_person(text):
        asked.append(text)
        return re.search(r"[A-Z][a-z]+ [A-Z][a-z]+|Kissinger|Ford|Rusk|Gromyko", text) is not None

    def known(word):
        return word in ("Moscow", "London", "Paris", "Bonn", "Berlin")

    for text in _input_texts():
        texts = text.split("\n\n")
        asked = []
        expected = _enumerated_reference(texts, names_person, known)
        plain_asked, asked = len(asked), []
        assert discover.enumerated_persons(texts, names_person, known) == expected
        assert len(asked) == len(set(asked)) and len(asked) <= plain_asked


def _written_at_reference(texts, words):
    """Where each word is written in each text: a search of every text for every word."""
    out = []
    for text in texts:
        places = []
        for word in words:
            pos = text.find(word)
            while pos >= 0:
                places.append(pos)
                pos = text.find(word, pos + 1)
        out.append(places)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("Ca sro\n")), max_size=12), max_size=5),
       st.lists(st.sampled_from(["Castro", "Cas", "a", "s\nC", "ro", "o"]), max_size=3, unique=True))
@example(["Castro", "Castro Castro"], ["Castro"])
@example(["Cas", "tro"], ["s\nt", "Cas"])
def test_written_at_finds_what_a_search_of_each_text_finds(texts, words):
    assert discover._written_at(texts, "\n".join(texts), words) == _written_at_reference(texts, words)


def test_subjects_and_middle_initials_of_the_inputs():
    """The searches from the verbs of saying and the middle initials of one scan find in the inputs'
    texts what finditer finds."""
    for text in _input_texts():
        assert _spans(discover._subjects_of_verbs(text)) == _spans(discover._SUBJECT_OF_VERB.finditer(text))
        assert _spans(discover._names_with_a_middle_initial(text)) == _spans(discover._INITIAL_NAMES[1].finditer(text))


def _known_name_reference(w, name):
    """Writer._known_name as first written: the index first, then the lists."""
    key = fold(name)[0]
    if any(h[0] == 0 and h[1] == len(name) for h in w.index.find(name)) or key in fixed_matcher()[0]:
        return True
    return " " not in key and key in fixed_form_words()


def test_known_name_answers_as_asking_the_index_first(monkeypatch):
    """The writer asks the lists before the index: every answer it gives while converting the inputs is
    the answer of the first-written order, with the index as it is at that moment."""
    fast = writer.Writer._known_name
    asked = []

    def checked(self, name):
        answer = fast(self, name)
        assert answer == _known_name_reference(self, name), name
        asked.append(answer)
        return answer

    monkeypatch.setattr(writer.Writer, "_known_name", checked)
    for path in INPUTS:
        side = sidecar_for(path)
        convert_text(read_transcript(path), path.name, meta=read_sidecar(side) if side.exists() else {})
    assert set(asked) == {True, False}, "the inputs ask names of both answers"


_OWN_TEXT = etree.XPath("descendant-or-self::text()[not(ancestor::tei:note[@type = 'conversion'])]",
                        namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
TREE_TEXT = st.sampled_from(["", "a", "“b”", "\"", "c«", None])


@st.composite
def _text_trees(draw, depth=0):
    """A text element with notes (some the converter's own, some inside each other) and quotation marks."""
    el = E(draw(st.sampled_from(["p", "note", "note", "hi"])) if depth else "text")
    if el.tag.endswith("note") and draw(st.booleans()):
        el.set("type", "conversion")
    el.text = draw(TREE_TEXT)
    if depth < 3:
        for child in draw(st.lists(_text_trees(depth + 1), max_size=3)):
            child.tail = draw(TREE_TEXT)
            el.append(child)
    return el


@settings(max_examples=400, deadline=None)
@given(_text_trees())
def test_quotation_marks_outside_the_conversion_notes(text):
    assert writer._has_quotation_marks(text) == bool(writer.QUOTE_CHARS.search("".join(_OWN_TEXT(text))))
