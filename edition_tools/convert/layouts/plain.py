"""Plain documents: memoranda, telegrams, letters, editorial notes (``--layout plain``).

Paragraphs are separated by blank lines. Recognised, in order:

* a heading (first block: short, not a sentence; a number such as ``43.`` and footnote markers allowed);
* a dateline (``Moscow, March 3, 1962, 6 p.m.``, ``Washington, May 3, 1973.``);
* the address fields of a cable or memorandum (``FROM: AMEMBASSY SAIGON``, ``TO: SECSTATE WASHDC``, ``INFO:``,
  ``DATE:``, ``MEMORANDUM FOR THE PRESIDENT``)
  and classification lines (``SECRET``) before the first other line: an ``opener`` with one
  ``seg type="distribution"`` per address line, the date line as ``dateline`` and
  ``seg type="classification"``; the fields that follow (``SUBJECT:``, ``REF:``) are paragraphs, one per line;
* labelled lists (``SUBJECT``, ``PARTICIPANTS``, ``PARTICIPATION``, ``PRESENT``, ``THOSE ATTENDING``,
  ``DISTRIBUTION``): the label, then one item per line (or one short block per item);
* a salutation (``Dear Mr. President,``) before the first paragraph;
* paragraphs;
* a closing block: complimentary close (``Sincerely,``) and signatures (``Rusk``, ``A. Kosygin``);
* a closing ``Notes`` section with ``[n] text`` note blocks.

Lines are joined with a space; a line-end hyphen is joined as in a PDF extract (``linejoin.Joiner``:
``depart-`` / ``ment`` -> ``department``, ``so-`` / ``called`` -> ``so-called``, unsure cases reported).

Everything is kept: a block that fits none of these is a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_date
from ..model import PB, Block, Document, Dropped, Note
from ..nameforms import PARTICLES
from .linejoin import Joiner, ends_sentence, single_spaced

NAME = "plain"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
_ORD = r"(?:st|nd|rd|th)?"
#: a full date as a dateline gives it: American (``March 3, 1962``), European (``3 March 1962``), British
#: with an ordinal and a comma (``3rd March, 1962``), a month and year, or a Whitehall minute's date with
#: the month in roman numerals (``3.iii.62``)
DATE_RE = re.compile(
    rf"(?:(?:{MONTHS}|{_MONTH_ABBR})\s+\d{{1,2}}{_ORD},\s*\d{{4}}|\d{{1,2}}{_ORD}\s+(?:{MONTHS}),?\s+\d{{4}}"
    rf"|(?:{MONTHS})\s+\d{{4}}|\d{{1,2}}\.(?:[ivx]{{1,4}}|[IVX]{{1,4}})\.\d{{2}}(?:\d{{2}})?\b)"
)
NOTES_HEADING = re.compile(r"^\s*(?:Notes|NOTES|Footnotes|FOOTNOTES|Endnotes)\s*:?\s*$")
NOTE_START = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]\s|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s?)\s*")
LIST_LABELS = {
    "SUBJECT": "subject", "SUBJECTS": "subject", "TOPIC": "subject",
    "PARTICIPANTS": "participants", "PARTICIPATION": "participants", "ATTENDEES": "participants",
    "THOSE ATTENDING": "participants", "THOSE PRESENT": "present", "PRESENT": "present",
    "DISTRIBUTION": "distribution", "COPIES TO": "distribution", "COPIES": "distribution",
}
#: a labelled field line at the top of a cable or memorandum: the label, then the value on the same line
#: ("FROM: AMEMBASSY SAIGON"; without the colon only an address in capitals: "FM AMEMBASSY MOSCOW")
CABLE_FIELD_RE = re.compile(
    r"^(?:(?P<label>FROM|FM|TO|INFO|CC|DATE|DTG|SUBJECT|SUBJ|REF|REFS|REFERENCE|TAGS|E\.O\.\s*\d+|PRECEDENCE|"
    r"From|To|Info|Date|Subject|Ref|Reference|MEMORANDUM FOR|Memorandum [Ff]or)\s*:\s*(?P<value>\S.*)"
    r"|(?P<bare>FM|TO|INFO|ACTION|MEMORANDUM FOR|Memorandum [Ff]or)\s+(?P<bare_value>[A-Z]{2}[^a-z]*)$"
    r"|(?P<precedence>[ZOPR]|NIACT|FLASH|IMMEDIATE|PRIORITY|ROUTINE)\s+(?P<dtg>\d{6}Z\s+[A-Z]{3}\s+\d{2}(?:\d{2})?)$)"
)
#: a classification written with spaced letters, and what follows it on the line ("C O N F I D E N T I A L
#: SECTION 01 OF 02 MOSCOW 04512")
SPACED_CLASSIFICATION_RE = re.compile(r"^(?P<letters>(?:[A-Z] ){3,}[A-Z])(?:\s+|$)(?P<rest>[A-Z0-9 ]*)$")
#: the page header of a telegram as the State Department's systems print it: "PAGE 01 MOSCOW 04512 01 OF 02 151432Z"
TELEGRAM_PAGE_RE = re.compile(r"^PAGE\s+(?P<page>\d{1,3})\s+[A-Z].*\b\d{6}Z$")
#: the labels (in capitals) of the address lines that go into the opener
CABLE_ADDRESS = frozenset({"FROM", "FM", "TO", "INFO", "CC", "ACTION", "MEMORANDUM FOR"})
CABLE_CLASSIFICATION_RE = re.compile(
    r"^(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE|RESTRICTED)"
    r"(?:\s*(?://|[-–—,])?\s*(?:NOFORN|EXDIS|NODIS|LIMDIS|EYES ONLY|SENSITIVE|CHEROKEE))*\.?$"
)
CLOSE_RE = re.compile(
    r"^(?:(?:Very |Most )?(?:Sincerely|Faithfully|Cordially|Respectfully|Truly)(?: yours)?|"
    r"Yours (?:sincerely|faithfully|truly|ever)|(?:With )?(?:Best|Warm|Kind)(?:est)? (?:regards|wishes)|Regards|"
    r"With (?:respect|communist greetings|best wishes))[,.]?$",
    re.I,
)
SALUTE_RE = re.compile(r"^(?:(?:My )?Dear\b|Sir\b|Gentlemen\b|Excellency\b|Your Excellency\b|Madam\b)(?:[^.!?]|(?<=Mr|Ms|Dr|St)\.|(?<=Mrs)\.){0,60}[,:]$")
#: a footnote marker: ``[12]``, or superscript digits. (Written as ``\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+`` with the first
#: character taken out of the two alternatives, so that the regular expression engine skips to the
#: candidate characters at C speed: four times faster on text without markers.)
MARKER_RE = re.compile(r"[\[¹²³⁴⁵⁶⁷⁸⁹⁰](?:(?<=\[)\d{1,3}\]|(?<=[¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]*)")


@dataclass
class Raw:
    """A block of the transcript: consecutive non-blank lines."""

    lines: list[tuple[int, str]]

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return " ".join(single_spaced(s) for _, s in self.lines).strip()

    def with_line_breaks(self) -> tuple[str, list[tuple[int, int]]]:
        """The lines joined with line breaks, each single-spaced, and (offset, line) of each: a block whose
        lines are kept (a signature, an address, a heading over two lines)."""
        _text, line_map = self.joined()
        return "\n".join(single_spaced(s) for _, s in self.lines if s.strip()), line_map

    def joined(self, joiner: Joiner | None = None) -> tuple[str, list[tuple[int, int]]]:
        """The lines joined with single spaces, and (offset, line) of each line. With a ``joiner``, a
        line that ends in a hyphen is joined as the PDF reader joins it (``depart-`` / ``ment`` ->
        ``department``, ``so-`` / ``called`` -> ``so-called``)."""
        parts: list[str] = []
        line_map: list[tuple[int, int]] = []
        pos = 0
        for n, s in self.lines:
            s = single_spaced(s)
            if not s:
                continue
            if parts:
                last = parts[-1]
                left, sep = joiner.separator(last, s, n) if joiner and last.endswith(("-", "\u00ad")) else (last, " ")
                parts[-1] = left + sep
                pos += len(left) + len(sep) - len(last)
            line_map.append((pos, n))
            parts.append(s)
            pos += len(s)
        return "".join(parts), line_map


def split_blocks(text: str) -> list[Raw]:
    blocks: list[Raw] = []
    cur: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip() == "" or line.strip("\f") == "":
            if cur:
                blocks.append(Raw(cur))
                cur = []
        else:
            cur.append((n, line.replace("\f", " ")))
    if cur:
        blocks.append(Raw(cur))
    return blocks


def detect(text: str) -> float:
    """Plain is the fallback layout: it reads anything with blank-line paragraphs, that is any text with a
    line that is not blank (``split_blocks`` finds a block exactly then)."""
    return 0.3 if text and not text.isspace() else 0.0


def strip_markers(s: str) -> str:
    return MARKER_RE.sub("", s).strip()


def split_notes(raws: list[Raw], doc: Document) -> list[Raw]:
    """Take the closing Notes section off the blocks and put its notes into ``doc.notes``: the blocks after
    a ``Notes`` heading, or without a heading a closing run of blocks that start with a bracketed or
    superscript marker, the first of them note 1 (or 0) whose marker the text uses ("… Department of
    State[1]" … "[1] Source: …")."""
    for i in range(len(raws) - 1, -1, -1):
        r = raws[i]
        if len(r.lines) == 1 and NOTES_HEADING.match(r.lines[0][1]):
            after = raws[i + 1:]
            if not after or not NOTE_START.match(after[0].lines[0][1]):
                continue
            _take_notes(after, doc)
            doc.dropped.append(_dropped(r, "the Notes heading: its notes are placed at their markers"))
            doc.meta["_notes_start_line"] = r.line
            return raws[:i]
    start = _closing_notes_without_heading(raws)
    if start is not None:
        _take_notes(raws[start:], doc)
        doc.meta["_notes_start_line"] = raws[start].line
        return raws[:start]
    return raws


#: a line that starts a note when notes follow each other line by line: "[2] Telegram …", "² Ibid."
MARKED_NOTE_START = re.compile(r"^\s*(?:\[(\d{1,3})\]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))")


def _closing_notes_without_heading(raws: list[Raw]) -> int | None:
    """Where a closing run of note blocks with no heading starts (see ``split_notes``), or None."""
    i = len(raws)
    while i > 0 and MARKED_NOTE_START.match(raws[i - 1].lines[0][1]):
        i -= 1
    if i in (0, len(raws)):
        return None
    m = MARKED_NOTE_START.match(raws[i].lines[0][1])
    n = m.group(1) or _sup_to_digits(m.group(2))
    if n not in ("0", "1"):
        return None
    marker = f"[{n}]" if m.group(1) else m.group(2)
    return i if any(marker in r.text for r in raws[:i]) else None


def _take_notes(after: list[Raw], doc: Document) -> None:
    """The notes of the blocks of a Notes section; a block is split where a line starts with a marked
    note, so notes on consecutive lines are notes of their own."""
    current: Note | None = None
    for b in _split_at_marked_lines(after):
        m = NOTE_START.match(b.lines[0][1])
        text, _ = b.joined()
        if m:
            n = m.group(1) or m.group(2) or _sup_to_digits(m.group(3))
            body = NOTE_START.sub("", text, count=1).strip()
            current = Note(n=n, text=body, line=b.line)
            if body.startswith("Source:") or n == "0":
                current.kind = "source"
            doc.notes[n] = current
        elif current is not None:
            current.text += "\n\n" + text


def _split_at_marked_lines(blocks: list[Raw]) -> list[Raw]:
    out: list[Raw] = []
    for b in blocks:
        cur: list[tuple[int, str]] = []
        for ln in b.lines:
            if cur and MARKED_NOTE_START.match(ln[1]):
                out.append(Raw(cur))
                cur = []
            cur.append(ln)
        out.append(Raw(cur))
    return out


def _sup_to_digits(s: str) -> str:
    return s.translate(str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890"))


def _dropped(r: Raw, reason: str):
    from ..model import Dropped

    return Dropped(r.line, r.text, reason)


def is_heading(r: Raw) -> bool:
    t = strip_markers(r.text)
    if not t or len(t) > 300 or len(r.lines) > 3:
        return False
    if re.match(r"^\d{1,4}[a-z]?\.\s+\S", t):
        return True
    if t.isupper() and len(t) > 3:
        return True
    if t[-1] in ".!?;:," and not t.endswith(("Note.", "Notes.")):
        return False
    words = t.split()
    return len(words) <= 25 and t[0].isupper()


def dateline_date(s: str) -> re.Match | None:
    t = strip_markers(s)
    if len(t) > 160:
        return None
    m = DATE_RE.search(t)
    if not m:
        return None
    before = t[: m.start()].strip()
    if before and not before.endswith(","):
        return None
    if before and len(before) > 80:
        return None
    return m


def list_label(r: Raw) -> str | None:
    first = strip_markers(r.lines[0][1]).strip().rstrip(":").strip()
    if first in LIST_LABELS:  # (a label in capitals: the keys are)
        return first
    if first in ("Subject", "Participants", "Present", "Distribution") and (len(r.lines) > 1 or r.lines[0][1].strip().endswith(":")):
        return first
    return None


def is_signature(r: Raw) -> bool:
    """A signature block: a name or initials (``A. Kosygin``, ``McG. B.``, ``LODGE``), on up to three lines;
    lines after the name may give the signer's title (``Joseph N. Greene, Jr.`` / ``Counselor of Embassy``)."""
    if len(r.lines) > 3:
        return False
    if len(r.lines) > 1 and _signed_with_title(r):
        return True
    return _signature_line(strip_markers(r.text))


def _signature_line(t: str) -> bool:
    if not t or len(t) > 60:
        return False
    if ":" in t:
        return False
    words = t.split()
    if len(words) > 5:
        return False
    if not t[0].isupper():
        return False
    if t.endswith(".") and not re.search(r"(?:\b[A-Z][a-z]?\.){1,3}$", t):
        return False
    if t.endswith((",", ";", "?", "!")):
        return False
    # a particle may stand inside a name or its initials (``P. F. de Z.``, ``Hans von Herwarth``)
    return all(w[0].isupper() or w[0] in "(-—" or (0 < k < len(words) - 1 and w in PARTICLES)
               for k, w in enumerate(words))


#: the small words of a signer's title (``Counselor of Embassy``, ``Chargé d'Affaires a.i.``)
_TITLE_SMALL_WORDS = frozenset({"of", "the", "for", "and", "in", "to", "on", "at", "a.i.", "d'Affaires", "d’Affaires"})


def _signed_with_title(r: Raw) -> bool:
    """A name on the first line, and on each later line a title in title case: the signature block of
    an official letter, despatch or airgram (``Joseph N. Greene, Jr.`` / ``Counselor of Embassy``)."""
    first, *rest = (strip_markers(" ".join(s.split())) for _, s in r.lines)
    return _signature_line(first) and all(_title_line(t) for t in rest)


def _title_line(t: str) -> bool:
    words = t.split()
    return (0 < len(words) <= 8 and t[0].isupper() and not t.endswith((".", ",", ";", ":", "?", "!"))
            and all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words))


def _heading_meta(text: str, doc: Document) -> None:
    """The title, document number ("27.") and kind of document a heading gives."""
    title = strip_markers(" ".join(text.split()))
    m = re.match(r"^(\d{1,4}[a-z]?)\.\s+(.*)$", title)
    if m:
        doc.meta.setdefault("doc_number", m.group(1))
        title = m.group(2)
    doc.meta.setdefault("title", title)
    doc.div_type = div_type_from_heading(title)


def _dateline_meta(text: str, doc: Document) -> None:
    """The place (the words before the date) and the text of a dateline."""
    m = dateline_date(text)
    place = strip_markers(text)[: m.start()].strip().rstrip(",").strip() if m else ""
    if place:
        doc.meta.setdefault("place", place)
    doc.meta.setdefault("dateline", text)


#: a line that ends in a hyphen after a letter, or in a soft hyphen, before a line that goes on. (Two
#: patterns that each start with one literal character: the regular expression engine then skips to
#: the candidates at C speed, five times faster than one pattern that starts with a word character.)
_LINE_END_HYPHEN = re.compile(r"-(?<=\w-)[ \t]*\n[ \t]*\w")
_LINE_END_SOFT_HYPHEN = re.compile(r"\u00ad[ \t]*\n[ \t]*\w")


def has_line_end_hyphen(text: str) -> bool:
    """Does a line of ``text`` end in a hyphen after a word character (or a soft hyphen) before a line
    that goes on with a word character?"""
    return bool(_LINE_END_HYPHEN.search(text) or ("\u00ad" in text and _LINE_END_SOFT_HYPHEN.search(text)))


#: the readings of a text that layout detection made (the transcript detector reads the text as the
#: plain or the PDF reader does): (text, reader, document), one of them taken once by the reader that follows
_detected: list[tuple[str, str, Document]] = []


def keep_detected(text: str, reader: str, doc: Document, *others: tuple[str, Document]) -> None:
    """Keep ``doc``, read from ``text`` by ``reader`` ("plain" or "pdf") while detecting the layout;
    ``others``: (reader, document) readings of the same text on the way there (the PDF text reader's
    own, "pdf-text", before the transcript reader split its paragraphs), which may share their lists
    with ``doc``."""
    _detected[:] = [(text, reader, doc), *((text, other, done) for other, done in others)]


def take_detected(text: str, readers: tuple[str, ...], doc: Document) -> bool:
    """Fill the fresh ``doc`` with the reading kept for this very text (the same object), if one of
    ``readers`` made it; a reading is given once, since its taker goes on to change it, and the others
    are forgotten with it (they may share its lists)."""
    done = next((d for t, r, d in _detected if t is text and r in readers), None)
    if done is None:
        return False
    _detected.clear()
    if doc.blocks or doc.notes or doc.meta or doc.decisions or doc.dropped or doc._counters:
        return False
    doc.blocks, doc.notes, doc.meta = done.blocks, done.notes, done.meta
    doc.decisions, doc.dropped, doc.div_type = done.decisions, done.dropped, done.div_type
    return True


#: the fields an archival database prints above a cable (NARA's Access to Archival Databases), and the
#: header field each goes to; the cable's own address and subject lines (From, To, Subject, TAGS) stay in
#: the text, other fields go to the header as catalogue notes
DATABASE_FIELDS = {
    "draft date": "date", "sent date": "date", "document number": "record_id", "film number": None,
    "concepts": "topics", "classification": "classification", "original classification": None,
    "channel indicators": None, "handling restrictions": None, "original handling restrictions": None,
    "enclosure": None, "errors": None, "executive order": None, "line count": None, "locator": None,
    "message attributes": None, "office": None, "page count": None, "previous channel indicators": None,
    "previous classification": None, "previous handling restrictions": None, "reference": None,
    "review action": None, "review authority": None, "review content flags": None, "review date": None,
    "review event": None, "review exemptions": None, "review history": None, "review markings": None,
    "review media identifier": None, "review release date": None, "review release event": None,
    "review transfer date": None, "review withdrawn fields": None, "secure": None, "status": None,
    "type": None, "markings": None, "disposition action": None, "disposition approved on date": None,
    "disposition authority": None, "disposition case number": None, "disposition comment": None,
    "disposition date": None, "disposition event": None, "disposition history": None,
    "disposition reason": None, "disposition remarks": None, "message text": None,
}
#: labels only such a database prints, which tell its field block from a cable's own address lines
_DATABASE_ONLY = frozenset({"draft date", "document number", "film number", "concepts", "channel indicators",
                            "handling restrictions", "line count", "locator", "message attributes", "page count",
                            "review action", "review date", "review markings"})
_FIELD_LINE = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{1,40}?)\s*:\s*(?P<value>.*)")


