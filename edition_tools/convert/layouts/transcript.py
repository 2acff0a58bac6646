"""Speaker-labelled transcripts (``--layout transcript``).

Read as a plain document (heading, dateline, lists, paragraphs, closer, notes), then paragraphs that
open with a speaker label become speaker turns (``sp`` with ``speaker``):

* ``Dobrynin: And he asked me…``, ``The President: …``, ``Dr. Kissinger: …``, ``Lt. Gen. Vogt: …``,
  ``K: …``, ``Q: …`` / ``A: …``, ``THE PRESIDENT: …``, ``Mr. Gromyko: …``;
* ``The President. I think…`` (a label closed by a full stop) only where the document uses that form
  for several turns;
* both kinds in one record (typists were not consistent): among full-stop labels, a colon label opens a
  turn too (``Bundy: …`` among ``The President. …``); among colon labels, a full-stop label only when it
  names a speaker of a colon label (``McNamara. …`` beside ``McNAMARA: …``) or opens two paragraphs or
  more and is no ordinary sentence's opening (``Moscow. …``, ``Yes. …``, ``Mr. President. …``): such a
  turn has @cert medium and a report line;
* an unlabelled paragraph after a turn continues that turn;
* a line of a list of attachments (``Tab A: …``, ``Annex 2: …``, ``Attachments:``) is no label and no
  speech: it stands outside the turns, and the paragraphs after it do not continue the last turn;
* a record is a transcript when enough paragraphs open with a label of either kind, counted together
  (too few colon labels and too few full-stop labels may be enough of both);
* a paragraph that opens with ``[`` or ``(`` (an omission notice, a stage direction) is not speech:
  it stands between turns, and an unlabelled paragraph after it continues the previous speaker in a new
  part of the turn, chained with ``@prev``/``@next``;
* a transcript extracted from a PDF (form feeds between pages, or the interleaved empty lines of
  sample 002's tool) is read by the PDF text reader first: line-end hyphens are joined where the word
  is not a compound (``under-`` / ``stood``), page numbers and running heads go to the dropped lines,
  and page breaks become ``pb``; a paragraph the PDF reader ran on over a line that opens with a
  speaker label is split there, since a label starts a turn;
* an interview's opening fields (``Interviewer: Richard Rusk``, ``Date: February 1985``, one per line)
  are paragraphs, not turns; the persons they name, and the person of an ``Interview with …`` heading,
  are declared with their role, so initials labels (``RR:``, ``DR:``) find them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ..model import PB, Block, Document
from ..nameforms import fold, gazetteer_rows, split_written
from . import line_numbers, pdf_text, plain

NAME = "transcript"

_TITLES = (
    r"(?:Mr|Mrs|Ms|Dr|Gen|Adm|Amb|Sen|Rep|Gov|Col|Capt|Maj|Lt|Sgt|Prof|Rev|Hon|Cde|Comrade|Lord|Sir|Lady|Herr|"
    r"Monsieur|M|Mme|Mlle|Madame|Signor|Señor)\.?"
)
_WORD = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]{1,4}|de|von|van|der|la|le|du|da|di|al|bin|ibn)"
#: numbered anonymous speakers: "Speaker 1", "Participant 2", "Unidentified Speaker 3"
_NUMBERED = (r"(?:(?:Unidentified|Unknown|Male|Female)\s+)?(?:Speaker|Participant|Respondent|Interviewer|Interviewee|"
             r"Caller|Voice|Person|Delegate|Member|Man|Woman)\s+\d{1,3}")
#: a time code before the label: "[00:01:23] CHAIRMAN:", "00:01:23 - Q:", "(12:05) Smith:"
TIME_CODE = re.compile(r"(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]|\(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)"
                       r"|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\s*(?:[-–—]\s*)?")
LABEL_COLON = re.compile(
    rf"^(?P<time>{TIME_CODE.pattern})?(?P<label>{_NUMBERED}|(?:{_TITLES}\s+){{0,3}}{_WORD}(?:\s+{_WORD}){{0,3}}"
    rf"(?:\s\([^()]{{1,60}}\)){{0,2}})(?:\[\d+\])?:\s+(?=\S)"
)
LABEL_STOP = re.compile(rf"^(?P<label>(?:The\s+)?(?:{_TITLES}\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)\.\s+(?=[A-Z“\"])")
NOT_LABELS = {
    "note", "notes", "subject", "source", "participants", "present", "date", "time", "place", "to", "from",
    "cc", "re", "ref", "reference", "references", "attachment", "enclosure", "summary", "conclusion",
    "conclusions", "action", "comment", "comments", "question", "answer", "example", "item", "items",
    "first", "second", "third", "finally", "result", "results", "agenda", "classification", "distribution",
    "copy", "copies", "drafted", "approved", "cleared", "p.s", "ps", "nb", "n.b", "warning", "caution",
    "decision", "recommendation", "recommendations", "background", "discussion", "problem", "issue", "issues",
    "purpose", "objective", "objectives", "status", "following", "as follows", "thus", "however", "moreover",
}


#: a line of a list of attachments ("Tab A: Memorandum from …", "Annex 2: …", "Attachments:"): a field of the
#: record, neither a speaker's label nor a speaker's words
ATTACHMENT_LINE = re.compile(
    r"(?:Tabs?|Annex(?:es)?|Attachments?|Enclosures?|Appendix|Appendices|Exhibits?)"
    r"(?:\s+(?:[A-Z]|\d{1,3}|[IVX]{1,5})(?!\w))?\s*:", re.IGNORECASE)
#: a footnote marker inside a label ("Kissinger[3]:")
_LABEL_MARKER = re.compile(r"\[\d+\]")


@functools.lru_cache(maxsize=4096)
def speaker_label(text: str) -> tuple[str, int] | None:
    """``("Dobrynin:", offset of the speech)`` when ``text`` opens with a speaker label, else None. A time
    code before the label belongs to it (``"[00:01:23] CHAIRMAN:"``); ``label_name`` takes it off.

    Remembered for the paragraphs of the document being read (see :func:`detect`): layout detection,
    the reader's count of labels and its turns ask about the same paragraph texts. (A label starts with
    a letter, never a digit.)"""
    m = LABEL_COLON.match(text) if ":" in text else None  # (a text without a colon has no such label)
    if not m or ATTACHMENT_LINE.match(text):
        return None
    label = m.group("label")
    bare = (_LABEL_MARKER.sub("", label) if "[" in label else label).strip()
    if bare.lower().rstrip(".") in NOT_LABELS:
        return None
    words = _LABEL_PARENS.sub(" ", bare).split() if "(" in bare else bare.split()  # parentheses: no more name
    if len(words) > 6:
        return None
    end = m.end()
    colon = text.rfind(":", 0, end)
    return text[: colon + 1], end


def label_name(label: str) -> str:
    """The speaker label without a time code before it: ``"[00:01:23] CHAIRMAN:"`` -> ``"CHAIRMAN:"``."""
    m = TIME_CODE.match(label)
    return label[m.end():] if m and m.end() < len(label) else label


#: single words that open ordinary sentences with a full stop after them ("Yes. I think …", "Now. The
#: other thing …"): never a speaker label closed by a full stop
SENTENCE_WORDS = frozenset({
    "yes", "yeah", "yep", "no", "nope", "okay", "ok", "right", "well", "good", "fine", "sure", "thanks", "exactly",
    "correct", "true", "agreed", "indeed", "certainly", "absolutely", "perhaps", "maybe", "possibly", "probably",
    "never", "always", "again", "nothing", "everything", "nobody", "hello", "goodbye", "oh", "ah", "uh", "um", "hmm",
    "sorry", "please", "excellent", "great", "alright", "done", "understood", "precisely", "quite", "definitely",
    "now", "then", "later", "today", "tomorrow", "yesterday", "next", "finally", "also", "still", "so", "anyway",
    "otherwise", "besides", "meanwhile", "instead", "sir", "gentlemen", "period", "silence", "laughter", "applause",
    "pause",
})


#: a title alone ("MR." of "MR. SCHWARZ: …"), which is no speaker label closed by a full stop
_TITLE_ALONE = re.compile(_TITLES, re.I)
#: the question and answer labels of a deposition or hearing record ("Q. Did you …", "A. Yes.")
QA_STOP = re.compile(r"^(?P<label>[QA])\.\s+(?=\S)")


@functools.lru_cache(maxsize=4096)
def speaker_label_stop(text: str, qa: bool = False) -> tuple[str, int] | None:
    """A label closed by a full stop (``"The President. …"``); with ``qa``, also ``Q.`` and ``A.``.
    Remembered as :func:`speaker_label`."""
    m = LABEL_STOP.match(text) or (QA_STOP.match(text) if qa else None)
    if not m:
        return None
    label = m.group("label")
    low = label.lower()
    if low in NOT_LABELS or low in SENTENCE_WORDS or _TITLE_ALONE.fullmatch(label):
        return None  # (a title alone is the start of a name: "MR. SCHWARZ: …"; "Yes. I think …" is a sentence)
    return text[: m.end("label") + 1], m.end()


#: an address that opens a speaker's sentence ("Mr. President. I think …", "Mr. Chairman. We …"), no label
VOCATIVE = re.compile(r"(?:Mr|Mister|Madam|Madame)\.?\s+(?:Vice\s+|Prime\s+)?(?:President|Chairman|Chairwoman|"
                      r"Secretary|Ambassador|Speaker|Minister)\.|Your\s+(?:Excellency|Majesty|Honou?r)\.", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """The gazetteer's place names, folded ("moscow", "new york"): "Moscow. The talks …" opens a paragraph
    of a record, not a turn."""
    return frozenset(fold(form)[0] for _id, _typ, canonical, variants in gazetteer_rows("places.tsv")
                     for form in (canonical, *variants))


def _uses_qa(paras: list[Block]) -> bool:
    """Are ``Q.`` and ``A.`` labels here: each opens two paragraphs or more? ("A. Kosygin said …" alone
    is no answer)"""
    counts = {"Q": 0, "A": 0}
    for b in paras:
        m = QA_STOP.match(b.text)
        if m:
            counts[m["label"]] += 1
    return counts["Q"] >= 2 and counts["A"] >= 2


def labelled_share(doc_blocks: list[Block]) -> tuple[int, int, int, bool]:
    """(paragraphs, those with a colon label, those with a full-stop label used twice or more, whether
    Q. and A. are labels here)."""
    paras = [b for b in doc_blocks if b.kind == "p"]
    colon = sum(1 for b in paras if speaker_label(b.text))
    qa = _uses_qa(paras)
    stop_labels: dict[str, int] = {}
    for b in paras:
        s = speaker_label_stop(b.text, qa)
        if s:
            stop_labels[s[0]] = stop_labels.get(s[0], 0) + 1
    stop = sum(n for n in stop_labels.values() if n >= 2)
    return len(paras), colon, stop, qa


#: who asks from here on in a deposition or hearing: "EXAMINATION BY MR. SCHWARZ:", "BY SENATOR HART:",
#: "CROSS-EXAMINATION BY MS. LEE"
EXAMINER_RE = re.compile(
    r"^(?:(?:DIRECT|CROSS|REDIRECT|RECROSS|FURTHER)[- ]?)?(?:EXAMINATION\s+)?BY\s+"
    r"(?P<name>(?:MR|MRS|MS|DR|SENATOR|SEN|REPRESENTATIVE|REP|CHAIRMAN|COUNSEL)\.?\s+[A-Z][A-Z’'-]+)\s*[:.]?$", re.I)
#: the witness of a deposition or hearing record: "TESTIMONY OF RICHARD M. BISSELL, JR."
WITNESS_RE = re.compile(
    r"^(?:TESTIMONY|DEPOSITION|STATEMENT|EXAMINATION)\s+OF\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)", re.I)


def is_pdf_extract(text: str) -> bool:
    """Does the text carry a PDF-to-text tool's page signature: form feeds between pages, or
    hard-wrapped lines each followed by an empty line (the tool of sample 002)? One-line paragraphs
    with blank lines between them are no such signature."""
    return "\f" in text or pdf_text.detect(text) >= 0.75


def _read_paragraphs(text: str, doc: Document, pdf_extract: bool | None = None, numbered: bool | None = None) -> str:
    """The blocks before speaker turns are found: a PDF extract's through the PDF text reader (with its
    labelled lines split into paragraphs of their own; a court reporter's pages, ``numbered``, too,
    without their line numbers), any other text's through the plain reader. Returns which reader read
    them (``"pdf"`` or ``"plain"``)."""
    reader = _read_blocks(text, doc, pdf_extract, numbered)
    if reader == "plain":
        return reader
    doc.blocks = _split_at_label_lines(doc.blocks, qa=reader == "numbered")
    return "pdf"


def _read_blocks(text: str, doc: Document, pdf_extract: bool | None = None, numbered: bool | None = None) -> str:
    """The blocks as the reader of :func:`_read_paragraphs` gives them, labelled lines not split yet:
    which reader read them (``"numbered"``: the PDF text reader, the line numbers taken off; ``"pdf"``,
    ``"plain"``)."""
    if numbered if numbered is not None else line_numbers.detect(text):
        # a court reporter's pages: read as a PDF extract without the line numbers
        pdf_text.read(line_numbers.strip(text, doc), doc)
        return "numbered"
    if pdf_extract if pdf_extract is not None else is_pdf_extract(text):
        pdf_text.read(text, doc)
        return "pdf"
    plain.read(text, doc)
    return "plain"


def _split_at_label_lines(blocks: list[Block], qa: bool = False) -> list[Block]:
    """Paragraphs split before each line after their first that opens with a speaker label
    (``HOLLIS: Did you …`` after a dropped running head); a page break standing at the cut becomes a
    ``pb`` block between the two paragraphs. With ``qa`` (a court reporter's pages, where every line
    is a line of the page), also before a line that opens with ``Q.`` or ``A.`` when both open two
    lines or more, with an examiner's heading (``BY MR. SCHWARZ:``), or with a parenthesis after a
    sentence's end (``(Discussion off the record.)``)."""
    if qa:
        labels = [m["label"] for b in blocks if b.kind == "p" for off, _ln in b.line_map
                  for m in [QA_STOP.match(b.text[off:].lstrip(PB)[:4])] if m]
        qa = labels.count("Q") >= 2 and labels.count("A") >= 2

    def opens_turn(b: Block, k: int, off: int) -> bool:
        rest = b.text[off:].lstrip(PB)
        if speaker_label(rest):
            return True
        if not qa:
            return False
        line = rest[:b.line_map[k + 1][0] - off].strip(f" {PB}") if k + 1 < len(b.line_map) else rest
        before = b.text[b.line_map[k - 1][0]:off].rstrip(f" {PB}")
        return bool(QA_STOP.match(rest) or EXAMINER_RE.match(line) or (rest.startswith("(") and before[-1:] in ".?!:)"))

    out: list[Block] = []
    for b in blocks:
        cuts = [k for k, (off, _ln) in enumerate(b.line_map) if k and b.kind == "p"
                and opens_turn(b, k, off)] if len(b.line_map) > 1 else []
        if not cuts:
            out.append(b)
            continue
        bounds = [0, *cuts, len(b.line_map)]
        for first, end in zip(bounds, bounds[1:]):
            start = b.line_map[first][0]
            stop = b.line_map[end][0] if end < len(b.line_map) else len(b.text)
            piece = b.text[start:stop]
            pages = len(piece) - len(piece.lstrip(PB)) if first else 0
            line = b.line_map[first][1]
            out.extend(Block("pb", line=line) for _ in range(pages))
            lm = [(off - start - pages, ln) for off, ln in b.line_map[first:end]]
            lm[0] = (0, lm[0][1])
            out.append(Block("p", piece[pages:].rstrip(" "), line, cert=b.cert if not first else None, line_map=lm))
    return out


