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


def detect_layout(text: str) -> str:
    """The layout whose reader is most confident; ``plain`` on a tie or when nothing is sure."""
    best, best_score = "plain", plain.detect(text)
    for name in ("web-record", "pdf-text", "transcript"):
        score = LAYOUTS[name].detect(text)
        if score > best_score:
            best, best_score = name, score
    return best
