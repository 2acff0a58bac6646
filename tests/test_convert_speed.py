"""The converter's speed-ups change nothing: its caches keep no state from one document to the next, and
the faster forms of folding and scanning give what the plain forms give."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st
from lxml import etree

from edition_tools.convert import dates, discover, header, inline, nameforms, names, quotes, writer
from edition_tools.convert.layouts import pdf_text
from edition_tools.convert.api import convert_text
from edition_tools.convert.model import Document
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import _PROTOTYPES, XML_ID, XML_LANG, E, qn, serialize, to_string

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


def _clear_caches() -> None:
    nameforms.cached_person_forms.cache_clear()
    nameforms._alternation_pattern.cache_clear()
    discover._plain.cache_clear()
    discover.text_index.cache_clear()
    nameforms.title_type.cache_clear()
    names._office_text.cache_clear()
    names._start_candidates_for.cache_clear()
    names._listed_full_names.cache_clear()
    names._form_key.cache_clear()
    _PROTOTYPES.clear()
    header._ENCODING_DESCS.clear()
    pdf_text.detect.cache_clear()


def _convert(path: Path) -> tuple[bytes, list[str]]:
    side = sidecar_for(path)
    tree, doc = convert_text(read_transcript(path), path.name, meta=read_sidecar(side) if side.exists() else {})
    return serialize(tree), [str(d) for d in doc.decisions]


def test_a_document_converts_the_same_after_others():
    alone = {}
    for path in INPUTS:
        _clear_caches()
        alone[path] = _convert(path)
    _clear_caches()
    for path in INPUTS + INPUTS[::-1]:  # every document after every other one, with warm caches
        assert _convert(path) == alone[path], path.name


def _fold_reference(text: str):
    """fold as a plain table lookup per character (the definition the faster paths must agree with)."""
    if text.isascii():
        return text.lower().translate(str.maketrans("\t\n\r\x0b\x0c", "     ")), range(len(text))
    return text.translate(nameforms._FOLD_TABLE), range(len(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_fold_is_the_character_table(text):
    if nameforms._COMBINING.search(text) and not text.isascii():
        return  # combining marks are dropped: another path, unchanged
    assert nameforms.fold(text) == _fold_reference(text)


def test_fold_of_every_character():
    for cp in range(0x80, 0x3000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or unicodedata.combining(ch) or nameforms._COMBINING.search(ch):
            continue
        text = f"A{ch}\tb"
        assert nameforms.fold(text) == _fold_reference(text), hex(cp)


TOKEN_TEXT = st.text(alphabet=st.sampled_from(list("ab .,”’\n[]]0123sicSIC!email protected¹²³\ue000\u00a0")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(TOKEN_TEXT)
def test_inline_tokens_are_finditer(text):
    expected = [(m.span(), m.lastgroup) for m in inline.TOKEN.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in inline._tokens(text)] == expected


NAME_TEXT = st.lists(st.sampled_from(
    "John Johnny Jo Mary Robert Roberts A. B. said stated told Smith O’Neil Jean-Paul x-Ray the The . , ’ ' - ( \n"
    " Castro Fidel in at Mr. Ambassador".split(" ")), max_size=12).map(lambda ws: " ".join(ws))


@settings(max_examples=400, deadline=None)
@given(NAME_TEXT, st.sampled_from(["", ".", "’", "-", "x"]))
def test_context_expressions_with_the_capital_first(text, before):
    """The expressions that check the character before a name after its capital find what the plain
    lookbehind finds."""
    word = discover._NAME_WORD
    given_names = "|".join(sorted(nameforms.common_given_names(), key=len, reverse=True))
    plain = {
        discover._SUBJECT_OF_VERB: rf"(?<![\w’'.-])(?P<name>{word})\s+(?:(?:also|then|further|again|had|has|have|"
                                   rf"would|will|once|later|had\s+also|has\s+also)\s+)?(?:{discover._PERSON_VERBS})\b",
        discover._INITIAL_NAMES[0]: rf"(?<![\w.’'-])(?P<name>[A-Z]\.\s?{word}\s+{word})(?![\w’'-]|\s+[A-Z][a-z])",
        discover._INITIAL_NAMES[1]: rf"(?<![\w.’'-])(?P<name>{word}\s+[A-Z]\.\s+{word})(?![\w’'-]|\s+[A-Z][a-z])",
        discover._given_name_names(): rf"(?<![\w.’'-])(?P<name>(?:{given_names})\s+(?:[A-Z]\.\s+)?{word})"
                                      rf"(?![\w’'-]|\s+[A-Z][a-z]|\s+&)",
        discover._GIVEN_BEFORE_SURNAME: rf"(?<![\w’'.-])(?P<given>{word})(?=\s+(?P<surname>{word})(?![\w’'-]))",
    }
    text = before + text
    for fast, slow in plain.items():
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in re.finditer(slow, text)], fast.pattern[:40]


@pytest.mark.parametrize("folder", ["transcript", "plain"])
def test_a_reader_takes_the_reading_layout_detection_made(folder):
    """The transcript detector reads the text as the plain (or PDF) reader does, and the reader chosen
    takes that reading instead of reading the text again; a conversion with the layout named (no
    detection) must give the same TEI and report, also when it follows a detection of the same text."""
    from edition_tools.convert.layouts import plain

    cases = [p for p in INPUTS if p.parent.name == folder]
    assert len(cases) >= 5
    for path in cases:
        side = sidecar_for(path)
        meta = read_sidecar(side) if side.exists() else {}
        text = read_transcript(path)
        tree, doc = convert_text(text, path.name, meta=meta)
        assert doc.layout == folder
        assert plain._detected == []  # taken by the reader
        again, doc2 = convert_text(text, path.name, meta=meta, layout=folder)
        assert serialize(tree) == serialize(again), path.name
        assert [str(d) for d in doc.decisions] == [str(d) for d in doc2.decisions], path.name


def _enumerated_reference(texts, names_person, known):
    """enumerated_persons as first written: every sentence with three commas read item by item, every
    question asked again (the definition the faster pass must agree with)."""
    out, seen, common = [], set(), nameforms.common_words()
    texts = [discover._plain(t) for t in texts]
    index = discover.TextIndex("\n".join(texts))
    for text in texts:
        for sentence in re.split(r"(?<=[a-z)”’][.;:!?])\s+(?=[A-Z(“])|\n", text):
            if sentence.count(",") < 3:
                continue
            items = [" ".join(i.split()) for i in sentence.split(",")]
            run = []
            for item in items + [""]:
                single = discover._SINGLE_NAME_ITEM.fullmatch(item.rstrip("."))
                person = bool(item) and not single and names_person(item)
                if single or person:
                    run.append((single["name"] if single else "", bool(person or (single and names_person(single["name"])))))
                    continue
                if len(run) >= 4 and sum(p for _, p in run) >= 2:
                    for word, is_person in run:
                        if word and not is_person and word not in seen and discover._plain_surname(word, common) \
                                and not known(word) and not index.is_a_place(word):
                            seen.add(word)
                            out.append((word, "listed among persons"))
                run = []
                if item and names_person(item):
                    run.append(("", True))
    return out


LIST_ITEMS = st.sampled_from([
    "Ford", "Kissinger", "and Shultz", "Ambassador Varnak", "Quendorf", "Toller", "Brisk", "Green", "Zembla",
    "in Zembla", "Talks", "the Secretary", "Mr. Quendorf", "Ruritania", "Brisk.", "Varnak and Toller", "May",
    "Zemblans", "Otto", "Otto Brisk", "", "USA",
])
LIST_TEXTS = st.lists(
    st.lists(LIST_ITEMS, max_size=9).map(", ".join) | st.sampled_from(["visits in Zembla", "Talks ended."]),
    max_size=5,
).map(lambda sentences: ". ".join(sentences) + ".")


@settings(max_examples=400, deadline=None)
@given(st.lists(LIST_TEXTS, min_size=1, max_size=3))
@example(["Toller, Ambassador Varnak, Quendorf and Ford, the Secretary Kissinger. Talks ended.",
          "Ford, Varnak, Brisk, Toller, and Otto."])
def test_enumerated_persons_skips_only_sentences_that_give_nothing(texts):
    """The pass asks each question once and passes over sentences without a possible surname: it finds
    what the plain reading finds, in the same order."""
    persons = ("Quendorf", "Varnak", "Kissinger", "Ford")
    asked = []

    def names_person(text):
        asked.append(text)
        return any(p in text for p in persons)

    def known(word):
        return word in ("Ruritania", "Otto")

    expected = _enumerated_reference(texts, names_person, known)
    asked.clear()
    assert discover.enumerated_persons(texts, names_person, known) == expected
    assert len(asked) == len(set(asked))  # each text asked about once


def _text_index_reference(text):
    """TextIndex as first written: tokens, places and counts of one text, gathered in one loop."""
    runs = discover._TOKEN.findall(text)
    placed = set()
    for run in set(discover._PLACE_PREPOSITION.findall(text)):
        placed.add(run)
        placed.update(run[:i] for i, ch in enumerate(run) if ch in "’'-")
    counts = {}
    for run in runs:
        counts[run] = counts.get(run, 0) + 1
        if "’" in run or "'" in run:
            for i, ch in enumerate(run):
                if ch in "’'":
                    counts[run[:i]] = counts.get(run[:i], 0) + 1
    return frozenset(runs), frozenset(placed), counts


INDEX_TEXTS = st.lists(st.lists(st.sampled_from(
    ["in", "at", "from", "Berlin", "Berlin’s", "O'Neil", "Grewe-Bolz", "Israeli", " ", "\n", ",", "’", "-", "x", "Aé"]
), max_size=8).map(" ".join), max_size=5)


@settings(max_examples=300, deadline=None)
@given(INDEX_TEXTS)
@example(["talks in", "Berlin and Grewe’s", " ", "Bonn in", "  Israeli"])
def test_text_index_of_texts_in_either_order_is_the_index_of_their_join(texts):
    """The passes read a document's texts in two orders: each order's index is the index of its own join,
    whichever order came first (a preposition that ends one text has its place at the start of the
    next), and its answers about single words are those of a count of all the words."""
    for order in (texts, texts[::-1]):
        index = discover.text_index(tuple(order))
        tokens, places, counts = _text_index_reference("\n".join(order))
        assert index.places == places
        for word in (tokens | counts.keys() | {"Berlin", "Israel", "Grewe", "O", "x y"}) - {""}:
            assert (index.has_token(word), index.count(word)) == (word in tokens, counts.get(word, 0)), word


ANCHOR_TEXT = st.lists(st.sampled_from(
    "John Mary Robert A. B. X. said stated told also had has then Smith O’Neil Jean-Paul McCloy the The . , ’ "
    "' - ( ) \n \t 3 _ Castro Fidel Raul Ruz in at Mr. Ambassador Gromyko Gro2myko Dean Rusk".split(" ")),
    max_size=14).map(lambda ws: "".join(w + (" " if i % 3 else "") for i, w in enumerate(ws)))


@settings(max_examples=500, deadline=None)
@given(ANCHOR_TEXT, st.sampled_from(["", ".", "’", "-", "x", " "]))
@example("Gromyko had also said", "")
@example("Lyndon B. Johnson X. Smith", "")
def test_patterns_tried_before_their_anchors_find_what_finditer_finds(text, before):
    """Trying a pattern only where its verb, middle initial or known surname lets it match finds every
    match finditer finds, in order."""
    text = before + text
    spans = lambda ms: [(m.span(), m.groupdict()) for m in ms]  # noqa: E731
    assert spans(discover._subjects_of_verbs(text)) == spans(discover._SUBJECT_OF_VERB.finditer(text))
    assert spans(discover._names_with_a_middle_initial(text)) == spans(discover._INITIAL_NAMES[1].finditer(text))
    surnames = {"Castro": {"fidel"}, "Rusk": {"dean"}, "Ruz": set()}
    assert spans(discover._given_names_before(text, surnames)) == \
        spans(m for m in discover._GIVEN_BEFORE_SURNAME.finditer(text) if m["surname"] in surnames)


# --------------------------------------------------------------------------- prechecks of the analysis passes
# A pass that skips a text after a cheap test must mark what it marks without the test: each test below runs
# the pass with its prechecks and with them switched off (monkeypatched to "may match") on every paragraph of
# the test transcripts and on random text made of the words the patterns look for.

FRUS = sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt"))


def _paragraphs() -> list[str]:
    out: list[str] = []
    for path in INPUTS + FRUS:
        text = re.sub(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", read_transcript(path))  # XML's characters
        out += [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return out


PARAGRAPHS = _paragraphs()


def _element(text: str) -> etree._Element:
    """``text`` in a ``p``, cut in five: text, ``hi``, tail, ``note``, tail (so that passes see several text
    slots, one of them in an element they skip)."""
    cuts = sorted({0, len(text) // 5, len(text) // 2, 3 * len(text) // 5, 4 * len(text) // 5, len(text)})
    parts = [text[a:b] for a, b in zip(cuts, cuts[1:])] + [""] * 5
    p = E("p", text=parts[0])
    p.append(E("hi", text=parts[1]))
    p[-1].tail = parts[2]
    p.append(E("note", {"place": "foot"}, text=parts[3]))
    p[-1].tail = parts[4]
    return p


def _run_dates(texts: list[str], ctx_args: dict) -> tuple[list, list[str]]:
    doc = Document("t.txt", "test")
    ctx = dates.DateContext(**ctx_args)
    out = []
    for text in texts:
        for el in (E("p", text=text), _element(text)):
            dates.mark_dates(el, ctx, doc, 1)
            out.append((to_string(el), ctx.carry_month, ctx.carry_year))
    return out, [str(d) for d in doc.decisions]


def _without_date_prechecks(monkeypatch) -> None:
    for name in ("_may_say_today", "_has_month_letters", "_has_four_digits"):
        monkeypatch.setattr(dates, name, lambda text: True)


DATE_CONTEXTS = [{}, {"doc_date": "1962-11-06", "setting_date": "1962-11-05"}, {"doc_date": "1961-01-16"}]


def test_date_prechecks_skip_nothing_in_the_transcripts(monkeypatch):
    for ctx_args in DATE_CONTEXTS:
        fast = _run_dates(PARAGRAPHS, ctx_args)
        with monkeypatch.context() as m:
            _without_date_prechecks(m)
            assert _run_dates(PARAGRAPHS, ctx_args) == fast


DATE_WORDS = st.lists(st.sampled_from(
    "January JANUARY Jan. Jan May MAY June Jun. Sept. Sept Sep. SEPTEMBER Dec DEC. Tuesday the The of in since "
    "today Today oday 3 27th 1st 2nd 03 30 1962 1962-11-06 2001 – - — , . x cases parallel \n".split(" ")),
    max_size=12).map(lambda ws: "".join(w + (" " if i % 3 else "") for i, w in enumerate(ws)))


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, min_size=1, max_size=3), st.sampled_from(DATE_CONTEXTS))
def test_date_prechecks_skip_nothing_in_random_text(texts, ctx_args):
    fast = _run_dates(texts, ctx_args)
    with pytest.MonkeyPatch.context() as m:
        _without_date_prechecks(m)
        assert _run_dates(texts, ctx_args) == fast


def test_the_writers_xpath_questions_answer_as_the_walks_did():
    """build asks the finished text (elements with @cert, with xml:id, the languages, the text outside
    conversion notes) with XPath and serialisation; the Python walks over text.iter() they replaced give
    the same answers."""
    quotes_outside_only = 0
    for path in INPUTS + FRUS:
        tree, _doc = convert_text(read_transcript(path), path.name)
        text = tree.getroot()[1]
        elements = list(text.iter())
        assert writer._WITH_CERT(text) == [el for el in elements if isinstance(el.tag, str) and el.get("cert") is not None]
        assert writer._WITH_ID(text) == [el for el in elements if isinstance(el.tag, str) and el.get(XML_ID)]
        assert {str(v) for v in writer._LANGUAGES(text) if v} == {v for v in (x.get(XML_LANG) for x in elements) if v}
        conv = {x for n in text.iter(qn("note")) if n.get("type") == "conversion" for x in n.iter()}
        own = [el.text or "" for el in elements if el not in conv] + [el.tail or "" for el in elements if el.getparent() not in conv]
        assert writer._has_quotation_marks(text) == bool(writer.QUOTE_CHARS.search("".join(own)))
        quotes_outside_only += bool(writer.QUOTE_CHARS.search("".join(text.itertext()))) != bool(writer.QUOTE_CHARS.search("".join(own)))
    assert quotes_outside_only  # some inputs have quotation marks only in conversion notes: the test sees the difference


def _run_quotes(texts: list[str]) -> tuple[list[str], list[str]]:
    doc = Document("t.txt", "test")
    out = []
    for text in texts:  # one document: a quotation may run on from one paragraph into the next
        for el in (E("p", text=text), _element(text)):
            quotes.mark_quotations(el, doc, 1)
            out.append(to_string(el))
    return out, [str(d) for d in doc.decisions]


def test_quotation_precheck_skips_nothing_in_the_transcripts(monkeypatch):
    fast = _run_quotes(PARAGRAPHS)
    monkeypatch.setattr(quotes, "may_hold_marks", lambda text: True)
    assert _run_quotes(PARAGRAPHS) == fast


QUOTE_WORDS = st.lists(st.sampled_from("“ ” ‘ ’ \" ' „ « » said: He said, don’t the a b. \n".split(" ")), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(QUOTE_WORDS, min_size=1, max_size=3))
def test_quotation_precheck_skips_nothing_in_random_text(texts):
    fast = _run_quotes(texts)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(quotes, "may_hold_marks", lambda text: True)
        assert _run_quotes(texts) == fast


def _matches_by_search(index: names.NameIndex, text: str) -> list:
    """NameIndex._matches as it was: both matchers searched from each position the scan reaches (the
    definition the scan over start candidates must agree with)."""
    index._matches("")  # builds the matcher
    folded, idx = nameforms.fold(text)
    fixed_table, _title_only, fixed_regex = nameforms.fixed_matcher()
    found = []
    pos = 0
    while True:
        m1, m2 = nameforms.alternation(index._table).search(folded, pos), fixed_regex.search(folded, pos)
        if m1 is None or m2 is None:
            m = m1 or m2
            if m is None:
                break
        else:
            m = m1 if (m1.start(), m2.end()) <= (m2.start(), m1.end()) else m2
        key = m.group(0)
        rows = list(index._table.get(key, []))
        for ident, form in fixed_table.get(key, []):
            e = index.get(ident)
            if e is not None and (e, form) not in rows:
                rows.append((e, form))
        start, end = idx[m.start()], idx[m.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        match = index._resolve_plain(text, start, end, rows) if rows else None
        if match is None:
            pos = m.start() + 1
            continue
        found.append(match)
        pos = m.end()
    return sorted(found, key=lambda f: f.start)


MATCH_TEXT = st.lists(st.sampled_from(
    "de Gaulle De Gaulle DE GAULLE von Brentano Von Brentano Gaulle dé Gaulle Fidel Castro castro Castro Ruz "
    "Raúl Rau\u0301l Dorticós Dortico\u0301s US us U.S. Washington Post washington New York Johnson President "
    "Mr. Green green d’Estaing O’Neil x-Castro Castro-x Smith smith \ufffc “ ” — ’ ' - . , ( ) \n é É 1 "
    "Lodge LODGE Zhou Enlai Kissinger Dr. Kissinger".split(" ")), max_size=14).map(lambda ws: " ".join(ws))
_MATCH_ENTITIES = [
    names.Entity("castro", "person", ["Castro, Fidel"], ["Fidel Castro Ruz"], role="participant"),
    names.Entity("castro_r", "person", ["Castro, Raúl"], ["Raúl Castro"], role="mentioned"),
    names.Entity("dorticos", "person", ["Dorticós Torrado, Osvaldo"], [], role="participant"),
    names.Entity("green", "person", ["Green, Marshall"], ["Mr. Green"], role="participant"),
    names.Entity("smith_place", "place", ["smith town"], ["Smith"]),
    names.Entity("d_estaing", "person", ["d’Estaing, Valéry"], ["d’Estaing"], role="participant"),
]


@settings(max_examples=600, deadline=None)
@given(MATCH_TEXT, st.sampled_from(["", ".", "’", "-", "x", "é", "\ufffc"]))
def test_name_scan_over_start_candidates_is_the_search(text, before):
    """The name matcher, trying its two expressions only where a name may begin, finds what searching
    with them from every position finds."""
    import copy

    index = names.NameIndex(copy.deepcopy(_MATCH_ENTITIES))
    text = before + text
    expected = [(f.start, f.name_start, f.end, f.entity.id, f.cert, f.title) for f in _matches_by_search(index, text)]
    assert [(f.start, f.name_start, f.end, f.entity.id, f.cert, f.title) for f in index._matches(text)] == expected


# --------------------------------------------------------------------------- speech


def _speech_sentences() -> list[str]:
    from edition_tools.convert import speech

    out = []
    for path in INPUTS + sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt")):
        text = read_transcript(path)
        for para in text.split("\n\n"):
            para = " ".join(para.split())
            out.extend(para[s:e] for s, e in speech.sentences(para))
    return out


_SPEECH_WORDS = st.sampled_from(
    "said stressed told asked noted replied that whether if he she they it Castro Mr. Rusk , : ; me him to "
    "the I We thought however".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SPEECH_WORDS, st.text(alphabet=" ,:;.thaiwefs“”", max_size=6)), max_size=14))
def test_speech_pattern_needs_are_in_every_match(words):
    """A sentence without any of a pattern's needed strings is not searched: the pattern never matches one."""
    from edition_tools.convert import speech

    for sent in [" ".join(words), "".join(words)]:
        for pattern, needs in speech._NEEDS.items():
            if pattern.search(sent) is not None:
                assert any(n in sent for n in needs), (pattern.pattern, sent)


