"""Fast paths of the layout readers (round 5): each is compared with the plain path it replaces, on the
test inputs and on generated texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition_tools.convert.layouts import (
    detect_layout,
    line_numbers,
    pdf_text,
    plain,
    transcript,
)
from edition_tools.convert.model import Document
from edition_tools.convert.source import clean_text, read_transcript

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


def _reading(doc: Document) -> tuple:
    return doc.blocks, doc.notes, doc.meta, doc.decisions, doc.dropped, doc.div_type


def _fresh_pdf_reading(text: str) -> Document:
    """The PDF text reader's reading of a copy of ``text`` (another object: no reading kept for it)."""
    doc = Document("x", pdf_text.NAME)
    pdf_text.read(text[:1] + text[1:], doc)
    return doc


def _assert_pdf_reader_takes_the_detected_reading(text: str) -> None:
    transcript.detect(text)
    taken = Document("x", pdf_text.NAME)
    pdf_text.read(text, taken)
    assert _reading(taken) == _reading(_fresh_pdf_reading(text))
    assert plain._detected == []  # given once, the others forgotten with it


def test_the_pdf_reader_takes_the_reading_of_layout_detection_on_the_inputs() -> None:
    """The transcript detector reads a PDF extract with the PDF text reader; when the layout chosen is
    pdf-text, that reader takes the reading (its own blocks, labelled lines not split) instead of
    reading the text a second time."""
    extracts = 0
    for path in INPUTS:
        text = clean_text(read_transcript(path))
        if transcript.is_pdf_extract(text) and not transcript.line_numbers.detect(text):
            extracts += 1
            _assert_pdf_reader_takes_the_detected_reading(text)
    assert extracts >= 2


def test_a_pdf_text_conversion_reads_the_text_once(monkeypatch) -> None:
    """Sample 002 is read by the PDF text reader once per conversion: in layout detection."""
    from edition_tools.convert.api import convert_text

    path = next(p for p in INPUTS if p.name.startswith("002"))
    text = read_transcript(path)
    calls = []
    scan = pdf_text.scan
    monkeypatch.setattr(pdf_text, "scan", lambda *a: calls.append(1) or scan(*a))
    pdf_text.detect.cache_clear()
    _tree, doc = convert_text(text, path.name)
    assert doc.layout == "pdf-text"
    assert len(calls) == 1  # the one reading (the detector looks for page breaks with one search)


_WORDS = st.sampled_from(["the", "talks", "went", "on", "depart-", "ment", "so-", "called", "Moscow.", "said:", "is"])
_LINE = st.tuples(st.sampled_from(["", "", "HOLLIS: ", "QUENDORF: ", "Q. "]), st.lists(_WORDS, min_size=4, max_size=12))


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, min_size=6, max_size=40), st.sampled_from(["\n", "\n\n"]), st.sets(st.integers(0, 5), min_size=1))
def test_the_taken_pdf_reading_is_the_pdf_readers_own_on_generated_extracts(lines, gap, page_breaks) -> None:
    """Generated PDF extracts (form feeds between pages, or interleaved empty lines) with speaker labels
    at line starts, which the transcript detector splits off: the PDF text reader still gets its own
    blocks."""
    out = []
    for k, (label, ws) in enumerate(lines):
        if k in page_breaks:
            out.append("\f" + f"Interview    Page {k}")
        out.append(label + " ".join(ws) + " " * (k % 3))
    text = clean_text(gap.join(out) + "\n")
    assert transcript.is_pdf_extract(text)  # (form feeds)
    _assert_pdf_reader_takes_the_detected_reading(text)


def test_detection_keeps_no_pdf_reading_for_other_texts() -> None:
    """A plain text's kept reading is the plain reader's alone: the PDF text reader reads it itself."""
    text = clean_text(read_transcript(ROOT / "tests" / "data" / "convert" / "plain" / "memcon.txt"))
    assert detect_layout(text) == "plain"
    assert [r for _t, r, _d in plain._detected] == ["plain"]
    doc = Document("x", pdf_text.NAME)
    pdf_text.read(text, doc)
    assert _reading(doc) == _reading(_fresh_pdf_reading(text))


