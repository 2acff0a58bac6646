"""The fast paths of the discovery passes, the header and the text check give what the plain ways gave.

Each reference below is the code as it was before the fast path (kept here, not in the package); the
tests compare them on the FRUS transcripts and on generated inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition_tools.convert import discover, header, textcheck
from edition_tools.convert.discover import (
    _HOLDER_IN_PARENTHESES,
    _INITIAL_NAMES,
    _POSSESSIVE,
    _SENTENCE_START,
    _SUBJECT_OF_VERB,
    MONTHS,
    NOT_NAMES,
    _given_name_names,
    _may_start_a_sentence_as_a_name,
    _plain,
    _plain_surname,
    _title_words,
    common_words,
    text_index,
    titled_name_re,
)
from edition_tools.convert.names import Entity
from edition_tools.convert.source import read_transcript
from edition_tools.xmlio import XML_ID, E

# --------------------------------------------------------------------------- header: entity declarations


def reference_entity(e, tag: str, name_tag: str) -> etree._Element:
    """``header._entity`` as it was: every element made one by one."""
    el = E(tag)
    el.set(XML_ID, e.id)
    role = (getattr(e, "role", "") or "").strip()
    office = ""
    if tag == "person" and role:
        tokens = role.split()
        if all(t in header.ROLE_TOKENS for t in tokens):
            el.set("role", " ".join(dict.fromkeys(tokens)))
        else:
            office = role
    names = list(dict.fromkeys([n for n in e.names if n]))
    for k, n in enumerate(names or [header.UNKNOWN]):
        el.append(E(name_tag, {"type": "variant"} if k else None, text=n))
    forms = [f for f in dict.fromkeys(getattr(e, "forms", []) or []) if f not in names]
    for f in forms[:12]:
        el.append(E(name_tag, {"type": "variant"}, text=f))
    note = getattr(e, "note", "") or ""
    if office and office.lower() not in note.lower():
        note = f"{office}; {note}" if note else office
    if note:
        el.append(E("note", {"type": "role"} if tag == "person" else None, text=note))
    return el


KINDS = [("person", "person", "persName"), ("place", "place", "placeName"), ("org", "org", "orgName")]
_words = st.sampled_from(["Castro", "Fidel", "UNKNOWN", "", "Mr. Rusk", "Moscow", "participant", "mentioned",
                          "Ambassador", "speaker author", "Ambassador, USSR", "a note"])


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), names=st.lists(_words, max_size=4),
       forms=st.lists(st.one_of(_words, st.integers(0, 30).map(lambda i: f"Form {i}")), max_size=24),
       role=st.sampled_from(["", "participant", "author participant participant", "Ambassador, USSR", " speaker "]),
       note=st.sampled_from(["", "found in the text", "ambassador, ussr: found"]))
def test_an_entity_declaration_is_the_one_made_element_by_element(kind, names, forms, role, note):
    kind_name, tag, name_tag = kind
    e = Entity(id="x_1", kind=kind_name, names=names, forms=forms, role=role, note=note)
    assert etree.tostring(header._entity(e, tag, name_tag)) == etree.tostring(reference_entity(e, tag, name_tag))


def test_the_templates_are_not_changed_by_their_copies():
    e = Entity(id="castro", kind="person", names=["Fidel Castro"], forms=["Castro"], role="mentioned", note="n")
    first = etree.tostring(header._entity(e, "person", "persName"))
    header._entity(e, "person", "persName").text = "changed"
    assert etree.tostring(header._entity(e, "person", "persName")) == first
    assert header._entity_template("person", "persName", 2, True).get(XML_ID) is None


# --------------------------------------------------------------------------- discovery: the texts searched at once

FRUS = sorted(Path(__file__).parent.joinpath("data", "external", "frus").glob("*.txt"))


def reference_titled_persons(texts, known):
    """``titled_persons`` as it was: the pattern searched in each text."""
    out, seen = [], set()
    for text in texts:
        for m in titled_name_re().finditer(_plain(text)):
            name = _POSSESSIVE.sub("", " ".join(m.group("name").split()))
            last = name.replace(".", " ").split()[-1]
            if last.lower() in _title_words() or last in NOT_NAMES or last.lower() in MONTHS:
                continue
            if name in seen or known(name) or known(f"{m.group('title')} {name}"):
                continue
            seen.add(name)
            out.append((m.group("title"), name))
    return out


def reference_contextual_persons(texts, known):
    """``contextual_persons`` as it was first written: each rule's pattern searched in each text."""
    out, seen = [], set()
    common = common_words()
    texts = [_plain(t) for t in texts]
    index = text_index(tuple(texts))

    def take(name, evidence):
        name = " ".join(_POSSESSIVE.sub("", name).split())
        words = name.replace(".", " ").split()
        if name in seen or not words or not _plain_surname(words[-1], common):
            return
        if any(w in NOT_NAMES or w.lower() in MONTHS or w.lower() in _title_words() for w in words):
            return
        if known(name) or known(words[-1]) or index.is_a_place(words[-1]):
            return
        seen.add(name)
        out.append((name, evidence))

    for text in texts:
        for m in _SUBJECT_OF_VERB.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            if re.search(r"[A-Z][\w’'.-]*\s+$", before) and not _SENTENCE_START.search(before):
                continue
            if _SENTENCE_START.search(before) and not _may_start_a_sentence_as_a_name(m["name"], index):
                continue
            take(m["name"], " ".join(m.group(0).split()))
        for m in _HOLDER_IN_PARENTHESES.finditer(text):
            office_words = m["office"].replace(".", " ").lower().split()[-4:]
            if not set(office_words) & _title_words() or re.match(r"\s+(?!(?:to|and|of|on|in|with|at|for|from|as)\b)[a-z]", text[m.end():]):
                continue
            take(m["name"], " ".join(m.group(0).split()[-4:]))
        for matches in (_INITIAL_NAMES[0].finditer(text), _INITIAL_NAMES[1].finditer(text), _given_name_names().finditer(text)):
            for m in matches:
                take(m["name"], m["name"])
    return out