def test_speech_pattern_needs_on_the_inputs():
    from edition_tools.convert import speech

    sents = _speech_sentences()
    assert len(sents) > 1000
    hits = 0
    for sent in sents:
        for pattern, needs in speech._NEEDS.items():
            if pattern.search(sent) is not None:
                hits += 1
                assert any(n in sent for n in needs), (pattern.pattern, sent)
    assert hits > 20


def _visible_reference(el, offsets):
    """speech._visible as a list of characters overwritten per masked child (the plain definition)."""
    from edition_tools.convert import speech
    from edition_tools.convert.markup import string_value
    from edition_tools.xmlio import local_name

    out = list(string_value(el))
    for start, end, item in offsets:
        if isinstance(item, etree._Element) and local_name(item) in speech._OPAQUE:
            out[start:end] = speech.MASK * (end - start)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab “", max_size=4),
       st.lists(st.tuples(st.sampled_from(["note", "gap", "said", "q", "hi", "persName", "date", "sp"]),
                          st.text(alphabet="xy ", max_size=4), st.text(alphabet="ab ,", max_size=4)), max_size=5))
def test_visible_masks_as_the_reference(text, children):
    from edition_tools.convert import speech
    from edition_tools.convert.markup import top_level_offsets

    el = E("p", text=text or None)
    for tag, inner, tail in children:
        child = E(tag, text=inner or None)
        child.tail = tail or None
        el.append(child)
    offsets = top_level_offsets(el)
    assert speech._visible(el, offsets) == _visible_reference(el, offsets)