def detect(text: str) -> float:
    """0.8 when at least three paragraphs and a quarter of them open with a speaker label (0.9 for a PDF
    extract, which the PDF text reader would otherwise claim: the transcript reader reads its pages;
    0.95 for a court reporter's numbered lines, which only this reader takes off)."""
    # a new document: the labels of the last one are forgotten
    speaker_label.cache_clear()
    speaker_label_stop.cache_clear()
    doc = Document("<detect>", NAME)
    numbered = line_numbers.detect(text)
    pdf_extract = numbered or is_pdf_extract(text)
    # the reading is kept for the reader that follows: this one, the plain reader, or the PDF text reader
    # (its own blocks, before labelled lines are split: it reads the same text once per conversion)
    reader = _read_blocks(text, doc, pdf_extract, numbered)
    others = [(pdf_text.NAME, replace(doc, blocks=doc.blocks))] if reader == "pdf" else []
    if reader != "plain":
        doc.blocks = _split_at_label_lines(doc.blocks, qa=reader == "numbered")
    plain.keep_detected(text, "plain" if reader == "plain" else "pdf", doc, *others)
    if numbered:
        return 0.95  # a court reporter's pages: only this reader takes the line numbers off
    n, colon, stop, _qa = labelled_share(doc.blocks)
    score = _turn_share_score(n, _turn_openers(doc.blocks, colon, stop))
    return 0.9 if pdf_extract and score == 0.8 else score