def _database_fields(raws: list[Raw], doc: Document) -> list[Raw]:
    """A cable as an archival database prints it: the database's field lines above the message
    (``Draft Date: 15 MAR 1976``, ``Document Number: 1976MOSCOW04512``, ``Film Number: …``,
    ``Concepts: …``, ``Message Text:``) go to the header (the date as the document date, the number as
    the record's identifier, the film number as the shelfmark, the concepts as topics, the others as
    catalogue notes); the cable's own lines among them (``From:``, ``To:``, ``Subject:``, ``TAGS:``)
    stay for the cable reader. Raws unchanged when the first block is no such field block."""
    if not raws:
        return raws
    fields = [(n, s, _FIELD_LINE.fullmatch(" ".join(s.split()))) for n, s in raws[0].lines]
    labels = [m["label"].lower() for _n, _s, m in fields if m]
    if len([lab for lab in labels if lab in _DATABASE_ONLY]) < 2:
        return raws
    kept: list[tuple[int, str]] = []
    meta = doc.meta
    for n, s, m in fields:
        label = m["label"].lower() if m else ""
        if not m or label not in DATABASE_FIELDS:
            kept.append((n, s))  # From, To, Subject, TAGS, and any line the database did not label
            continue
        key, value = DATABASE_FIELDS[label], " ".join(m["value"].split())
        doc.dropped.append(Dropped(n, m["label"], "archival database field label"))
        if not value:
            continue
        if key == "date":
            dv = parse_date(value if not value.isupper() else value.title())
            if dv is not None and not dv.when.startswith("--") and "date" not in meta:
                meta["date"], meta["date_text"] = dv.when, value
            else:
                meta.setdefault("unparsed", []).append(f"{m['label']}: {value}")
        elif key == "topics":
            meta.setdefault("topics", []).extend(t.strip() for t in value.split(",") if t.strip())
        elif key is None:
            meta.setdefault("unparsed", []).append(f"{m['label']}: {value}")
        else:
            meta.setdefault(key, value)
        doc.dropped.append(Dropped(n, value, f"archival database field ({m['label']}): moved to the header",
                                   to_header=True))
    doc.decide(raws[0].line, "plain.database-fields", "the first block read as an archival database's fields "
               "(moved to the header, the cable's address and subject lines kept)", "the cable's own text", "medium")
    return ([Raw(kept)] if kept else []) + raws[1:]