# --------------------------------------------------------------------------- header


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["none", "dq", "sq", "mixed", "", "x&<"]),
                          st.sampled_from(["none", "hard", "some", "all", "other", ""])), min_size=1, max_size=6))
def test_encoding_desc_copies_are_as_built(pairs):
    """An encodingDesc copied from the one kept for its quotation marks and hyphenation is the one built
    for them; changing a copy changes neither the kept one nor the next copy."""
    for marks, eol in pairs + pairs:
        meta = {"_quotation_marks": marks, "hyphenation": eol}
        got = header._encoding_desc(None, meta)
        assert to_string(got) == to_string(header._build_encoding_desc(marks, eol))
        got.append(E("p", text="changed"))
        got[0].text = "changed"
    assert to_string(header._encoding_desc(None, {})) == to_string(header._build_encoding_desc("none", "none"))


def _plain_verb_patterns():
    """The speech patterns with the verbs of saying as the plain alternation (the definition)."""
    from edition_tools.convert import speech

    grouped = speech._by_first_letter(speech.SAID_VERBS)
    any_grouped = speech._by_first_letter(speech.SAID_VERBS + "|felt|believed")
    assert grouped != speech.SAID_VERBS and any_grouped != speech.SAID_VERBS + "|felt|believed"
    pairs = [(speech._ANY_VERB, re.compile(speech._ANY_VERB.pattern.replace(
        any_grouped, speech.SAID_VERBS + "|felt|believed")))]
    for p in (speech._INDIRECT, speech._COMMA_INQUIT, speech._COLON_INQUIT):
        assert grouped in p.pattern
        pairs.append((p, re.compile(p.pattern.replace(grouped, speech.SAID_VERBS))))
    return pairs


