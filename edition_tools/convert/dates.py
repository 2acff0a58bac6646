"""Dates: find date expressions in text and mark them as ``<date when="…">`` (encoding model §3.14).

``parse_date(text)`` finds the first date expression in a string (used by the layouts for datelines);
``mark_dates(el, ctx, doc, line)`` wraps every date expression in the text of a TEI element.

What is recognised:

* full dates: ``March 3, 1962``, ``3 March 1962``, ``Tuesday, March 3, 1962``, ``the 3rd of March 1962``,
  ``Sept. 10, 1970``, ``1958-11-12``, a telegram's date-time group ``151400Z MAR 76`` (two-digit years of
  the 1900s); day ranges ``March 3–5, 1962`` (``from``/``to``);
* day and month without a year (``18 April``, ``October 26``): the year comes from the document date
  (``evidence="internal"``); with no document date, from an explicit year earlier in the same or the
  previous element (``cert="medium"``); with neither, ``when="--10-26"`` with ``cert="medium"`` and a
  conversion decision (never a guessed year);
* British dates with the month in roman numerals, as Whitehall minutes are dated under the initials
  (``3.iii.62``, ``15.XI.1962``; a two-digit year is of the 1900s);
* month and year (``March 1962`` -> ``1962-03``), a year alone only after a preposition (``in 1961``);
* two days of one month joined by "or"/"and" (``15th or 16th March``, ``March 15 or 16, 1962``): two
  dates; a night over two days (``the night of 22/23 October``): ``from``/``to``;
* ``the 3rd inst.``/``ult.``/``prox.`` -> that day of the document's month, the month before or after
  (``evidence="internal"``); nothing without a document date;
* ``the 27th`` -> the month of the nearest preceding explicit date in the same element (``cert="high"``)
  or the previous element (``cert="medium"``); nothing when there is none;
* ``today`` -> the date of the conversation (``ctx.setting_date``) or of the document, ``cert="medium"``;
  ``today, November 6`` is one date.

False positives avoided: month names are matched only capitalised and followed or preceded by a day or a
year (``may``, ``the march``, ``May I``), ordinals followed by a noun (``the 17th parallel``, ``the 23rd
Party Congress``), numbers that are not years (``in 1961 cases``), invalid days (``February 30``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field

from lxml import etree

from ..xmlio import XML_ID, E
from .markup import string_value
from .model import Document
from .textspans import wrap_spans

# --------------------------------------------------------------------------- vocabulary

_MONTH_NAMES = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", None),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept|Sep"), ("October", "Oct"),
    ("November", "Nov"), ("December", "Dec"),
]

MONTHS: dict[str, int] = {}
for _n, (_full, _abbr) in enumerate(_MONTH_NAMES, start=1):
    MONTHS[_full.lower()] = _n
    if _abbr:
        for _a in _abbr.split("|"):
            MONTHS[_a.lower()] = _n


def _month_alternatives() -> str:
    alts: list[str] = []
    for full, abbr in _MONTH_NAMES:
        alts += [full, full.upper()]
    for full, abbr in _MONTH_NAMES:
        if abbr:
            for a in abbr.split("|"):
                # an abbreviation needs its full stop, or must stand before a digit (“Oct 26”)
                alts += [a + r"\.", a.upper() + r"\.", a + r"(?=\s+\d)"]
    return "|".join(alts)


_MONTH = rf"(?:{_month_alternatives()})(?![A-Za-z])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_YEAR = r"(?:1[7-9]\d\d|20\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_DASH = r"\s*[-–—]\s*"

#: Nouns after which a number is a count, not a year ("in 1961 cases").
_COUNT_NOUNS = (
    r"cases|people|persons|men|women|troops|soldiers|tons|dollars|units|copies|pages|votes|miles|"
    r"kilometers|kilometres|aircraft|planes|ships|tanks|rounds|hours|minutes|days|weeks|months|years"
)
#: Words after "the 27th" that make it a name or a count, not a day ("the 17th parallel").
_ORDINAL_NOUNS = (
    r"century|centuries|anniversary|parallel|floor|time|times|round|session|meeting|division|army|"
    r"fleet|corps|brigade|regiment|battalion|congress|plenum|party|amendment|street|avenue|article|"
    r"paragraph|point|item|day|week|month|year|place|birthday|of\s+(?!" + _MONTH + r")"
)

_DIGIT = re.compile(r"\d")
#: "no digit or hyphen before the year" is looked at after its first digit ("(?<![\d-])\d" as
#: "\d(?<![\d-]\d)"), so that the expression opens with a digit, which the re module finds by a fast
#: scan, instead of trying the lookbehind at every position
_ISO_RE = re.compile(r"(?P<y>\d(?<![\d-]\d)\d{3})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
#: a telegram's date-time group: day, hour and minute, Z (GMT), month, year ("151400Z MAR 76")
_DTG_RE = re.compile(
    r"(?<!\w)(?P<d>\d{2})\d{4}Z\s+(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(?P<y>\d{2}|\d{4})(?!\w)")
#: _MDY_RE and _DMY_RE open with a lookbehind, which the re module tries at every position of the text;
#: the lookahead for the first character (of a weekday or month name; of a weekday, "the" or a day)
#: turns most positions down at once
#: the second day of a range follows a dash ("March 15-16") or, for a night that runs over two days, a
#: slash ("the night of 22/23 October"); a slash day is not followed by another slash ("3/4/62")
_RANGE_SEP = rf"(?P<sep>{_DASH}|/)"
_MDY_RE = re.compile(
    rf"(?=[JFMASONDTW])(?<![\w-])(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY}){_ORD}?(?!\d)"
    rf"(?:{_RANGE_SEP}(?P<d2>{_DAY}){_ORD}?(?![\d/]))?"
    rf"(?:,?\s*(?P<y>{_YEAR})(?![\d]))?"
)
_DMY_RE = re.compile(
    rf"(?=[MTWFSt0-9])(?<![\w.,:/-])(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY}){_ORD}?"
    rf"(?:{_RANGE_SEP}(?P<d2>{_DAY}){_ORD}?(?!/))?(?:\s+of)?\s+(?P<mon>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
)
#: two days joined by "or"/"and" that share one month ("15th or 16th March", "March 15 or 16, 1962"):
#: each day is a date of its own; ``first`` and ``second`` are the two spans
_PAIR_DMY_RE = re.compile(
    rf"(?=[t0-9])(?<![\w.,:/-])(?P<first>(?:the\s+)?(?P<d>{_DAY}){_ORD}?)(?!\d)\s+(?:or|and)\s+"
    rf"(?P<second>(?:the\s+)?(?P<d2>{_DAY}){_ORD}?(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR})(?!\d))?)"
)
_PAIR_MDY_RE = re.compile(
    rf"(?=[JFMASOND])(?<![\w-])(?P<first>(?P<mon>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY}){_ORD}?)(?!\d)\s+(?:or|and)\s+"
    rf"(?P<second>(?:the\s+)?(?P<d2>{_DAY}){_ORD}?(?![\d\w’'])(?!\s+(?:{_COUNT_NOUNS})\b)(?:,?\s*(?P<y>{_YEAR})(?!\d))?)"
)
#: a day of the letter's month, of the month before or of the month after: "the 3rd inst.",
#: "your letter of 28th ult.", "on the 2nd prox." (British commercial and official letters)
_RELATIVE_MONTHS = {"inst": 0, "instant": 0, "ult": -1, "ultimo": -1, "prox": 1, "proximo": 1}
_RELATIVE_DAY_RE = re.compile(
    rf"(?<![\w.,:/-])(?:the\s+)?(?P<d>{_DAY}){_ORD}?\s+(?P<rel>{'|'.join(_RELATIVE_MONTHS)})(?![\w’'])\.?"
)
#: a day, a month in roman numerals and a year, separated by full stops ("3.iii.62", "15.XI.1962"): the
#: dating of British official minutes; the digit opens the expression, so the scan is fast
_ROMAN_DMY_RE = re.compile(
    r"(?P<d>\d(?<![\w.]\d)\d?)\.(?P<mon>[ivx]{1,4}|[IVX]{1,4})\.(?P<y>\d{2}|\d{4})(?!\w|\.\d)")
_ROMAN_MONTHS = {r: n for n, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), 1)}
_MY_RE = re.compile(rf"(?<![\w-])(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})(?![\d\-–/])")
_YEAR_RE = re.compile(
    rf"\b(?:in|In|since|Since|until|Until|during|During|before|Before|after|After|by|By|of|from|From|"
    rf"through|till|early|late|mid-|spring|summer|autumn|fall|winter)\s*(?<=[\s-])(?P<y>{_YEAR})"
    rf"(?![\d\-–/.,]\d)(?![\w’'])(?!\s+(?:{_COUNT_NOUNS})\b)"
)
_ORDINAL_RE = re.compile(
    rf"\b(?P<the>the|The)\s+(?P<d>{_DAY}){_ORD}(?![\w’'])(?!\s+(?:{_ORDINAL_NOUNS})\b)(?!\s+[A-Z])"
)
#: what every match of _ORDINAL_RE holds (a digit and its ordinal ending), found by a fast scan for the
#: digit: few texts have it, and _ORDINAL_RE, which opens with ``\b``, is tried at every position
_ORDINAL_DAY = re.compile(rf"\d{_ORD}")
_TODAY_RE = re.compile(
    rf"\b(?:today|Today)(?![\w’'])(?:,\s+(?P<mon>{_MONTH})\s+(?P<d>{_DAY}){_ORD}?(?!\d))?"
)


# --------------------------------------------------------------------------- values


@dataclass
class DateValue:
    """A date expression found in a string: ``when`` in ISO form, ``text[start:end]`` the expression.

    For a day range (``March 3–5, 1962``) ``when`` is the first day and ``to`` the last.
    ``year_given`` says whether the year was written; ``kind`` is ``full``, ``month-day``,
    ``month-year`` or ``year``.
    """

    when: str
    start: int
    end: int
    kind: str = "full"
    to: str | None = None
    month: int = 0
    day: int = 0
    day2: int = 0
    year: int | None = None

    @property
    def year_given(self) -> bool:
        return self.year is not None


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        _dt.date(year if year is not None else 2000, month, day)  # 2000: leap year allows 29 Feb
    except ValueError:
        return False
    return True


def _iso(year: int | None, month: int, day: int = 0) -> str:
    if year is None:
        return f"--{month:02d}-{day:02d}"
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}"


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _candidates(text: str) -> list[DateValue]:
    """Every date expression in ``text`` (overlapping candidates included)."""
    if not _DIGIT.search(text):
        return []  # each expression has a day or a year in digits: most text nodes need no more looking
    return _candidates_with_digits(text)


def _candidates_with_digits(text: str) -> list[DateValue]:
    """:func:`_candidates` of a ``text`` known to hold a digit."""
    out: list[DateValue] = []
    # the patterns below are slow to scan (a lookbehind first); cheap hints skip those that cannot match
    four_digits = _has_four_digits(text)
    month = _has_month_letters(text)
    if four_digits:
        _iso_candidates(text, out)
    if month:
        _day_month_candidates(text, out)
        if "Z" in text:
            _dtg_candidates(text, out)
    if _may_hold_roman_month(text):
        _roman_month_candidates(text, out)
    if month and four_digits:
        _month_year_candidates(text, out)
    if four_digits:
        _year_candidates(text, out)
    return out


#: every month name and abbreviation _MONTH accepts holds one of these (title case or capitals)
_MONTH_LETTERS = re.compile(
    "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
)
#: an ISO date and a year hold four digits in a row
_FOUR_DIGITS = re.compile(r"\d{4}")


def _has_month_letters(text: str) -> bool:
    """Can ``text`` hold a month name? (A hint: false means _MDY_RE, _DMY_RE and _MY_RE cannot match.)"""
    return _MONTH_LETTERS.search(text) is not None


def _has_four_digits(text: str) -> bool:
    """Can ``text`` hold a year? (A hint: false means _ISO_RE, _MY_RE and _YEAR_RE cannot match.)"""
    return _FOUR_DIGITS.search(text) is not None


def _iso_candidates(text: str, out: list[DateValue]) -> None:
    for m in _ISO_RE.finditer(text):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1000 <= y <= 2099 and 1 <= mo <= 12 and _valid(y, mo, d):
            out.append(DateValue(_iso(y, mo, d), m.start(), m.end(), "full", month=mo, day=d, year=y))


def _day_month_candidates(text: str, out: list[DateValue]) -> None:
    if " or " in text or " and " in text:
        _day_pair_candidates(text, out)  # first: of two candidates with the same span, _choose keeps the first
    for rx in (_MDY_RE, _DMY_RE):
        for m in rx.finditer(text):
            mo = _month_number(m["mon"])
            d = int(m["d"])
            d2 = int(m["d2"]) if m["d2"] else 0
            y = int(m["y"]) if m["y"] else None
            if not _valid(y, mo, d) or (d2 and (d2 <= d or not _valid(y, mo, d2))):
                continue
            if d2 and m["sep"] == "/" and d2 != d + 1:
                continue  # "15/16 March" is a night; "3/7 March" is no date form
            end = m.end()
            kind = "full" if y is not None else "month-day"
            dv = DateValue(_iso(y, mo, d), m.start(), end, kind, month=mo, day=d, day2=d2, year=y)
            if d2:
                dv.to = _iso(y, mo, d2)
            out.append(dv)


def _day_pair_candidates(text: str, out: list[DateValue]) -> None:
    """"15th or 16th March", "March 15 or 16, 1962": two dates of the same month (and year). Both days are
    marked, so that neither is left out or read on its own ("March 15" without the year written after 16)."""
    for rx in (_PAIR_DMY_RE, _PAIR_MDY_RE):
        for m in rx.finditer(text):
            mo, d, d2 = _month_number(m["mon"]), int(m["d"]), int(m["d2"])
            y = int(m["y"]) if m["y"] else None
            if d2 <= d or not (_valid(y, mo, d) and _valid(y, mo, d2)):
                continue
            kind = "full" if y is not None else "month-day"
            for day, span in ((d, "first"), (d2, "second")):
                out.append(DateValue(_iso(y, mo, day), m.start(span), m.end(span), kind, month=mo, day=day, year=y))


def _dtg_candidates(text: str, out: list[DateValue]) -> None:
    """Date-time groups of telegrams; a two-digit year is of the 1900s, the years of such telegrams."""
    for m in _DTG_RE.finditer(text):
        mo, d = _month_number(m["mon"]), int(m["d"])
        y = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"])
        if _valid(y, mo, d):
            out.append(DateValue(_iso(y, mo, d), m.start(), m.end(), "full", month=mo, day=d, year=y))


def _may_hold_roman_month(text: str) -> bool:
    """Can _ROMAN_DMY_RE match in ``text``? It needs a full stop before a roman numeral (substring tests
    in C, which spare most texts the pattern)."""
    return any(mark in text for mark in (".i", ".v", ".x", ".I", ".V", ".X"))


def _roman_month_candidates(text: str, out: list[DateValue]) -> None:
    """British minute dates (``3.iii.62``); a two-digit year is of the 1900s, the years of such minutes."""
    for m in _ROMAN_DMY_RE.finditer(text):
        mo = _ROMAN_MONTHS.get(m["mon"].lower())
        y = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"])
        d = int(m["d"])
        if mo and _valid(y, mo, d):
            out.append(DateValue(_iso(y, mo, d), m.start(), m.end(), "full", month=mo, day=d, year=y))


def _month_year_candidates(text: str, out: list[DateValue]) -> None:
    for m in _MY_RE.finditer(text):
        mo, y = _month_number(m["mon"]), int(m["y"])
        out.append(DateValue(_iso(y, mo), m.start(), m.end(), "month-year", month=mo, year=y))


def _year_candidates(text: str, out: list[DateValue]) -> None:
    for m in _YEAR_RE.finditer(text):
        y = int(m["y"])
        out.append(DateValue(f"{y:04d}", m.start("y"), m.end("y"), "year", year=y))


def _choose(cands: list[DateValue]) -> list[DateValue]:
    """Leftmost-longest, non-overlapping."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[DateValue] = []
    pos = -1
    for c in cands:
        if c.start >= pos:
            chosen.append(c)
            pos = c.end
    return chosen


