"""The converter's speed-ups change nothing: its caches keep no state from one document to the next, and
the faster forms of folding and scanning give what the plain forms give."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings, strategies as st

from edition_tools.convert import discover, inline, nameforms
from edition_tools.convert.api import convert_text
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import _PROTOTYPES, serialize

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


def _clear_caches() -> None:
    nameforms.cached_person_forms.cache_clear()
    nameforms._alternation_pattern.cache_clear()
    discover._plain.cache_clear()
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


def test_a_transcript_reads_the_same_with_the_paragraphs_detection_read():
    """The transcript reader takes the paragraphs its detector read from the same text; a conversion
    with --layout transcript (no detection) must give the same TEI and report."""
    from edition_tools.convert.layouts import transcript

    cases = [p for p in INPUTS if p.parent.name == "transcript"]
    assert len(cases) >= 5
    for path in cases:
        side = sidecar_for(path)
        meta = read_sidecar(side) if side.exists() else {}
        text = read_transcript(path)
        tree, doc = convert_text(text, path.name, meta=meta)
        assert doc.layout == "transcript"
        assert transcript._detected == []  # taken by the reader
        again, doc2 = convert_text(text, path.name, meta=meta, layout="transcript")
        assert serialize(tree) == serialize(again), path.name
        assert [str(d) for d in doc.decisions] == [str(d) for d in doc2.decisions], path.name
