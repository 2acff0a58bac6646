"""The fast paths of the discovery passes (round 5) against the plain ones they replace."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from edition_tools.convert import discover
from edition_tools.convert.source import read_transcript

FRUS = sorted(Path(__file__).parent.joinpath("data", "external", "frus").glob("*.txt"))


# --------------------------------------------------------------------------- places: the words after a preposition


def reference_places(text: str) -> frozenset[str]:
    """``TextIndex.places`` as it was: one expression for all the prepositions, tried at every position."""
    placed = set()
    for run in set(discover._PLACE_PREPOSITION.findall(text)):
        placed.add(run)
        placed.update(run[:i] for i, ch in enumerate(run) if ch in "’'-")
    return frozenset(placed)


def test_places_of_the_frus_documents_are_those_of_the_one_expression():
    for path in FRUS:
        text = read_transcript(path)
        assert discover.TextIndex(text).places == reference_places(text), path.name


_PIECES = st.sampled_from(
    list(discover._PLACE_PREPOSITION_WORDS)
    + ["In", "IN", "inside", "insider", "within", "that", "Berlin", "Moscow’s", "non-", "Cuba", "x", "é", "ß", "_", "1",
       "’", "'", "-", " ", "  ", "\n", "\t", "\u00a0", "(", ".", ",", "\x00"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_places_are_those_of_the_one_expression(pieces):
    text = "".join(pieces)
    assert discover.TextIndex(text).places == reference_places(text)


def test_each_preposition_alone_has_the_boundary_before_it():
    # "within Berlin", "that Berlin": the preposition inside a word is none
    assert discover.TextIndex("within Berlin, that Moscow").places == frozenset()
    assert discover.TextIndex("in Berlin, (at Moscow’s").places == {"Berlin", "Moscow’s", "Moscow"}
    assert all(rx.pattern.startswith(word) for rx, word in
               zip(discover._EACH_PLACE_PREPOSITION, discover._PLACE_PREPOSITION_WORDS))