def _page_break_by_scan(text: str) -> bool:
    return any("pb" in line.events for line in pdf_text.scan(text, pdf_text.INTERLEAVED)[0])


#: the lines between text lines: empty or whitespace-only (also whitespace that is no space or tab,
#: which ``str.split("\n")`` leaves inside a line)
_GAP = st.lists(st.sampled_from(["", "", " ", "\t", "\u2028", "\r\u00a0"]), max_size=7)
_TEXT_LINE = st.sampled_from(["word", " text ", "a\u2028b"])


@settings(max_examples=500, deadline=None)
@given(_GAP, st.lists(st.tuples(_TEXT_LINE, _GAP), max_size=8), st.booleans())
def test_the_page_break_search_agrees_with_the_scan(lead, lines, form_feed) -> None:
    """pdf_text.detect looks for the interleaved tool's page signature with one search where it scanned
    the lines: the same answer on generated lines (and with form feeds, where it still scans)."""
    text = "\n".join(lead + [x for line, gap in lines for x in (line, *gap)]) + ("\f x" if form_feed else "")
    assert pdf_text._has_page_break(text) == _page_break_by_scan(text), repr(text)


@pytest.mark.parametrize("text, page_break", [
    ("X\n\n\n\n \nY", True), ("X\n\n\n \nY", False), ("X\n\n\n\n \n", False), ("\n\n\n\n \nY", False),
    ("X\n \n\n\n\n\t\nY", True), ("X\n\n\n\n\n\nY", False), ("X\n\n\n\n\u2028\nY", True),
])
def test_the_page_break_search_on_examples(text, page_break) -> None:
    assert pdf_text._has_page_break(text) == _page_break_by_scan(text) == page_break


def test_the_page_break_search_agrees_with_the_scan_on_the_inputs() -> None:
    found = 0
    for path in INPUTS:
        text = clean_text(read_transcript(path))
        found += pdf_text._has_page_break(text)
        assert pdf_text._has_page_break(text) == _page_break_by_scan(text), path.name
    assert found >= 1


def _items_reference(text: str, profile: pdf_text.Profile):
    """The lines as the scan first read them, one item per line: ("T", no, raw) text, ("E", no, "")
    empty, ("S", no, raw) whitespace-only, ("F", no, "") a form feed."""
    for no, raw in enumerate(text.split("\n"), 1):
        if "\f" in raw and profile.form_feed:
            for k, piece in enumerate(raw.split("\f")):
                if k:
                    yield ("F", no, "")
                if piece.strip():
                    yield ("T", no, piece)
                elif piece:
                    yield ("S", no, piece)
        elif not raw:
            yield ("E", no, raw)
        elif raw.isspace():
            yield ("S", no, raw)
        else:
            yield ("T", no, raw)


def _scan_reference(text: str, profile: pdf_text.Profile):
    """pdf_text.scan as first written: gaps as lists of kinds, every line an item."""
    lines, gap = [], []
    usual = ["E"] * profile.line_gap
    for kind, no, raw in _items_reference(text, profile):
        if kind != "T":
            gap.append(kind)
            continue
        events = [] if not lines or gap == usual else pdf_text._gap_events("".join(gap), profile)
        gap = []
        stripped = raw.rstrip()
        indent = len(stripped) - len(stripped.lstrip()) if stripped[:1].isspace() else 0
        if indent and "\t" in stripped[:indent]:
            indent = len(stripped[:indent].expandtabs(8))
        lines.append(pdf_text.Line(no, " ".join(stripped.split()), len(raw) - len(stripped), events, indent))
    return lines, pdf_text._gap_events("".join(gap), profile)


_PROFILES = [pdf_text.INTERLEAVED, pdf_text.PLAIN, pdf_text.Profile("no-ff", form_feed=False)]


def test_the_scan_agrees_with_the_reference_on_the_inputs() -> None:
    for path in INPUTS:
        text = clean_text(read_transcript(path))
        for profile in _PROFILES:
            assert pdf_text.scan(text, profile) == _scan_reference(text, profile), (path.name, profile.name)


