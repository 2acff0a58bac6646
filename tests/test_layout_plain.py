"""The plain layout reader: joining hard-wrapped lines."""

from __future__ import annotations

from edition_tools.convert.layouts import plain
from edition_tools.convert.model import PB, Document


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


#: a telegram as the State Department's systems print it: classification, page header, routing,
#: precedence and date-time group, addresses, spaced classification with section, then the text
TELEGRAM = """CONFIDENTIAL

PAGE 01        MOSCOW 04512  01 OF 02  151432Z
ACTION EUR-12

O 151400Z MAR 76
FM AMEMBASSY MOSCOW
TO SECSTATE WASHDC IMMEDIATE 6253

C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 04512

SUBJECT: GROMYKO ON SALT

1. GROMYKO SAID THAT THE TALKS SHOULD GO ON.

CONFIDENTIAL

PAGE 02        MOSCOW 04512  01 OF 02  151432Z

2. THE AMBASSADOR REPLIED THAT WASHINGTON WOULD STUDY THE PROPOSAL ON PAGE 2 OF THE NOTE.
STOESSEL

CONFIDENTIAL
"""


def test_a_telegram_page_header_and_its_classification_lines_are_dropped() -> None:
    doc = read(TELEGRAM)
    assert [(d.line, d.reason) for d in doc.dropped] == [
        (3, "page header of a telegram"), (16, "classification at a page break"),
        (18, "page header of a telegram"), (23, "classification at the end")]
    assert [b.kind for b in doc.blocks] == ["opener", "p", "p", "pb", "p", "closer"]
    assert doc.blocks[4].text.endswith("ON PAGE 2 OF THE NOTE.")  # a page named in the text stays


def test_a_telegram_opener_with_routing_date_time_group_and_spaced_classification() -> None:
    doc = read(TELEGRAM)
    opener = doc.blocks[0]
    assert [(b.kind, b.attrs.get("type"), b.text) for b in opener.children] == [
        ("seg", "classification", "CONFIDENTIAL"), ("seg", "distribution", "ACTION EUR-12"),
        ("dateline", None, "O 151400Z MAR 76"), ("seg", "distribution", "FM AMEMBASSY MOSCOW"),
        ("seg", "distribution", "TO SECSTATE WASHDC IMMEDIATE 6253"),
        ("seg", "classification", "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 04512")]
    assert doc.div_type == "telegram"
    assert doc.meta["dateline"] == "151400Z MAR 76"
    assert doc.meta["title"] == "GROMYKO ON SALT"


def test_a_telegram_date_time_group_is_the_document_date() -> None:
    from edition_tools.convert.api import convert_text
    from edition_tools.xmlio import TEI_NS

    tree, _ = convert_text(TELEGRAM, "telegram.txt")
    ns = {"t": TEI_NS}
    assert tree.xpath("string(//t:creation/t:date/@when)", namespaces=ns) == "1976-03-15"
    assert tree.xpath("string(//t:opener/t:dateline/t:date/@when)", namespaces=ns) == "1976-03-15"
    assert tree.xpath("string(//t:opener/t:dateline/t:date)", namespaces=ns) == "151400Z MAR 76"


def test_a_telegram_signature_on_the_line_after_the_text_is_its_closer() -> None:
    doc = read(TELEGRAM)
    closer = doc.blocks[-1]
    assert [(b.kind, b.text) for b in closer.children] == [("signed", "STOESSEL")]


def test_a_page_turning_inside_a_sentence_is_a_break_inside_the_paragraph() -> None:
    text = TELEGRAM.replace("SHOULD GO ON.\n", "SHOULD\n").replace("2. THE AMBASSADOR", "GO ON. THE AMBASSADOR")
    doc = read(text)
    paragraph = doc.blocks[2]
    assert "SHOULD " + PB + "GO ON. THE AMBASSADOR" in paragraph.text
    assert "pb" not in [b.kind for b in doc.blocks]


def test_without_a_page_header_nothing_is_dropped() -> None:
    doc = read(TELEGRAM.replace("PAGE 01 ", "PAGES ").replace("PAGE 02 ", "PAGES "))
    assert doc.dropped == []