#: labels of an interview's opening lines ("Interviewer: Richard Rusk", "Date: February 1985"): the
#: persons they name, by role, and the fields that are kept as text only
PREAMBLE_PERSONS = {
    "interviewer": "interviewer", "interviewers": "interviewer", "interviewed by": "interviewer",
    "interviewee": "interviewee", "interviewees": "interviewee", "narrator": "interviewee",
}
PREAMBLE_FIELDS = {
    "date", "dates", "date of interview", "interview date", "place", "location", "transcriber", "transcribed by",
    "recorded by", "duration", "length", "language", "project", "collection", "tape", "tapes", "session",
}
_PREAMBLE_LINE = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{0,24}?)\s*:\s*(?P<value>\S.*)")


def _preamble(b: Block) -> list[tuple[int, str, str, str]] | None:
    """(line, text, label, value) of each line when every line of ``b`` is a labelled interview field."""
    out = []
    for ln, line in plain.lines_of(b):
        m = _PREAMBLE_LINE.fullmatch(line)
        if not m or m["label"].lower() not in PREAMBLE_PERSONS.keys() | PREAMBLE_FIELDS:
            return None
        out.append((ln, line, m["label"].lower(), m["value"].strip()))
    return out


def _declare(doc: Document, name: str, role: str) -> None:
    """A person of the interview, in catalogue form ("Quendorf, Mara") with the form as written."""
    given, surname = split_written(name)
    catalogue = f"{' '.join(surname)}, {' '.join(given)}" if given and surname else name
    doc.meta.setdefault("persons", []).append({"name": catalogue, "forms": [name], "role": role})


