"""Generic operations on TEI mixed content used by the inline passes.

``wrap_matches`` finds a regular expression in the text nodes of an element (not inside elements it
is told to skip) and wraps each match in a new element. ``wrap_range`` wraps a character range of an
element's string value in a new child, provided both ends fall in text directly owned by that element
(between its children), which is the case for speech spans in a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

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
    return new if wrap_ranges(el, [(start, end, new)]) else None


def wrap_ranges(el: etree._Element, ranges: list[tuple[int, int, etree._Element]],
                layout: list[tuple[int, int, object]] | None = None) -> int:
    """Wrap several ranges of ``el``'s string value at once, each as :func:`wrap_range` would: ``ranges``
    are (start, end, new element) within the string value, ascending and apart (each ends at or before
    the start of the next, also once widened to the children their boundaries fall in); empty ones are
    left out. Returns the number wrapped.

    One reading of the children's offsets and one rebuild of ``el``'s content serve all the ranges:
    wrapped one by one, k ranges of a paragraph cost k times the paragraph (its offsets read, its text
    cut and its children moved for each), which made paragraphs with many quotations quadratic. ``layout``
    is ``top_level_offsets(el)`` when the caller has read it (and ``el`` has not changed since)."""
    if layout is None:
        layout = top_level_offsets(el)
    starts = [s for s, _e, _item in layout]
    ranges = [(*widened(layout, starts, start, end), new) for start, end, new in ranges if end > start]
    if not ranges:
        return 0
    top, inside = _distribute(_pieces(layout, el, ranges), ranges)
    el.text = None
    for child in list(el):
        child.tail = None
        el.remove(child)
    _append_items(el, top)
    for (_start, _end, new), items in zip(ranges, inside):
        _append_items(new, items)
    return len(ranges)


def widened(layout: list[tuple[int, int, object]], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved out of the child element each falls strictly inside, if any."""
    s, e, item = layout[bisect_right(starts, start) - 1]
    if isinstance(item, etree._Element) and s < start < e:
        start = s
    s, e, item = layout[bisect_left(starts, end) - 1]
    if isinstance(item, etree._Element) and s < end < e:
        end = e
    return start, end


def _pieces(layout: list[tuple[int, int, object]], el: etree._Element,
            ranges: list[tuple[int, int, etree._Element]]) -> Iterator[tuple[int, object]]:
    """``el``'s content in order as (offset, piece): its children, and its text and tails cut at the
    boundaries of ``ranges`` (empty text left out)."""
    cuts = [b for start, end, _new in ranges for b in (start, end)]
    c = 0
    for s, e, item in layout:
        if isinstance(item, etree._Element):
            yield s, item
            continue
        text = el.text if item == "text" else item[1].tail
        if not text:
            continue
        while c < len(cuts) and cuts[c] <= s:
            c += 1
        pos = s
        while c < len(cuts) and cuts[c] < e:
            if cuts[c] > pos:  # two ranges that touch cut once
                yield pos, text[pos - s:cuts[c] - s]
                pos = cuts[c]
            c += 1
        yield pos, text[pos - s:]


def _distribute(pieces: Iterable[tuple[int, object]], ranges: list[tuple[int, int, etree._Element]]
                ) -> tuple[list[object], list[list[object]]]:
    """Split the pieces between ``el`` (with the new elements in their places) and the new elements:
    a piece goes into the range it starts in (a child that starts at a range's end follows it)."""
    top: list[object] = []
    inside: list[list[object]] = [[] for _ in ranges]
    i = 0
    placed = False  # is ranges[i]'s element in top yet?
    for pos, piece in pieces:
        while i < len(ranges) and pos >= ranges[i][1]:
            if not placed:
                top.append(ranges[i][2])
            i, placed = i + 1, False
        if i < len(ranges) and pos >= ranges[i][0]:
            if not placed:
                top.append(ranges[i][2])
                placed = True
            inside[i].append(piece)
        else:
            top.append(piece)
    top.extend(new for _s, _e, new in ranges[i + placed:])
    return top, inside


def _append_items(el: etree._Element, items: list[object]) -> None:
    """Append strings and elements to ``el``'s content, a string to the text before it. The last child is
    kept at hand: ``len(el)`` counts the children, which would make a paragraph's rebuild quadratic."""
    last = el[-1] if len(el) else None
    for item in items:
        if isinstance(item, str):
            if last is not None:
                last.tail = (last.tail or "") + item
            else:
                el.text = (el.text or "") + item
        else:
            el.append(item)
            last = item