def read(text: str, doc: Document) -> None:
    if take_detected(text, ("plain",), doc):
        return
    raws = split_notes(split_blocks(text), doc)
    if "PAGE" in text:  # a telegram's page header starts with PAGE: most texts have none
        raws = _telegram_pages(raws, doc)
    raws = _database_fields(raws, doc)
    doc.meta.setdefault("hyphenation", "none")
    # hard-wrapped lines with line-end hyphens: joined as in a PDF extract (evidence from the whole text)
    joiner = Joiner(text, doc) if has_line_end_hyphen(text) else None
    i = 0
    opener: list[Block] = []
    opener_first = False  # the opener stands before the heading (a minute's addressee)
    letterhead = _letterhead_dateline(raws)
    if letterhead is not None:
        # a British letter's address and date: its dateline, not its heading (no title in the text)
        doc.blocks.append(letterhead)
        _dateline_meta(letterhead.text, doc)
        i = 2
    elif _minute_addressee(raws):
        # a minute's addressee (PRIME MINISTER), then its subject line: the subject is the heading
        t, lm = raws[0].joined()
        opener.append(Block("seg", t, raws[0].line, line_map=lm, attrs={"type": "distribution"}))
        opener_first = True
        doc.div_type = "memorandum"
        i = 1
        if _subject_line(raws[1]):
            t, lm = raws[1].joined()
            doc.blocks.append(Block("head", t, raws[1].line, line_map=lm))
            doc.meta.setdefault("title", strip_markers(t))
            i = 2
    # heading
    elif raws and is_heading(raws[0]) and not all(_cable_line(" ".join(s.split())) for _, s in raws[0].lines):
        t, lm = raws[0].with_line_breaks()
        _heading_meta(t, doc)
        i = 1
        if len(raws) > 2 and _letterhead(raws[1]) and all(_cable_line(" ".join(s.split())) for _, s in raws[2].lines):
            # the sender's letterhead under a form's name (AIRGRAM / DEPARTMENT OF STATE): the heading's second line
            t, lm = t + "\n" + raws[1].text, lm + [(len(t) + 1, raws[1].line)]
            i = 2
        elif len(raws) > 2 and _office_line(raws[1]) and RELEASE_RE.match(raws[2].text):
            # a press release's issuing office under the letterhead (THE WHITE HOUSE / Office of the … Press Secretary)
            t, lm = t + "\n" + raws[1].text, lm + [(len(t) + 1, raws[1].line)]
            i = 2
        doc.blocks.append(Block("head", t, raws[0].line, line_map=lm))
        i = _release_lines(raws, i, doc)
    i, fields = _cable_fields(raws, i, doc)
    doc.blocks.extend(fields)
    if doc.div_type == "telegram":
        raws = _trailing_signature(raws)
    # dateline
    if not fields and i < len(raws) and len(raws[i].lines) == 1 and dateline_date(raws[i].text):
        t, lm = raws[i].joined()
        doc.blocks.append(Block("dateline", t, raws[i].line, line_map=lm))
        _dateline_meta(t, doc)
        i += 1
    # body, with lists and a salutation; the closer is found from the end
    end, closer, postscript = _foot(raws, i, doc)
    started = any(b.kind == "p" for b in fields)
    while i < end:
        r = raws[i]
        if r.lines[0][1] == PB:  # a page break between paragraphs (_telegram_pages)
            doc.blocks.append(Block("pb", line=r.line))
            i += 1
            continue
        label = list_label(r)
        if label:
            items = r.lines[1:]
            blk = Block("list", "", r.line, attrs={"type": LIST_LABELS.get(label.upper(), "participants"), "head": r.lines[0][1].strip()})
            for n, s in items:
                blk.children.append(Block("item", " ".join(s.split()), n))
            i += 1
            if not items:
                # one item per following short block (THOSE ATTENDING style)
                while i < end and _list_item_block(raws[i]):
                    for n, s in raws[i].lines:
                        blk.children.append(Block("item", " ".join(s.split()), n))
                    i += 1
            if blk.children:
                doc.blocks.append(blk)
                started = True
                continue
            t, lm = r.joined(joiner)
            doc.blocks.append(Block("p", t, r.line, line_map=lm))
            continue
        t, lm = r.joined(joiner)
        if not started and len(r.lines) == 1 and SALUTE_RE.match(t):
            opener.append(Block("salute", t, r.line, line_map=lm))
            i += 1
            continue
        if not started and not opener and len(r.lines) == 1 and i + 1 < end and _classification(t) \
                and SALUTE_RE.match(raws[i + 1].text):
            # a letter's classification between its date and its salutation (CONFIDENTIAL / Dear Harold,)
            opener.append(Block("seg", t, r.line, line_map=lm, attrs={"type": "classification"}))
            doc.meta.setdefault("classification", t.rstrip("."))
            i += 1
            continue
        doc.blocks.append(Block("p", t, r.line, line_map=lm))
        started = True
        i += 1
    if joiner is not None:
        doc.meta["hyphenation"] = joiner.hyphenation()
    if doc.div_type == Document.div_type and closer and any(b.kind == "salute" for b in opener):
        doc.div_type = "letter"  # a salutation and a signature, under a heading that does not name the kind
    if opener:
        # the opener stands before the first paragraph or list (or, with a minute's addressee, first)
        pos = 0 if opener_first else next(
            (k for k, b in enumerate(doc.blocks) if b.kind not in ("head", "dateline")), len(doc.blocks))
        doc.blocks.insert(pos, Block("opener", "", opener[0].line, children=opener))
    if closer:
        doc.blocks.append(Block("closer", "", closer[0].line, children=closer))
        doc.decide(closer[0].line, "plain.closer", "closing lines read as signature block", "paragraphs", "medium")
    if postscript:
        doc.blocks.append(Block("postscript", "", postscript[0].line, children=postscript))