def _same_matches(pairs, text):
    for fast, plain in pairs:
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], (plain.pattern[:40], text)


def test_verbs_grouped_by_first_letter_match_as_the_plain_alternation_on_the_inputs():
    pairs = _plain_verb_patterns()
    for sent in _speech_sentences():
        _same_matches(pairs, sent)


_VERB_WORDS = st.sampled_from(
    "said sai saidx stressed stated suggested pointed out pointed  out felt believed asked askedd told thought "
    "that whether if he they , : me him to the Castro repeated replied answered underscored".split(" "))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_VERB_WORDS, st.text(alphabet=" ,:.adeiost“", max_size=5)), max_size=12))
def test_verbs_grouped_by_first_letter_match_as_the_plain_alternation(words):
    pairs = _plain_verb_patterns()
    _same_matches(pairs, " ".join(words))
    _same_matches(pairs, "".join(words))


def test_verbs_by_first_letter_keeps_an_alternation_it_cannot_group():
    from edition_tools.convert import speech

    assert speech._by_first_letter("say|said") == "s(?:ay|aid)"
    assert speech._by_first_letter("said|saidx") == "said|saidx"  # a word that begins another
    assert speech._by_first_letter("sa.d|told") == "sa.d|told"  # not letters only
    assert speech._by_first_letter("said|stated|told") == "s(?:aid|tated)|told"