def _take_preamble(fields: list[tuple[int, str, str, str]], doc: Document) -> list[Block]:
    """The interview's opening fields as paragraphs (not speech); the persons they name and the date go
    into the metadata (a sidecar still wins)."""
    blocks = []
    for ln, line, label, value in fields:
        blocks.append(Block("p", line, ln, attrs={"preamble": True}))
        if label in PREAMBLE_PERSONS:
            for name in re.split(r"\s*(?:;|,|\band\b|&)\s*", value):
                if name:
                    _declare(doc, name, PREAMBLE_PERSONS[label])
        elif label in ("date", "date of interview", "interview date"):
            doc.meta.setdefault("record_date_text", value)
    return blocks


#: "Oral History Interview with Dean Rusk", "Interview with Mara Quendorf, 12 March 1987", "INTERVIEW WITH MARA QUENDORF"
_INTERVIEW_WITH = re.compile(r"\b(?i:interview(?:ed)?\s+with)\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*[\w’'])")


def _heading_case(text: str) -> str:
    """A heading in capitals in title case ("INTERVIEW WITH MARA QUENDORF" -> "Interview With Mara
    Quendorf"), so that the name in it is found as a name; any other heading as it is."""
    return text.title() if text.isupper() else text


def _split_head_fields(doc: Document) -> None:
    """A heading whose later lines are interview fields ("ORAL HISTORY INTERVIEW WITH DEAN RUSK" /
    "Interviewer: Richard Rusk" / "Date: February 1985" without blank lines between): the heading is its
    first lines, each field a paragraph of its own."""
    for i, b in enumerate(doc.blocks):
        if b.kind != "head":
            continue
        lines = plain.lines_of(b)
        k = next((j for j in range(1, len(lines)) if _preamble(Block("p", lines[j][1], lines[j][0])) is not None), None)
        if k is None or any(_preamble(Block("p", t, ln)) is None for ln, t in lines[k:]):
            return
        cut = b.line_map[k][0]
        head = Block("head", b.text[:cut].rstrip("\n "), b.line, line_map=b.line_map[:k])
        doc.blocks[i:i + 1] = [head] + [Block("p", t, ln, line_map=[(0, ln)]) for ln, t in lines[k:]]
        doc.meta["title"] = " ".join(head.text.split())
        return


