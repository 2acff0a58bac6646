"""A cable as an archival database prints it: the database's fields above the message go to the header,
the cable's own address and subject lines stay in the text."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import plain
from edition_tools.convert.model import Document
from edition_tools.xmlio import xpath

from conftest import DATA

CABLE = (DATA / "convert" / "plain" / "database_cable.txt").read_text(encoding="utf-8")


def read(text: str) -> Document:
    doc = Document("<test>", "plain")
    plain.read(text, doc)
    return doc


def test_database_fields_go_to_the_metadata() -> None:
    doc = read(CABLE)
    assert doc.meta["date"] == "1976-03-15" and doc.meta["date_text"] == "15 MAR 1976"
    assert doc.meta["record_id"] == "1976MOSCOW04512"
    assert doc.meta["topics"] == ["NEGOTIATIONS", "ARMS CONTROL"]
    assert "Film Number: D760098-0412" in doc.meta["unparsed"]
    moved = {d.line for d in doc.dropped if d.to_header}
    assert moved == {1, 2, 3, 8, 9, 10}
    assert [d.rule for d in doc.decisions][0] == "plain.database-fields"


def test_the_cables_own_lines_stay_in_the_text() -> None:
    doc = read(CABLE)
    opener = next(b for b in doc.blocks if b.kind == "opener")
    assert [c.text for c in opener.children] == ["From: MOSCOW", "To: SECSTATE WASHDC"]
    assert doc.div_type == "telegram"
    assert doc.meta["title"] == "GROMYKO ON SALT AND THE MIDDLE EAST"


def test_a_cables_own_fields_are_no_database_fields() -> None:
    text = "FROM: AMEMBASSY MOSCOW\nTO: SECSTATE WASHDC\nSUBJECT: GROMYKO\nDATE: MARCH 15, 1976\n\n1. TEXT OF THE CABLE.\n"
    doc = read(text)
    assert not any(d.to_header for d in doc.dropped)
    assert "plain.database-fields" not in [d.rule for d in doc.decisions]


def test_the_header_holds_what_the_fields_said_and_no_word_is_lost() -> None:
    tree, _ = convert_text(CABLE, "database_cable.txt")  # the text check raises if a word were lost
    assert xpath(tree, "string(//tei:sourceDesc//tei:idno[@type='recordID'])") == "1976MOSCOW04512"
    assert xpath(tree, "string(//tei:creation/tei:date/@when)") == "1976-03-15"
    body = "".join(xpath(tree, "//tei:body")[0].itertext())
    assert "Film Number" not in body and "Draft Date" not in body
    # the year of the document date completes the dates of the text
    assert [d.get("when") for d in xpath(tree, "//tei:body//tei:date")] == ["1976-03-15", "1976-02-24"]