RESOLVE_TEXT = st.lists(st.sampled_from(
    "President Johnson Mr. Johnson Lyndon Johnson Kennedy President Kennedy Attorney General Senator Ambassador "
    "Secretary Acting the The Castro Fidel Castro Raúl Castro Prime Minister Premier Castro M. N. S. Khrushchev "
    "N. S. Khrushchev Henry M. Jackson Jackson Dr. Kissinger Gen. Green Mr. Green Cde. US U.S. UN WITH THE IN "
    "MEETING Washington Post Washington Times Cuba Havana Smith Heath Mr. Heath Wilson Prime Minister Wilson "
    "Dobrynin Ambassador Dobrynin de Gaulle General de Gaulle Rusk R. Rusk D. Rusk Ruiz Premier Ruiz Minister Ruiz "
    "Lodge Henry Cabot Lodge John Lodge Gromyko A. Minister \n , . ; : ( ) — x".split(" ")),
    max_size=16).map(" ".join)
_RESOLVE_ENTITIES = [
    names.Entity("castro_f", "person", ["Castro, Fidel"], ["Prime Minister Castro"], role="participant",
                 note="Prime Minister of Cuba"),
    names.Entity("castro_r", "person", ["Castro, Raúl"], ["Raúl Castro"], role="mentioned"),
    names.Entity("johnson", "person", ["Johnson, U. Alexis"], [], role="participant", note="Deputy Under Secretary"),
    names.Entity("green", "person", ["Green, Marshall"], ["Mr. Green"], role="participant", note="Ambassador"),
    names.Entity("green_t", "person", ["Green, Theodore"], [], role="mentioned", note="Senator"),
    names.Entity("jackson", "person", ["Jackson, Henry M."], [], role="mentioned"),
    names.Entity("rusk", "person", ["Rusk, Richard"], [], role="mentioned"),
    names.Entity("smith_place", "place", ["Smith"], []),
    names.Entity("washington", "place", ["Washington"], []),
    names.Entity("ambassador", "person", ["The Ambassador"], [], role="participant"),
    names.Entity("ruiz_a", "person", ["Ruiz, Ana"], [], role="participant", note="Premier"),
    names.Entity("ruiz_b", "person", ["Ruiz, Bob"], [], role="participant", note="Foreign Minister"),
    names.Entity("lodge_h", "person", ["Lodge, Henry Cabot"], ["Lodge"], role="participant"),
    names.Entity("lodge_j", "person", ["Lodge, John"], [], role="mentioned"),
    names.Entity("chancellor_place", "place", ["Chancellor Park"], ["Brandt"]),
    names.Entity("gromyko_square", "place", ["Gromyko"], []),
]