def find_dates(text: str) -> list[DateValue]:
    """All date expressions in ``text``, in order, not overlapping."""
    return _choose(_candidates(text))


def parse_date(text: str) -> DateValue | None:
    """The first date expression in ``text`` (``"Moscow, March 3, 1962, 6 p.m."`` -> ``1962-03-03``
    at 8..21), or ``None``. A day and month without a year give ``when="--MM-DD"``."""
    found = find_dates(text)
    return found[0] if found else None


# --------------------------------------------------------------------------- marking


@dataclass
class DateContext:
    """What ``mark_dates`` needs to know about the document, and what it remembers between elements.

    ``doc_date``: ISO date of the document (the year source); ``setting_date``: the day of the
    conversation, what "today" means in a record of conversation.
    """

    doc_date: str | None = None
    setting_date: str | None = None
    #: mark "today" (off for documents where it has no fixed reference, e.g. editorial notes)
    mark_today: bool = True
    #: (year or None, month) of the last explicit date in the previous element, for "the 27th"
    carry_month: tuple[int | None, int] | None = field(default=None, init=False, repr=False)
    #: explicit year last written in the previous element (year source when there is no doc_date)
    carry_year: int | None = field(default=None, init=False, repr=False)

    def doc_parts(self) -> tuple[int | None, int, int]:
        """(year, month, day) of ``doc_date``; month/day 0 when not given."""
        return _date_parts(self.doc_date)


