"""Records captured from a web archive (``--layout web-record``), like sample 000.

The page text is one paragraph per line; paragraphs are separated by lines that are blank or hold only
(no-break) spaces. From the top:

* opener lines: a byline (``from the journal of`` + the name on the next line), a classification and
  copy number (``Top Secret. Copy Nº 2``), a date, a registry number (``Nº 149 [SIC]``);
* a heading (an upper-case first line, possibly running over two lines);
* a date line;
* the body, one paragraph per line;
* a signature block (upper-case office line, ``(S. KUDRYAVTSEV)``), and directly after it the
  record's summary;
* the labelled metadata trailer (``Author(s):``, ``Associated Places`` … ``Donors``), which becomes
  the header; ``Explore Related Resources`` with its ``[image: …]`` caption and teaser is not part of
  the document (the related title is kept in the header).
"""

from __future__ import annotations

import re

from ..model import Block, Document, Dropped
from .plain import DATE_RE

NAME = "web-record"

TRAILER_LABELS = {
    "Author(s):": "catalogue_authors",
    "Author(s)": "catalogue_authors",
    "Authors": "catalogue_authors",
    "Associated People & Organizations": "associated_people",
    "Associated Places": "places",
    "Associated Topics": "topics",
    "Subjects Discussed": "subjects",
    "Document Information": None,
    "Source": "source_statement",
    "Original Archive": "archive",
    "Rights": "rights",
    "Original Uploaded Date": "uploaded",
    "Original Upload Date": "uploaded",
    "Type": "record_type",
    "Language": "original_language",
    "Record ID": "record_id",
    "Donors": "donors",
    "Translated by": "translated_by",
    "Related Documents": "related_documents",
    "Explore Related Resources": "related",
}
BYLINE_RE = re.compile(r"^(?:from|From|FROM) the (?:journal|diary|papers|notes|files|records) of\b.*$")
CLASSIFICATION_RE = re.compile(
    r"^(?P<cls>(?:Top Secret|TOP SECRET|Secret|SECRET|Confidential|CONFIDENTIAL|Strictly Confidential|"
    r"Eyes Only|Classified|Restricted|Unclassified)\.?)\s*(?P<copy>(?:Copy|COPY) (?:N[º°o]\.?|No\.?|#)\s*\d+\.?)?\s*$"
)
COPY_RE = re.compile(r"^(?:Copy|COPY) (?:N[º°o]\.?|No\.?|#)\s*(?P<n>\d+)\.?$")
REGISTRY_RE = re.compile(r"^(?:N[º°o]|No\.|#)\s*(?P<n>\d+[\w/-]*)(?P<rest>.*)$")
SIGNATURE_NAME_RE = re.compile(r"^\((?:[A-ZА-Я]\.\s*){1,3}[A-ZА-Я][\w’'-]+\)$|^\([A-ZА-Я][\w .’'-]+\)$")


def trailer_label(line: str) -> tuple[str, str] | None:
    """(label, value on the same line) when ``line`` opens with a trailer label, with or without its
    colon: "Associated Places", "Record ID:", "Record ID: 123456"."""
    s = " ".join(line.replace("\t", " ").split())
    if s in TRAILER_LABELS:
        return s, ""
    head, colon, value = s.partition(":")
    if colon and head in TRAILER_LABELS:
        return head, value.strip()
    if s.startswith("Author(s):"):
        return "Author(s):", s[len("Author(s):"):].strip()
    return None


def _is_sep(line: str) -> bool:
    return line.strip() == ""


#: the trailer labels whose lines make a web record likely (each looked for as a line only where the text has it)
DETECT_LABELS = ("Author(s)", "Associated Places", "Original Archive", "Record ID", "Original Uploaded Date",
                 "Subjects Discussed", "Explore Related Resources")


def detect(text: str) -> float:
    score = 0.0
    if "\u00a0" in text and re.search(r"^\u00a0\s*$", text, re.M):
        score += 0.3
    labels = sum(1 for lab in DETECT_LABELS if lab in text and re.search(rf"^\s*{re.escape(lab)}\s*(?::|$)", text, re.M))
    score += 0.15 * labels
    return min(score, 1.0)


