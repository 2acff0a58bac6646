"""The transcript layout reader: speaker turns in transcripts extracted from PDFs, interview headings."""

from __future__ import annotations

from edition_tools.convert.layouts import detect_layout, transcript
from edition_tools.convert.model import PB, Document

#: a two-page PDF extract (form feed) of an interview whose turns are hard-wrapped lines
PDF_TURNS = (
    "INTERVIEW WITH MARA QUENDORF\n"
    "\n"
    "HOLLIS: When did you first come to the ministry, and what was your position there\n"
    "at the time of the negotiations?\n"
    "\n"
    "QUENDORF: I came in 1958, as a translator in the second European depart-\n"
    "ment, and I stayed there until the end of the negotiations about the city.\n"
    "HOLLIS: Who led the delegation?\n"
    "\n"
    "QUENDORF: The deputy minister led it, and the experts came every week from the\n"
    "committee with their own instructions.\n"
    "\fHOLLIS: Did you keep notes?\n"
    "\n"
    "QUENDORF: A few, and most of them went to the archive when I retired.\n"
)


def read(text: str) -> Document:
    doc = Document("<test>", "transcript")
    transcript.read(text, doc)
    return doc


def turns(doc: Document) -> list[tuple[str, str]]:
    return [(b.attrs["speaker"], b.children[0].text) for b in doc.blocks if b.kind == "sp"]


def test_a_pdf_extract_is_read_with_joined_hyphens_and_page_breaks() -> None:
    doc = read(PDF_TURNS)
    assert transcript.is_pdf_extract(PDF_TURNS)
    assert [b.kind for b in doc.blocks] == ["head", "sp", "sp", "sp", "sp", "pb", "sp", "sp"]
    assert turns(doc)[1] == ("QUENDORF:", "I came in 1958, as a translator in the second European department, "
                                          "and I stayed there until the end of the negotiations about the city.")


def test_a_label_line_inside_a_pdf_paragraph_starts_a_turn() -> None:
    # "HOLLIS: Who led …" follows a line of the previous turn without a blank line between them
    doc = read(PDF_TURNS)
    assert turns(doc)[2] == ("HOLLIS:", "Who led the delegation?")
    # the split paragraph's lines still point at the transcript's lines
    assert [b.line for b in doc.blocks if b.kind == "sp"][:3] == [3, 6, 8]


def test_a_page_break_at_a_label_line_stands_between_the_turns() -> None:
    doc = read(PDF_TURNS)
    pb = next(i for i, b in enumerate(doc.blocks) if b.kind == "pb")
    assert doc.blocks[pb - 1].attrs["speaker"] == "QUENDORF:"
    assert doc.blocks[pb + 1].attrs["speaker"] == "HOLLIS:"
    assert all(PB not in b.children[0].text for b in doc.blocks if b.kind == "sp")


def test_a_pdf_transcript_is_detected_as_a_transcript() -> None:
    assert detect_layout(PDF_TURNS) == "transcript"


def test_one_line_paragraphs_between_blank_lines_are_no_pdf_extract() -> None:
    text = "".join(f"SMITH: Point number {k} is agreed.\n\nJONES: So it is.\n\n" for k in range(6))
    assert not transcript.is_pdf_extract(text)
    doc = read(text)
    assert len(turns(doc)) == 12
    assert doc.meta.get("pdf_text_profile") is None  # read by the plain reader


def test_an_interview_heading_in_capitals_declares_the_interviewee() -> None:
    doc = read(PDF_TURNS)
    assert {"name": "Quendorf, Mara", "forms": ["Mara Quendorf"], "role": "interviewee"} in doc.meta["persons"]


QA_RECORD = (
    "Q. When did you come to the ministry?\n\n"
    "A. In 1958.\n\n"
    "Q. Who led the delegation?\n\n"
    "A. The deputy minister.\n"
)


def test_question_and_answer_labels_are_turns() -> None:
    doc = read(QA_RECORD)
    assert turns(doc) == [("Q.", "When did you come to the ministry?"), ("A.", "In 1958."),
                          ("Q.", "Who led the delegation?"), ("A.", "The deputy minister.")]
    assert all(b.cert == "medium" and "person_label" not in b.attrs for b in doc.blocks)


def test_the_examiner_and_the_witness_stand_for_q_and_a() -> None:
    doc = read("TESTIMONY OF MARA QUENDORF\n\nEXAMINATION BY MR. HOLLIS:\n\n" + QA_RECORD
               + "\nBY SENATOR HART:\n\n" + QA_RECORD)
    people = [(b.attrs["speaker"], b.attrs.get("person_label")) for b in doc.blocks if b.kind == "sp"]
    assert people[:2] == [("Q.", "MR. HOLLIS"), ("A.", "MARA QUENDORF")]
    assert people[4:6] == [("Q.", "SENATOR HART"), ("A.", "MARA QUENDORF")]
    # the examination headings are paragraphs between the turns, not part of a turn
    assert [b.text for b in doc.blocks if b.kind == "p"] == ["EXAMINATION BY MR. HOLLIS:", "BY SENATOR HART:"]
    assert [d.decision for d in doc.decisions if d.rule == "transcript.qa"] == [
        "A. is MARA QUENDORF, the witness", "Q. is MR. HOLLIS from here on", "Q. is SENATOR HART from here on"]


def test_an_initial_before_a_name_is_no_answer_label() -> None:
    # "A. Kosygin …" opens paragraphs, but there are no questions: no Q./A. record
    text = "".join(f"A. Kosygin said that point {k} was agreed.\n\nThe talks went on.\n\n" for k in range(4))
    doc = read(text)
    assert turns(doc) == []


HEARING = (
    "The committee met at 10 a.m., Senator Mara Quendorf (chairman) presiding.\n\n"
    "The CHAIRMAN. The committee will come to order.\n\n"
    "Senator HOLLIS. Thank you.\n\n"
    "The CHAIRMAN. We stand in recess.\n\n"
    "Senator HOLLIS. So be it.\n"
)


def test_the_chair_of_a_hearing_is_who_presides() -> None:
    doc = read(HEARING)
    chair = [b.attrs.get("person_label") for b in doc.blocks if b.kind == "sp" and "CHAIRMAN" in b.attrs["speaker"]]
    assert chair == ["Mara Quendorf", "Mara Quendorf"]
    assert all("person_label" not in b.attrs for b in doc.blocks if b.kind == "sp" and "HOLLIS" in b.attrs["speaker"])
    assert [d.decision for d in doc.decisions if d.rule == "transcript.chair"] == ["the chair is Mara Quendorf, who presides"]


def test_presiding_named_after_the_first_turn_does_not_name_the_chair() -> None:
    text = HEARING.replace("The committee met at 10 a.m., Senator Mara Quendorf (chairman) presiding.\n\n", "") \
        + "\nThe record notes Senator Mara Quendorf (chairman) presiding.\n"
    doc = read(text)
    assert all("person_label" not in b.attrs for b in doc.blocks if b.kind == "sp")
