"""Speaker labels with parentheses (meeting records, parliamentary debates): the name before them is the
speaker; a title and name inside them name the person of an office; who presides is named once."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import transcript
from edition_tools.convert.model import Document
from edition_tools.xmlio import xpath

from test_layout_transcript import read  # the transcript reader on a text

UN_RECORD = (
    "SECURITY COUNCIL\n\n"
    "President: Mr. ZORIN (Union of Soviet Socialist Republics).\n\n"
    "The PRESIDENT (translated from Russian): The agenda is adopted.\n\n"
    "Mr. STEVENSON (United States of America): I thank the President.\n\n"
    "Mr. ZORIN (Union of Soviet Socialist Republics) (translated from Russian): I reply to him.\n\n"
    "The PRESIDENT (translated from Russian): The meeting is adjourned.\n"
)
DEBATE = (
    "HOUSE OF COMMONS\n\n"
    "The Prime Minister (Mr. Harold Macmillan): I shall make a statement.\n\n"
    "Mr. Gaitskell (Leeds, South): Is he aware of the danger?\n\n"
    "The Prime Minister: I am.\n\n"
    "Hon. Members: Hear, hear.\n"
)


def turns(doc: Document) -> list[tuple[str, str | None]]:
    return [(b.attrs["speaker"], b.attrs.get("person_label")) for b in doc.blocks if b.kind == "sp"]


def test_label_person_is_the_name_before_the_parentheses() -> None:
    assert transcript.label_person("Mr. STEVENSON (United States of America):") == ("Mr. STEVENSON", None)
    assert transcript.label_person("Mr. Gaitskell (Leeds, South):") == ("Mr. Gaitskell", None)
    assert transcript.label_person("Mr. ZORIN (Union of Soviet Socialist Republics) (translated from Russian):") \
        == ("Mr. ZORIN", None)
    assert transcript.label_person("Mr. Gaitskell:") is None


def test_label_person_of_an_office_is_the_titled_name_inside() -> None:
    assert transcript.label_person("The Prime Minister (Mr. Harold Macmillan):") \
        == ("Mr. Harold Macmillan", "The Prime Minister")
    # a name without a title in parentheses is no person's name: a constituency, a country
    assert transcript.label_person("The Member (Orkney and Shetland):") == ("The Member", None)
    assert transcript.office_key("The PRESIDENT (translated from Russian):") == "president"


def test_labels_with_two_parentheses_are_labels() -> None:
    found = transcript.speaker_label(
        "Mr. ZORIN (Union of Soviet Socialist Republics) (translated from Russian): The representative")
    assert found is not None and found[0].endswith("(translated from Russian):")


def test_presiding_line_is_no_turn_and_names_the_president() -> None:
    doc = read(UN_RECORD)
    assert [b.text for b in doc.blocks if b.kind == "p"][-1].startswith("President: Mr. ZORIN")
    assert turns(doc) == [
        ("The PRESIDENT (translated from Russian):", "Mr. ZORIN"),
        ("Mr. STEVENSON (United States of America):", "Mr. STEVENSON"),
        ("Mr. ZORIN (Union of Soviet Socialist Republics) (translated from Russian):", "Mr. ZORIN"),
        ("The PRESIDENT (translated from Russian):", "Mr. ZORIN"),
    ]
    assert [d.rule for d in doc.decisions] == ["transcript.chair"]


def test_office_named_once_stands_for_its_person_later() -> None:
    doc = read(DEBATE)
    assert turns(doc) == [
        ("The Prime Minister (Mr. Harold Macmillan):", "Mr. Harold Macmillan"),
        ("Mr. Gaitskell (Leeds, South):", "Mr. Gaitskell"),
        ("The Prime Minister:", "Mr. Harold Macmillan"),
        ("Hon. Members:", None),
    ]
    office = [d for d in doc.decisions if d.rule == "transcript.office"]
    assert len(office) == 1 and office[0].line == 7 and office[0].cert == "medium"


def test_debate_speakers_in_the_header() -> None:
    tree, _ = convert_text(DEBATE, "debate.txt")
    people = {p.get("{http://www.w3.org/XML/1998/namespace}id"): [n.text for n in p.iterfind("{*}persName")]
              for p in xpath(tree, "//tei:particDesc//tei:person")}
    assert people["gaitskell"][0] == "Gaitskell"  # not "South), Gaitskell (Leeds,"
    assert people["hon_members"] == ["Hon. Members"]  # a group, not "Members, Hon."
    assert "macmillan" in people and "prime_minister" not in people
    who = [sp.get("who") for sp in xpath(tree, "//tei:sp")]
    assert who == ["#macmillan", "#gaitskell", "#macmillan", "#hon_members"]


def test_capitals_label_gives_a_catalogue_name_in_mixed_case() -> None:
    tree, _ = convert_text(UN_RECORD, "un.txt")
    names = [p.findtext("{*}persName") for p in xpath(tree, "//tei:particDesc//tei:person")]
    assert "Stevenson" in names and "STEVENSON" not in names
    assert [sp.get("who") for sp in xpath(tree, "//tei:sp")] == ["#zorin", "#stevenson", "#zorin", "#zorin"]


def test_the_records_lines_on_the_meetings_business_are_no_speech() -> None:
    """"The meeting rose at …", "The agenda was adopted." stand between the turns, reported; the chair's
    own "The meeting is adjourned." (present tense) is speech, and so is a long paragraph that opens so."""
    long_line = "The meeting was opened by the President, who said " + "that the Council had much to do, " * 8 + "and sat down."
    text = UN_RECORD.replace("The PRESIDENT (translated from Russian): The meeting is adjourned.\n",
                             "The agenda was adopted.\n\nThe PRESIDENT (translated from Russian): I close it.\n\n"
                             "The meeting is adjourned.\n\n" + long_line + "\n\nThe meeting rose at 6.40 p.m.\n")
    doc = read(text)
    assert [b.kind for b in doc.blocks[-4:]] == ["sp", "p", "sp", "p"]
    assert doc.blocks[-3].text == "The agenda was adopted."
    assert [c.text for c in doc.blocks[-2].children][1:] == ["The meeting is adjourned.", long_line]
    assert doc.blocks[-1].text == "The meeting rose at 6.40 p.m."
    assert [d.line for d in doc.decisions if d.rule == "transcript.proceedings"] == [11, 19]