#: the first words of a postscript: ``P.S.``, ``P.P.S.``, ``PS:``
POSTSCRIPT_RE = re.compile(r"^(?:(?:P\.\s?){1,2}S\.|P{1,2}S[.:]?)\s")
#: the line above a signature that says for whom the signer signs (an airgram's or despatch's
#: ``For the Ambassador:``, ``For the Secretary of State:``)
SIGNING_FOR_RE = re.compile(r"^For the [A-Z][\w.,'’ -]{1,60}:$")
#: how many blocks at the end may follow a postscript's first line (its paragraphs, an enclosure line,
#: the addressee): a P.S. further up is part of the text
_POSTSCRIPT_REACH = 5


def _foot(raws: list[Raw], i: int, doc: Document) -> tuple[int, list[Block], list[Block]]:
    """The foot of a letter, memorandum or minute in ``raws[i:]``, found from the end: the closer
    (complimentary close, ``For the Ambassador:``, the signature, and a minute's date under the
    initials: ``T. J. B.`` / ``5.iii.62``; a British letter's addressee under the signature) and a
    postscript after the signature (``P.S. …`` and what follows it). Returns the index of the first raw of the foot and the blocks of the closer and the
    postscript (``len(raws)`` and no blocks when there is no signature)."""
    stop = _postscript_start(raws, i)
    addressee = None
    if stop == len(raws) and stop > i + 2 and _address(raws[-1]) and is_signature(raws[-2]):
        addressee = raws[-1]  # a British letter's addressee, under the signature (there is no P.S.)
    foot_end = len(raws) - (addressee is not None)  # the raws of the foot end here (the addressee is last)
    sig_end = stop = min(stop, foot_end)
    if stop > i + 2 and _date_only(raws[stop - 1]) and is_signature(raws[stop - 2]):
        sig_end = stop - 1  # a minute's date, under the initials
    end = sig_end
    while end > i + 1 and is_signature(raws[end - 1]):
        end -= 1
    if end == sig_end:
        return len(raws), [], []
    if end > i + 1 and len(raws[end - 1].lines) == 1 and SIGNING_FOR_RE.match(strip_markers(raws[end - 1].text)):
        end -= 1
    if end > i + 1 and len(raws[end - 1].lines) == 1 and CLOSE_RE.match(strip_markers(raws[end - 1].text)):
        end -= 1
    closer: list[Block] = []
    signing_for: list[tuple[int, str]] = []
    for r in raws[end:sig_end]:
        t, lm = r.joined()
        if CLOSE_RE.match(strip_markers(t)):
            closer.append(Block("salute", t, r.line, line_map=lm))
        elif SIGNING_FOR_RE.match(strip_markers(t)):
            signing_for = r.lines
        else:
            closer.append(_signed(signing_for + r.lines))
            signing_for = []
    for r in raws[sig_end:stop]:
        t, lm = r.joined()
        closer.append(Block("dateline", t, r.line, line_map=lm))
        _dateline_meta(t, doc)
    if addressee is not None:
        closer.append(_addressee(addressee))
    postscript = []
    for r in raws[stop:foot_end]:
        t, lm = r.joined()
        postscript.append(Block("p", t, r.line, line_map=lm))
    return end, closer, postscript


