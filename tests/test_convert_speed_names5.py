"""The fifth round of speed-ups to the names pass changes nothing: each fast path is compared with the plain
form it replaces (kept here as the reference) on generated inputs and on the converter's own inputs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition_tools.convert import names
from edition_tools.convert.nameforms import fold
from edition_tools.convert.source import read_transcript

ROOT = Path(__file__).resolve().parent.parent
FRUS = sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt"))
INPUTS = FRUS + sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))

# --------------------------------------------------------------------------- listed persons named in full


def _plain_may_name(text: str) -> bool:
    """What the expression of the listed full names finds in the folded text (the plain test)."""
    return names._listed_full_names().search(fold(text)[0]) is not None


def _listed_persons_plain(index: names.NameIndex, texts: list[str]) -> list[names.Entity]:
    """``listed_persons_named_in_full`` as it was: the expression searched in every folded text."""
    out: list[names.Entity] = []
    may_name = names._listed_full_names().search
    for text in texts:
        folded = fold(text)
        if may_name(folded[0]) is None:
            continue
        for m in index.matches(text, folded):
            e = m.entity
            if e.kind == "person" and e.id in index._fixed and " " in text[m.name_start:m.end].strip() and e not in out:
                out.append(e)
    return out


_KEYS = names._listed_full_name_keys()
#: a listed full name as a text may write it: in capitals, as listed, with accents folding away or not
_WRITTEN_KEY = st.sampled_from(_KEYS[:40] + _KEYS[-40:]).flatmap(lambda key: st.sampled_from([
    key, key.title(), key.upper(), key.replace(" ", "\n"), key.replace(" ", "  "), key.replace("e", "é"),
    key.replace(" ", " \u0301"), key.replace("'", "’"), key.replace(".", "")]))
_AROUND = st.text(st.sampled_from(list("aZ .,;:()“”’'-_0\n\u00a0é\u0301ßİ[]")), max_size=4)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_WRITTEN_KEY, _AROUND), max_size=6).map("".join))
@example("Talks with Fidel Castro in Havana.")
@example("(FIDEL CASTRO)")
@example("“A. A. Gromyko”")
@example("talks with fidel castro-ruz")
def test_the_word_pair_test_never_skips_a_text_the_expression_finds_a_name_in(text):
    """The word-run pairs (``_may_name_listed_in_full``) pass every text in which the expression finds a
    listed full name: skipping the others changes nothing."""
    if _plain_may_name(text):
        assert names._may_name_listed_in_full(text), text


def test_the_word_pair_test_on_the_inputs():
    """On every line of the converter's inputs, the word pairs pass what the expression finds, and skip
    most lines."""
    lines = [line for path in INPUTS for line in read_transcript(path).splitlines() if line.strip()]
    passed = 0
    for line in lines:
        fast = names._may_name_listed_in_full(line)
        assert fast or not _plain_may_name(line), line
        passed += fast
    assert passed < len(lines) // 4


def test_listed_persons_named_in_full_is_the_plain_search():
    """On the paragraphs of the FRUS documents, the persons named in full are those the plain search
    finds, in the same order."""
    for path in FRUS:
        texts = [p for p in read_transcript(path).split("\n\n") if p.strip()]
        fast = names.NameIndex().listed_persons_named_in_full(texts)
        plain = _listed_persons_plain(names.NameIndex(), texts)
        assert [e.id for e in fast] == [e.id for e in plain], path.name


# --------------------------------------------------------------------------- participants


def test_participants_are_parsed_once(monkeypatch):
    """``entities_from_participants`` parses each line once (the group headings use the same parse)."""
    calls: list[str] = []
    plain = names._parse_participant

    def counting(item: str):
        calls.append(item)
        return plain(item)

    monkeypatch.setattr(names, "_parse_participant", counting)
    items = ["United States", "Ambassador Anatoliy F. Dobrynin, USSR", "Secretary Rusk", "France",
             "Mr. Couve de Murville", "The President"]
    people = names.entities_from_participants(items)
    assert sorted(calls) == sorted(items)
    assert [e.id for e in people] == ["dobrynin", "rusk", "de_murville", "president"]
