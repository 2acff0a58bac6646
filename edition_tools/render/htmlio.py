"""HTML output: the one place the renderer serializes HTML and builds site pages' elements.

Pages are HTML5 (``<!DOCTYPE html>``), UTF-8, serialized by libxml2's HTML serializer, which
escapes text and attribute values and writes void elements (``meta``, ``br``, ``link``) correctly.
Serialization is deterministic: the same tree gives the same bytes.
"""

from __future__ import annotations

import re

from lxml import etree

_DOCTYPE = b"<!DOCTYPE html>\n"
_SPACES = re.compile(r"\s+")


def serialize_html(root: etree._Element) -> bytes:
    """``<!DOCTYPE html>`` + the page + a final newline, as UTF-8 bytes."""
    return _DOCTYPE + etree.tostring(root, method="html", encoding="utf-8", with_tail=False) + b"\n"


def h(tag: str, attrib: dict[str, str] | None = None, *children, text: str | None = None) -> etree._Element:
    """Make an HTML element (no namespace). Children may be elements or strings (appended as text)."""
    el = etree.Element(tag)
    for key, value in (attrib or {}).items():
        if value is not None:
            el.set(key, value)
    if text is not None:
        el.text = text
    for child in children:
        append(el, child)
    return el


def append(parent: etree._Element, child) -> None:
    """Append an element, or a string as text after the last child."""
    if child is None:
        return
    if isinstance(child, str):
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + child
        else:
            parent.text = (parent.text or "") + child
    else:
        parent.append(child)


def normalize_space_in(el: etree._Element) -> None:
    """Collapse every run of whitespace inside ``el`` to one space and trim its two ends."""
    if el.text:
        el.text = _SPACES.sub(" ", el.text)
    for d in el.iterdescendants():
        if d.text:
            d.text = _SPACES.sub(" ", d.text)
        if d.tail:
            d.tail = _SPACES.sub(" ", d.tail)
    if el.text:
        el.text = el.text.lstrip()
    elif len(el) == 0:
        return
    # trim the end: the last text in document order inside el
    last = el
    while len(last):
        last = last[-1]
        if last.tail:
            last.tail = last.tail.rstrip()
            return
    if last is not el and last.text:
        last.text = last.text.rstrip()
    elif last is el and el.text:
        el.text = el.text.rstrip()


def parse_html(data: bytes | str) -> etree._Element:
    """Parse an HTML page for checking (tests, the text check). libxml2's HTML parser reads no
    external resources."""
    import lxml.html

    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return lxml.html.document_fromstring(data)
