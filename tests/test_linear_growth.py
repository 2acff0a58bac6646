"""Conversion grows linearly with the quotations of a paragraph (round 6).

The quotation pass wrapped each quotation on its own (``markup.wrap_range``: the paragraph's offsets
read, its text cut and its children moved for each), counted the marks removed before each one from
the start, asked every slot about every mark and every pair about every unpaired mark: a paragraph
with k quotations cost k times the paragraph. ``markup.wrap_ranges`` wraps them all in one pass, and
the checks walk or search sorted lists.

(a) The earlier algorithms are kept here as the reference and compared with the fast paths on generated
paragraphs. (b) Growth is measured as work, not seconds: the layout reads of the paragraph and the
Python lines run in the quotation and markup modules, for N and 10N quotations in one paragraph.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from copy import deepcopy
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition_tools.convert import markup, quotes
from edition_tools.convert.api import convert_text
from edition_tools.convert.markup import (
    string_value,
    top_level_offsets,
    wrap_range,
    wrap_ranges,
)
from edition_tools.convert.model import Document
from edition_tools.convert.names import Entity, NameIndex
from edition_tools.xmlio import TEI_NS, E, to_string

SPEAKERS = NameIndex([
    Entity("rusk", "person", ["Rusk, Dean"]),
    Entity("dobrynin", "person", ["Dobrynin, Anatoly"]),
])


# --------------------------------------------------------------------------- the earlier algorithms


def old_wrap_range(el, start, end, new):
    """``markup.wrap_range`` before round 6: the offsets read and the whole content rebuilt per range."""
    if end <= start:
        return None
    spans = top_level_offsets(el)
    for s, e, item in spans:
        if isinstance(item, etree._Element) and s < start < e:
            start = s
        if isinstance(item, etree._Element) and s < end < e:
            end = e
    items = []
    if el.text:
        items.append(el.text)
    for child in list(el):
        items.append(child)
        if child.tail:
            items.append(child.tail)
        child.tail = None
        el.remove(child)
    el.text = None
    before, inside, after = [], [], []
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
    for target, part in ((el, before), (new, inside), (el, [new]), (el, after)):
        for item in part:
            if isinstance(item, str):
                if len(target):
                    target[-1].tail = (target[-1].tail or "") + item
                else:
                    target.text = (target.text or "") + item
            else:
                target.append(item)
    return new


def old_own_text_marks(el):
    value = string_value(el)
    if not quotes.may_hold_marks(value):
        return value, []
    found = [(m.start(), m.group()) for m in quotes._QUOTE_MARK.finditer(value)]
    if not found or len(el) == 0:
        return value, [quotes._Mark(i, ch) for i, ch in found]
    own = [(start, end) for start, end, item in top_level_offsets(el) if item == "text" or isinstance(item, tuple)]
    return value, [quotes._Mark(i, ch) for i, ch in found if any(start <= i < end for start, end in own)]


def old_pairs(value, marks):
    """``quotes._pairs`` with the opener looked for down the whole stack for each closer."""
    pairs, unpaired, stack = [], [], []
    straight = [m for m in marks if m.char == quotes.STRAIGHT]
    straight_ok = len(straight) % 2 == 0 and all(quotes._straight_role(value, m.pos) != "unclear" for m in straight)
    want = {quotes.DOUBLE_CLOSE: quotes.DOUBLE_OPEN, quotes.SINGLE_CLOSE: quotes.SINGLE_OPEN,
            quotes.STRAIGHT: quotes.STRAIGHT}
    for m in marks:
        kind = quotes._kind(m, value, stack, straight_ok)
        if kind == "open":
            stack.append(m)
        elif kind == "close":
            opener = next((o for o in reversed(stack) if o.char == want[m.char]), None)
            if opener is None:
                if m.char != quotes.SINGLE_CLOSE:
                    unpaired.append(m)
                continue
            while stack and stack[-1] is not opener:
                unpaired.append(stack.pop())
            stack.pop()
            pairs.append((opener, m, len(stack)))
        elif kind == "unpaired":
            unpaired.append(m)
    unpaired.extend(stack)
    unpaired.sort(key=lambda m: m.pos)
    return pairs, unpaired


def old_mark_quotations(el, doc, line, speakers=None):
    chain = quotes._chain(doc)
    before = chain.last
    old_mark(el, doc, line, speakers, depth=0)
    if chain.last is not None and chain.last is before and not chain.extended:
        chain.last = None
    chain.extended = False


def old_mark(el, doc, line, speakers, depth):
    """``quotes._mark`` before round 6: each span wrapped right to left by ``wrap_range``, its marks
    dropped at once, the marks removed before it counted from the start for each span."""
    value, marks = old_own_text_marks(el)
    if not marks:
        return
    pairs, unpaired = old_pairs(value, marks)
    chain = quotes._chain(doc) if depth == 0 else None
    lead = len(value) - len(value.lstrip())
    opens_para = bool(marks) and marks[0].pos == lead and marks[0].char == quotes.DOUBLE_OPEN
    run_on = None
    if chain is not None and len(unpaired) == 1 and unpaired[0].char == quotes.DOUBLE_OPEN:
        run_on = ("open", unpaired[0])
    elif chain is not None and chain.last is not None and len(unpaired) == 1 \
            and unpaired[0].char == quotes.DOUBLE_CLOSE and not opens_para:
        run_on = ("close", unpaired[0])
    if run_on is not None and any(o.pos < run_on[1].pos < c.pos for o, c, d in pairs if d == 0):
        run_on = None
    for m in unpaired:
        if run_on is not None and m is run_on[1]:
            continue
        if any(o.pos < m.pos < c.pos for o, c, d in pairs if d == 0):
            continue
        doc.decide(line, "quotes.unbalanced",
                   f"unpaired quotation mark {m.char} kept as a character (…{value[max(0, m.pos - 25):m.pos + 25]}…)",
                   "a quotation that runs on into the next paragraph, or a slip in the source", cert="medium")
    made = []
    spans = [(o.pos + 1, c.pos, "pair", o, c) for o, c, d in pairs if d == 0]
    if run_on is not None and run_on[0] == "open":
        spans.append((run_on[1].pos + 1, len(value), "open", run_on[1], None))
    if run_on is not None and run_on[0] == "close":
        spans.append((lead, run_on[1].pos, "close", None, run_on[1]))
    removed = []
    for start, end, role, opener, closer in sorted(spans, key=lambda x: -x[0]):
        if end <= start or not value[start:end].strip():
            continue
        at_start = start - sum(1 for r in removed if r < start)
        at_end = end - sum(1 for r in removed if r < end)
        continues = chain is not None and chain.last is not None and (
            role == "close" or (role == "open" and opener.pos == lead)
            or (role == "pair" and opens_para and opener.pos == lead))
        if continues:
            tag, attrs = chain.tag, dict(chain.attrs)
        else:
            tag, attrs = quotes.classify(value, start, end, speakers)
            if role != "pair" and tag == "soCalled":
                tag = "q"
        single = opener is not None and opener.char == quotes.SINGLE_OPEN
        if role == "pair":
            rend = "#sq #sq-close" if single else "#dq #dq-close"
        else:
            rend = "#dq" if role == "open" else "#dq-close"
        new = E(tag, {**attrs, "rendition": rend})
        if old_wrap_range(el, at_start, at_end, new) is None:
            continue
        if opener is not None:
            quotes._drop_mark_before(el, new, opener.char)
            removed.append(opener.pos)
        if closer is not None:
            quotes._drop_mark_after(new, closer.char)
            removed.append(closer.pos)
        made.append(new)
        if chain is not None and (continues or role == "open"):
            if role == "open" and not continues:
                chain.last = None
                chain.tag, chain.attrs = tag, attrs
            quotes._link(chain, new, doc, line, closes=(role != "open"), passage=string_value(new))
    for new in made:
        old_mark(new, doc, line, speakers, depth + 1)


# --------------------------------------------------------------------------- generated paragraphs

WORDS = ["Rusk said: ", "Dobrynin asked, ", "the ", "so-called ", "reads: ", "he called it ", "weapons ",
         "yes", "no", ". ", ", ", " ", "  ", "It ", "boys’ ", "don’t ", "12", "?", "!"]
MARKS = ["“", "”", '"', "‘", "’"]


@st.composite
def paragraph_xml(draw) -> str:
    """A paragraph's content: words, quotation marks, and child elements (with text, empty, or with
    marks inside), as a transcript's paragraph looks after the inline pass."""
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["word", "word", "mark", "mark", "child"]))
        if kind == "word":
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind == "mark":
            parts.append(draw(st.sampled_from(MARKS)))
        else:
            inner = draw(st.sampled_from(["Rusk", "a note", "", "“x”", "say ”", " "]))
            parts.append(f"<hi>{inner}</hi>" if inner else "<pb/>")
    return "".join(parts)


