"""Wrap spans found by a scanner function in the text nodes of a TEI element.

``markup.wrap_matches`` takes one regular expression; the analysis passes (names, dates) need a
scanner that looks at a whole text node, keeps state from one match to the next and chooses among
overlapping candidates. ``wrap_spans`` calls ``find(text)`` on each text slot in document order
(so a scanner may keep state across slots) and wraps the spans it returns.
"""

from __future__ import annotations

from typing import Callable, Iterable

from lxml import etree

from .markup import iter_text_slots

#: (start, end, new element) within one text slot; the element receives the slot's text[start:end]
#: unless it already has content.
Span = tuple[int, int, etree._Element]


def wrap_spans(
    el: etree._Element,
    find: Callable[[str], list[Span]],
    skip: Iterable[str] = (),
) -> int:
    """Wrap the spans ``find`` returns for each text node under ``el`` (not inside ``skip``).

    Spans must be ascending and non-overlapping. Returns the number of elements inserted.

    Each new element goes in next to the one before it (``addnext``, after that one's tail), or, the
    first, at the start of the slot's element or after the slot's own element: no child is looked
    for by its index, so a slot costs the same however many children its parent has.
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
        pos = 0
        previous = None
        for start, end, new in spans:
            if new.text is None and len(new) == 0:
                new.text = text[start:end]
            if previous is not None:
                previous.tail = text[pos:start]
                previous.addnext(new)
            elif slot == "text":
                node.text = text[:start]
                node.insert(0, new)
            else:
                node.tail = text[:start]
                node.addnext(new)
            previous = new
            pos = end
        previous.tail = text[pos:]
        count += len(spans)
    return count
