"""A court reporter's pages: line numbers in the margin are taken off (and recorded), the pages read as a
PDF extract's, the questions and answers as turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_tools.convert import textcheck
from edition_tools.convert.api import ConvertResult, convert_text
from edition_tools.convert.layouts import detect_layout, line_numbers, transcript
from edition_tools.convert.model import Document
from edition_tools.convert.report import as_text
from edition_tools.xmlio import xpath

from conftest import DATA

GOLDEN = DATA / "convert" / "transcript" / "court_reporter.txt"


def numbered(lines: list[str], first: int = 1) -> str:
    return "\n".join(f"{n:>2}  {line}".rstrip() for n, line in enumerate(lines, first))


QA = [
    "     Q.   Where were you on the morning of the",
    "fourth?",
    "     A.   At the embassy, from eight o'clock.",
    "     Q.   Who else was there?",
    "     A.   The Ambassador and two of his staff. They",
    "left at noon.",
    "          MR. BAKER: Let us go off the record.",
    "          (Discussion off the record.)",
    "     Q.   Did anyone call the embassy that day?",
    "     A.   Not that I know of.",
    "     Q.   Thank you.",
]


def test_numbered_pages_are_detected_and_other_texts_are_not() -> None:
    assert line_numbers.detect(GOLDEN.read_text(encoding="utf-8"))
    assert line_numbers.detect(numbered(QA))
    others = [p for p in sorted((DATA / "convert").glob("*/*.txt")) if p != GOLDEN]
    others += sorted((DATA / "external" / "frus").glob("*.txt"))
    assert len(others) > 60
    assert [p.name for p in others if line_numbers.detect(p.read_text(encoding="utf-8"))] == []


def test_numbers_out_of_order_are_no_line_numbers() -> None:
    """A table of figures, or a list whose items open with numbers, is not a reporter's page."""
    table = "\n".join(f"{n}  tons of grain shipped in {1950 + n}" for n in (12, 7, 31, 3, 18, 25, 9, 14, 2, 27, 11, 20))
    assert not line_numbers.detect(table)
    short = numbered(QA[:5])  # five numbered lines: too few to tell
    assert not line_numbers.detect(short)


def test_strip_takes_the_numbers_off_and_records_each_as_a_line_opening() -> None:
    doc = Document("<t>", "transcript")
    text = numbered(QA)
    out = line_numbers.strip(text, doc)
    assert out.split("\n")[0] == "Q.   Where were you on the morning of the"
    assert out.split("\n")[1] == "fourth?"
    assert [(d.line, d.text, d.prefix) for d in doc.dropped] == [(n, str(n), True) for n in range(1, len(QA) + 1)]
    assert all(d.reason == "line number" for d in doc.dropped)


def test_a_form_feed_stands_where_a_page_ends() -> None:
    """Before the next page's number when one follows the page, else before the page's line 1; a text
    that has form feeds keeps them and gets no more."""
    page_one, page_two = numbered(QA[:6]) + "\n" + numbered(QA[6:], 7), numbered(QA)
    with_number = f"{' ' * 60}4\n{page_one}\n\n{' ' * 60}5\n{page_two}"
    out = line_numbers.strip(with_number, Document("<t>", "transcript"))
    assert out.count("\f") == 1 and "\f5\n" in out
    without_number = f"{page_one}\n\n{page_two}"
    out = line_numbers.strip(without_number, Document("<t>", "transcript"))
    assert out.count("\f") == 1 and "\fQ.   Where were you" in out
    fed = f"{page_one}\n\f{' ' * 60}5\n{page_two}"
    assert line_numbers.strip(fed, Document("<t>", "transcript")).count("\f") == 1


def test_a_reporters_pages_are_read_as_questions_answers_and_colloquy() -> None:
    text = "TESTIMONY OF ANNA R. FISCHER\n\nBY MR. BAKER:\n\n" + numbered(QA)
    assert detect_layout(text) == "transcript"
    tree, doc = convert_text(text, "t.txt")
    body = xpath(tree, "//tei:body")[0]
    assert xpath(body, "count(.//tei:sp)") == 8
    assert [s.text or "".join(s.itertext()) for s in xpath(body, ".//tei:speaker")][:4] == ["Q.", "A.", "Q.", "A."]
    assert xpath(body, "string(.//tei:sp[1]/tei:p)") == "Where were you on the morning of the fourth?"
    assert xpath(body, "string(.//tei:sp[2]/@who)") == "#fischer"
    # colloquy: a colon label among the stop labels, the parenthesis after it no speech
    assert xpath(body, "string(.//tei:sp[5]/tei:speaker)") == "MR. BAKER:"
    assert xpath(body, "string(.//tei:sp[5]/@who)") == "#baker"
    assert xpath(body, "string(.//tei:div/tei:p[last()])") == "(Discussion off the record.)"
    # no line number is left in the text
    words = " ".join("".join(body.itertext()).split())
    assert not any(w.isdigit() for w in words.split())