_SCAN_LINES = st.lists(st.sampled_from(["", "", " ", "\t", "\u2028", " word  two ", "\tind\tented ", "a\fb", "\f",
                                        " \f ", "text\u00a0x  ", "\x1f"]), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_SCAN_LINES, st.sampled_from(_PROFILES))
def test_the_scan_agrees_with_the_reference_on_generated_lines(lines, profile) -> None:
    text = "\n".join(lines)
    assert pdf_text.scan(text, profile) == _scan_reference(text, profile), repr(text)


def _pdf_detect_reference(text: str) -> float:
    """pdf_text.detect as first written: every line's words joined with single spaces."""
    from edition_tools.convert.layouts.linejoin import SENTENCE_END

    sample = text[:400_000]
    raw_lines = sample.split("\n")
    texts = [" ".join(x.split()) for x in raw_lines if x.strip()]
    if len(texts) < 6:
        return 0.0
    widths = [len(t) for t in texts]
    w90 = pdf_text._percentile(widths, pdf_text.WIDTH_PERCENTILE)
    if w90 < 30 or w90 > 200:
        return 0.05
    full = sum(1 for w in widths if 0.7 * w90 <= w <= 1.15 * w90) / len(widths)
    open_ended = sum(1 for t in texts if not SENTENCE_END.search(t)) / len(texts)
    if full < 0.5 or open_ended < 0.4:
        return 0.1
    if pdf_text._interleave_share(raw_lines) >= 0.7:
        score = 0.75
        if _page_break_by_scan(sample):
            score += 0.15
        trailing = sum(1 for x in raw_lines if x.strip() and x.endswith(" ")) / len(texts)
        if trailing >= 0.8:
            score += 0.05
        return score
    if "\f" in sample:
        return 0.8
    return 0.25


def _line_numbers_detect_reference(text: str) -> bool:
    """line_numbers.detect with its first quick count: a search for the numbers at line starts by ``^``."""
    if len(re.findall(r"^\f?[ \t]{0,2}\d{1,2}(?:[ \t]|$)", text, re.MULTILINE)) < line_numbers.MIN_NUMBERED:
        return False
    return line_numbers.detect(text)


def test_the_detectors_agree_with_their_references_on_the_inputs() -> None:
    frus = sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt"))
    for path in INPUTS + frus:
        text = clean_text(read_transcript(path))
        pdf_text.detect.cache_clear()
        assert pdf_text.detect(text) == _pdf_detect_reference(text), path.name
        assert line_numbers.detect(text) == _line_numbers_detect_reference(text), path.name


