"""Names the lists do not know, found from the document itself (each a guess, ``cert="medium"``):

* a person written with a title: ``Ambassador Dobrynin``, ``Secretary Rusk``, ``Mr. Hillenbrand``,
  ``Chancellor Adenauer`` (a title, up to three initials or given names, a capitalised surname);
* the name a signature consists of: ``Thompson`` at the end of a telegram;
* the place of a dateline: ``Petsunda, Georgia, Soviet Union, August 28, 1962`` -> ``Petsunda``.

Everything found is declared in the header and marked by the ordinary names pass; the Writer sets
``@cert="medium" @resp="#conv"`` on the references, so the conversion report lists them.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from .model import PB
from .nameforms import MODIFIERS, NOT_NAMES, common_words, slug, title_alternation, titles

_NAME_WORD = r"[A-Z](?=[^\W\d_]*[a-zß-ÿ])(?:[^\W\d_]|[’'-])*[^\W\d_]"


@functools.lru_cache(maxsize=1)
def titled_name_re() -> re.Pattern:
    return re.compile(
        rf"(?<![\w.’'-])(?P<title>{MODIFIERS}(?:{title_alternation()}))\s+"
        rf"(?P<name>(?:(?:[A-Z]\.\s?){{1,3}}|{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})(?![\w’'-]*\s*[A-Z][a-z])"
    )


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    words = set()
    for t, _typ, _abb in titles():
        for w in t.replace(".", " ").split():
            words.add(w.lower())
    return frozenset(words)


_POSSESSIVE = re.compile(r"[’']s?$")
_MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]")
MONTHS = frozenset("january february march april may june july august september october november december".split())


def titled_persons(texts: Iterable[str], known) -> list[tuple[str, str]]:
    """(title, name) pairs for persons written with a title whose name ``known(name)`` does not
    already resolve, in order of first appearance, without repeats."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    rx = titled_name_re()
    common = common_words()
    for text in texts:
        text = _MARKERS.sub(" ", text.replace(PB, " "))
        for m in rx.finditer(text):
            name = _POSSESSIVE.sub("", " ".join(m.group("name").split()))
            words = name.replace(".", " ").split()
            last = words[-1]
            if (last.lower() in _title_words() or last in NOT_NAMES or last.lower() in MONTHS
                    or (len(words) == 1 and last.lower() in common and last.lower() not in ("green",))):
                continue
            if name in seen or known(name) or known(f"{m.group('title')} {name}"):
                continue
            seen.add(name)
            out.append((m.group("title"), name))
    return out


_SIGNATURE_NAME = re.compile(rf"(?:(?:[A-Z]\.\s?){{1,3}}|{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}")


#: words of signatures that name an institution, not a person ("Department", "Embassy Bonn")
_INSTITUTION_WORDS = frozenset("Department Embassy Mission Delegation Office Legation Consulate Staff Secretariat Bureau".split())


def signature_name(line: str) -> str | None:
    """The name a signature line consists of ("Thompson", "Llewellyn E. Thompson"), or None when the line
    is not just a name (an office, a place, a note)."""
    line = " ".join(_MARKERS.sub(" ", line).split()).rstrip(".")
    if not _SIGNATURE_NAME.fullmatch(line):
        return None
    words = line.replace(".", " ").split()
    if any(w in NOT_NAMES or w in _INSTITUTION_WORDS or w.lower() in MONTHS or w.lower() in _title_words()
           for w in words):
        return None
    return line


def person_id(name: str) -> str:
    return slug(name.split()[-1])


def dateline_place(dateline: str, date_start: int) -> str | None:
    """The first comma-separated part of the words before the date in a dateline."""
    before = dateline[:date_start].strip().rstrip(",").strip()
    if not before:
        return None
    first = before.split(",")[0].strip()
    if not first or not first[0].isupper() or len(first) > 40:
        return None
    return first
