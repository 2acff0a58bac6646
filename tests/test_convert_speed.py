"""The converter's speed-ups change nothing: its caches keep no state from one document to the next, and
the faster forms of folding and scanning give what the plain forms give."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings, strategies as st

from edition_tools.convert import discover, inline, nameforms, names
from edition_tools.convert.api import convert_text
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import _PROTOTYPES, serialize

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


def _clear_caches() -> None:
    nameforms.cached_person_forms.cache_clear()
    nameforms._alternation_pattern.cache_clear()
    discover._plain.cache_clear()
    nameforms.title_type.cache_clear()
    names._office_text.cache_clear()
    names._start_candidates_for.cache_clear()
    names._listed_full_names.cache_clear()
    _PROTOTYPES.clear()


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


def _matches_by_search(index: names.NameIndex, text: str) -> list:
    """NameIndex._matches as it was: both matchers searched from each position the scan reaches (the
    definition the scan over start candidates must agree with)."""
    index._matches("")  # builds the matcher
    folded, idx = nameforms.fold(text)
    fixed_table, _title_only, fixed_regex = nameforms.fixed_matcher()
    found = []
    pos = 0
    while True:
        m1, m2 = index._regex.search(folded, pos), fixed_regex.search(folded, pos)
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
        match = index._resolve(text, start, end, rows) if rows else None
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
