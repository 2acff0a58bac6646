"""Generic operations on TEI mixed content used by the inline passes.

``wrap_matches`` finds a regular expression in the text nodes of an element (not inside elements it
is told to skip) and wraps each match in a new element. ``wrap_range`` wraps a character range of an
element's string value in a new child, provided both ends fall in text directly owned by that element
(between its children), which is the case for speech spans in a paragraph.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from lxml import etree



def iter_text_slots(el: etree._Element, skip: frozenset[str]) -> list[tuple[etree._Element, str]]:
    """Every (node, "text"|"tail") slot holding text under ``el``, in document order, not descending
    into elements named in ``skip`` (their tails are included)."""
    slots: list[tuple[etree._Element, str]] = [(el, "text")]
    _add_child_slots(el, skip, slots)
    return slots


def _add_child_slots(node: etree._Element, skip: frozenset[str], slots: list[tuple[etree._Element, str]]) -> None:
    for child in node:
        tag = child.tag
        if isinstance(tag, str) and tag.rpartition("}")[2] not in skip:  # local_name(child), inlined
            slots.append((child, "text"))
            if len(child):
                _add_child_slots(child, skip, slots)
        slots.append((child, "tail"))


def wrap_matches(
    el: etree._Element,
    pattern: re.Pattern,
    make: Callable[[re.Match], etree._Element | None],
    skip: Iterable[str] = (),
) -> int:
    """Wrap every match of ``pattern`` in text under ``el`` with the element ``make(match)`` returns
    (``None`` leaves the match alone). The new element gets the matched text. Returns the count."""
    skip = frozenset(skip)
    count = 0
    for node, slot in iter_text_slots(el, skip):
        text = node.text if slot == "text" else node.tail
        if not text:
            continue
        spans = []
        for m in pattern.finditer(text):
            new = make(m)
            if new is not None:
                spans.append((m.start(), m.end(), new))
        if spans:
            put_in_slot(node, slot, text, spans)
            count += len(spans)
    return count


def put_in_slot(node: etree._Element, slot: str, text: str, spans: list[tuple[int, int, etree._Element]]) -> None:
    """Put the new elements of ``spans`` (start, end, element; ascending, not overlapping) in
    the ``slot`` ("text" or "tail") of ``node``, which holds ``text``: each gets ``text[start:end]``
    unless it has content of its own, and the text between them becomes their tails.

    Each goes in next to the one before it (``addnext``, after that one's tail), the first at the start
    of ``node`` or after it: no child is looked for by its index, so a slot costs the same however many
    children its parent has."""
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


def string_value(el: etree._Element) -> str:
    """The string value of ``el`` (the text of ``el`` and its descendants, not its tail), made by libxml2 in
    one call instead of joined from a Python string per text node (about four times faster on paragraphs
    with footnotes and names)."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def top_level_offsets(el: etree._Element) -> list[tuple[int, int, object]]:
    """Spans of ``el``'s string value: (start, end, item) where item is ``"text"`` (el.text),
    a child element (its whole string value), or ``("tail", child)``."""
    spans = []
    pos = 0
    t = el.text or ""
    spans.append((pos, pos + len(t), "text"))
    pos += len(t)
    for child in el:
        v = string_value(child) if isinstance(child.tag, str) else ""
        spans.append((pos, pos + len(v), child))
        pos += len(v)
        tail = child.tail or ""
        spans.append((pos, pos + len(tail), ("tail", child)))
        pos += len(tail)
    return spans


def wrap_range(el: etree._Element, start: int, end: int, new: etree._Element) -> etree._Element | None:
    """Move the content of ``el`` between string offsets ``start`` and ``end`` into ``new`` and put
    ``new`` there. A boundary that falls inside a child element is widened to include that child.
    Returns ``new``, or ``None`` if the range is empty."""
    if end <= start:
        return None
    spans = top_level_offsets(el)
    # widen boundaries that fall inside child elements
    for s, e, item in spans:
        if isinstance(item, etree._Element) and s < start < e:
            start = s
        if isinstance(item, etree._Element) and s < end < e:
            end = e
    # Rebuild el's content as a flat list of (text | element) items, then regroup.
    items: list[object] = []
    if el.text:
        items.append(el.text)
    for child in list(el):
        items.append(child)
        if child.tail:
            items.append(child.tail)
        child.tail = None
        el.remove(child)
    el.text = None
    before: list[object] = []
    inside: list[object] = []
    after: list[object] = []
    pos = 0
    for item in items:
        if isinstance(item, str):
            s, e = pos, pos + len(item)
            pos = e
            if e <= start:
                before.append(item)
            elif s >= end:
                after.append(item)
            else:
                a, b = max(start, s) - s, min(end, e) - s
                if a > 0:
                    before.append(item[:a])
                inside.append(item[a:b])
                if b < len(item):
                    after.append(item[b:])
        else:
            v = string_value(item) if isinstance(item.tag, str) else ""
            s, e = pos, pos + len(v)
            pos = e
            if e <= start and not (s == e == start):
                before.append(item)
            elif s >= end and not (s == e == end and s == start):
                after.append(item)
            else:
                inside.append(item)
    _fill(el, before)
    _fill(new, inside)
    _append_items(el, [new])
    _append_items(el, after)
    return new


def _fill(el: etree._Element, items: list[object]) -> None:
    _append_items(el, items)


def _append_items(el: etree._Element, items: list[object]) -> None:
    for item in items:
        if isinstance(item, str):
            if len(el):
                last = el[-1]
                last.tail = (last.tail or "") + item
            else:
                el.text = (el.text or "") + item
        else:
            el.append(item)
