"""Round 6 of the names pass: initials-only signatures, and surnames that are common words."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.names import Entity, NameIndex, entities_from_participants
from edition_tools.xmlio import serialize

MEMO = """THE WHITE HOUSE
WASHINGTON

MEMORANDUM FOR THE PRESIDENT

FROM: {sender}

SUBJECT: Laos

The Chiefs will want to talk about Laos.

{initials}
"""


def _closer(sender: str, initials: str) -> tuple[str, list]:
    tree, doc = convert_text(MEMO.format(sender=sender, initials=initials), "memo.txt")
    xml = serialize(tree).decode()
    return xml[xml.index("<closer>"):xml.index("</closer>")], doc.decisions


def test_initials_signature_is_one_person_of_the_from_line() -> None:
    for sender, initials, ident in [("McGeorge Bundy", "McG. B.", "bundy_m"), ("Walt W. Rostow", "W.W.R.", "rostow_w"),
                                    ("Dean Rusk", "D.R.", "rusk"), ("Henry A. Kissinger", "HAK", "kissinger")]:
        closer, decisions = _closer(sender, initials)
        assert f'<persName ref="#{ident}" cert="medium" resp="#conv" xml:id="name1">{initials}</persName>' in closer
        assert [d.rule for d in decisions if d.target == "name1"] == ["names.initials"]


def test_initials_of_nobody_of_the_document_stay_plain() -> None:
    closer, decisions = _closer("McGeorge Bundy", "McG. B.\nD.R.")
    assert "McG. B.</persName>" in closer and "D.R.</signed>" in closer
    assert len([d for d in decisions if d.rule == "names.initials"]) == 1


def test_initials_shared_by_two_signers_are_not_linked() -> None:
    index = NameIndex(entities_from_participants(["Mr. Dean Rusk, Secretary of State", "Mr. David Ross, NSC Staff"]))
    assert index.signature_initials("D.R.") is None
    index = NameIndex(entities_from_participants(["Mr. Dean Rusk, Secretary of State", "Mr. Bill Moyers"]))
    found = index.signature_initials("D.R.")
    assert (found.entity.id, found.cert, found.start, found.end) == ("rusk", "medium", 0, 4)


def test_initials_only_in_a_line_of_their_own() -> None:
    index = NameIndex(entities_from_participants(["Mr. Dean Rusk, Secretary of State"]))
    assert index.signature_initials("Sent by D.R. today") is None
    assert index.signature_initials("Dean Rusk\nD.R.").start == 10


def test_a_mentioned_person_signs_nothing() -> None:
    index = NameIndex([Entity("rusk", "person", ["Rusk, Dean"], role="mentioned")])
    assert index.signature_initials("D.R.") is None
    assert index.signature_initials("D.R.", from_text="Dean Rusk").entity.id == "rusk"


PARTICIPANTS = ["Mr. Marshall Green, Assistant Secretary of State", "Frederick B. Dent, Secretary of Commerce"]


def _found(index: NameIndex, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[m.start:m.end], m.entity.id, m.cert) for m in index.matches(text)]


def test_common_word_surname_of_a_person_named_in_full() -> None:
    index = NameIndex(entities_from_participants(PARTICIPANTS))
    text = "Oral reports were presented by Richardson, Dent, and others; Dent agreed with Green."
    assert _found(index, text) == [("Dent", "dent", "medium"), ("Dent", "dent", "medium"), ("Green", "green", "medium")]


def test_common_word_surname_after_a_title_is_certain() -> None:
    index = NameIndex(entities_from_participants(PARTICIPANTS))
    assert _found(index, "It was passed to Assistant Secretary Green and Mr. Dent.") == [
        ("Assistant Secretary Green", "green", None), ("Mr. Dent", "dent", None)]


def test_common_word_surname_where_it_is_the_word() -> None:
    index = NameIndex(entities_from_participants(PARTICIPANTS))
    assert _found(index, "He wrote to Green.") == [("Green", "green", "medium")]
    for text in ["Green said nothing.", "They met. Green left.", "the Green Berets", "a Green light",
                 "the Green of the lawn", "GREEN", "Forest Green."]:
        assert _found(index, text) == [], text


def test_common_word_surname_needs_the_full_name_or_a_title() -> None:
    index = NameIndex([Entity("green", "person", ["Green"], ["Assistant Secretary Green"], role="mentioned")])
    assert _found(index, "He wrote to Green.") == []
    assert _found(index, "He wrote to Assistant Secretary Green.") == [("Assistant Secretary Green", "green", None)]


def test_common_word_surname_of_two_persons_names_neither() -> None:
    index = NameIndex(entities_from_participants(["Mr. Marshall Green, Assistant Secretary"]))
    assert _found(index, "The paper went to Green.") == [("Green", "green", "medium")]
    index = NameIndex(entities_from_participants(["Mr. Marshall Green, Assistant Secretary", "Mr. William Green, NSC"]))
    assert _found(index, "The paper went to Green.") == []
    assert _found(index, "The paper went to Mr. Green.") == []
    assert _found(index, "The paper went to Marshall Green.") == [("Marshall Green", "green", None)]


def test_common_word_surname_in_a_speaker_label_and_a_list() -> None:
    text = ("MEMORANDUM OF CONVERSATION\n\nPARTICIPANTS\nMr. Marshall Green\nLord Hood\n\n"
            "Mr. Green: We agree.\n\nLord Hood: So do we.\n")
    tree, _doc = convert_text(text, "memcon.txt")
    xml = serialize(tree).decode()
    assert '<item><persName ref="#hood"><roleName type="honorific">Lord</roleName> Hood</persName></item>' in xml
    assert '<speaker><persName ref="#green"><roleName type="honorific" full="abb">Mr.</roleName> Green</persName>:' in xml
    assert '<speaker><persName ref="#hood"><roleName type="honorific">Lord</roleName> Hood</persName>:' in xml


def _body(text: str) -> str:
    xml = serialize(convert_text(text, "memcon.txt")[0]).decode()
    return xml[xml.index("<body>"):]


def test_relatives_keep_the_surname_from_both() -> None:
    """A relative with the surname ("Bill Green" beside Marshall Green) takes a common-word surname
    from both, and "Castro" alone stays with the existing rules (Fidel, the one mentioned more often)."""
    head = "MEMORANDUM OF CONVERSATION\n\nPARTICIPANTS\nMr. Marshall Green\n\n"
    assert '<persName ref="#green" cert="medium" resp="#conv" xml:id="name1">Green</persName>.' in _body(
        head + "The paper went to Green.\n")
    body = _body(head + "Later Bill Green arrived, and the paper went to Green.\n")
    assert 'ref="#green_b"' in body and "the paper went to Green." in body
    body = _body("Record of a conversation with Fidel Castro and Raul Castro.\n\n"
                 "Fidel Castro said that Fidel would speak. Castro agreed.\n")
    assert '<persName ref="#castro_f">Fidel</persName> would speak' in body
    assert 'ref="#castro_r"' in body
    assert '<persName ref="#castro_f" cert="medium" resp="#conv" xml:id="name1">Castro</persName> agreed' in body


TAPE = """The President. We have to decide this today.
Unidentified: [Inaudible.]
The President. Bob, what do you think?
MALE VOICE: The Chiefs agree.
The President. Then we go ahead.
"""


def test_a_label_for_someone_the_record_does_not_name_is_no_name() -> None:
    """``Unidentified:``, ``MALE VOICE:``: a speaker of their own (not the converter's ``unidentified``,
    which is speech it could not attribute), and no persName in the label."""
    tree, _doc = convert_text(TAPE.replace("\n", "\n\n"), "tape.txt")
    xml = serialize(tree).decode()
    assert '<speaker>Unidentified:</speaker>' in xml and '<speaker>MALE VOICE:</speaker>' in xml
    assert '<sp who="#unidentified_speaker"' in xml and '<sp who="#male_voice"' in xml
    assert 'xml:id="unidentified"' not in xml
    assert "the record does not name" in xml


def test_the_national_security_council_is_no_security_council_of_the_united_nations() -> None:
    text = ("Meeting of the Executive Committee of the National Security Council\n\nWashington, October 27, 1962.\n\n"
            "The NSC met at 10 a.m. The Security Council was to meet at 4 p.m.\n")
    xml = serialize(convert_text(text, "excomm.txt")[0]).decode()
    assert '<orgName ref="#nsc">National Security Council</orgName>' in xml
    assert '<orgName ref="#nsc">NSC</orgName>' in xml
    assert '<orgName ref="#un_security_council">Security Council</orgName>' in xml