#: what a label says in parentheses after the name: "Mr. STEVENSON (United States of America)",
#: "The PRESIDENT (translated from Russian)", "Mr. Gaitskell (Leeds, South)"
_LABEL_PARENS = re.compile(r"\s*\(([^()]*)\)")
#: a person's name with a title in a label's parentheses: "The Prime Minister (Mr. Harold Macmillan)"
_TITLED_NAME = re.compile(rf"{_TITLES}\s+(?:[A-Z][\w’'.-]*\s+){{0,3}}[A-Z][\w’'-]+")
#: the office a label names alone: "The Prime Minister", "The PRESIDENT", "The Secretary of State"
_OFFICE_LABEL = re.compile(r"The\s+[A-Z][\w’'-]+(?:\s+(?:of|for|[A-Z][\w’'-]+))*(?:\s+[A-Z][\w’'-]+)?", re.I)


def _label_parts(label: str) -> tuple[str, list[str]]:
    """(the label's name without time code, note markers, closing sign and parentheses, what the
    parentheses say): "Mr. ZORIN (USSR) (translated from Russian):" -> ("Mr. ZORIN", ["USSR", …])."""
    core = _LABEL_MARKER.sub("", label_name(label)).strip().rstrip(":.").strip()
    return " ".join(_LABEL_PARENS.sub(" ", core).split()), [p.strip() for p in _LABEL_PARENS.findall(core)]


def label_person(label: str) -> tuple[str, str | None] | None:
    """(the person a label names, the office it names them by) when the label adds parentheses to a
    name: "Mr. STEVENSON (United States of America):" is Mr. STEVENSON, whatever the parentheses say
    (a country, a constituency, the language spoken); "The Prime Minister (Mr. Harold Macmillan):" is
    Mr. Harold Macmillan, named by the office "The Prime Minister". None for a label without them."""
    base, parens = _label_parts(label)
    if not parens:
        return None
    for inner in parens:
        if _TITLED_NAME.fullmatch(inner) and _OFFICE_LABEL.fullmatch(base):
            return inner, base
    return (base, None) if base else None


def office_key(label: str) -> str:
    """The office a label names, compared without case or the article: "The PRESIDENT:" -> "president"."""
    return re.sub(r"^the\s+", "", _label_parts(label)[0].lower())


#: who presides over a hearing: "Senator J. W. Fulbright (chairman) presiding"
PRESIDING_RE = re.compile(
    r"(?<![\w.])(?:(?:Senator|Representative|Hon\.|Mr\.|Mrs\.|Ms\.)\s+)?(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)"
    r",?\s+\((?:chairman|chairwoman|chairperson|chair|presiding officer)(?: of the [\w ]+)?\),?\s+presid", re.I)