_DETECT_LINES = st.lists(st.sampled_from([
    "", "", " ", "the talks went on and on between the two sides of the", "a  line   with\tdouble spaces and tabs",
    "an\u00a0odd\u2009space in the line of the hard-wrapped text here", "ended here.", "12  Q. Did you", "3",
    " 7\tA. Yes.", "\f1 THE COURT:", "x" * 250, "tail ", "soft\u00adhyphen in a line that goes on and on here",
]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_DETECT_LINES, st.sampled_from(["\n", "\n\n"]))
def test_the_detectors_agree_with_their_references_on_generated_texts(lines, gap) -> None:
    text = gap.join(lines)
    pdf_text.detect.cache_clear()
    assert pdf_text.detect(text) == _pdf_detect_reference(text)
    assert line_numbers.detect(text) == _line_numbers_detect_reference(text)


def test_the_quick_count_of_line_numbers_counts_the_first_line() -> None:
    """Ten numbered lines, the first of them the text's first line: a court reporter's page."""
    text = "\n".join(f"{n}  Q. Did you see him on that day, sir?" for n in range(1, 11))
    assert line_numbers.detect(text) and _line_numbers_detect_reference(text)


class _ParagraphReference(pdf_text._Paragraph):
    """The paragraph as first built: every separator appended to the line before it."""

    def add(self, line, pages, joiner):
        if self.parts and joiner is not None:
            last = self.parts[-1]
            left, sep = joiner.separator(last, line.text, line.no)
            self.parts[-1] = left + sep
            self.length += len(left) + len(sep) - len(last)
        self.line_map.append((self.length, line.no))
        piece = pdf_text.PB * pages + line.text
        self.parts.append(piece)
        self.length += len(piece)


_JOIN_LINES = st.lists(st.tuples(st.sampled_from([
    "the depart-", "ment of", "so-", "called", "x\u00ad", "text—", "—a dash", "word -", "- word", "twenty-", "four",
    "co-", "operation", "the co-operation and", "a cooperation", "end.", "9-", "-", "\u00ad",
]), st.integers(0, 2)), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_JOIN_LINES, st.booleans())
def test_a_paragraph_is_joined_as_before(lines, closed_dashes) -> None:
    """Lines joined with a space at once unless they end in a hyphen or dash (or the next one opens with a
    dash): the same text, line map, length and decisions as when the joiner was asked for every line."""
    from edition_tools.convert.layouts.linejoin import Joiner

    source = " ".join(text for text, _ in lines) + (" problem—prevent" if closed_dashes else " a — b")
    made = []
    for kind in (pdf_text._Paragraph, _ParagraphReference):
        doc = Document("x", pdf_text.NAME)
        joiner = Joiner(source, doc)
        first = pdf_text.Line(1, lines[0][0], 0, [])
        para = kind(first, None)
        para.add(first, 0, None)
        for no, (text, pages) in enumerate(lines[1:], 2):
            para.add(pdf_text.Line(no, text, 0, []), pages, joiner)
        made.append((para.text, para.length, para.line_map, doc.decisions, joiner.hyphenation()))
    assert made[0] == made[1]
    assert made[0][1] == len(made[0][0])


_WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_WHITESPACE) + list("ab.\u00ad\ue000’é\x00"))))
def test_single_spaced_is_the_words_joined_with_single_spaces(s) -> None:
    """Every whitespace character that ``str.split`` splits at, single spaces and runs, at the ends and
    inside, and other unprintable characters."""
    from edition_tools.convert.layouts.linejoin import single_spaced

    assert single_spaced(s) == " ".join(s.split())


def test_single_spaced_on_the_lines_of_the_inputs() -> None:
    from edition_tools.convert.layouts.linejoin import single_spaced

    for path in INPUTS:
        for line in read_transcript(path).split("\n"):
            assert single_spaced(line) == " ".join(line.split())


def _speaker_label_reference(text: str):
    """transcript.speaker_label as first written: the label pattern tried on every paragraph (and, since
    round 7, no label on an attachment line, "Tab A: …")."""
    m = transcript.LABEL_COLON.match(text)
    if not m or transcript.ATTACHMENT_LINE.match(text):
        return None
    bare = (transcript._LABEL_MARKER.sub("", m["label"]) if "[" in m["label"] else m["label"]).strip()
    if bare.lower().rstrip(".") in transcript.NOT_LABELS:
        return None
    words = transcript._LABEL_PARENS.sub(" ", bare).split() if "(" in bare else bare.split()
    if len(words) > 6:
        return None
    colon = text.rfind(":", 0, m.end())
    return text[: colon + 1], m.end()


def _list_label_reference(r):
    first = plain.strip_markers(r.lines[0][1]).strip().rstrip(":").strip()
    if first.upper() in plain.LIST_LABELS and first == first.upper():
        return first
    if first in ("Subject", "Participants", "Present", "Distribution") and (len(r.lines) > 1 or r.lines[0][1].strip().endswith(":")):
        return first
    return None


_LABEL_TEXTS = st.lists(st.sampled_from([
    "Mr. Smith", ":", " ", "The President", "[1]", "(USSR)", "said", "SUBJECT", "Subject", "subject", "PARTICIPANTS",
    "ß", "Straße", "[00:01:23]", "Q", "Note", "\n", "ﬁ", "İ",
]), max_size=8)


