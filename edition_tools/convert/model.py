"""The intermediate document a layout reader produces and the TEI writer consumes.

Block text conventions (shared by every layout and by ``inline.py``):

* ``PB`` (U+E000) marks a page break at that position (becomes ``<pb/>``);
* ``"\\n"`` is a line break to keep (``<lb/>``), used only in heads, bylines, signatures, addresses;
* square brackets, ``[sic]``, footnote markers (``word[1]``, ``word¹``) and quotation marks are left
  in the text as the transcript has them: ``inline.py`` turns them into markup;
* everything else is the transcript's text with layout whitespace folded to single spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PB = "\ue000"

#: Block kinds a layout may produce, and what the writer makes of them.
BLOCK_KINDS = {
    "head": "head",                 # heading (in div, before the text)
    "dateline": "dateline",         # place and date line
    "byline": "byline",             # "from the journal of / S. M. KUDRYAVTSEV" (in opener)
    "opener": "opener",             # container: byline, seg lines, dateline, salute
    "seg": "seg",                   # opener line: attrs["type"] = classification|copyNumber|registryNumber|...
    "salute": "salute",             # "Dear Mr. President," (opener) or complimentary close (closer)
    "p": "p",                       # paragraph
    "said": "said",                 # block quotation of speech: container of "p" blocks; attrs who/direct/toWhom
    "quote": "quote",               # block quotation of writing: container of "p" blocks
    "sp": "sp",                     # speaker turn: attrs["speaker"] label as printed, attrs["who"] id; children "p"
    "list": "list",                 # attrs["type"] subject|participants|...; attrs["head"]; children "item"
    "item": "item",                 # list item
    "closer": "closer",             # container: salute, signed, dateline
    "signed": "signed",             # signature block ("\\n" line breaks kept)
    "postscript": "postscript",     # container: the "p" blocks of a P.S. after the closer
    "pb": "pb",                     # page break between blocks
    "label": "head",                # sub-heading inside the text ("Thai-Khmer Units")
}


@dataclass
class Block:
    kind: str
    text: str = ""
    line: int = 0
    children: list["Block"] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    #: certainty of the layout decision that made this block ("medium", "low"); None = deterministic
    cert: str | None = None
    #: (offset in text, source line) pairs, ascending, for reporting inline decisions precisely
    line_map: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        line = self.line
        for off, ln in self.line_map:
            if off > offset:
                break
            line = ln
        return line


@dataclass
class Note:
    """A numbered note whose text stands in a closing "Notes" section of the transcript."""

    n: str
    text: str
    line: int
    kind: str = "footnote"  # "source" (archival source note) or "footnote"


@dataclass
class Decision:
    """A conversion decision that is not deterministic: listed in the conversion report."""

    line: int
    rule: str
    decision: str
    alternative: str = ""
    cert: str = "medium"
    target: str = ""  # xml:id of the element it concerns, if any

    def as_dict(self) -> dict:
        return {
            "line": self.line, "rule": self.rule, "decision": self.decision,
            "alternative": self.alternative, "cert": self.cert, "target": self.target,
        }


@dataclass
class Dropped:
    """Transcript text that is deliberately not in the TEI text (moved to the header or discarded)."""

    line: int
    text: str
    reason: str
    to_header: bool = False
    #: only the opening ``text`` of the line (after its indentation) is dropped, the rest of it is kept
    #: (a court reporter's line number)
    prefix: bool = False


@dataclass
class Document:
    path: str
    layout: str
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    #: metadata read from the transcript itself (web-record trailer, heading, dateline …);
    #: merged with the sidecar by the header builder (sidecar wins)
    meta: dict[str, Any] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    div_type: str = "section"
    _counters: dict[str, int] = field(default_factory=dict, repr=False)

    def new_id(self, prefix: str) -> str:
        """A stable ``xml:id``: the same document converted twice gets the same ids (``said1``, ``said2`` …)."""
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}{n}"

    def decide(self, line: int, rule: str, decision: str, alternative: str = "", cert: str = "medium", target: str = "") -> Decision:
        d = Decision(line, rule, decision, alternative, cert, target)
        self.decisions.append(d)
        return d