#: the label of the hearing's chair: "The CHAIRMAN.", "The Chairman:", "CHAIRMAN:"
CHAIR_LABEL_RE = re.compile(r"(?:The\s+)?(?:CHAIRMAN|Chairman|CHAIRWOMAN|Chairwoman|CHAIR|Chair)[.:]$")


#: a meeting record's line naming who presides: "President: Mr. ZORIN (Union of Soviet Socialist Republics)."
PRESIDING_LINE = re.compile(
    rf"(?P<office>(?i:President|Chairman|Chairwoman|Chairperson|Chair|Presiding officer))\s*:\s+"
    rf"(?P<name>{_TITLES}\s+(?:[A-Z][\w’'.-]*\s+){{0,3}}[A-Z][\w’'-]+)(?:\s*\([^()]*\))*\s*\.?")


#: a line a meeting's record writes of its business, not a speaker's words: "The meeting rose at 6.40
#: p.m.", "The agenda was adopted.", "The House divided:", "Question put and agreed to.", "Whereupon, at
#: 4:15 p.m., the hearing was adjourned." (in the past tense: "The meeting is adjourned." is the chair's)
PROCEEDINGS_LINE = re.compile(
    r"(?:The\s+(?:meeting|sitting|session|hearing|committee|Committee|Council|House|Senate|Assembly|Conference|"
    r"Subcommittee|subcommittee)\s+(?:rose|adjourned|recessed|resumed|divided|was\s+(?:called\s+to\s+order|"
    r"suspended|resumed|adjourned|closed|opened|recessed))\b"
    r"|The\s+(?:provisional\s+)?(?:agenda|draft\s+resolution|resolution|motion|amendment|bill|Bill)\s+was\s+"
    r"(?:adopted|rejected|approved|carried|agreed\s+to|put\s+to\s+the\s+vote|not\s+adopted)\b"
    r"|Question\s+put\b|Whereupon,?\s)")
#: the longest line read so (a longer paragraph is more than the record's line)
PROCEEDINGS_MAX = 240


def _presiding(doc: Document) -> tuple[str, str | None] | None:
    """(the person the record names as presiding, whom the chair's label stands for, and the office of
    that label when the record says it: "President" of "President: Mr. ZORIN (…)."; None for a hearing's
    "The CHAIRMAN."), reported. A line that says so is no turn (``presiding`` set)."""
    for b in doc.blocks:
        line = PRESIDING_LINE.fullmatch(b.text.strip()) if b.kind == "p" else None
        if line:
            b.attrs["presiding"] = True
            doc.decide(b.line, "transcript.chair", f"the {line['office']} is {line['name']}, who presides",
                       "a person of the office's own", "medium")
            return line["name"], line["office"].lower()
        if b.kind == "sp" or (b.kind == "p" and (speaker_label(b.text) or speaker_label_stop(b.text))):
            return None  # the first turn: the proceedings have begun
        m = PRESIDING_RE.search(b.text) if b.kind == "p" else None
        if m and m["name"].split()[0].lower() not in ("the", "a"):
            doc.decide(b.line, "transcript.chair", f"the chair is {m['name']}, who presides",
                       "a person of the chair's own", "medium")
            return m["name"], None
    return None


def _is_chair_label(label: str, chair: tuple[str, str | None]) -> bool:
    """Does ``label`` name the office of who presides ("The CHAIRMAN.", or "The PRESIDENT (translated
    from Russian):" when the record named the President)?"""
    if chair[1] is None:
        return bool(CHAIR_LABEL_RE.fullmatch(label_name(label)))
    return office_key(label) == chair[1]


def _witness(doc: Document) -> str | None:
    """The witness a deposition's heading names ("TESTIMONY OF RICHARD M. BISSELL, JR."), as the person
    its A. labels stand for (reported)."""
    for b in doc.blocks:
        m = WITNESS_RE.match(b.text) if b.kind in ("head", "p") else None
        if m:
            doc.decide(b.line, "transcript.qa", f"A. is {m['name']}, the witness", "an unnamed respondent", "medium")
            return m["name"]
        if b.kind == "p" and (QA_STOP.match(b.text) or EXAMINER_RE.match(b.text)):
            return None  # the record's text has begun
    return None


def _label_names_person(turn: Block, label: str, offices: dict[str, list], doc: Document) -> None:
    """The person a label with parentheses names (``label_person``) is the turn's ``person_label``; an
    office named so once stands for that person in later labels ("The Prime Minister:"), reported the
    first time. ``offices``: office -> [person, reported yet]."""
    named = label_person(label)
    key = office_key(label)
    if named is not None:
        turn.attrs["person_label"] = named[0]
        if named[1]:
            offices[key] = [named[0], False]
        return
    if key in offices:
        person = offices[key]
        turn.attrs["person_label"] = person[0]
        if not person[1]:
            person[1] = True
            doc.decide(turn.line, "transcript.office", f"{label_name(label).rstrip(':.')} is {person[0]}, "
                       "whom an earlier label names so", "a person of the office's own", "medium")