def _signed(lines: list[tuple[int, str]]) -> Block:
    """A signature block: its lines kept (joined with line breaks)."""
    text, line_map = Raw(lines).with_line_breaks()
    return Block("signed", text, lines[0][0], line_map=line_map, cert="medium")


def _addressee(r: Raw) -> Block:
    """The addressee's name and address under the signature (``The Rt. Hon. the Earl of Home,`` /
    ``Foreign Office.``): a seg of the closer saying to whom the letter went, its lines kept."""
    text, line_map = r.with_line_breaks()
    return Block("seg", text, r.line, line_map=line_map, attrs={"type": "distribution"})


def _postscript_start(raws: list[Raw], i: int) -> int:
    """The index of the raw that opens a postscript after a signature (``P.S. …``), among the last
    blocks; ``len(raws)`` when there is none."""
    for k in range(len(raws) - 1, max(i + 1, len(raws) - 1 - _POSTSCRIPT_REACH), -1):
        if POSTSCRIPT_RE.match(raws[k].lines[0][1].lstrip()):
            return k if is_signature(raws[k - 1]) else len(raws)
    return len(raws)


def _date_only(r: Raw) -> bool:
    """A block that is a date and nothing else (``5.iii.62``, ``March 5, 1962.``)."""
    t = strip_markers(r.text).rstrip(".")
    return len(r.lines) == 1 and DATE_RE.fullmatch(t) is not None