@functools.lru_cache(maxsize=256)
def _date_parts(iso: str | None) -> tuple[int | None, int, int]:
    """(year, month, day) of an ISO date (cached: asked for the document date at every date found)."""
    if not iso:
        return None, 0, 0
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso)
    if not m:
        return None, 0, 0
    return int(m[1]), int(m[2] or 0), int(m[3] or 0)


def _after(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Is date a later than b, comparing only the precision b has (month/day 0 = unknown)?"""
    ya, ma, da = a
    yb, mb, db = b
    if ya != yb:
        return ya > yb
    if not mb:
        return False
    if ma != mb:
        return ma > mb
    if not db:
        return False
    return da > db


def may_hold_date(text: str) -> bool:
    """Can ``text`` hold anything ``mark_dates`` marks? Every expression has a digit, except "today"
    (a cheap test that spares most text nodes the patterns)."""
    return _may_say_today(text) or _DIGIT.search(text) is not None


def _may_name_relative_month(text: str) -> bool:
    """Can _RELATIVE_DAY_RE match in ``text``? It needs "inst", "ult" or "prox"."""
    return "inst" in text or "ult" in text or "prox" in text


def _may_say_today(text: str) -> bool:
    """Can _TODAY_RE match in ``text``? It needs "today" or "Today"."""
    return "oday" in text


def mark_dates(el: etree._Element, ctx: DateContext, doc: Document, line: int, skip=("date", "note")) -> int:
    """Wrap the date expressions in ``el``'s text in ``<date>``; returns how many were marked."""
    state = _ElementState(ctx, doc, line)
    # the string value holds every text slot wrap_spans would look at (and the skipped ones)
    n = wrap_spans(el, state.find, skip=skip) if may_hold_date(string_value(el)) else 0
    ctx.carry_month = state.last_month
    ctx.carry_year = state.last_year
    return n


class _ElementState:
    def __init__(self, ctx: DateContext, doc: Document, line: int):
        self.ctx = ctx
        self.doc = doc
        self.line = line
        self.last_month: tuple[int | None, int] | None = None  # explicit date seen in this element
        self.last_year: int | None = None

    # -- one text node
    def find(self, text: str) -> list[tuple[int, int, etree._Element]]:
        """The date elements for one text node: the digit test, which most nodes fail, is made once."""
        digits = _DIGIT.search(text) is not None
        today = _may_say_today(text)
        if not (digits or today):
            return []
        cands = _candidates_with_digits(text) if digits else []
        if digits and _ORDINAL_DAY.search(text):  # "the 27th"
            for m in _ORDINAL_RE.finditer(text):
                cands.append(DateValue("", m.start(), m.end(), "ordinal", day=int(m["d"])))
        if digits and _may_name_relative_month(text):  # "the 3rd inst.": longer than "the 3rd", so chosen
            for m in _RELATIVE_DAY_RE.finditer(text):
                cands.append(DateValue("", m.start(), m.end(), "relative-month", day=int(m["d"]),
                                       month=_RELATIVE_MONTHS[m["rel"]]))
        if today and self.ctx.mark_today and (self.ctx.setting_date or self.ctx.doc_date):
            for m in _TODAY_RE.finditer(text):
                mo = _month_number(m["mon"]) if m["mon"] else 0
                d = int(m["d"]) if m["d"] else 0
                if mo and not _valid(None, mo, d):
                    mo = d = 0
                end = m.end() if mo else m.start() + len("today")
                cands.append(DateValue("", m.start(), end, "today", month=mo, day=d))
        spans = []
        for dv in _choose(cands):
            new = self._element(dv, text[dv.start:dv.end])
            if new is not None:
                spans.append((dv.start, dv.end, new))
        return spans

    # -- one expression
    def _element(self, dv: DateValue, text: str) -> etree._Element | None:
        if dv.kind == "ordinal":
            return self._ordinal(dv, text)
        if dv.kind == "today":
            return self._today(dv, text)
        if dv.kind == "relative-month":
            return self._relative_month(dv)
        if dv.kind in ("full", "month-year", "year"):
            self.last_year = dv.year
            if dv.kind == "full":
                self.last_month = (dv.year, dv.month)
            elif dv.kind == "month-year":
                self.last_month = (dv.year, dv.month)
            return self._make(dv.when, dv.to)
        # month-day without a year
        return self._month_day(dv, text)

    def _make(self, when: str, to: str | None = None, **attrs: str) -> etree._Element:
        if to:
            return E("date", {"from": when, "to": to, **attrs})
        return E("date", {"when": when, **attrs})

    def _year_for(self, month: int, day: int, text: str) -> tuple[int | None, dict[str, str]]:
        """The year for a day and month written without one, and the attributes that say where it came from."""
        doc_year, doc_month, doc_day = self.ctx.doc_parts()
        if doc_year is not None:
            return doc_year, {"evidence": "internal"}
        year = self.last_year if self.last_year is not None else self.ctx.carry_year
        if year is not None:
            return year, {"evidence": "internal", "cert": "medium", "resp": "#conv"}
        return None, {}

    def _month_day(self, dv: DateValue, text: str) -> etree._Element:
        year, attrs = self._year_for(dv.month, dv.day, text)
        self.last_month = (year, dv.month)
        if year is None:
            new = self._make(_iso(None, dv.month, dv.day), _iso(None, dv.month, dv.day2) if dv.day2 else None,
                             cert="medium", resp="#conv")
            new.set(XML_ID, self.doc.new_id("date"))
            self.doc.decide(
                self.line, "dates.no-year",
                f"“{text}”: no year in the text or the document metadata; encoded as {new.get('when') or new.get('from')}",
                "give the document a date in its metadata, or add the year by hand",
                cert="medium", target=new.get(XML_ID),
            )
            return new
        if "cert" not in attrs and self._long_after_document(year, dv.month, dv.day):
            return self._previous_year(dv, year, text)
        if not _valid(year, dv.month, dv.day):  # 29 February in a non-leap year
            return self._make(_iso(None, dv.month, dv.day), cert="low", resp="#conv")
        new = self._make(_iso(year, dv.month, dv.day), _iso(year, dv.month, dv.day2) if dv.day2 else None, **attrs)
        self._check_after_document(new, (year, dv.month, dv.day2 or dv.day), text)
        return new

    def _long_after_document(self, year: int, month: int, day: int) -> bool:
        """Would the day, in the document's year, fall more than half a year after the document date?
        ("Dec 17" in a letter of 16 January is last December.)"""
        doc_year, doc_month, doc_day = self.ctx.doc_parts()
        if doc_year is None or not doc_month or not _valid(year, month, day):
            return False
        ref = _dt.date(doc_year, doc_month, doc_day or 1)
        return (_dt.date(year, month, day) - ref).days > 183

    def _previous_year(self, dv: DateValue, year: int, text: str) -> etree._Element:
        y = year - 1
        if not _valid(y, dv.month, dv.day):
            return self._make(_iso(None, dv.month, dv.day), cert="low", resp="#conv")
        new = self._make(_iso(y, dv.month, dv.day), _iso(y, dv.month, dv.day2) if dv.day2 else None,
                         evidence="internal", cert="medium", resp="#conv")
        new.set(XML_ID, self.doc.new_id("date"))
        self.doc.decide(
            self.line, "dates.previous-year",
            f"“{text}” in the document's year {year} would fall more than half a year after the document date "
            f"{self.ctx.doc_date}; read as {new.get('when') or new.get('from')} (the year before)",
            f"{_iso(year, dv.month, dv.day)} (a date still to come)", cert="medium", target=new.get(XML_ID),
        )
        return new

    def _check_after_document(self, new: etree._Element, ymd: tuple[int, int, int], text: str) -> None:
        doc_year, doc_month, doc_day = self.ctx.doc_parts()
        if doc_year is None or not _after(ymd, (doc_year, doc_month, doc_day)):
            return
        new.set("cert", "medium")
        new.set("resp", "#conv")
        new.set(XML_ID, self.doc.new_id("date"))
        y, m, d = ymd
        self.doc.decide(
            self.line, "dates.after-document",
            f"“{text}” read as {new.get('when') or new.get('to')}, after the document date {self.ctx.doc_date} (R08): "
            "a future date, or the previous year",
            f"{y - 1:04d}-{m:02d}-{d:02d} (the year before)",
            cert="medium", target=new.get(XML_ID),
        )

    def _ordinal(self, dv: DateValue, text: str) -> etree._Element | None:
        if self.last_month is not None:
            (year, month), cert = self.last_month, "high"
        elif self.ctx.carry_month is not None:
            (year, month), cert = self.ctx.carry_month, "medium"
        else:
            return None  # no month to take: leave "the 27th" as it is
        if year is None:
            if not _valid(None, month, dv.day):
                return None
            new = self._make(_iso(None, month, dv.day), cert="medium", resp="#conv")
            new.set(XML_ID, self.doc.new_id("date"))
            self.doc.decide(self.line, "dates.no-year", f"“{text}”: month from the context, no year known; encoded as {new.get('when')}",
                            "add the year by hand", cert="medium", target=new.get(XML_ID))
            return new
        if not _valid(year, month, dv.day):
            return None
        new = self._make(_iso(year, month, dv.day), evidence="internal", cert=cert, resp="#conv")
        self._check_after_document(new, (year, month, dv.day), text)
        return new

    def _relative_month(self, dv: DateValue) -> etree._Element | None:
        """"the 3rd inst." (``dv.month`` 0), "ult." (-1), "prox." (1): a day of the document's month or of
        the month before or after it. Without a document month it is left unmarked, never given the month
        of a date nearby (which "ult." would make wrong)."""
        doc_year, doc_month, _day = self.ctx.doc_parts()
        if doc_year is None or not doc_month:
            return None
        year, month = divmod(doc_year * 12 + doc_month - 1 + dv.month, 12)
        month += 1
        if not _valid(year, month, dv.day):
            return None
        self.last_month = (year, month)
        return self._make(_iso(year, month, dv.day), evidence="internal")

    def _today(self, dv: DateValue, text: str) -> etree._Element | None:
        ref = self.ctx.setting_date or self.ctx.doc_date
        y, m, d = _date_parts(ref)
        if y is None or not m or not d:
            return None
        if dv.month:
            # "today, November 6": the written day decides; the year is the reference's
            if (dv.month, dv.day) != (m, d):
                new = self._make(_iso(y, dv.month, dv.day), evidence="internal", cert="medium", resp="#conv")
                new.set(XML_ID, self.doc.new_id("date"))
                self.doc.decide(self.line, "dates.today", f"“{text}”: the written day differs from the setting date {ref}",
                                f"{ref}", cert="medium", target=new.get(XML_ID))
                return new
            return self._make(_iso(y, m, d), evidence="internal")
        return self._make(_iso(y, m, d), evidence="internal", cert="medium", resp="#conv")