def snippet(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def quoted(mark, xmls: list[str]) -> tuple[list[str], list[tuple]]:
    """The paragraphs ``xmls`` after ``mark`` (one document, so quotations may run on), and its decisions."""
    doc = Document("t.txt", "test")
    out = []
    for line, xml in enumerate(xmls, 1):
        el = snippet(xml)
        mark(el, doc, line, SPEAKERS)
        out.append(to_string(el))
    return out, [d.as_dict() for d in doc.decisions]


@settings(max_examples=400, deadline=None)
@given(st.lists(paragraph_xml(), min_size=1, max_size=3))
def test_quotations_as_before(xmls):
    assert quoted(quotes.mark_quotations, xmls) == quoted(old_mark_quotations, xmls)


def test_quotations_as_before_cases():
    """Hand-picked: a quotation running over paragraphs whose last part holds pairs; pairs that touch;
    inch marks among quotations; stray ‘ and ”."""
    cases = [
        ["“The first part", "“goes on ‘here’ and “there” and", "ends “now” here.” Then “more”."],
        ["“a”“b” “c”", "x “y” z"],
        ['The 12" guns and “offensive” weapons, the 8" gun “yes”.'],
        ["In the ‘60s the boys” weapons ‘x’ and “y”."],
        ["<hi>Rusk</hi> said: “we <hi>agree</hi>” and “<pb/>no” <hi>“z”</hi>"],
    ]
    for xmls in cases:
        assert quoted(quotes.mark_quotations, xmls) == quoted(old_mark_quotations, xmls)


@st.composite
def element_and_ranges(draw, past_end: int = 0):
    """A paragraph with children (some empty, some with text) and ascending ranges that lie apart, with
    boundaries anywhere, also inside children (and up to ``past_end`` characters past the end)."""
    el = snippet(draw(paragraph_xml()))
    length = len(string_value(el))
    cuts = sorted(draw(st.lists(st.integers(0, length + past_end), max_size=8)))
    ranges = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return el, ranges


def wrapped_one_by_one(el, ranges):
    for start, end in reversed(ranges):
        old_wrap_range(el, start, end, E("q"))
    return to_string(el)


@settings(max_examples=400, deadline=None)
@given(element_and_ranges())
def test_wrap_ranges_as_wrap_range_one_by_one(case):
    el, ranges = case
    # each range widened to the children its ends fall in must still lie apart from the next
    widened = [markup.widened(top_level_offsets(el), [s for s, _e, _i in top_level_offsets(el)], s, e)
               for s, e in ranges if e > s]
    if any(a[1] > b[0] for a, b in pairwise(widened)):
        return
    fast = deepcopy(el)
    wrap_ranges(fast, [(s, e, E("q")) for s, e in ranges])
    assert to_string(fast) == wrapped_one_by_one(deepcopy(el), ranges)


@settings(max_examples=400, deadline=None)
@given(element_and_ranges(past_end=2))
def test_wrap_range_as_before(case):
    el, ranges = case
    for start, end in ranges[:1] or [(0, 0)]:
        fast, old = deepcopy(el), deepcopy(el)
        assert (wrap_range(fast, start, end, E("q")) is None) == (old_wrap_range(old, start, end, E("q")) is None)
        assert to_string(fast) == to_string(old)


# --------------------------------------------------------------------------- growth, counted as work


UNITS = {
    # a person's words after an inquit, with a name and a date, and scare quotes
    "quotations": "On {month} {day}, 1962, Secretary Rusk said: “We agree on point {k}.” "
                  "The “offensive” weapons were discussed again.",
    # the same with a note marker after the words (child elements before the quotation pass)
    "notes": "On {month} {day}, 1962, Secretary Rusk said: “We agree on point {k}.”[{n}] "
             "The “offensive” weapons were discussed again.",
    # inch marks (unpaired straight quotes) among quotations
    "inches": "The {day}\" guns and the “offensive” weapons were listed.",
    # stray openers and closers (‘60s, a closer without an opener) among quotations
    "strays": "In the ‘{day}0s the boys” weapons were “offensive” again.",
}


def paragraph(n: int, kind: str = "quotations") -> str:
    """One paragraph with ``n`` quotations (or marks) of ``kind`` (see ``UNITS``)."""
    months = ["January", "March", "May", "July", "September", "November"]
    return " ".join(UNITS[kind].format(month=months[k % 6], day=k % 28 + 1, k=k, n=k + 1) for k in range(n // 2))


def document(n: int, kind: str = "quotations") -> str:
    text = f"MEMORANDUM OF CONVERSATION\n\nWashington, March 3, 1962\n\n{paragraph(n, kind)}\n"
    if kind == "notes":
        text += "\nNotes\n\n" + "\n\n".join(f"[{k}] Source: Department of State, file {k}." for k in range(1, n // 2 + 1))
    return text


@contextmanager
def counted_lines(*modules):
    """Count the Python lines run in ``modules`` (a measure of work that does not depend on the machine)."""
    files = {m.__file__ for m in modules}
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename in files else None

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield count
    finally:
        sys.settrace(old)


def quotation_work(n: int, kind: str) -> int:
    text = document(n, kind)
    with counted_lines(quotes, markup) as count:
        convert_text(text, "quotations.txt")
    return count[0]


def test_quotation_pass_work_grows_linearly():
    """Ten times the quotations in a paragraph (with note markers, inch marks or stray marks among them)
    run at most about ten times the lines of the quotation and markup modules; wrapped one by one, they
    ran eighty to ninety times more at 10x."""
    for kind in UNITS:
        small, large = quotation_work(40, kind), quotation_work(400, kind)
        assert large < 11 * small, (kind, small, large)


def test_paragraph_layout_read_once_for_all_quotations(monkeypatch):
    """The offsets of a paragraph's children are read a fixed number of times however many quotations it
    holds (they were read once per quotation)."""
    reads = []

    def counting(el):
        reads.append(el)
        return top_level_offsets(el)

    monkeypatch.setattr(markup, "top_level_offsets", counting)
    monkeypatch.setattr(quotes, "top_level_offsets", counting)
    for n in (20, 200):
        el = snippet(paragraph(n).replace("Secretary Rusk", "<hi>Rusk</hi>"))
        reads.clear()
        quotes.mark_quotations(el, Document("t.txt", "test"), 1, SPEAKERS)
        assert len(el) == n + n // 2  # the quotations and the names
        assert sum(1 for r in reads if r is el) <= 2, n