#: the release line of a press release, which dates it (``FOR IMMEDIATE RELEASE  March 23, 1962``,
#: ``FOR RELEASE AT 6:00 P.M., EST, MARCH 23, 1962``, ``EMBARGOED FOR RELEASE …``)
RELEASE_RE = re.compile(r"^(?:FOR (?:IMMEDIATE )?RELEASE|HOLD FOR RELEASE|EMBARGOED|For (?:Immediate )?Release)\b")


#: a line of a letterhead address (``FOREIGN OFFICE, S.W.1.``, ``British Embassy,``, ``Washington, D.C.``)
_ADDRESS_LINE_MAX = 60


def _letterhead_dateline(raws: list[Raw]) -> Block | None:
    """A British letter's head: the sender's address (lines that end in a comma or full stop, with a comma
    in them: ``FOREIGN OFFICE, S.W.1.``), then a block that is only the date, then (perhaps after a
    classification) the salutation. Address and date make one dateline (the place and date of writing,
    a line break between them), so the address is not taken for the letter's title. ``None`` for any
    other top of a document (a heading that names the letter ends without punctuation)."""
    if len(raws) < 3 or not _date_only(raws[1]) or not _address(raws[0]):
        return None
    if not any(len(r.lines) == 1 and SALUTE_RE.match(r.text) for r in raws[2:4]):
        return None
    text, line_map = Raw(raws[0].lines + raws[1].lines).with_line_breaks()
    return Block("dateline", text, raws[0].line, line_map=line_map)


def _address(r: Raw) -> bool:
    """Up to four short lines of an address: the last ends in a comma or full stop, and there is a comma
    between its parts; no line is a date, a field (``TO:``) or a classification."""
    lines = [strip_markers(single_spaced(s)) for _, s in r.lines]
    return (len(lines) <= 4 and all(0 < len(t) <= _ADDRESS_LINE_MAX for t in lines)
            and lines[-1].endswith((".", ",")) and "," in " ".join(lines)
            and not any(":" in t or _classification(t) or DATE_RE.search(t) for t in lines))


#: the addressee of a Whitehall minute, on the first line (``PRIME MINISTER``, ``Foreign Secretary``,
#: ``SECRETARY OF STATE``, ``Permanent Under-Secretary``, ``Chancellor of the Exchequer``)
MINUTE_ADDRESSEE_RE = re.compile(
    r"^(?:THE\s+)?(?:PRIME\s+MINISTER|FOREIGN\s+SECRETARY|HOME\s+SECRETARY|COMMONWEALTH\s+SECRETARY|"
    r"COLONIAL\s+SECRETARY|DEFENCE\s+SECRETARY|SECRETARY\s+OF\s+STATE|LORD\s+PRIVY\s+SEAL|"
    r"CHANCELLOR\s+OF\s+THE\s+EXCHEQUER|MINISTER\s+OF\s+(?:STATE|DEFENCE)|(?:PERMANENT\s+)?UNDER-SECRETARY|"
    r"PRIVATE\s+SECRETARY|CABINET\s+SECRETARY)\.?$",
    re.IGNORECASE,
)


def _minute_addressee(raws: list[Raw]) -> bool:
    """A minute: its first block is one line naming the minister or official it is addressed to, and it
    ends with a signature (initials, perhaps with the date under them) among its last blocks."""
    return (len(raws) > 2 and len(raws[0].lines) == 1 and MINUTE_ADDRESSEE_RE.match(strip_markers(raws[0].text)) is not None
            and any(is_signature(r) for r in raws[max(2, len(raws) - 4):]))


def _subject_line(r: Raw) -> bool:
    """A minute's subject line under the addressee: one short line without closing punctuation
    (``Berlin: Contingency Planning``)."""
    t = strip_markers(r.text)
    return len(r.lines) == 1 and 0 < len(t.split()) <= 12 and t[0].isupper() and not t.endswith((".", ",", ";", "?", "!"))


def _office_line(r: Raw) -> bool:
    """One short line in title case that names an office (``Office of the White House Press Secretary``)."""
    t = strip_markers(r.text)
    return len(r.lines) == 1 and _title_line(t) and len(t.split()) >= 2


def _release_lines(raws: list[Raw], i: int, doc: Document) -> int:
    """A press release's release line (its dateline: the date of the document) and the heading in
    capitals after it, which says what is released (``REMARKS OF THE PRESIDENT AT …``: the title);
    the index of the first raw after them."""
    if i >= len(raws) or len(raws[i].lines) != 1 or not RELEASE_RE.match(raws[i].text):
        return i
    t, lm = raws[i].joined()
    doc.blocks.append(Block("dateline", t, raws[i].line, line_map=lm))
    doc.meta.setdefault("dateline", t)
    i += 1
    if i < len(raws) and len(raws[i].lines) <= 3 and raws[i].text.isupper() and is_heading(raws[i]):
        t, lm = raws[i].joined()
        doc.blocks.append(Block("head", t, raws[i].line, line_map=lm))
        doc.meta["title"] = " ".join(t.split())
        i += 1
    return i