def _known_frus(name: str) -> bool:
    """A stand-in for the name index: a few names and every name with a "k" in it."""
    return name in {"Rusk", "Dean Rusk", "Moscow", "Kennedy", "Thompson"} or "k" in name


@pytest.mark.parametrize("path", FRUS, ids=lambda p: p.name)
def test_the_discovery_passes_find_in_the_frus_texts_what_each_text_searched_alone_gives(path):
    from edition_tools.convert import writer
    from edition_tools.convert.api import convert_text

    captured = []
    original = writer.Writer._discover_titled_persons

    def capture(self):
        captured.append(self._block_texts() + self._note_texts())
        return original(self)

    writer.Writer._discover_titled_persons = capture
    try:
        convert_text(read_transcript(path), path.name)
    finally:
        writer.Writer._discover_titled_persons = original
    (texts,) = captured
    assert discover.titled_persons(texts, _known_frus) == reference_titled_persons(texts, _known_frus)
    assert discover.contextual_persons(texts, _known_frus) == reference_contextual_persons(texts, _known_frus)


_PIECES = ["John", "Mary", "Robert", "David", "A.", "B.", "X.", "J.", "said", "stated", "told", "also", "had", "has", "then", "Smith", "O’Neil", "Jean-Paul", "McCloy", "the", "The", ".", ",", ";", "’", "'", "-", "(", ")", "(Unger)", "Ambassador", "to", "Thailand", "\n", "\t", "3", "_", "Castro", "Fidel", "Raul", "in", "at", "Mr.", "Secretary", "Gromyko", "Dean", "Rusk", "Berlin", "Israeli", "Grewe", "claimed", "Both", "agreed", "\x00", "\ue000", "¹", "[2]"]
_TEXT = st.lists(st.sampled_from(_PIECES + [" ", "  "]), max_size=18).map(
    lambda ws: "".join(w + (" " if i % 3 else "") for i, w in enumerate(ws)))


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.sets(st.sampled_from(["Rusk", "Smith", "Castro", "Gromyko", "Mr. Smith",
                                                              "Raul", "Berlin", "John Smith"])))
def test_the_discovery_passes_search_the_joined_texts_as_each_text(texts, known_names):
    known = known_names.__contains__
    assert discover.titled_persons(texts, known) == reference_titled_persons(texts, known)
    assert discover.contextual_persons(texts, known) == reference_contextual_persons(texts, known)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_verbs_and_initials_are_the_anchors_of_one_search(text):
    """The verbs and middle initials found apart are those one search for both found."""
    anchors = re.compile(rf"\s(?:(?P<verb>{'|'.join(discover._PERSON_VERBS.split('|'))})\b|[A-Z]\.(?=\s))")
    verbs = [m.span() for m in anchors.finditer(text) if m["verb"]]
    middle = [m.start() for m in anchors.finditer(text) if not m["verb"]]
    assert discover._verbs(text) == verbs
    assert discover._initials(text)[1] == middle
    assert discover._initials(text)[0] == [m.start() for m in re.finditer(r"[A-Z](?=\.)", text)]


# --------------------------------------------------------------------------- text check: the TEI's text pieces


#: the elements that route the text inside them (see ``textcheck._routing``), as XPath predicates: left out of
#: the check (a conversion note, an obfuscated e-mail's gap), or into a footnote's words
_LEFT_OUT = ("(local-name() = 'note' and @type = 'conversion')"
             " or (local-name() = 'gap' and @reason = 'obfuscated-email')")
_FOOTNOTE = f"local-name() = 'note' and @place = 'foot' and @n and not({_LEFT_OUT})"
_ROUTED = f"({_LEFT_OUT}) or ({_FOOTNOTE})"


