"""Joining the hard-wrapped lines of a paragraph: line-end hyphens and dashes.

A line ends a sentence (:func:`ends_sentence`) when it ends in sentence punctuation that is not an
abbreviation's full stop. A line-end hyphen is kept when the compound is attested in the text or in a list (``so-called``,
``twenty-four``), dropped when the joined word is attested (or the second half is a word ending such as
``-ment``, a decision of medium certainty), and otherwise kept with a low-certainty decision; a soft
hyphen U+00AD at a line end is removed. Used by the PDF text reader and, for lines that end in a
hyphen, by the plain reader.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document

HYPHEN_RULE = "pdf-text.hyphen"

#: a sentence end at the end of a line: punctuation, closing quotes or brackets, a footnote marker
SENTENCE_END = re.compile(r"[.?!:…][”’\"')\]]*(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})?$")
#: abbreviations that end in a full stop but not a sentence ("Mr." at a line end goes on)
ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Messrs|Dr|St|Gen|Lt|Col|Maj|Capt|Adm|Sen|Rep|Amb|Gov|Pres|Prof|Rev|Cde|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Nos|Art|pp?|cf|vol|[A-Z])\.$"
)


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence ("… the talks." but not "… met Mr.")?"""
    return bool(SENTENCE_END.search(text)) and not ABBREVIATION.search(text)

#: a word, or a compound of words joined by hyphens
WORD_OR_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

#: compounds that keep their hyphen when a line break falls on it
COMPOUNDS = frozenset("""
so-called anti-aircraft anti-tank anti-missile anti-ballistic combined-arms secretary-general
under-secretary vice-president vice-chairman commander-in-chief editor-in-chief ex-president
cease-fire follow-up long-term short-term medium-range long-range short-range intermediate-range
well-known half-jokingly half-hour full-scale large-scale top-secret co-operation co-ordination
non-aggression non-intervention non-interference non-proliferation self-defense self-defence
self-determination post-war pre-war counter-revolution counter-revolutionary counter-attack
first-class second-class so-and-so socio-economic politico-military military-political
""".split())
NUMBER_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
KEEP_PREFIXES = frozenset({"self", "ex", "vice", "quasi", "semi"})
#: word endings that are never words of their own: a break before them is a soft hyphen
SOFT_SUFFIXES = frozenset("""
tion tions sion sions ment ments ness ity ities ance ances ence ences able ible ive ives ous ing ings
ation ations ization ized ize izes ised ise ical ically ally ism isms ist ists ure ures ency ancy
""".split())


def single_spaced(s: str) -> str:
    """The words of ``s`` joined with single spaces (``" ".join(s.split())``). Where no whitespace but
    single spaces stands in ``s`` (every other whitespace character is unprintable), that is ``s``
    stripped: most lines are not split into words (three times faster on a paragraph's line)."""
    return s.strip() if "  " not in s and s.isprintable() else " ".join(s.split())


#: the line ends :meth:`Joiner.separator` looks at (a soft hyphen, a hyphen, a dash): two lines are joined
#: with one space when the first ends in none of them and the second does not open with a dash
JOINED_ENDS = ("\u00ad", "-", "—")


class Joiner:
    """Decides how two lines of one paragraph are joined (evidence is gathered once per text)."""

    def __init__(self, text: str, doc: Document):
        self.doc = doc
        self.text = text
        self._hyphenated: Counter[str] | None = None
        self._words: Counter[str] | None = None
        self._closed_dashes: bool | None = None
        self.kept = 0
        self.uncertain = 0

    def evidence(self) -> tuple[Counter[str], Counter[str]]:
        """How often each ``a-b`` compound and each word occurs within the lines (gathered on first use)."""
        if self._hyphenated is None or self._words is None:
            hyphenated: Counter[str] = Counter()
            words: Counter[str] = Counter()
            for token, n in Counter(self.text.lower().split()).items():
                for word in WORD_OR_COMPOUND.findall(token):
                    if "-" in word:
                        parts = word.split("-")
                        for a, b in zip(parts, parts[1:]):
                            hyphenated[f"{a}-{b}"] += n
                    else:
                        words[word] += n
            self._hyphenated, self._words = hyphenated, words
        return self._hyphenated, self._words

    @property
    def closed_dashes(self) -> bool:
        """Does the text set em dashes without spaces ("problem—prevent")?"""
        if self._closed_dashes is None:
            t = self.text
            spaced = t.count(" — ")
            touching_space = t.count(" —") + t.count("— ") - spaced  # dashes with a space on either side
            self._closed_dashes = t.count("—") - touching_space >= spaced
        return self._closed_dashes

    def separator(self, left: str, right: str, line: int) -> tuple[str, str]:
        """(left text to use, separator) for joining ``left`` (end of a line) and ``right`` (next line)."""
        if left.endswith("\u00ad"):
            return left[:-1], ""
        if left.endswith("-") and len(left) > 1 and left[-2].isalnum() and right[:1].isalnum():
            keep = self.keep_hyphen(left, right, line)
            return (left, "") if keep else (left[:-1], "")
        if (left.endswith("—") or right.startswith("—")) and self.closed_dashes:
            return left, ""
        return left, " "

    def keep_hyphen(self, left: str, right: str, line: int) -> bool:
        a = re.search(r"[^\W\d_]+-$", left)
        b = re.match(r"[^\W\d_]+", right)
        if not a or not b or right[:1].isdigit() or left[-2].isdigit():
            self.kept += 1
            return True
        lpart, rpart = a.group()[:-1], b.group()
        compound, whole = f"{lpart}-{rpart}".lower(), f"{lpart}{rpart}".lower()
        hyphenated, words = self.evidence()
        n_hyph, n_join = hyphenated[compound], words[whole]
        if n_hyph and n_hyph >= n_join:
            self.kept += 1
            return True
        if n_join:
            return False
        if (
            compound in COMPOUNDS
            or rpart[:1].isupper()
            or lpart.lower() in KEEP_PREFIXES
            or (lpart.lower() in NUMBER_TENS and rpart.lower() in NUMBER_UNITS)
        ):
            self.kept += 1
            return True
        if rpart.lower() in SOFT_SUFFIXES and len(lpart) >= 2:
            self.doc.decide(
                line, HYPHEN_RULE, f"joined '{lpart}-{rpart}' as '{lpart}{rpart}' ('{rpart}' is a word ending)",
                f"keep the hyphen: '{lpart}-{rpart}'", "medium",
            )
            return False
        self.kept += 1
        self.uncertain += 1
        self.doc.decide(
            line, HYPHEN_RULE, f"kept the line-end hyphen in '{lpart}-{rpart}' (no evidence either way)",
            f"join as '{lpart}{rpart}'", "low",
        )
        return True

    def hyphenation(self) -> str:
        if self.uncertain:
            return "some"
        return "hard" if self.kept else "none"
