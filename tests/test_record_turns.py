"""A web archive record whose body is a conversation with speaker labels: the record's reader keeps the
trailer's metadata and reads the turns."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import detect_layout, transcript, web_record
from edition_tools.convert.model import Document
from edition_tools.xmlio import xpath

from conftest import DATA

RECORD = (DATA / "convert" / "web_record" / "record_turns.txt").read_text(encoding="utf-8")


def test_a_record_with_turns_is_a_web_record() -> None:
    assert transcript.detect(RECORD) > web_record.detect(RECORD) >= 0.45
    assert detect_layout(RECORD) == "web-record"


def test_the_record_reader_reads_the_turns() -> None:
    doc = Document("<test>", "web-record")
    web_record.read(RECORD, doc)
    turns = [b.attrs["speaker"] for b in doc.blocks if b.kind == "sp"]
    assert turns == ["Mao Zedong:", "Pham Van Dong:", "Mao Zedong:", "Zhou Enlai:"]
    assert doc.meta["original_language"] == "Chinese" and doc.meta["record_id"] == "113057"


def test_the_trailer_is_in_the_header_not_in_the_last_turn() -> None:
    tree, _ = convert_text(RECORD, "record_turns.txt")
    body = "".join(xpath(tree, "//tei:body")[0].itertext())
    assert "Record ID" not in body and "Original Archive" not in body
    assert xpath(tree, "string(//tei:msIdentifier/tei:repository)") == "Central Archives of China"
    assert [sp.get("who") for sp in xpath(tree, "//tei:sp")] == ["#mao", "#pham_van_dong", "#mao", "#zhou_enlai"]


def test_a_record_without_turns_is_read_as_before() -> None:
    text = (DATA / "convert" / "web_record" / "record_title_case.txt").read_text(encoding="utf-8")
    doc = Document("<test>", "web-record")
    web_record.read(text, doc)
    assert not any(b.kind == "sp" for b in doc.blocks)
    assert not transcript.has_turns(doc.blocks)


def test_the_summary_after_the_last_turn_is_the_records_abstract() -> None:
    """With no signature, the record's summary follows the turns: it goes to the abstract (medium); a
    last paragraph in the first or second person, or a question, is the last speaker's."""
    tree, doc = convert_text(RECORD, "record_turns.txt")
    assert xpath(tree, "normalize-space(//tei:abstract)") == "Mao discusses the rectification campaign with Pham Van Dong."
    assert "rectification campaign with" not in "".join(xpath(tree, "//tei:body")[0].itertext())
    assert [d.rule for d in doc.decisions if d.line == 14] == ["web-record.summary"]
    for last in ("We will discuss it with the comrades tomorrow.", "Is the campaign over in the south"
                 "?", "I agree with the Chairman."):
        text = RECORD.replace("Mao discusses the rectification campaign with Pham Van Dong.", last)
        tree, doc = convert_text(text, "record_turns.txt")
        assert not xpath(tree, "//tei:abstract")
        assert xpath(tree, "normalize-space(//tei:sp[last()]/tei:p[last()])") == last
