"""The static full-text search: an inverted index built here, read by ``assets/search.js``.

The index is written as a script (``search-index.js`` assigns ``window.EDITION_SEARCH_INDEX``)
rather than as JSON, because browsers refuse to fetch JSON from ``file://`` pages. Words are
folded the same way on both sides: Unicode NFKD, combining marks removed, lower case, runs of
letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


class _FoldTable(dict):
    """``str.translate`` table: a character -> its NFKD decomposition without combining marks
    (category M). Filled on first sight of each character, so folding costs one C-level table
    lookup per character instead of a Python call (ASCII maps to itself from the start)."""

    def __init__(self):
        super().__init__((c, c) for c in range(128))

    def __missing__(self, codepoint: int):
        decomposed = unicodedata.normalize("NFKD", chr(codepoint))
        folded = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """NFKD, combining marks removed, lower case (as ``fold`` in search.js). Decomposition is
    per character, so it is done character by character through a cached table."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE).lower()


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def search_entries(summary: dict) -> list[dict]:
    """A document's search entries: its title (anchor "") and then its passages."""
    return [{"anchor": "", "text": summary["title"]}] + list(summary["search"])


def document_words(entries: list[dict]) -> list[str]:
    """The words of each entry, folded, each once, space-separated (in order of first occurrence).

    Made once per document when it is rendered (in the worker) and kept with its summary, so that
    rebuilding the site's index after one document changed does not tokenise the edition again.
    Plain strings keep the summaries small in memory (a list of postings per word would not)."""
    return [" ".join(dict.fromkeys(tokens(item["text"]))) for item in entries]


def build_search_index(summaries: list[dict]) -> dict:
    """{"docs": [...], "entries": [[doc, anchor, text]], "words": {word: [entry, ...]}}

    Uses each summary's ``search_words`` (see :func:`document_words`) where it has them."""
    docs = []
    entries = []
    words: dict[str, list[int]] = {}
    for d, s in enumerate(summaries):
        docs.append({"title": s["title"], "url": s["pages"]["reading"], "date": s["date"]})
        own = search_entries(s)
        entry_words = s.get("search_words")
        if entry_words is None or len(entry_words) != len(own):
            entry_words = document_words(own)
        for item, folded in zip(own, entry_words):
            n = len(entries)
            entries.append([d, item["anchor"], item["text"]])
            for w in folded.split():
                postings = words.get(w)
                if postings is None:
                    words[w] = [n]
                else:
                    postings.append(n)
    return {"version": 1, "docs": docs, "entries": entries, "words": dict(sorted(words.items()))}


def search_index_script(index: dict) -> bytes:
    payload = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return ("window.EDITION_SEARCH_INDEX = " + payload + ";\n").encode("utf-8")


def search(index: dict, query: str) -> list[tuple[int, str]]:
    """The same search as the page's script, for tests: entries holding every word of the query
    (the last word may be a prefix), as (doc number, anchor)."""
    qs = tokens(query)
    if not qs:
        return []
    found = None
    for i, q in enumerate(qs):
        if i == len(qs) - 1:
            hits = set()
            for w, postings in index["words"].items():
                if w.startswith(q):
                    hits.update(postings)
        else:
            hits = set(index["words"].get(q, []))
        found = hits if found is None else found & hits
    return [(index["entries"][n][0], index["entries"][n][1]) for n in sorted(found or ())]