def _cable_line(s: str) -> bool:
    return bool(CABLE_FIELD_RE.match(s) or _classification(s) or FORM_NUMBER_RE.match(s))


#: the number a form gives a document among a post's airgrams or despatches (``A-412``, ``CA-1234``,
#: ``No. 512``), on a line of its own in the form's head
FORM_NUMBER_RE = re.compile(r"^(?:[A-Z]{1,3}-\d{1,5}|No\.\s?\d{1,5})$")


def _letterhead(r: Raw) -> bool:
    """A sender's letterhead in capitals on one line (``DEPARTMENT OF STATE``), not a classification."""
    t = strip_markers(r.text)
    return (len(r.lines) == 1 and t.isupper() and ":" not in t and len(t.split()) <= 6
            and not _DIGIT_RE.search(t) and not _classification(t))


_DIGIT_RE = re.compile(r"\d")


def _classification(s: str) -> bool:
    """A classification line: ``SECRET``, ``LIMITED OFFICIAL USE``, ``C O N F I D E N T I A L SECTION 01 OF 02``."""
    if CABLE_CLASSIFICATION_RE.match(s):
        return True
    m = SPACED_CLASSIFICATION_RE.match(s)
    return bool(m and CABLE_CLASSIFICATION_RE.match(m["letters"].replace(" ", "")))


#: a heading that only names the form of the document (``TELEGRAM``, ``AIRGRAM``, ``Incoming Telegram``)
FORM_NAME_RE = re.compile(r"^(?:(?:incoming|outgoing|department of state)\s+)?(?:telegram|airgram|cable|despatch|dispatch)\.?$",
                          re.IGNORECASE)


def _cable_fields(raws: list[Raw], i: int, doc: Document) -> tuple[int, list[Block]]:
    """The address fields and classification lines of a cable from ``raws[i]`` on (see the module
    docstring): the blocks made, and the index of the first block that is not fields."""
    out: list[Block] = []
    opener = Block("opener", "", raws[i].line if i < len(raws) else 0)
    in_opener = True
    start = i
    while i < len(raws) and all(_cable_line(" ".join(s.split())) for _, s in raws[i].lines):
        for n, s in raws[i].lines:
            s = " ".join(s.split())
            field = CABLE_FIELD_RE.match(s)
            label = (field["label"] or field["bare"] or "DTG").upper() if field else ""
            value = (field["value"] or field["bare_value"] or field["dtg"]) if field else ""
            if in_opener and (not field or label in CABLE_ADDRESS or label in ("DATE", "DTG")):
                if not field:
                    kind = "registryNumber" if FORM_NUMBER_RE.match(s) else "classification"
                    opener.children.append(Block("seg", s, n, attrs={"type": kind}))
                elif label in CABLE_ADDRESS:
                    opener.children.append(Block("seg", s, n, attrs={"type": "distribution"}))
                    if label in ("FROM", "FM"):
                        doc.meta.setdefault("from_field", (value, n))
                else:
                    opener.children.append(Block("dateline", s, n))
                    doc.meta.setdefault("dateline", value)
                continue
            in_opener = False
            out.append(Block("p", s, n))
            if label in ("SUBJECT", "SUBJ") and ("title" not in doc.meta or doc.div_type == Document.div_type
                                                 or FORM_NAME_RE.match(doc.meta["title"])):
                # no heading, or one that does not say what the document is (a letterhead: THE WHITE HOUSE;
                # the name of the form: TELEGRAM, AIRGRAM)
                doc.meta["title"] = value.strip()
                doc.decide(n, "plain.title", "title: the subject line (the document has no heading naming it)",
                           "the heading as title" if doc.blocks else "no title", "medium")
        i += 1
    if all(b.attrs.get("type") in ("classification", "registryNumber") for b in opener.children) and not out:
        return start, []  # classification lines (and a number) alone are not a cable's header
    for b in opener.children:
        if b.attrs.get("type") == "classification":
            doc.meta.setdefault("classification", b.text.rstrip("."))
    addressed = [b.text for b in opener.children if b.attrs.get("type") == "distribution"]
    if doc.div_type == Document.div_type and addressed:
        # addressed from one post to another; a memorandum names its addressee "MEMORANDUM FOR …"
        doc.div_type = "memorandum" if any(a.upper().startswith("MEMORANDUM") for a in addressed) else "telegram"
    return i, ([opener] if opener.children else []) + out


def _telegram_pages(raws: list[Raw], doc: Document) -> list[Raw]:
    """A telegram as the State Department's systems print it: each page opens with its classification
    and a page header (``PAGE 02 MOSCOW 04512 01 OF 02 151432Z``) and the last page ends with the
    classification. The page headers, and the classification lines next to them or at the end (except
    the first line, which classifies the document), go to ``doc.dropped``; a page break stands where a
    later page begins: inside the paragraph when the text before it does not end a sentence, else as
    a block of its own (a raw holding the ``PB`` character)."""
    lines = [(n, " ".join(t.split())) for r in raws for n, t in r.lines]
    pages = [k for k, (_n, t) in enumerate(lines) if TELEGRAM_PAGE_RE.match(t)]
    if not pages:
        return raws
    classification = lines[0][1] if _classification(lines[0][1]) else None
    drop: dict[int, str] = {}
    for k in pages:
        drop[k] = "page header of a telegram"
        for j in (k - 1, k + 1):
            if 0 < j < len(lines) and classification and lines[j][1] == classification:
                drop[j] = "classification at a page break"
    if classification and len(lines) > 1 and lines[-1][1] == classification:
        drop[len(lines) - 1] = "classification at the end"
    number = {k: int(TELEGRAM_PAGE_RE.match(lines[k][1])["page"]) for k in pages}
    breaks = {k for k in pages if number[k] > 1}
    # each break opens the page its header numbers (pb/@n, given by the writer)
    doc.meta["page_numbers"] = [str(number[k]) for k in sorted(breaks)]
    if 1 in number.values():  # "PAGE 01 …" heads the first page: no break opens it, the writer puts one at the start
        doc.meta["first_page_number"] = "1"
    out: list[Raw] = []
    pending_break = False
    k = 0
    for r in raws:
        kept: list[tuple[int, str]] = []
        for n, t in r.lines:
            if k in breaks:
                pending_break = True
            if k in drop:
                doc.dropped.append(Dropped(n, " ".join(t.split()), drop[k]))
            else:
                if pending_break:
                    kept, t = _page_turn(out, kept, n, t)
                    pending_break = False
                kept.append((n, t))
            k += 1
        if kept:
            out.append(Raw(kept))
    return out