def test_the_golden_pages_drop_page_numbers_and_the_running_foot_and_keep_page_breaks() -> None:
    tree, doc = convert_text(GOLDEN.read_text(encoding="utf-8"), str(GOLDEN))
    body = xpath(tree, "//tei:body")[0]
    # the first page's printed number opens the text; two pages turn inside it
    assert [pb.get("n") for pb in xpath(body, ".//tei:pb")] == ["12", "13", "14"]
    reasons = sorted({d.reason for d in doc.dropped})
    assert reasons == ["line number", "page number", "running foot"]
    assert "ALDERSON" not in "".join(body.itertext())
    # the page turns inside an answer: the page break stands inside its paragraph
    assert xpath(body, "count(.//tei:sp/tei:p/tei:pb)") == 2


def test_the_text_check_still_finds_a_word_lost_on_a_numbered_line() -> None:
    text = numbered(QA)
    tree, doc = convert_text(text, "t.txt")
    p = xpath(tree, "//tei:sp[3]/tei:p")[0]
    p.text = p.text.replace("else ", "")
    with pytest.raises(textcheck.TextLoss) as lost:
        textcheck.check(text, doc, tree)
    assert lost.value.line == 4


def test_an_opening_that_is_not_at_the_lines_start_is_not_blanked() -> None:
    assert textcheck.without_opening("  12  Q. Yes.", "12") == "      Q. Yes."
    assert textcheck.without_opening("\f 3  A. No.", "3") == "\f    A. No."
    assert textcheck.without_opening("  Q. 12 times.", "12") == "  Q. 12 times."


def test_a_title_alone_is_no_stop_label() -> None:
    assert transcript.speaker_label_stop("MR. SCHWARZ: Let us go off the record.", True) is None
    assert transcript.speaker_label_stop("Mr. Go ahead.", False) is None
    assert transcript.speaker_label_stop("Q. Did you?", True) == ("Q.", 3)


def test_the_report_gives_the_line_numbers_in_one_line() -> None:
    tree, doc = convert_text(numbered(QA), "t.txt")
    result = ConvertResult(Path("t.txt"), Path("t.xml"), ok=True, decisions=doc.decisions, dropped=doc.dropped)
    report = as_text([result])
    assert "  11 line number(s) dropped (lines 1-11)\n" in report
    assert "dropped: line number" not in report


BILL = [
    "                          A BILL",
    "",
    "To provide for reports on assistance to foreign",
    "governments, and for other purposes.",
    "",
    "     Be it enacted by the Senate and House of",
    "Representatives of the United States of America in",
    "Congress assembled,",
    "     SECTION 1. This Act may be cited as the Foreign",
    "Assistance Reports Act of 1962.",
    "     SEC. 2. (a) The Secretary of State shall report",
    "to the Congress within ninety days after the end of",
    "each fiscal year on the assistance given under this",
    "Act to each foreign government.",
    "     (b) The report shall state the amounts paid, the",
    "purposes for which they were paid, and the terms",
    "of each agreement.",
    "     SEC. 3. The President may withhold from the",
    "report any information whose disclosure would harm",
    "the security of the United States.",
    "     SEC. 4. There are authorized to be appropriated",
    "such sums as may be necessary to carry out this",
]
BILL_PAGE_TWO = [
    "Act.",
    "     SEC. 5. This Act shall take effect on July 1,",
    "1962.",
]


def test_numbered_pages_without_speakers_are_read_as_paragraphs() -> None:
    """A bill as printed for a committee: numbered lines, no speaker labels. The numbers and the page
    number go; the sections are paragraphs, not turns; the page turns inside the paragraph of SEC. 4."""
    text = (f"{' ' * 66}1\n\n" + numbered(BILL) + f"\n\n{' ' * 66}2\n\n" + numbered(BILL_PAGE_TWO) + "\n")
    assert line_numbers.detect(text)
    tree, doc = convert_text(text, "bill.txt")
    body = xpath(tree, "//tei:body")[0]
    assert xpath(body, "count(.//tei:sp)") == 0
    assert xpath(body, "string(.//tei:head)") == "A BILL"
    paragraphs = [" ".join("".join(p.itertext()).split()) for p in xpath(body, ".//tei:p")]
    assert [p[:10] for p in paragraphs] == ["To provide", "Be it enac", "SEC. 2. (a", "(b) The re", "SEC. 3. Th",
                                            "SEC. 4. Th", "SEC. 5. Th"]
    assert paragraphs[5].endswith("to carry out this Act.")
    assert xpath(body, "count(.//tei:p[6]/tei:pb)") == 1 and xpath(body, "count(.//tei:pb)") == 2
    # the numbers printed above the pages: the first page's break opens the text
    assert [pb.get("n") for pb in xpath(body, ".//tei:pb")] == ["1", "2"]
    assert xpath(body, "string(.//tei:p[6]/tei:pb/@n)") == "2"
    assert not any(w.isdigit() for w in " ".join(paragraphs).split()), "a line or page number left in the text"
    assert sorted({d.reason for d in doc.dropped}) == ["line number", "page number"]
    assert sum(d.reason == "line number" for d in doc.dropped) == len(BILL) + len(BILL_PAGE_TWO)
