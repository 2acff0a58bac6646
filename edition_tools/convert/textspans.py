"""Wrap spans found by a scanner function in the text nodes of a TEI element.

``markup.wrap_matches`` takes one regular expression; the analysis passes (names, dates) need a
scanner that looks at a whole text node, keeps state from one match to the next and chooses among
overlapping candidates. ``wrap_spans`` calls ``find(text)`` on each text slot in document order
(so a scanner may keep state across slots) and wraps the spans it returns.
"""

from __future__ import annotations

from typing import Callable, Iterable

from lxml import etree

from .markup import iter_text_slots, put_in_slot

#: (start, end, new element) within one text slot; the element receives the slot's text[start:end]
#: unless it already has content.
Span = tuple[int, int, etree._Element]


def wrap_spans(
    el: etree._Element,
    find: Callable[[str], list[Span]],
    skip: Iterable[str] = (),
) -> int:
    """Wrap the spans ``find`` returns for each text node under ``el`` (not inside ``skip``).

    Spans must be ascending and non-overlapping. Returns the number of elements inserted (see
    :func:`markup.put_in_slot`).
    """
    skip = frozenset(skip)
    count = 0
    for node, slot in iter_text_slots(el, skip) if len(el) else ((el, "text"),):
        text = node.text if slot == "text" else node.tail
        if not text:
            continue
        spans = [s for s in find(text) if s[1] > s[0]]
        if not spans:
            continue
        pos = 0
        for start, end, _new in spans:
            if start < pos:
                raise ValueError("wrap_spans: overlapping spans")
            pos = end
        put_in_slot(node, slot, text, spans)
        count += len(spans)
    return count