def _resolve_run(texts: list[str], entities: list) -> list:
    """The matches of ``texts`` in one index, each text marked (so that mentions count) before the next."""
    import copy

    index = names.NameIndex(copy.deepcopy(entities))
    doc = Document("t.txt", "test")
    out = []
    for text in texts:
        found = index._matches(text)
        out.append([(f.start, f.name_start, f.end, f.entity.id, f.cert, f.title, f.office,
                     [a.id for a in f.alternatives]) for f in found])
        for f in found:
            index.note_mention(f.entity)
        if len(out) == 2:
            index.add(names.Entity("kennedy_r", "person", ["Kennedy, Robert F."], [], role="participant",
                                   note="Attorney General"))
    return out + [[str(d) for d in doc.decisions]]


@settings(max_examples=400, deadline=None)
@given(st.lists(RESOLVE_TEXT, min_size=1, max_size=4), st.integers(0, len(_RESOLVE_ENTITIES)))
@example(["Mr. Green met Senator Green and Green; President Johnson and Johnson", "Green", "Green", "Castro"], 10)
@example(["M. N. S. Khrushchev and Henry M. Jackson in Washington Post", "US WITH THE", "President Kennedy"], 10)
@example(["Premier Ruiz and Ruiz", "Ruiz", "Lodge, John Lodge and Lodge", "Mr. Smith, General Brandt"], 15)
@example(["Jackson, Rusk", "the Secretary; H. Jackson and R. Rusk, D. Rusk"], 15)
@example(["N. Khrushchev met Minister Gromyko", "Gromyko and A. Gromyko"], 16)
def test_resolve_with_plans_is_the_plain_resolve(texts, n_entities):
    """_resolve, deciding from the form alone once per form (its plan), matches as _resolve_plain,
    which decides everything at each match: titles, head offices, declared and explicit forms, initials,
    capitals, places before a newspaper's name, and the choice by mentions among persons sharing a name."""
    entities = _RESOLVE_ENTITIES[:n_entities]
    fast = _resolve_run(texts, entities)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(names.NameIndex, "_resolve",
                  lambda self, text, start, end, rows, key: self._resolve_plain(text, start, end, rows))
        assert _resolve_run(texts, entities) == fast