def _ordinary_opening(label: str, paras: list[Block]) -> bool:
    """Does this full-stop label open ordinary sentences, not turns: an address ("Mr. President."), a
    place ("Moscow.", "New York."), or one word that is a common opener ("Yes.", "Now.") or that the
    record also writes in small letters ("Granted." beside "granted")?"""
    core = label[:-1]
    folded = fold(core)[0]
    if VOCATIVE.fullmatch(label) or folded in _place_names() or folded.removeprefix("the ") in _place_names():
        return True
    if " " in core:
        return False
    low = core.lower()
    if low in SENTENCE_WORDS:
        return True
    small = re.compile(rf"(?<![\w’'-]){re.escape(low)}(?![\w’'-])")
    return any(small.search(b.text) for b in paras)


def stop_labels_among_colon_labels(paras: list[Block]) -> dict[str, str]:
    """The labels closed by a full stop that a record of colon labels also uses (typists were not
    consistent: ``McNamara. …`` among ``McNAMARA: …``), each with why it is one. A full stop after a
    name is weak evidence ("Moscow. The talks …", "Yes. I think …", "Mr. Smith. He said …" are
    sentences), so such a label is taken only when it names a speaker of a colon label of the record
    (without case or article: ``The President.`` and ``THE PRESIDENT:``), or when it opens two
    paragraphs or more and opens no ordinary sentences (see :func:`_ordinary_opening`); never a common
    sentence opener."""
    colon_labels: set[str] = set()
    counts: dict[str, int] = {}
    for b in paras:
        colon = speaker_label(b.text)
        if colon:
            colon_labels.add(colon[0])
            continue
        stop = speaker_label_stop(b.text)
        if stop:
            counts[stop[0]] = counts.get(stop[0], 0) + 1
    if not counts:
        return {}
    speakers = {office_key(label): label_name(label) for label in sorted(colon_labels)}
    taken: dict[str, str] = {}
    for label, n in counts.items():
        colon = speakers.get(office_key(label))
        if colon:
            taken[label] = f"it names the speaker of the label {colon}"
        elif n >= 2 and not _ordinary_opening(label, paras):
            taken[label] = f"it opens {n} paragraphs"
    return taken


def _taken_stop_label(text: str, taken: dict[str, str]) -> tuple[tuple[str, int] | None, str | None]:
    """(the full-stop label that opens ``text``, why it is one) when it is one of ``taken`` (see
    :func:`stop_labels_among_colon_labels`), else (None, None)."""
    found = speaker_label_stop(text)
    why = taken.get(found[0]) if found else None
    return (found, why) if why else (None, None)


def read(text: str, doc: Document) -> None:
    if not plain.take_detected(text, ("plain", "pdf"), doc):
        _read_paragraphs(text, doc)
    _split_head_fields(doc)
    opening: list[Block] = []
    for i, b in enumerate(doc.blocks):
        fields = _preamble(b) if b.kind == "p" else None
        if fields is None:
            if b.kind == "p":
                doc.blocks[:i] = opening
                break
            opening.append(b)
            m = _INTERVIEW_WITH.search(_heading_case(b.text)) if b.kind == "head" else None
            if m:
                _declare(doc, m["name"], "interviewee")
            continue
        opening.extend(_take_preamble(fields, doc))
    group_turns(doc)


def _turn_share_score(n: int, best: int) -> float:
    """How sure that paragraphs are turns when ``best`` of ``n`` open with a speaker label."""
    if n == 0:
        return 0.0
    if best >= 3 and best / n >= 0.25:
        return 0.8
    if best >= 2 and best / n >= 0.5:
        return 0.7
    return 0.1 * min(best, 3)


def has_turns(blocks: list[Block]) -> bool:
    """Do speaker labels open enough of these paragraphs for them to be read as turns (as ``detect``
    asks of a whole text)? For a record whose other layout is known (a web archive record)."""
    n, colon, stop, _qa = labelled_share(blocks)
    return _turn_share_score(n, _turn_openers(blocks, colon, stop)) >= 0.7


def _reads_stop_labels(colon: int, stop: int) -> bool:
    """Is a record of ``colon`` paragraphs with a colon label and ``stop`` with a full-stop label (used
    twice or more) read by its full-stop labels ("The President. …")?"""
    return stop > colon and stop >= 3