def _trailer_start(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        found = trailer_label(line)
        if found and found[0] in ("Author(s):", "Author(s)"):
            return i
    # no author label: the first known label line followed by trailer-like material
    for i, line in enumerate(lines):
        if trailer_label(line) and i > len(lines) // 3:
            return i
    return len(lines)


def read(text: str, doc: Document) -> None:
    """The record's opener, heading, body, signature and summary, its trailer into the metadata; a
    body of speaker turns ("Mao Zedong: …") is read as a transcript's turns."""
    from . import transcript

    _read_record(text, doc)
    if transcript.has_turns(doc.blocks):
        _take_summary_after_turns(doc)
        transcript.group_turns(doc)


#: a person speaking in the first or second person: words of a turn, not the record's summary
_FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I’m|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b")  # (not "US")


def _take_summary_after_turns(doc: Document) -> None:
    """A record of a conversation with no signature ends in its summary ("Mao discusses the rectification
    campaign with Pham Van Dong."): the last paragraph of the body, when no label opens it, it says no
    "I", "we" or "you" and asks nothing, goes to the header's abstract (medium: it could be the last
    speaker's words)."""
    from . import transcript

    if doc.meta.get("abstract") or not doc.blocks or doc.blocks[-1].kind != "p":
        return
    last = doc.blocks[-1]
    if (transcript.speaker_label(last.text) or len(last.line_map) > 1 or last.text.endswith("?")
            or _FIRST_OR_SECOND_PERSON.search(last.text) or last.text.startswith(("[", "("))):
        return
    doc.blocks.pop()
    doc.meta["abstract"] = last.text
    doc.meta["abstract_line"] = last.line
    doc.dropped.append(Dropped(last.line, last.text, "the record's summary: moved to profileDesc/abstract", to_header=True))
    doc.decide(last.line, "web-record.summary", "the paragraph after the last turn read as the record's summary",
               "the last speaker's words", "medium")


def _read_record(text: str, doc: Document) -> None:
    lines = text.split("\n")
    t0 = _trailer_start(lines)
    body_lines = [(i + 1, lines[i]) for i in range(t0)]
    _read_trailer(lines, t0, doc)
    doc.meta.setdefault("hyphenation", "none")
    # paragraphs: one per non-separator line
    paras = [(n, " ".join(s.split())) for n, s in body_lines if not _is_sep(s)]
    blocks_sep: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for n, s in body_lines:
        if _is_sep(s):
            if cur:
                blocks_sep.append(cur)
                cur = []
        else:
            cur.append((n, s))
    if cur:
        blocks_sep.append(cur)
    if not any(_is_heading_start(" ".join(blk[0][1].split())) and not CLASSIFICATION_RE.match(" ".join(blk[0][1].split()))
               and not BYLINE_RE.match(" ".join(blk[0][1].split())) for blk in blocks_sep):
        # no upper-case heading block: the body is read as a plain document (its heading, dateline,
        # salutation, closer and signature), the record's summary after the signature going to the header
        _read_body_as_plain(lines[:t0], doc)
        return
    i = 0
    opener = Block("opener", "", paras[0][0] if paras else 1)
    head_found = False
    # --- opener and heading: the blocks before the first upper-case heading block
    while i < len(blocks_sep) and not head_found:
        blk = blocks_sep[i]
        first = " ".join(blk[0][1].split())
        if _is_heading_start(first) and not CLASSIFICATION_RE.match(first) and not BYLINE_RE.match(first):
            head_lines = [" ".join(s.split()) for _, s in blk]
            doc.blocks.append(Block("head", "\n".join(head_lines), blk[0][0],
                                    line_map=_line_map(blk)))
            doc.meta.setdefault("title", _title_case(" ".join(head_lines)))
            doc.div_type = _div_type(" ".join(head_lines))
            head_found = True
            i += 1
            break
        j = 0
        while j < len(blk):
            n, s = blk[j]
            s = " ".join(s.split())
            if BYLINE_RE.match(s):
                text_ = s
                lm = [(0, n)]
                if j + 1 < len(blk):
                    nn, ns = blk[j + 1]
                    ns = " ".join(ns.split())
                    lm.append((len(text_) + 1, nn))
                    text_ = text_ + "\n" + ns
                    j += 1
                    doc.meta.setdefault("byline_name", ns)
                opener.children.append(Block("byline", text_, n, line_map=lm))
            elif CLASSIFICATION_RE.match(s):
                m = CLASSIFICATION_RE.match(s)
                cls = m.group("cls")
                opener.children.append(Block("seg", cls, n, attrs={"type": "classification"}))
                doc.meta.setdefault("classification", cls.rstrip("."))
                if m.group("copy"):
                    opener.children.append(Block("seg", m.group("copy"), n, attrs={"type": "copyNumber"},
                                                 line_map=[(0, n)]))
            elif COPY_RE.match(s):
                opener.children.append(Block("seg", s, n, attrs={"type": "copyNumber"}))
            elif DATE_RE.fullmatch(s.rstrip(".")):
                opener.children.append(Block("dateline", s, n))
                doc.meta.setdefault("record_date_text", s)
            elif REGISTRY_RE.match(s):
                opener.children.append(Block("seg", s, n, attrs={"type": "registryNumber"}))
            elif _catalogue_title(s, opener, doc):
                doc.meta["record_title"] = s
                doc.dropped.append(Dropped(n, s, "the record's catalogue title: moved to sourceDesc/bibl/title", to_header=True))
            elif FUNDER_RE.match(s):
                _funder_statement(n, s, doc)
            else:
                opener.children.append(Block("seg", s, n, attrs={"type": "archivalAnnotation"}, cert="low"))
                doc.decide(n, "web-record.opener", f"opener line kept as archival annotation: {s!r}", "paragraph", "low")
            j += 1
        i += 1
    if opener.children:
        doc.blocks.insert(0, opener)
    if not head_found:
        # no heading: everything read as body from the start
        i = 0
        doc.blocks = [b for b in doc.blocks if b.kind != "opener"]
    elif i < len(blocks_sep) and len(blocks_sep[i]) == 1 and _head_continuation(blocks_sep[i][0][1]):
        _continue_head(doc, blocks_sep[i][0])
        i += 1
    # --- date line after the heading
    if i < len(blocks_sep) and len(blocks_sep[i]) == 1:
        s = " ".join(blocks_sep[i][0][1].split())
        if DATE_RE.fullmatch(s.rstrip(".")):
            doc.blocks.append(Block("dateline", s, blocks_sep[i][0][0]))
            doc.meta.setdefault("setting_date_text", s)
            if head_found and "title" in doc.meta:
                doc.meta["title"] = f"{doc.meta['title']}, {s.rstrip('.')}"
            i += 1
    # --- body, signature block and summary
    rest = [ln for blk in blocks_sep[i:] for ln in blk]
    sig_at = _signature_start(rest)
    body = rest[:sig_at] if sig_at is not None else rest
    for n, s in body:
        doc.blocks.append(Block("p", " ".join(s.split()), n))
    if sig_at is not None:
        sig = rest[sig_at:]
        recorded = RECORDED_BY_RE.match(sig[0][1].strip()) is not None
        signed: list[tuple[int, str]] = []
        k = 0
        while k < len(sig) and len(signed) < 4:
            n, s = sig[k]
            if (s.startswith(" ") or recorded) and len(s.strip()) > 80 and signed:
                break
            signed.append((n, " ".join(s.split())))
            k += 1
            if SIGNATURE_NAME_RE.match(signed[-1][1]):
                break
        text_ = "\n".join(s for _, s in signed)
        lm, pos = [], 0
        for n, s in signed:
            lm.append((pos, n))
            pos += len(s) + 1
        doc.blocks.append(Block("closer", "", signed[0][0], children=[Block("signed", text_, signed[0][0], line_map=lm)]))
        summary = [(n, " ".join(s.split())) for n, s in sig[k:]]
        if summary:
            doc.meta["abstract"] = " ".join(s for _, s in summary)
            doc.meta["abstract_line"] = summary[0][0]
            for n, s in summary:
                doc.dropped.append(Dropped(n, s, "the record's summary: moved to profileDesc/abstract", to_header=True))


#: the web archive's statement of who paid for the record's translation or publication, between its
#: catalogue title and the document ("This document was made possible with support from the Leon Levy
#: Foundation.")
FUNDER_RE = re.compile(
    r"^This (?:document|record|translation|item) was made possible (?:with|by|through) (?:the )?(?:generous )?"
    r"(?:support|funding|a grant) (?:from|of) (?:the )?(?P<org>[A-Z][^.]{2,120})\.?$")


def _catalogue_title(s: str, opener: Block, doc: Document) -> bool:
    """The archive's title of the record, on the line under the record's date above the document's own
    upper-case heading (``March 16, 1962`` / ``Record of Conversation between N. S. Khrushchev and …``):
    a line in sentence or title case with no closing full stop, the first such line."""
    return (bool(opener.children) and opener.children[-1].kind == "dateline" and "record_title" not in doc.meta
            and s[:1].isupper() and not s.isupper() and not s.endswith((".", ",", ";", ":")) and len(s.split()) <= 30)


def _funder_statement(n: int, s: str, doc: Document) -> None:
    """The funder statement goes to the header word for word (a catalogue note of the record) and its
    funder to the record's donors, unless the trailer lists it already."""
    doc.meta.setdefault("unparsed", []).append(s)
    org = FUNDER_RE.match(s)["org"].strip()
    donors = doc.meta.setdefault("donors", [])
    if org not in donors:
        donors.append(org)
    doc.dropped.append(Dropped(n, s, "the web archive's funder statement: moved to sourceDesc/bibl (note, donor)", to_header=True))


def _read_body_as_plain(body: list[str], doc: Document) -> None:
    """The body of a record without an upper-case heading, read as a plain document. The record's summary
    follows the signature: when the body without its last paragraph ends in a closer, that paragraph is
    the summary (moved to the header)."""
    from . import plain

    last = max((k for k, s in enumerate(body) if not _is_sep(s)), default=None)
    start = last
    while start is not None and start > 0 and not _is_sep(body[start - 1]):
        start -= 1
    if start is not None:
        trial = Document(doc.path, doc.layout)
        plain.read("\n".join(body[:start]), trial)
        if trial.blocks and trial.blocks[-1].kind == "closer":
            summary = [(n + 1, " ".join(body[n].split())) for n in range(start, last + 1)]
            doc.meta["abstract"] = " ".join(s for _, s in summary)
            doc.meta["abstract_line"] = summary[0][0]
            for n, s in summary:
                doc.dropped.append(Dropped(n, s, "the record's summary: moved to profileDesc/abstract", to_header=True))
            doc.decide(summary[0][0], "web-record.summary", "the paragraph after the signature read as the record's summary",
                       "a paragraph of the document", "medium")
            body = body[:start]
    plain.read("\n".join(body), doc)


def _line_map(blk):
    lm, pos = [], 0
    for n, s in blk:
        s = " ".join(s.split())
        lm.append((pos, n))
        pos += len(s) + 1
    return lm


def _is_heading_start(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 6:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) > 0.8 and not DATE_RE.search(s) and not REGISTRY_RE.match(s)


#: the line of a record of conversation that names who wrote it down (``Recorded by V. Sukhodrev``,
#: the Russian ``Записал``), at its foot
RECORDED_BY_RE = re.compile(r"^(?:Recorded|Record (?:made|compiled|taken)|Notes? (?:taken|made)|Written down|Compiled)"
                            r" by\b.{1,60}$")
#: how many lines from the end a "Recorded by" line may stand (a signature or date may follow it)
_RECORDED_BY_REACH = 3
#: the first word of a heading's second line after a separator (``RECORD OF CONVERSATION`` /
#: ``between Chairman … KHRUSHCHEV and US Ambassador L. THOMPSON``)
_HEAD_CONTINUATION_RE = re.compile(r"^(?:with|between|of|by)\s+\S")


def _head_continuation(line: str) -> bool:
    """A line that goes on with the heading: it opens with a preposition in lower case and is no
    sentence (short, not closed by a full stop after a word in lower case)."""
    s = " ".join(line.split())
    return len(s) <= 250 and _HEAD_CONTINUATION_RE.match(s) is not None and not re.search(r"[a-z]{2}[.!?]$", s)


def _continue_head(doc: Document, line: tuple[int, str]) -> None:
    """Add ``line`` to the heading (the last block) as its next line, and to the title."""
    head = doc.blocks[-1]
    s = " ".join(line[1].split())
    head.line_map = (head.line_map or [(0, head.line)]) + [(len(head.text) + 1, line[0])]
    head.text += "\n" + s
    doc.meta["title"] = f"{doc.meta['title']} {s}"


def _signature_start(rest: list[tuple[int, str]]) -> int | None:
    """The signature block: an upper-case office line and/or a parenthesised name near the end, or
    the line that says who recorded the conversation."""
    for k in range(len(rest) - 1, max(-1, len(rest) - 1 - _RECORDED_BY_REACH), -1):
        if RECORDED_BY_RE.match(" ".join(rest[k][1].split())):
            return k
    for k in range(len(rest) - 1, -1, -1):
        s = " ".join(rest[k][1].split())
        if SIGNATURE_NAME_RE.match(s):
            start = k
            while start > 0:
                prev = " ".join(rest[start - 1][1].split())
                if _is_heading_start(prev) and len(prev) < 120:
                    start -= 1
                else:
                    break
            return start
    return None


SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from"}


def _title_case(s: str) -> str:
    out = []
    for i, w in enumerate(s.split()):
        core = w.strip("(),.")
        if core.isupper() and (len(core) > 1 or (i > 0 and core.lower() in SMALL)) and not re.fullmatch(r"[IVXLC]+", core):
            lw = w.lower()
            if i > 0 and lw in SMALL:
                out.append(lw)
            else:
                out.append(re.sub(r"[a-zà-ÿ]", lambda m: m.group(0).upper(), lw, count=1))
        else:
            out.append(w)
    return " ".join(out)


def _div_type(heading: str) -> str:
    from .plain import div_type_from_heading

    return div_type_from_heading(heading)


def _read_trailer(lines: list[str], t0: int, doc: Document) -> None:
    """Collect the labelled trailer into ``doc.meta``; record what is moved or dropped."""
    if t0 >= len(lines):
        return
    current: str | None = None
    values: dict[str, list[tuple[int, str]]] = {}
    for i in range(t0, len(lines)):
        n, raw = i + 1, lines[i]
        s = " ".join(raw.replace("\t", " ").split())
        if not s:
            continue
        found = trailer_label(s)
        if found:
            label, value = found
            current = TRAILER_LABELS[label]
            doc.dropped.append(Dropped(n, s if not value else label, "trailer label: its value is moved to the header"))
            if current:
                values.setdefault(current, [])
                if value:
                    values[current].append((n, value))
            continue
        if current is None:
            doc.dropped.append(Dropped(n, s, "unlabelled trailer text: kept in the header as an unparsed note", to_header=True))
            values.setdefault("unparsed", []).append((n, s))
            continue
        values[current].append((n, s))
    meta = doc.meta
    for key, vals in values.items():
        if key == "related":
            kept = []
            for n, s in vals:
                if s.startswith("[image:"):
                    doc.dropped.append(Dropped(n, s, "image caption of a related resource: not part of the document"))
                elif not kept:
                    kept.append(s)
                    doc.dropped.append(Dropped(n, s, "related resource title: kept as relatedItem in the header", to_header=True))
                else:
                    doc.dropped.append(Dropped(n, s, "teaser of a related resource: another item's abstract, dropped"))
            meta["related"] = kept
            continue
        for n, s in vals:
            doc.dropped.append(Dropped(n, s, f"trailer value ({key}): moved to the header", to_header=True))
        items = [s for _, s in vals]
        if key in ("catalogue_authors", "places", "topics", "subjects", "donors", "rights", "associated_people", "unparsed", "related_documents"):
            meta[key] = items
        else:
            meta[key] = " ".join(items)
