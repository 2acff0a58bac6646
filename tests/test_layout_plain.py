"""The plain layout reader: joining hard-wrapped lines."""

from __future__ import annotations

from edition_tools.convert.layouts import plain
from edition_tools.convert.model import Document


def read(text: str) -> Document:
    doc = Document("<test>", "plain")
    plain.read(text, doc)
    return doc


def test_line_end_hyphens_are_joined_as_in_a_pdf_extract() -> None:
    doc = read("A heading\n\nThe depart-\nment said that the so-\ncalled draft was ready for the negoti-\nations.\n")
    p = next(b for b in doc.blocks if b.kind == "p")
    assert p.text == "The department said that the so-called draft was ready for the negotiations."
    # each line's offset points at its first character in the joined text
    assert [p.text[off:off + 3] for off, _ln in p.line_map] == ["The", "men", "cal", "ati"]
    assert [ln for _off, ln in p.line_map] == [3, 4, 5, 6]
    assert doc.meta["hyphenation"] == "hard"  # so-called kept as a compound
    assert [d.rule for d in doc.decisions if d.rule == "pdf-text.hyphen"] == ["pdf-text.hyphen", "pdf-text.hyphen"]


def test_a_hyphen_the_text_writes_elsewhere_is_kept() -> None:
    doc = read("A heading\n\nThe cease-fire held. The second cease-\nfire held too.\n")
    assert next(b for b in doc.blocks if b.kind == "p").text == "The cease-fire held. The second cease-fire held too."


def test_lines_without_a_line_end_hyphen_are_joined_with_a_space() -> None:
    doc = read("A heading\n\nThe minister spoke -\nand then left. A long\nsilence followed.\n")
    p = next(b for b in doc.blocks if b.kind == "p")
    assert p.text == "The minister spoke - and then left. A long silence followed."
    assert doc.meta["hyphenation"] == "none"
