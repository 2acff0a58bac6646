"""Text extracted from a PDF (``--layout pdf-text``): hard-wrapped lines, page and block signatures.

The PDF-to-text tool leaves the page layout in the whitespace, and this reader turns it back into
paragraphs, page breaks and block quotations:

* **lines** are joined into paragraphs with single spaces; a line-end hyphen is kept when the
  compound is attested in the text or in a list (``so-called``, ``twenty-four``), dropped when the
  joined word is attested (or the second half is a word ending such as ``-ment``), and otherwise kept
  with a low-certainty decision; a soft hyphen U+00AD at a line end is removed;
* **page breaks** are the tool's page signature (see :class:`Profile`): inside a paragraph they
  become the ``PB`` character before the first word of the new page, between paragraphs a ``pb``
  block; a page break never closes a paragraph by itself. Page numbers and running heads/feet next to
  page breaks go to ``doc.dropped``;
* **block quotations** need two signals: the tool's block boundary around the passage *and* a
  line ending in ``:`` just before it; one signal alone gives plain paragraphs;
* **paragraphs** are not marked by the tool, so they are inferred from the line widths (``W`` = the
  90th percentile of the line lengths, estimated per region between block boundaries, because block
  quotations are set narrower than the body):

  - rule A (no ``@cert``): a line ending in sentence punctuation shorter than ``SHORT_LINE`` × W,
    or a line ending in two or more spaces;
  - rule B (``cert="medium"``): a line ending in sentence punctuation where the next line's first
    word would have fitted: ``len(line) + 1 + len(word) <= FITS × W`` (a paragraph's first line may
    be indented, so for it the bound is ``(FITS - INDENT) × W``);
  - weak signals (``cert="medium"``): an enumerator ("First,", "Second,", "2.") after a sentence
    end; a next line that is itself indented (its own next word would have fitted by a margin); a
    line shorter than ``VERY_SHORT_LINE`` × W without final punctuation (a heading, a list item, a
    name) when the next line does not go on in lower case.

  Every medium boundary is also recorded with ``doc.decide(…, "pdf-text.paragraph", …)``.

Two whitespace profiles are known: :data:`INTERLEAVED` (every text line followed by one empty line,
pages separated by three empty lines and a space-only line, blocks by one empty line and a
space-only line: the tool of sample 002) and :data:`PLAIN` (hard-wrapped lines, blank lines between
paragraphs or none, form feeds between pages, as ``pdftotext`` writes them; a block is a run of lines
indented deeper than the body). :func:`read` chooses
the one that fits the text; a caller may pass its own :class:`Profile`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..model import PB, Block, Document, Dropped
from .linejoin import JOINED_ENDS, SENTENCE_END, Joiner, ends_sentence, single_spaced
from .plain import structure_paragraphs, take_detected

NAME = "pdf-text"

#: rule A: a line shorter than this share of the region's width, ending a sentence, ends a paragraph
SHORT_LINE = 0.8
#: rule B: the next word "would have fitted" when line + space + word <= this share of the width
FITS = 0.98
#: the share of the width by which a paragraph's first line may be indented
INDENT = 0.05
#: a line shorter than this share of the width ends a paragraph even without final punctuation
VERY_SHORT_LINE = 0.5
#: the percentile of the line lengths taken as the region's line width
WIDTH_PERCENTILE = 0.9
#: a region with fewer lines than this takes the width pooled over all regions of its kind
MIN_REGION_LINES = 10

PARAGRAPH_RULE = "pdf-text.paragraph"
BLOCK_RULE = "pdf-text.block"


@dataclass(frozen=True)
class Profile:
    """The whitespace signatures of one PDF-to-text tool."""

    name: str
    #: empty lines the tool writes after every text line (0: plain hard-wrapped lines)
    line_gap: int = 1
    #: a whitespace-only line after at least this many empty lines starts a new page (None: no such signature)
    page_break_empty: int | None = 3
    #: a whitespace-only line after exactly this many empty lines opens or closes a block quotation
    block_empty: int | None = 1
    #: a form feed starts a new page
    form_feed: bool = True
    #: a line ending in at least this many spaces ends a paragraph (None: the tool gives no such signal)
    paragraph_end_spaces: int | None = 2
    #: a run of two or more lines indented at least this much deeper than the body is a block (None: no such signature)
    block_indent: int | None = None


#: the tool of sample 002: text line + empty line; page = 3 empty lines + a space-only line;
#: block quotation boundary = 1 empty line + a space-only line
INTERLEAVED = Profile("interleaved")
#: ``pdftotext`` style: hard-wrapped lines, blank lines between paragraphs, form feeds between pages;
#: a block quotation is a run of lines indented deeper than the body
PLAIN = Profile("plain", line_gap=0, page_break_empty=None, block_empty=None, block_indent=3)

ENUMERATOR = re.compile(
    r"^(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Firstly|Secondly|Thirdly|"
    r"Finally|Lastly)\b[,:]?|\(?\d{1,2}[.)]\s|\([a-z]\)\s)"
)
SENTENCE_SPLIT = re.compile(r"(?<=[.?!])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9])")
# ---------------------------------------------------------------------------------------------------
# scanning: text lines and the whitespace events between them


@dataclass(slots=True)
class Line:
    no: int
    text: str  #: the line's words joined with single spaces
    trailing: int  #: spaces after the last word
    events: list[str] = field(default_factory=list)  #: what stands between the previous line and this one
    indent: int = 0  #: spaces before the first word (a tab counts as 8)

    @property
    def width(self) -> int:
        return len(self.text)

    @property
    def first_word(self) -> str:
        return self.text.split(" ", 1)[0]


def _form_feed_pieces(raw: str):
    """The pieces of a line with form feeds: ("T", piece) text, ("S", piece) blank, ("F", "") a form feed."""
    for k, piece in enumerate(raw.split("\f")):
        if k:
            yield "F", ""
        if piece.strip():
            yield "T", piece
        elif piece:
            yield "S", piece


def _gap_events(gap: str, profile: Profile) -> list[str]:
    """Interpret the empty ("E"), blank ("S") and form-feed ("F") lines between two text lines."""
    events: list[str] = []
    signatures = profile.page_break_empty is not None or profile.block_empty is not None
    run = 0  # empty lines since the last whitespace-only line or form feed
    for kind in gap:
        if kind == "E" or (kind == "S" and not signatures):
            run += 1
        elif kind == "F":
            events.append("pb")
            run = 0
        else:  # a whitespace-only line: a signature of the tool
            if profile.page_break_empty is not None and run >= profile.page_break_empty:
                events.append("pb")
            elif profile.block_empty is not None and run == profile.block_empty:
                events.append("block")
            else:
                events.append("para")
            run = 0
    # more empty lines than the tool puts after every line separate paragraphs, except around a
    # form feed, where they belong to the page break
    if run > profile.line_gap and "F" not in gap:
        events.append("para")
    return events


def scan(text: str, profile: Profile) -> tuple[list[Line], list[str]]:
    """Text lines with the events (``pb``, ``block``, ``para``) of the whitespace before each, and
    the events after the last line.

    The kinds of the lines between two text lines (``gap``) are a string, "E" an empty line, "S" a
    whitespace-only one, "F" a form feed: the gap after every line of the tool (``usual``) gives no
    event and is told by one comparison. A line is split at form feeds only where it has one."""
    lines: list[Line] = []
    gap = ""
    usual = "E" * profile.line_gap
    form_feeds = profile.form_feed and "\f" in text
    for no, raw in enumerate(text.split("\n"), 1):
        if form_feeds and "\f" in raw:
            for kind, piece in _form_feed_pieces(raw):
                if kind == "T":
                    lines.append(_line(no, piece, piece.rstrip(), [] if not lines or gap == usual else _gap_events(gap, profile)))
                    gap = ""
                else:
                    gap += kind
            continue
        stripped = raw.rstrip()
        if not stripped:
            gap += "S" if raw else "E"
            continue
        lines.append(_line(no, raw, stripped, [] if not lines or gap == usual else _gap_events(gap, profile)))
        gap = ""
    return lines, _gap_events(gap, profile)


def _line(no: int, raw: str, stripped: str, events: list[str]) -> Line:
    """The text line ``raw`` (``stripped``: without its trailing whitespace) of transcript line ``no``."""
    indent = len(stripped) - len(stripped.lstrip()) if stripped[:1].isspace() else 0
    if indent and "\t" in stripped[:indent]:
        indent = len(stripped[:indent].expandtabs(8))
    return Line(no, single_spaced(stripped), len(raw) - len(stripped), events, indent)


PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
#: a short line that begins or ends with "Page N" (a running head or foot with the page's number)
NUMBERED_RUNNING = re.compile(
    r"(?=.{0,100}$)(?:page\s+(?P<n>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?\s+\S.*"
    r"|.*\S\s+page\s+(?P<n2>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)", re.I)


def drop_page_furniture(lines: list[Line], doc: Document) -> list[Line]:
    """Remove page numbers and running heads/feet: lines next to page breaks that repeat on most pages.

    A line counts as furniture when it is the first (head) or last (foot) line of a page and either
    it is a page number, and page numbers that go up by one a page stand there on at least two pages
    and half of them (or it is written as a page number, "- 2 -", "Page 2", and is this page's number),
    or it begins or ends with "Page N" ("Quendorf Interview    Page 2") and such lines stand there on at
    least two pages with numbers that go up by one a page, or the same text, digits aside, stands there
    on at least three pages and half of them. The removed lines go to ``doc.dropped``; the blank lines around them are not paragraph boundaries.
    The numbers of the page numbers removed go to ``doc.meta["page_numbers"]`` (:func:`_keep_page_numbers`).
    """
    printed: dict[int, str] = {}  # page (0: the first of the extract) -> the number printed on it
    one_break_a_line = all(line.events.count("pb") <= 1 for line in lines)
    pages = 1 + sum("pb" in line.events for line in lines)
    for _layer in range(2):  # a running head and a page number may sit on top of each other
        breaks = [i for i, line in enumerate(lines) if "pb" in line.events]
        if not breaks:
            break
        heads = [0, *breaks]
        feet = [i - 1 for i in breaks] + [len(lines) - 1]
        drop: dict[int, str] = {}
        for side, positions in (("head", heads), ("foot", feet)):
            # page numbers: the number minus the page's place in the extract is the same on every page
            numbers = [(page, i) for page, i in enumerate(positions) if PAGE_NUMBER.fullmatch(lines[i].text)]
            offsets = {int(re.findall(r"\d+", lines[i].text)[0]) - page for page, i in numbers}
            if len(numbers) >= 2 and len(numbers) * 2 >= len(positions) and len(offsets) == 1:
                drop.update((i, "page number") for _, i in numbers)
                printed.update((page, re.findall(r"\d+", lines[i].text)[0]) for page, i in numbers)
            for page, i in numbers:
                # a page number written as one ("- 2 -", "Page 2", "2/5") that is this page's number
                if re.search(r"[-–—/]|page", lines[i].text, re.I) and int(re.findall(r"\d+", lines[i].text)[0]) == page + 1:
                    drop.setdefault(i, "page number")
                    printed.setdefault(page, str(page + 1))
            # a running head or foot that carries the page's number ("Quendorf Interview    Page 2")
            numbered = [(page, i, int(m["n"] or m["n2"])) for page, i in enumerate(positions) if i not in drop
                        for m in [NUMBERED_RUNNING.fullmatch(lines[i].text)] if m]
            if len(numbered) >= 2 and len({n - page for page, _, n in numbered}) == 1:
                drop.update((i, f"running {side}") for _, i, _ in numbered)
            keys = [re.sub(r"\d+", "#", lines[i].text.lower()) for i in positions]
            counts = Counter(keys)
            for i, key in zip(positions, keys):
                if counts[key] >= 3 and counts[key] * 2 >= len(positions) and i not in drop:
                    drop[i] = f"running {side}"
        if not drop:
            break
        kept: list[Line] = []
        carry: list[str] = []
        for i, line in enumerate(lines):
            if i in drop:
                doc.dropped.append(Dropped(line.no, line.text, drop[i]))
                carry += [e for e in line.events if e != "para"]
                continue
            if carry or (i - 1) in drop:
                events = carry + [e for e in line.events if e != "para" or (i - 1) not in drop]
                line = Line(line.no, line.text, line.trailing, events, line.indent)
                carry = []
            kept.append(line)
        lines = kept
    if printed and one_break_a_line:
        _keep_page_numbers(printed, pages, doc)
    return lines


def _keep_page_numbers(printed: dict[int, str], pages: int, doc: Document) -> None:
    """``doc.meta["page_numbers"]``: the number printed on each of the ``pages`` after the first (the
    pages a page break opens), in order (None
    where the page's number was not found), for the writer to give the ``pb`` that opens the page as
    ``@n`` — the source's own pagination, which an editor cites. Only printed numbers are kept: a page
    whose number is missing gets none, even where the series would tell it. (Called only when every
    page break stands alone, so that the n-th break of the text opens page n.) The number printed on
    the first page goes to ``doc.meta["first_page_number"]``: no break opens that page, so the writer
    puts one at the start of the text for it."""
    doc.meta["page_numbers"] = [printed.get(page) for page in range(1, pages)]
    if printed.get(0):
        doc.meta["first_page_number"] = printed[0]


def mark_indented_blocks(lines: list[Line], profile: Profile) -> None:
    """Add block boundaries around runs of two or more lines indented deeper than the body.

    The body's indent is the most common one; a paragraph whose first line alone is indented is
    not a block.
    """
    if profile.block_indent is None or not lines:
        return
    body = Counter(line.indent for line in lines).most_common(1)[0][0]
    deep = [line.indent >= body + profile.block_indent for line in lines]
    i = 0
    while i < len(lines):
        if not deep[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and deep[j]:
            j += 1
        if j - i >= 2:
            for k in (i, j):
                if 0 < k < len(lines) and "block" not in lines[k].events:
                    lines[k].events.append("block")
        i = j


def choose_profile(text: str) -> Profile:
    """INTERLEAVED when most text lines are followed by exactly one empty line, else PLAIN."""
    return INTERLEAVED if _interleave_share(text.split("\n")[:5000]) >= 0.7 else PLAIN


def _interleave_share(lines: list[str]) -> float:
    pairs = one = 0
    for i in range(len(lines) - 2):
        if lines[i].strip():
            pairs += 1
            if lines[i + 1] == "" and lines[i + 2].strip():
                one += 1
            elif lines[i + 1] == "" and lines[i + 2] == "":
                one += 1  # a longer gap (page break) still follows the pattern
    return one / pairs if pairs else 0.0


# ---------------------------------------------------------------------------------------------------
# line widths and paragraph boundaries


def _percentile(values: list[int], q: float) -> int:
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(q * len(s) + 0.999999) - 1))] if s else 0


def _regions(lines: list[Line]) -> list[int]:
    """The region of each line: regions are separated by block boundaries."""
    region_of: list[int] = []
    region = 0
    for i, line in enumerate(lines):
        if i and "block" in line.events:
            region += 1
        region_of.append(region)
    return region_of


def _region_widths(lines: list[Line], region_of: list[int]) -> dict[int, int]:
    """The line width of each region between block boundaries.

    Regions alternate between outside and inside a pair of boundaries; a small region takes the width
    pooled over the regions of its kind (body or block), as a block is set narrower than the body.
    """
    by_region: dict[int, list[int]] = {}
    for line, r in zip(lines, region_of):
        by_region.setdefault(r, []).append(line.width)
    pooled = {kind: [w for r, ws in by_region.items() if r % 2 == kind for w in ws] for kind in (0, 1)}
    pooled_width = {kind: _percentile(ws, WIDTH_PERCENTILE) for kind, ws in pooled.items()}
    widths = {}
    for r, ws in by_region.items():
        if len(ws) >= MIN_REGION_LINES:
            widths[r] = _percentile(ws, WIDTH_PERCENTILE)
        elif len(pooled[r % 2]) >= MIN_REGION_LINES:
            widths[r] = pooled_width[r % 2]
        else:
            widths[r] = max(ws)
    return widths


def paragraph_end(
    line: Line, nxt: Line, after: Line | None, width: int, profile: Profile, blank_paragraphs: bool,
    first_line: bool = False,
) -> tuple[bool, str | None, str]:
    """Does ``line`` end a paragraph before ``nxt``? Returns (boundary, cert, reason).

    ``after`` is the line after ``nxt`` (for the indentation test); ``first_line`` says that ``line``
    starts a paragraph, and so may be indented: the fit test then allows for the indent.
    """
    if profile.paragraph_end_spaces is not None and line.trailing >= profile.paragraph_end_spaces:
        return True, None, "trailing spaces"
    ends = ends_sentence(line.text)
    if ends and line.width < SHORT_LINE * width:
        return True, None, "short line ending a sentence"
    if blank_paragraphs and "pb" not in nxt.events:
        return False, None, ""  # blank lines mark the paragraphs: a line break inside one is not a boundary
    fits = (FITS - INDENT) if first_line else FITS
    if ends and line.width + _join_width(line.text) + len(nxt.first_word) <= fits * width:
        return True, "medium", "new paragraph (next word would have fitted)"
    if ends and ENUMERATOR.match(nxt.text):
        return True, "medium", "new paragraph (enumerator after a sentence end)"
    if (
        ends and after is not None and not after.events and not ends_sentence(nxt.text)
        and nxt.width + _join_width(nxt.text) + len(after.first_word) <= (FITS - INDENT) * width
    ):
        return True, "medium", "new paragraph (the next line is indented)"
    if (
        not ends and line.width < VERY_SHORT_LINE * width and not nxt.text[:1].islower()
        and not line.text.endswith(("-", "\u00ad", "—"))
    ):
        return True, "medium", "new paragraph (very short line)"
    return False, None, ""


def _join_width(text: str) -> int:
    """Characters between a line's end and the next line's first word when they are set on one line."""
    return 0 if text.endswith(("-", "\u00ad", "—")) else 1


# ---------------------------------------------------------------------------------------------------
# building the blocks


class _Paragraph:
    """A paragraph being built from lines (parts are kept in a list: appending stays linear)."""

    def __init__(self, line: Line, cert: str | None):
        self.line = line.no
        self.cert = cert
        self.parts: list[str] = []
        self.length = 0
        self.line_map: list[tuple[int, int]] = []

    def add(self, line: Line, pages: int, joiner: Joiner | None) -> None:
        """Append ``line`` after ``pages`` page breaks, joined to the line before by ``joiner`` (each
        separator is a part of its own: the line before stays as it is unless the joiner changes it)."""
        if self.parts and joiner is not None:
            last = self.parts[-1]
            if last.endswith(JOINED_ENDS) or line.text.startswith("—"):
                left, sep = joiner.separator(last, line.text, line.no)
                self.parts[-1] = left
                self.length += len(left) - len(last)
            else:
                sep = " "  # (the joiner's separator for any other pair of lines)
            self.parts.append(sep)
            self.length += len(sep)
        self.line_map.append((self.length, line.no))
        piece = PB * pages + line.text
        self.parts.append(piece)
        self.length += len(piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def block(self) -> Block:
        # a soft hyphen at the end of the paragraph's last line is not part of the text
        return Block("p", self.text.rstrip("\u00ad"), self.line, cert=self.cert, line_map=self.line_map)


def _intro(paragraph_text: str) -> str:
    """The last sentence of the paragraph before a block quotation (the clause that introduces it)."""
    text = paragraph_text.replace(PB, "").strip()
    return SENTENCE_SPLIT.split(text)[-1]


def _find_quotes(lines: list[Line], doc: Document) -> dict[int, int]:
    """Block quotations as {index of first line: index of the first line after it}.

    A quotation needs both signals: a block boundary before and after it, and a line ending in ":"
    just before the opening boundary.
    """
    bounds = [i for i, line in enumerate(lines) if "block" in line.events]
    quotes: dict[int, int] = {}
    j = 0
    while j < len(bounds):
        i = bounds[j]
        introduced = i > 0 and lines[i - 1].text.endswith(":")
        if introduced and j + 1 < len(bounds):
            quotes[i] = bounds[j + 1]
            j += 2
            continue
        if introduced:
            doc.decide(
                lines[i].no, BLOCK_RULE, "no block quotation: the block boundary is not closed",
                "a block quotation up to the end of the text", "low",
            )
        j += 1
    return quotes


def read(text: str, doc: Document, profile: Profile | None = None) -> None:
    """Append the blocks of a PDF text extract to ``doc.blocks``: ``p``, ``pb`` and ``said`` (a block
    quotation holding ``p`` and ``pb``, with ``attrs["intro"]`` = the sentence that introduces it).

    Sets ``doc.meta["hyphenation"]`` (``hard``: line-end hyphens judged hard were kept; ``some``: a
    hyphen of unknown status was kept; ``none``: no line-end hyphen is left) and
    ``doc.meta["pdf_text_profile"]``; records heuristic decisions with ``doc.decide`` and page
    furniture in ``doc.dropped``. ``profile`` defaults to the one that fits the text.
    """
    if profile is None and take_detected(text, (NAME,), doc):
        return  # read so while the layout was detected
    profile = profile or choose_profile(text)
    lines, _ = scan(text, profile)
    lines = drop_page_furniture(lines, doc)
    mark_indented_blocks(lines, profile)
    doc.meta["pdf_text_profile"] = profile.name
    joiner = Joiner(text, doc)
    if not lines:
        doc.meta["hyphenation"] = "none"
        return
    quotes = _find_quotes(lines, doc)
    quote_end = set(quotes.values())
    region_of = _regions(lines)
    widths = _region_widths(lines, region_of)
    blank_paragraphs = profile.line_gap == 0 and sum("para" in line.events for line in lines) >= 2
    if profile.paragraph_end_spaces is not None:
        marked = sum(line.trailing >= profile.paragraph_end_spaces for line in lines)
        if marked > 0.3 * len(lines):  # trailing spaces on most lines say nothing about paragraph ends
            profile = replace(profile, paragraph_end_spaces=None)

    outer: list[Block] = doc.blocks
    container = outer
    said: Block | None = None
    para: _Paragraph | None = None

    def flush() -> None:
        nonlocal para
        if para is not None:
            container.append(para.block())
            para = None

    for i, line in enumerate(lines):
        n_pb = line.events.count("pb")
        if i == 0:
            para = _Paragraph(line, None)
            para.add(line, 0, None)
            continue
        prev = lines[i - 1]
        if i in quotes or i in quote_end:
            flush()
            if i in quote_end and said is not None:
                outer.append(said)
                said, container = None, outer
            # page breaks before the boundary stay outside, those after it open the quotation;
            # a page break at the end of a quotation goes after it
            outside = n_pb if i in quote_end else line.events[: line.events.index("block")].count("pb")
            container.extend(Block("pb", line=line.no) for _ in range(outside))
            if i in quotes:
                intro = _intro(container[-1].text) if container and container[-1].kind == "p" else ""
                said = Block("said", "", line.no, attrs={"intro": intro})
                container = said.children
            container.extend(Block("pb", line=line.no) for _ in range(n_pb - outside))
            para = _Paragraph(line, None)
            para.add(line, 0, None)
            continue
        if "block" in line.events or "para" in line.events:
            boundary, cert, reason = True, None, "blank line"
        else:
            boundary, cert, reason = paragraph_end(
                prev, line, lines[i + 1] if i + 1 < len(lines) else None, widths[region_of[i - 1]], profile,
                blank_paragraphs,
                first_line=para is not None and para.line == prev.no,
            )
        if boundary:
            flush()
            container.extend(Block("pb", line=line.no) for _ in range(n_pb))
            if cert:
                doc.decide(line.no, PARAGRAPH_RULE, reason, "continue the paragraph", cert)
            para = _Paragraph(line, cert)
            para.add(line, 0, None)
        else:
            assert para is not None
            para.add(line, n_pb, joiner)
    flush()
    if said is not None:  # not reached: a quotation always has its closing boundary
        outer.append(said)
    structure_paragraphs(doc)
    doc.meta["hyphenation"] = joiner.hyphenation()


# ---------------------------------------------------------------------------------------------------
# detection


@functools.lru_cache(maxsize=2)
def detect(text: str) -> float:
    """Confidence (0..1) that ``text`` is a PDF text extract: hard-wrapped ragged-right lines with a
    PDF-to-text tool's signature (the interleaved empty lines, its page breaks, or form feeds).

    Hard-wrapped lines alone score 0.25: below the plain layout's 0.3, which reads them as well.
    Remembered for the last texts: layout detection and the transcript reader both ask.
    """
    sample = text[:400_000]
    raw_lines = sample.split("\n")
    texts = [t for t in map(str.strip, raw_lines) if t]
    if len(texts) < 6:
        return 0.0
    # the widths of the lines' words joined with single spaces (the lines are stripped, most are not split
    # into words); the sentence-end test looks at a line's end, the same either way
    widths = [len(single_spaced(t)) for t in texts]
    w90 = _percentile(widths, WIDTH_PERCENTILE)
    if w90 < 30 or w90 > 200:
        return 0.05  # one paragraph per line, or a list
    full = sum(1 for w in widths if 0.7 * w90 <= w <= 1.15 * w90) / len(widths)
    open_ended = sum(1 for t in texts if not SENTENCE_END.search(t)) / len(texts)
    if full < 0.5 or open_ended < 0.4:
        return 0.1  # not hard-wrapped prose
    if _interleave_share(raw_lines) >= 0.7:
        score = 0.75
        if _has_page_break(sample):
            score += 0.15
        trailing = sum(1 for x in raw_lines if x.strip() and x.endswith(" ")) / len(texts)
        if trailing >= 0.8:
            score += 0.05
        return score
    if "\f" in sample:
        return 0.8
    return 0.25


#: the page signature of :data:`INTERLEAVED` in a text without form feeds: a whitespace-only line after
#: three empty lines or more (the first line end here closes the line before them)
_INTERLEAVED_PAGE = re.compile(rf"\n{{{INTERLEAVED.page_break_empty + 1}}}[^\S\n]+(?![^\n])")


def _has_page_break(text: str) -> bool:
    """Does :func:`scan` with :data:`INTERLEAVED` find a page break (a ``pb`` event before a text line)?

    Without form feeds, found by one search instead of the scan's work per line: the lines between two
    text lines are empty or whitespace-only, and a whitespace-only line after three empty lines or more
    since the last whitespace-only line (or the text line) is a page break, when a text line (one with a
    character that is not whitespace) stands before and after it."""
    if "\f" in text:
        return any("pb" in line.events for line in scan(text, INTERLEAVED)[0])
    first = re.search(r"\S", text)
    m = _INTERLEAVED_PAGE.search(text, first.start()) if first else None
    return m is not None and m.end() < len(text.rstrip())

