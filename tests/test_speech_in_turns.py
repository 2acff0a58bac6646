"""Reported speech inside a transcript's turns: the turn's speaker is the "I" who reports it; "he" is a
person the turns named, never one of the speakers."""

from __future__ import annotations

from conftest import DATA
from edition_tools.convert import speech
from edition_tools.convert.api import convert_text
from edition_tools.xmlio import serialize, xpath


def said(text: str) -> list[tuple[str | None, str | None, str]]:
    tree, _doc = convert_text(text, "t.txt")
    return [(s.get("who"), s.get("direct"), "".join(s.itertext())) for s in xpath(tree, "//tei:sp//tei:said")]


DEPOSITION = """DEPOSITION OF JOHN SMITH

Q. Did you discuss the program with Mr. Dulles?

A. Yes, on several occasions. He told me that the President had approved it.

Q. What did you tell Mr. Bissell?

A. I told him that the money would not be enough.
"""


def test_the_speaker_reports_and_he_is_the_person_the_question_named() -> None:
    found = said(DEPOSITION)
    assert ("#dulles", "false", "the President had approved it.") in found
    witness = xpath(convert_text(DEPOSITION, "t.txt")[0], "string(//tei:sp[last()]/@who)")
    assert (witness, "false", "the money would not be enough.") in found


def test_he_in_an_interview_is_not_the_interviewer() -> None:
    """Only the two speakers are known: "He" (Kennedy, whom nobody declared) is not the interviewer."""
    text = ("ORAL HISTORY INTERVIEW WITH DEAN RUSK\nInterviewer: Richard Rusk\n\n"
            "RR: When did you first meet Kennedy?\n\n"
            "DR: In December 1960. He asked me to come to Palm Beach.\n\n"
            "RR: What did he say?\n\n"
            "DR: He said that he wanted me at the State Department.\n")
    tree, _doc = convert_text(text, "t.txt")
    speakers = {sp.get("who") for sp in xpath(tree, "//tei:sp")}
    found = [(s.get("who"), "".join(s.itertext())) for s in xpath(tree, "//tei:sp//tei:said")]
    assert found and found[0][1] == "he wanted me at the State Department."
    assert found[0][0] not in speakers



def test_turns_without_a_verb_of_saying_are_left_at_once_with_the_same_result(monkeypatch) -> None:
    """``keep_subjects=False`` (a turn) returns before the sentence loop when the paragraph has no verb
    of saying and no quotation to attribute; the TEI is the same as with the whole pass."""
    texts = [DEPOSITION] + [p.read_text(encoding="utf-8") for p in sorted((DATA / "convert" / "transcript").glob("*.txt"))]
    fast = [serialize(convert_text(t, "t.txt")[0]) for t in texts]
    whole = speech.mark_speech
    monkeypatch.setattr(speech, "mark_speech", lambda el, ctx, doc, line, keep_subjects=True: whole(el, ctx, doc, line))
    assert [serialize(convert_text(t, "t.txt")[0]) for t in texts] == fast