def _turn_openers(blocks: list[Block], colon: int, stop: int) -> int:
    """How many paragraphs open a turn, as :func:`group_turns` reads them: in a record of one kind of
    label, that kind's; in a record of both (typists were not consistent), the colon labels and the
    full-stop labels together (all of them when the full-stop labels lead, else those that
    :func:`stop_labels_among_colon_labels` takes). A record whose labels of each kind are too few for
    a transcript may have enough of both."""
    if not colon or not stop:
        return max(colon, stop)
    if _reads_stop_labels(colon, stop):
        return colon + stop
    paras = [b for b in blocks if b.kind == "p"]
    taken = stop_labels_among_colon_labels(paras)
    return colon + sum(1 for b in paras if not speaker_label(b.text) and _taken_stop_label(b.text, taken)[0])


def group_turns(doc: Document) -> None:
    """The paragraphs that open with a speaker label as turns (``sp``), the paragraphs after them as
    the same speaker's, non-speech between them kept apart; who presides, examines and witnesses from
    the record's own lines (see the module docstring)."""
    n, colon, stop, qa = labelled_share(doc.blocks)
    use_stop = _reads_stop_labels(colon, stop)
    qa = use_stop and qa
    # a colon label is strong evidence: taken among full-stop labels too ("Bundy: …", "MR. SCHWARZ: …");
    # a full-stop label among colon labels only as stop_labels_among_colon_labels allows (``weak``)
    finder = (lambda t: speaker_label_stop(t, qa) or speaker_label(t)) if use_stop else speaker_label
    weak = stop_labels_among_colon_labels([b for b in doc.blocks if b.kind == "p"]) if colon and not use_stop else {}
    #: the persons the Q and A labels stand for: the examiner of the section, the witness of the record
    stands_for = {"Q": None, "A": _witness(doc) if qa else None}
    chair = _presiding(doc)
    #: offices that a label has named a person by ("The Prime Minister (Mr. Harold Macmillan):")
    offices: dict[str, list] = {}
    out: list[Block] = []
    current: Block | None = None
    last_turn: Block | None = None
    for b in doc.blocks:
        if b.kind != "p" or b.attrs.get("preamble"):
            out.append(b)
            if b.kind not in ("pb",):
                current = None
                last_turn = None if b.kind in ("closer", "list", "head", "dateline") else last_turn
            continue
        examiner = EXAMINER_RE.match(b.text) if qa else None  # ("BY MR. BAKER:" is no label "BY MR.")
        found = finder(b.text) if not b.attrs.get("presiding") and not examiner else None
        why = None
        if weak and not found:
            found, why = _taken_stop_label(b.text, weak)
        if found:
            label, offset = found
            speech = b.text[offset:]
            lm = [(max(0, o - offset), ln) for o, ln in b.line_map] or [(0, b.line)]
            current = Block("sp", "", b.line, attrs={"speaker": label}, children=[Block("p", speech, b.line, line_map=lm)])
            if use_stop or why:
                current.cert = "medium"
            if why:
                doc.decide(b.line, "transcript.stop-label", f"{label} is a speaker label closed by a full stop: {why}",
                           "an ordinary sentence of the previous turn", "medium")
            if qa and label[0] in "QA" and len(label) == 2 and stands_for[label[0]]:
                current.attrs["person_label"] = stands_for[label[0]]
            elif chair and _is_chair_label(label, chair):
                current.attrs["person_label"] = chair[0]
            else:
                _label_names_person(current, label, offices, doc)
            out.append(current)
            last_turn = current
            continue
        if examiner:  # a heading of the record: who asks the questions from here on
            stands_for["Q"] = examiner["name"]
            doc.decide(b.line, "transcript.qa", f"Q. is {examiner['name']} from here on", "an unnamed questioner", "medium")
            out.append(b)
            current = last_turn = None
            continue
        if b.text.startswith(("[", "(")):
            out.append(b)
            current = None
            continue
        if ATTACHMENT_LINE.match(b.text):  # the record's list of attachments: no one's words, nor a turn's
            out.append(b)
            current = last_turn = None
            continue
        if PROCEEDINGS_LINE.match(b.text) and len(b.text) <= PROCEEDINGS_MAX:
            # the record's own line on the meeting's business: no one's words
            out.append(b)
            current = None
            doc.decide(b.line, "transcript.proceedings", "a line of the record on the meeting's business, not speech",
                       "the previous speaker's words", "medium")
            continue
        if current is not None:
            current.children.append(b)
            continue
        if last_turn is not None:
            # continuation of the previous speaker after a non-speech paragraph
            current = Block("sp", "", b.line, attrs={"speaker": None, "continues": last_turn}, children=[b])
            out.append(current)
            doc.decide(b.line, "transcript.continuation", f"continues the turn of {last_turn.attrs['speaker']}",
                       "narrative paragraph", "medium")
            continue
        out.append(b)
    doc.blocks = out
    if doc.div_type == "section":
        doc.div_type = "transcript"
    if use_stop:
        doc.decide(doc.blocks[0].line if doc.blocks else 1, "transcript.stop-labels",
                   "speaker labels closed by a full stop (\"The President. …\")", "ordinary sentences", "medium")