def _page_turn(out: list[Raw], kept: list[tuple[int, str]], n: int, t: str) -> tuple[list[tuple[int, str]], str]:
    """A later page begins with line ``n`` (text ``t``): inside the paragraph being read (``kept``), or
    inside the one before when that does not end a sentence (it is taken up again from ``out``), the
    line then starts with ``PB``; else the break is a raw of its own, appended to ``out``."""
    if not kept and out and out[-1].lines[0][1] != PB and not ends_sentence(out[-1].lines[-1][1].rstrip()):
        kept = out.pop().lines
    if kept:
        return kept, PB + t.lstrip()
    out.append(Raw([(n, PB)]))
    return kept, t


def _trailing_signature(raws: list[Raw]) -> list[Raw]:
    """A telegram's signature on the line after its last paragraph (``… CAREFULLY.`` / ``STOESSEL``):
    a block of its own, so that the closer finds it."""
    if not raws or len(raws[-1].lines) < 2:
        return raws
    last = raws[-1]
    n, sig = last.lines[-1]
    sig = sig.strip()
    if sig.isupper() and 1 <= len(sig.split()) <= 3 and re.fullmatch(r"[A-Z][A-Z.’' -]+", sig) \
            and ends_sentence(last.lines[-2][1].rstrip()):
        return raws[:-1] + [Raw(last.lines[:-1]), Raw([last.lines[-1]])]
    return raws


def _list_item_block(r: Raw) -> bool:
    t = strip_markers(r.text)
    if len(r.lines) != 1 or len(t) > 80 or not t:
        return False
    if t[-1] in ".?!:;" and not t.endswith(")"):
        return False
    if re.match(r"^[A-Z][\w.'’ -]{0,40}:\s", t):
        return False
    return t[0].isupper() or t[0] == "("


DOC_TYPES = [
    (r"\btelegram\b|\bcable\b|\bairgram\b", "telegram"),
    (r"\bmemorandum of (?:a )?conversation\b|\brecord of (?:a )?conversation\b|\bmemcon\b", "recordOfConversation"),
    (r"\btelephone conversation\b|\btranscript\b|\bconversation between\b|\btape\b", "transcript"),
    (r"\bminutes\b|\bnotes (?:on|of) (?:a |the )?(?:\w+ )*meeting\b|\brecord of (?:a )?meeting\b|\bsummary of (?:a )?meeting\b", "minutes"),
    (r"\bletter\b|\bmessage\b|\bnote from\b", "letter"),
    (r"\beditorial note\b", "editorialNote"),
    (r"\bresolution\b|\bdecision\b", "resolution"),
    (r"\breport\b", "report"),
    (r"\bmemorandum\b|\bmemo\b|\bpaper\b|\bstudy\b", "memorandum"),
]


def div_type_from_heading(title: str) -> str:
    t = title.lower()
    for pat, kind in DOC_TYPES:
        if re.search(pat, t):
            return kind
    return "section"


# --------------------------------------------------------------------------- structure of read paragraphs


def lines_of(b: Block) -> list[tuple[int, str]]:
    """(source line, text) of each line of a paragraph a reader made, from its line map."""
    starts = b.line_map or [(0, b.line)]
    return [(ln, b.text[off:starts[k + 1][0] if k + 1 < len(starts) else len(b.text)].strip())
            for k, (off, ln) in enumerate(starts)]


def _raw_of(b: Block) -> Raw:
    return Raw(lines_of(b))


def structure_paragraphs(doc: Document) -> None:
    """The heading, dateline, salutation and closer among the paragraphs of a reader that finds only
    paragraphs (the PDF text reader): the same tests as a plain document's, on the first and last
    paragraphs. A document whose first paragraph is prose is left as it is."""
    blocks = doc.blocks
    i = 0
    if blocks and blocks[0].kind == "p" and is_heading(_raw_of(blocks[0])):
        head = blocks[0]
        head.kind = "head"
        _heading_meta(head.text, doc)
        i = 1
    if i and i < len(blocks) and blocks[i].kind == "p" and len(_raw_of(blocks[i]).lines) == 1 and dateline_date(blocks[i].text):
        line = blocks[i]
        line.kind = "dateline"
        _dateline_meta(line.text, doc)
        i += 1
    if i < len(blocks) and blocks[i].kind == "p" and len(_raw_of(blocks[i]).lines) == 1 and SALUTE_RE.match(blocks[i].text):
        salute = blocks[i]
        salute.kind = "salute"
        blocks[i] = Block("opener", "", salute.line, children=[salute])
        i += 1
    end = len(blocks)
    while end > i + 1 and blocks[end - 1].kind == "p" and is_signature(_raw_of(blocks[end - 1])):
        end -= 1
    if end == len(blocks):
        return
    if end > i + 1 and blocks[end - 1].kind == "p" and len(_raw_of(blocks[end - 1]).lines) == 1 \
            and CLOSE_RE.match(strip_markers(blocks[end - 1].text)):
        end -= 1
    closer = []
    for b in blocks[end:]:
        if CLOSE_RE.match(strip_markers(b.text)):
            b.kind = "salute"
        else:
            b.kind, b.cert = "signed", "medium"
            lines = _raw_of(b).lines
            if len(lines) > 1:  # a signature block keeps its lines
                b.text = "\n".join(s for _, s in lines)
                b.line_map = [(sum(len(s) + 1 for _, s in lines[:k]), ln) for k, (ln, _s) in enumerate(lines)]
        closer.append(b)
    del blocks[end:]
    blocks.append(Block("closer", "", closer[0].line, children=closer))
    doc.decide(closer[0].line, "plain.closer", "closing lines read as signature block", "paragraphs", "medium")