def reference_tei_text_pieces(text_el):
    """``textcheck.tei_text_pieces`` by another way than its walk: each text node of ``text_el`` is routed by
    XPath tests of its ancestors (for a document's ``text``, whose own ancestors route nothing). A text
    node under a left-out element is left out; one under a footnote goes to the footnote's number of the
    nearest routed element around it; any other is the body's. The numbers come in the document order of
    their first footnote (one inside a left-out element does not count), and each number's text nodes in
    document order."""
    body = text_el.xpath(f"descendant::text()[not(ancestor::*[{_ROUTED}])]")
    notes = {}
    for note in text_el.xpath(f"descendant-or-self::*[{_FOOTNOTE}][not(ancestor::*[{_LEFT_OUT}])]"):
        n = note.get("n")
        if n not in notes:
            notes[n] = text_el.xpath(f"descendant::text()[not(ancestor::*[{_LEFT_OUT}])][ancestor::*[{_ROUTED}][1][@n = $n]]", n=n)
    return [str(p) for p in body], {n: [str(p) for p in ps] for n, ps in notes.items()}


def _no_empty(pieces):
    """The pieces but for empty ones (they hold no word)."""
    body, notes = pieces
    return [p for p in body if p], {n: [p for p in ps if p] for n, ps in notes.items()}


@st.composite
def routed_tree(draw):
    """An element (maybe itself a routed one) with footnotes, conversion notes and gaps nested in any way,
    empty ones too, comments, processing instructions, entity references and other namespaces."""
    tei = "{http://www.tei-c.org/ns/1.0}"
    kinds = ["p", "hi", "foot", "conversion", "gap", "other-gap", "note", "comment", "pi", "entity", "other-ns"]

    def element(depth, kind=None):
        kind = kind or draw(st.sampled_from(kinds))
        if kind == "comment":
            el = etree.Comment(draw(st.sampled_from(["c", "hidden words"])))
        elif kind == "pi":
            el = etree.ProcessingInstruction("x", "hidden")
        elif kind == "entity":
            el = etree.Entity("amp")
        else:
            tag = {"foot": "note", "conversion": "note", "other-gap": "gap"}.get(kind, kind)
            el = etree.Element("{urn:other}note" if kind == "other-ns" else tei + tag)
            if kind in ("foot", "other-ns"):
                el.set("place", "foot")
                el.set("n", draw(st.sampled_from(["1", "2", ""])))
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

    root = element(0, draw(st.sampled_from(["p", "p", "foot", "conversion"])))
    root.tail = None
    if draw(st.booleans()):  # inside a document with text before it, as the text after a teiHeader
        outer = etree.Element(tei + "TEI")
        head = etree.SubElement(outer, tei + "teiHeader")
        head.text = "header words"
        outer.append(root)
    return root


@settings(max_examples=1500, deadline=None)
@given(routed_tree())
def test_the_text_pieces_are_those_of_the_ancestor_tests(text_el):
    assert textcheck.tei_text_pieces(text_el) == _no_empty(reference_tei_text_pieces(text_el))


@pytest.mark.parametrize("path", FRUS[:10], ids=lambda p: p.name)
def test_the_text_pieces_of_the_frus_documents_are_those_of_the_ancestor_tests(path):
    from edition_tools.convert.api import convert_text
    from edition_tools.xmlio import xpath

    tree, _doc = convert_text(read_transcript(path), path.name)
    text_el = xpath(tree.getroot(), "tei:text")[0]
    assert textcheck.tei_text_pieces(text_el) == _no_empty(reference_tei_text_pieces(text_el))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(["a", " ", "’", "é", "\ud800", "\udfff", "ß", "😀", "\x7f", "\x80"]))
                 .map("".join)))
def test_the_characters_outside_ascii_are_those_a_search_finds(s):
    assert textcheck._non_ascii_characters(s) == set(re.findall(r"[^\x00-\x7f]", s))


# --------------------------------------------------------------------------- writer: the report of @cert


@st.composite
def cert_tree(draw):
    """A tree of elements, some with @cert (the root too), with comments and processing instructions."""
    tei = "{http://www.tei-c.org/ns/1.0}"

    def element(depth):
        kind = draw(st.sampled_from(["el", "el", "comment", "pi"]))
        if kind == "comment":
            el = etree.Comment(draw(st.sampled_from(["c", "hidden words"])))
        elif kind == "pi":
            el = etree.ProcessingInstruction("x", "hidden")
        else:
            el = etree.Element(tei + draw(st.sampled_from(["p", "persName", "said"])))
            if draw(st.booleans()):
                el.set("cert", draw(st.sampled_from(["low", "medium", ""])))
            el.text = draw(st.sampled_from([None, "", "alpha", " beta  gamma\\n"]))
            if depth < 3:
                for _ in range(draw(st.integers(0, 3))):
                    el.append(element(depth + 1))
        el.tail = draw(st.sampled_from([None, "", "tail", " delta "]))
        return el

    root = etree.Element(tei + "text")
    if draw(st.booleans()):
        root.set("cert", "low")
    for _ in range(draw(st.integers(0, 4))):
        root.append(element(0))
    return root


@settings(max_examples=500, deadline=None)
@given(cert_tree())
def test_the_elements_with_cert_and_their_words_are_those_of_the_plain_ways(root):
    from edition_tools.convert import writer
    from edition_tools.convert.markup import string_value

    with_cert = root.xpath("descendant-or-self::*[@cert]")
    assert writer._WITH_CERT(root) == with_cert
    for el in with_cert:
        assert " ".join(string_value(el).split()) == " ".join("".join(el.itertext()).split())
