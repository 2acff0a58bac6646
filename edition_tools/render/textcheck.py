"""No text lost: the words of a TEI ``text`` against the words of its rendered page, in order.

The TEI side is read as the view defines it (a ``choice`` shows one child; conversion notes only
in the review view; numbered notes are compared one by one with the page's note list or, in the
print view, with the ``span.fn-print`` after each call). The HTML side leaves out only generated
labels: elements with the class ``gen`` (brackets, "[sic]", quotation marks, speaker labels),
note calls and back-links, and the paragraph links. Every element boundary counts as a space on
both sides, so the check is about words, not about where markup splits them.
"""

from __future__ import annotations

import re

from lxml import etree

from ..xmlio import TEI_NS, local_name
from .htmlio import parse_html
from .summary import choice_shown

GENERATED = frozenset({"gen", "fn-call", "fn-back", "fn-print", "cite-link"})
_WORD = re.compile(r"\w+")
_INLINE_TYPES = frozenset({"originalTerm", "conversion"})


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_numbered(note: etree._Element) -> bool:
    """A note with a number and a call (not inline, not a converter's note, not inside one)."""
    if note.get("type") in _INLINE_TYPES or note.get("place") == "inline":
        return False
    return not any(a.get("type") == "conversion" for a in note.iterancestors(f"{{{TEI_NS}}}note"))


def tei_words(el: etree._Element, view: str, *, notes: list | None = None) -> list[str]:
    """Words of a TEI element as ``view`` shows them; numbered notes are appended to ``notes``."""
    out: list[str] = []

    def walk(node):
        out.append(" ")
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                is_tei = child.tag.startswith("{" + TEI_NS + "}")
                name = local_name(child) if is_tei else ""
                if name == "note" and is_numbered(child):
                    out.append(" ")  # the page has its call here, a boundary as any element's
                    if notes is not None:
                        notes.append(child)
                elif name == "note" and child.get("type") == "conversion" and view != "review":
                    pass
                elif name == "choice":
                    shown = choice_shown(child, "diplomatic" if view == "diplomatic" else "reading")
                    if shown is not None:
                        walk(shown)
                else:
                    walk(child)
            if child.tail:
                out.append(" " if not isinstance(child.tag, str) else "")
                out.append(child.tail)
        out.append(" ")

    walk(el)
    return words("".join(out))


def html_words(el: etree._Element) -> list[str]:
    out: list[str] = []

    def walk(node):
        out.append(" ")
        if node.text and isinstance(node.tag, str):
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not GENERATED & set((child.get("class") or "").split()):
                walk(child)
            else:
                out.append(" ")
            if child.tail:
                out.append(child.tail)
        out.append(" ")

    walk(el)
    return words("".join(out))


def _difference(expected: list[str], got: list[str]) -> str:
    for i, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            return f"word {i + 1}: expected {' '.join(expected[max(0, i - 5):i + 6])!r}, page has {' '.join(got[max(0, i - 5):i + 6])!r}"
    if len(expected) > len(got):
        return f"the page ends early; missing {' '.join(expected[len(got):len(got) + 10])!r}"
    return f"the page has extra words {' '.join(got[len(expected):len(expected) + 10])!r}"


def check_page(tei_root: etree._Element, html: bytes, view: str) -> list[str]:
    """Problems found (empty when no word was lost or added)."""
    page = parse_html(html)
    problems: list[str] = []
    texts = tei_root.findall(f"{{{TEI_NS}}}text") + tei_root.findall(f"{{{TEI_NS}}}TEI/{{{TEI_NS}}}text")  # a TEI or a teiCorpus
    expected: list[str] = []
    for t in texts:
        expected += tei_words(t, view)
    notes = [n for t in texts for n in t.iter(f"{{{TEI_NS}}}note") if is_numbered(n)]
    sections = page.xpath("//section[@id='text']")
    if not sections:
        return ["the page has no section#text"]
    got = html_words(sections[0])
    if expected != got:
        problems.append("text: " + _difference(expected, got))
    calls = page.xpath("//a[contains(concat(' ', @class, ' '), ' fn-call ')]")
    if len(calls) != len(notes):
        problems.append(f"{len(notes)} numbered notes in the TEI, {len(calls)} note calls on the page")
    for i, note in enumerate(notes, start=1):
        want = tei_words(note, view, notes=[])
        if view == "print":
            call = page.xpath("//a[@id=$id]", id=f"fnref-{i}")
            body = call[0].getnext() if call else None
            if body is None or "fn-print" not in (body.get("class") or "").split():
                problems.append(f"note {i}: no span.fn-print after its call")
                continue
            got_note = [w for w in html_words_keep_print(body)]
        else:
            item = page.xpath("//*[@id=$id]", id=f"fn-{i}")
            if not item:
                problems.append(f"note {i}: no element with id fn-{i}")
                continue
            back = item[0].xpath(".//a[@href=$href]", href=f"#fnref-{i}")
            call = page.xpath("//a[@id=$id][@href=$href]", id=f"fnref-{i}", href=f"#fn-{i}")
            if not back or not call:
                problems.append(f"note {i}: call and note are not linked both ways")
            got_note = html_words(item[0])
        if want != got_note:
            problems.append(f"note {i}: " + _difference(want, got_note))
    return problems


def html_words_keep_print(span: etree._Element) -> list[str]:
    """Words of a span.fn-print (its own class is generated only as seen from the text)."""
    out: list[str] = []
    if span.text:
        out.append(span.text)
    for child in span:
        if isinstance(child.tag, str) and not GENERATED & set((child.get("class") or "").split()):
            out.append(" ".join(html_words(child)))
        if child.tail:
            out.append(" " + child.tail)
    return words(" ".join(out))
