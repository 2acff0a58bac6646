"""Layout readers: one module per transcript layout, each with ``detect(text) -> float`` and
``read(text, doc)``. ``--layout auto`` picks the reader whose ``detect`` is most confident."""

from __future__ import annotations

from types import ModuleType

from . import pdf_text, plain, transcript, web_record

LAYOUTS: dict[str, ModuleType] = {
    "web-record": web_record,
    "pdf-text": pdf_text,
    "transcript": transcript,
    "plain": plain,
}


#: how sure the web record's detector is when the text ends in a record's trailer (three labels, or the
#: no-break-space separators and one more): its reader then reads the speaker turns of the body too
RECORD_TRAILER = 0.45


def detect_layout(text: str) -> str:
    """The layout whose reader is most confident; ``plain`` on a tie or when nothing is sure. A web
    archive record whose body is a transcript is a web record: its reader keeps the trailer's metadata
    and reads the turns."""
    best, best_score = "plain", plain.detect(text)
    scores = {}
    for name in ("web-record", "pdf-text", "transcript"):
        score = scores[name] = LAYOUTS[name].detect(text)
        if score > best_score:
            best, best_score = name, score
    if best == "transcript" and scores["web-record"] >= RECORD_TRAILER:
        return "web-record"
    return best
