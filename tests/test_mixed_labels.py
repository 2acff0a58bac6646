"""Speaker labels of both kinds in one transcript: colon labels (``Bundy: …``) in a record of labels closed
by a full stop (``The President. …``), and full-stop labels (``McNamara. …``) in a record of colon labels."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import transcript
from edition_tools.convert.model import Document
from edition_tools.xmlio import xpath


def read(text: str) -> Document:
    doc = Document("<test>", "transcript")
    transcript.read(text, doc)
    return doc


def turns(doc: Document) -> list[tuple[str, str]]:
    """(label, first words of the turn) of each turn."""
    return [(b.attrs["speaker"], b.children[0].text[:12]) for b in doc.blocks if b.kind == "sp" and b.attrs["speaker"]]


def paragraphs(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


#: a taped conversation of the 1960s: "The President." for most turns, some colon labels
STOP_RECORD = paragraphs(
    "Recording of a Telephone Conversation",
    "The President. Mac, what do you hear from Saigon this morning?",
    "Bundy: The Ambassador's cable came in at six, Mr. President.",
    "The President. That's not much time.",
    "Unidentified: [Inaudible.]",
    "The President. No, before Thursday.",
    "THE PRESIDENT: And tell Bob too.",
)


def test_a_colon_label_in_a_record_of_full_stop_labels_opens_a_turn() -> None:
    assert turns(read(STOP_RECORD)) == [
        ("The President.", "Mac, what do"), ("Bundy:", "The Ambassad"), ("The President.", "That's not m"),
        ("Unidentified:", "[Inaudible.]"), ("The President.", "No, before T"), ("THE PRESIDENT:", "And tell Bob"),
    ]


#: a meeting transcript of colon labels with a few turns whose label the typist closed by a full stop
COLON_RECORD = paragraphs(
    "Meeting of the Executive Committee",
    "PRESIDENT KENNEDY: Let's start with the Turkish business.",
    "RUSK: He thinks the Turks will take it very hard.",
    "McNamara. The missiles themselves are obsolete.",
    "McNAMARA: We could put Polaris submarines in the Mediterranean.",
    "General Taylor. The Chiefs still recommend the air strike on Monday.",
    "RUSK: We have not answered the first letter yet.",
    "General Taylor. We will need the reconnaissance flights in any case.",
    "The President. Let's have a draft in an hour.",
    "THE PRESIDENT: All right.",
)


def test_a_full_stop_label_naming_a_speaker_of_a_colon_label_opens_a_turn() -> None:
    doc = read(COLON_RECORD)
    labels = [label for label, _ in turns(doc)]
    assert labels == ["PRESIDENT KENNEDY:", "RUSK:", "McNamara.", "McNAMARA:", "General Taylor.", "RUSK:",
                      "General Taylor.", "The President.", "THE PRESIDENT:"]
    # the turns of full-stop labels are guesses the editor checks: medium certainty, one report line each
    sp = {b.attrs["speaker"]: b for b in doc.blocks if b.kind == "sp"}
    assert sp["McNamara."].cert == "medium" and sp["RUSK:"].cert is None
    reported = [(d.line, d.rule) for d in doc.decisions if d.rule == "transcript.stop-label"]
    assert reported == [(7, "transcript.stop-label"), (11, "transcript.stop-label"), (15, "transcript.stop-label"),
                        (17, "transcript.stop-label")]
    why = {d.line: d.decision for d in doc.decisions if d.rule == "transcript.stop-label"}
    assert "McNAMARA:" in why[7] and "opens 2 paragraphs" in why[11] and "THE PRESIDENT:" in why[17]


def test_a_full_stop_label_used_once_for_nobody_of_the_colon_labels_is_a_sentence() -> None:
    # "Secretary Rusk." once, and Rusk speaks as "RUSK:" (another label): no evidence enough
    doc = read(paragraphs("RUSK: One.", "BUNDY: Two.", "RUSK: Three.", "Secretary Rusk. Four.", "BUNDY: Five."))
    assert [label for label, _ in turns(doc)] == ["RUSK:", "BUNDY:", "RUSK:", "BUNDY:"]


def test_ordinary_sentences_of_a_colon_record_open_no_turns() -> None:
    # narrative paragraphs and continuations that open with a word and a full stop, even twice
    doc = read(paragraphs(
        "GROMYKO: The talks will go on in the autumn.",
        "Moscow. The delegation returned on the evening train.",
        "RUSK: That is what we expected.",
        "Yes. And the deputies will meet in Geneva.",
        "GROMYKO: Agreed, then.",
        "RUSK: In Geneva.",
        "Moscow. The communique was published the next morning.",
        "GROMYKO: In September.",
        "Yes. We will see them there.",
        "Mr. Smith. He said that he had not seen the text.",
        "RUSK: Then it is agreed.",
        "Agreed. The meeting ended at noon.",
        "GROMYKO: At noon.",
        "Agreed. The communique followed.",
        "RUSK: Good.",
        "Mr. President. I think we should wait.",
        "GROMYKO: Mr. President. We cannot wait.",
        "Mr. President. The Ambassador agrees.",
        "RUSK: So do I.",
        "Kremlin. The lights were on all night.",
        "New York. The Secretary-General was told that evening.",
        "GROMYKO: Then we agree.",
        "New York. U Thant welcomed the news.",
    ))
    assert [label for label, _ in turns(doc)] == ["GROMYKO:", "RUSK:", "GROMYKO:", "RUSK:", "GROMYKO:", "RUSK:",
                                                  "GROMYKO:", "RUSK:", "GROMYKO:", "RUSK:", "GROMYKO:"]
    assert not [d for d in doc.decisions if d.rule == "transcript.stop-label"]


def test_a_name_that_opens_two_paragraphs_is_a_label_but_a_word_the_record_writes_small_is_not() -> None:
    taylor = read(paragraphs("RUSK: One.", "Taylor. Two.", "RUSK: Three.", "Taylor. Four."))
    assert [label for label, _ in turns(taylor)] == ["RUSK:", "Taylor.", "RUSK:", "Taylor."]
    granted = read(paragraphs("RUSK: One.", "Granted. Two.", "RUSK: This is granted.", "Granted. Four."))
    assert [label for label, _ in turns(granted)] == ["RUSK:", "RUSK:"]


def test_a_label_of_either_kind_names_the_same_person() -> None:
    # "The President." and "THE PRESIDENT:" in one record are one person
    for text in (STOP_RECORD, COLON_RECORD):
        tree, _doc = convert_text(text, "mixed.txt", layout="transcript")
        who = {"".join(sp.find("{*}speaker").itertext()): sp.get("who") for sp in xpath(tree, "//tei:sp[tei:speaker]")}
        assert who["The President."] == who["THE PRESIDENT:"] == "#president"


def test_a_common_sentence_opener_is_no_full_stop_label_in_either_kind_of_record() -> None:
    # "Yes." four times: no label of its own, so the colon labels are the record's labels
    colon = read(paragraphs("RUSK: One.", "Yes. Two.", "GROMYKO: Three.", "Yes. Four.", "RUSK: Five.", "Yes. Six.",
                            "Yes. Seven."))
    assert [label for label, _ in turns(colon)] == ["RUSK:", "GROMYKO:", "RUSK:"]
    assert [p.text for p in colon.blocks[-1].children] == ["Five.", "Yes. Six.", "Yes. Seven."]
    # and in a record of full-stop labels, "Well. …" continues the turn before it
    stop = read(paragraphs("The President. One.", "Bundy. Two.", "Well. Three.", "The President. Four.",
                           "Well. Five.", "Bundy. Six."))
    assert [label for label, _ in turns(stop)] == ["The President.", "Bundy.", "The President.", "Bundy."]