@settings(max_examples=500, deadline=None)
@given(_LABEL_TEXTS)
def test_labels_are_found_as_before_on_generated_texts(parts) -> None:
    text = "".join(parts) + " and so on"
    transcript.speaker_label.cache_clear()
    assert transcript.speaker_label(text) == _speaker_label_reference(text)
    raw = plain.Raw([(1, "".join(parts) or "x"), (2, "item")])
    assert plain.list_label(raw) == _list_label_reference(raw)
    single = plain.Raw([(1, "".join(parts) or "x")])
    assert plain.list_label(single) == _list_label_reference(single)


def test_labels_are_found_as_before_on_the_inputs() -> None:
    found = 0
    for path in INPUTS + sorted((ROOT / "tests" / "data" / "external" / "frus").glob("*.txt")):
        text = clean_text(read_transcript(path))
        for raw in plain.split_blocks(text):
            assert plain.list_label(raw) == _list_label_reference(raw), path.name
            found += plain.list_label(raw) is not None
            para = raw.text
            transcript.speaker_label.cache_clear()
            assert transcript.speaker_label(para) == _speaker_label_reference(para), path.name
    assert found >= 3


@pytest.mark.parametrize("text", ["Dobrynin:\tAnd he asked me", "K:\nYes.", "The President: I think", "Note: this", "no label here"])
def test_labels_are_found_as_before_on_examples(text) -> None:
    transcript.speaker_label.cache_clear()
    assert transcript.speaker_label(text) == _speaker_label_reference(text)
    assert (transcript.speaker_label(text) is not None) == (text[:2] in ("Do", "K:", "Th"))


def _numbers_reference(lines):
    out = []
    for line in lines:
        if "\f" in line:
            line = line.replace("\f", "")
        m = line_numbers.NUMBERED.fullmatch(line) if line[:3].strip()[:1].isdigit() else None
        n = int(m["n"]) if m else 0
        out.append(n if 1 <= n <= line_numbers.MAX_LINE else None)
    return out


def _strip_reference(text, doc):
    """line_numbers.strip as first written: each line's number read again."""
    lines = text.split("\n")
    numbers = _numbers_reference(lines)
    out, last, gap = [], 0, []
    for no, (line, n) in enumerate(zip(lines, numbers), 1):
        feed = "\f" if "\f" in line else ""
        if n is None:
            gap.append(len(out))
            out.append(feed + line.replace("\f", "").strip(" \t"))
            continue
        if n == 1 and last > 1 and not feed and not any(out[i].startswith("\f") for i in gap):
            at = next((i for i in gap if out[i] and pdf_text.PAGE_NUMBER.fullmatch(out[i])), None)
            if at is not None:
                out[at] = "\f" + out[at]
            else:
                feed = "\f"
        m = line_numbers.NUMBERED.fullmatch(line.replace("\f", ""))
        doc.dropped.append(line_numbers.Dropped(no, m["n"], "line number", prefix=True))
        out.append(feed + (m["rest"] or ""))
        last = n
        gap = []
    return "\n".join(out)


def _assert_line_numbers_as_before(text):
    line_numbers._numbered.cache_clear()
    numbered = [int(m["n"]) if m else None for m in line_numbers._numbered(text)[1]]
    assert numbered == _numbers_reference(text.split("\n"))
    for asked_first in (False, True):
        line_numbers._numbered.cache_clear()
        if asked_first:
            line_numbers.detect(text)
        doc, ref = Document("x", "transcript"), Document("x", "transcript")
        assert line_numbers.strip(text, doc) == _strip_reference(text, ref)
        assert doc.dropped == ref.dropped


def test_line_numbers_are_read_once_as_before_on_the_inputs() -> None:
    for path in INPUTS:
        _assert_line_numbers_as_before(clean_text(read_transcript(path)))


_NUMBERED_LINES = st.lists(st.tuples(st.integers(0, 45), st.sampled_from(["", "  Q. Did you", "\tA. Yes.", "x", " 3 4"]),
                                     st.sampled_from(["", " ", "\f", "  "])), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_NUMBERED_LINES)
def test_line_numbers_are_read_once_as_before_on_generated_pages(lines) -> None:
    _assert_line_numbers_as_before("\n".join(f"{lead}{n}{rest}" if n else f"{lead}Page{rest}" for n, rest, lead in lines))
