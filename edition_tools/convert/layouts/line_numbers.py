"""Line numbers in the margin: a court reporter's pages ("12  Q.  Did you …"), as a PDF-to-text tool or
a copy from a viewer gives them.

A reporter numbers the lines of every page from 1 (to 25 or so) and prints the page number above them.
The numbers are page furniture, not words of the record: :func:`strip` takes them off and records each
in ``doc.dropped`` as the opening of its line (``prefix``), so that the text check knows exactly what
was removed. It also sets the lines flush left (a reporter indents ``Q.``/``A.`` and colloquy by tabs,
which are no block quotation) and puts a form feed where a page ends, if the text has none: after the
page's last numbered line, or, when a page number follows the page (below a running foot), before the
page number. The PDF text reader then reads the pages as it reads ``pdftotext`` output: the page
numbers and running heads and feet are dropped as page furniture, and a page break becomes ``pb``.
"""

from __future__ import annotations

import functools
import re

from ..model import Document, Dropped
from .pdf_text import PAGE_NUMBER

#: a numbered line: the line number, then the line's text (or nothing: an empty numbered line)
NUMBERED = re.compile(r"[ \t]*(?P<n>\d{1,2})(?:[ \t]+(?P<rest>\S.*?))?[ \t]*")
#: a number at a line's start, as a line number stands (for a quick count), after the line end before it:
#: searched in the text with a line end put before it. (A pattern that starts with a literal character
#: is searched at C speed: six times faster than one that starts with ``^``.)
_NUMBER_AT_START = re.compile(r"\n\f?[ \t]{0,2}\d{1,2}(?:[ \t]|$)", re.MULTILINE)
#: the largest line number of a page a reporter's page can have
MAX_LINE = 40
#: numbered lines a text must have (fewer are a short list, not a reporter's page)
MIN_NUMBERED = 10
#: the share of the text lines that must be numbered
MIN_SHARE = 0.7
#: the share of steps from one numbered line to the next that must be +1, or back to 1 at a new page
MIN_IN_ORDER = 0.9


def _numbered_line(line: str) -> re.Match | None:
    """The line-number match of a line (its form feeds aside), or None: an unnumbered line, a number out
    of range."""
    if "\f" in line:
        line = line.replace("\f", "")
    m = NUMBERED.fullmatch(line) if line[:3].strip()[:1].isdigit() else None
    return m if m and 1 <= int(m["n"]) <= MAX_LINE else None


@functools.lru_cache(maxsize=2)
def _numbered(text: str) -> tuple[list[str], list[re.Match | None]]:
    """The lines of ``text`` and the line-number match of each (see :func:`_numbered_line`). Remembered
    for the last texts: :func:`detect` and :func:`strip` ask about the same text, and neither changes the
    lists."""
    lines = text.split("\n")
    return lines, [_numbered_line(line) for line in lines]


def detect(text: str) -> bool:
    """Are the text's lines numbered as a court reporter numbers them: at least ``MIN_NUMBERED`` numbered
    lines, ``MIN_SHARE`` of the lines that are not blank, the numbers going up by one and starting again
    at 1 on a new page (``MIN_IN_ORDER`` of the steps), and a page of ten lines or more?"""
    if len(_NUMBER_AT_START.findall("\n" + text)) < MIN_NUMBERED:
        return False  # (most texts: one search tells)
    lines, matches = _numbered(text)
    numbered = [int(m["n"]) for m in matches if m]
    written = sum(1 for line in lines if line.strip())
    if len(numbered) < MIN_NUMBERED or len(numbered) < MIN_SHARE * written:
        return False
    steps = list(zip(numbered, numbered[1:]))
    in_order = sum(1 for a, b in steps if b == a + 1 or (b == 1 and a > 1))
    return in_order >= MIN_IN_ORDER * len(steps) and max(numbered) >= 10


def strip(text: str, doc: Document) -> str:
    """The text without its line numbers, flush left, with a form feed at each page end; every number
    removed is in ``doc.dropped`` (``prefix=True``: the opening of its line, the rest of the line kept)."""
    lines, matches = _numbered(text)
    out: list[str] = []
    last = 0  # the last line number seen
    gap: list[int] = []  # indices in ``out`` of the unnumbered lines since the last numbered one
    for no, (line, m) in enumerate(zip(lines, matches), 1):
        feed = "\f" if "\f" in line else ""  # a form feed of the text is kept, at the line's start
        if m is None:
            gap.append(len(out))
            out.append(feed + line.replace("\f", "").strip(" \t"))
            continue
        n = int(m["n"])
        if n == 1 and last > 1 and not feed and not any(out[i].startswith("\f") for i in gap):
            # a new page: the form feed before its page number, if one stands in the gap, else here
            at = next((i for i in gap if out[i] and PAGE_NUMBER.fullmatch(out[i])), None)
            if at is not None:
                out[at] = "\f" + out[at]
            else:
                feed = "\f"
        doc.dropped.append(Dropped(no, m["n"], "line number", prefix=True))
        out.append(feed + (m["rest"] or ""))
        last = n
        gap = []
    return "\n".join(out)