_ADDED_ENTITIES = [
    names.Entity("gaulle", "person", ["de Gaulle, Charles"], ["General de Gaulle"], role="mentioned"),
    names.Entity("castro_x", "person", ["Castro Ruz Fidelito"], [], role="mentioned"),
    names.Entity("york", "place", ["New York City"], ["New York"]),
    names.Entity("johnson_u", "person", ["Johnson, U. Alexis"], [], role="participant"),
    names.Entity("enlai", "person", ["Zhou Enlai Smith"], ["Enlai"], role="mentioned"),
    names.Entity("green_m", "person", ["Green, Marshall"], ["Green"], role="participant"),
    names.Entity("lodge", "person", ["Lodge, Henry Cabot"], ["Lodge"], role="participant"),
    names.Entity("kissinger_h", "person", ["Kissinger, Henry"], ["Dr. Kissinger"], role="participant"),
    names.Entity("us_org", "org", ["US Steel"], ["U.S. Steel"]),
    names.Entity("dorticos", "person", ["Dorticós, Osvaldo"], ["President Dorticós"], role="participant"),
    names.Entity("ruz_lodge", "place", ["Castro Ruz Lodge"], []),
]


def _scan_with_adds(texts: list[str], adds: list[int], start: int) -> list:
    """Matches of ``texts`` in an index that declares more entities between them (each added entity a
    rebuild of the matcher), and the matches of every text at the end."""
    import copy

    index = names.NameIndex(copy.deepcopy(_MATCH_ENTITIES[:start]))
    out = []

    def scan(text):
        return [(f.start, f.name_start, f.end, f.entity.id, f.cert, f.title) for f in index._matches(text)]

    for text, add in zip(texts, adds):
        out.append(scan(text))
        index.add(copy.deepcopy(_ADDED_ENTITIES[add]))
    out.append([scan(text) for text in texts])
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(MATCH_TEXT, min_size=1, max_size=8), st.lists(st.integers(0, len(_ADDED_ENTITIES) - 1), min_size=8,
                                                              max_size=8), st.integers(0, len(_MATCH_ENTITIES)))
@example(["de Gaulle", "Castro Ruz", "New York", "Johnson", "Enlai Smith", "Green", "Lodge", "Kissinger"],
         list(range(8)), 6)
@example(["Castro Ruz Lodge", "Castro Ruz Lodge, Castro Ruz", "x"], [10, 0, 1, 2, 3, 4, 5, 6], 1)
def test_matcher_compiled_in_parts_is_one_expression(texts, adds, start):
    """The matcher that compiles only the forms added since the last rebuild (an expression for them next
    to the earlier ones) finds what one expression over all the forms finds."""
    parts = _scan_with_adds(texts, adds, start)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(names.NameIndex, "INCREMENTAL", False)
        assert _scan_with_adds(texts, adds, start) == parts
