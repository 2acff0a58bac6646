"""The build cache: one JSON file in the output folder that says what is up to date.

It holds

* a memo of file content hashes keyed by path, with the size and ``mtime_ns`` seen when the hash was
  taken, so an unchanged file costs one ``stat`` and no read (:meth:`BuildCache.hash_file`);
* one record per document (its TEI hash, validation result, rendered outputs, summary);
* records for the edition-wide outputs (site pages, edition PDF) with the key they were built for.

The file is read once per build and written with :func:`~edition_tools.xmlio.write_atomic`, so a
crash leaves the previous cache or the new one. A cache that cannot be read (corrupt, another format)
is treated as empty: the build then redoes everything, which is always correct.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..xmlio import write_atomic

CACHE_NAME = ".edition-cache.json"
#: Bumped when the layout of the cache changes; an older cache is then discarded.
CACHE_FORMAT = 1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def combine(*parts: Any) -> str:
    """A short stable key from JSON-serialisable parts."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


class BuildCache:
    """What the previous build produced and the file hashes it saw."""

    def __init__(self, path: Path, data: dict | None = None):
        self.path = Path(path)
        #: True when a cache file was there but could not be used (corrupt, other format)
        self.discarded = data is not None and data.get("format") != CACHE_FORMAT
        data = data if data is not None and data.get("format") == CACHE_FORMAT else {}
        #: path -> [size, mtime_ns, sha256]
        self.files: dict[str, list] = data.get("files", {})
        #: document key (TEI path relative to the edition) -> record
        self.docs: dict[str, dict] = data.get("docs", {})
        #: edition-wide records: "site", "edition_pdf", "cross", "sources", "toolchain" …
        self.edition: dict[str, Any] = data.get("edition", {})
        self._dirty = not data

    # ------------------------------------------------------------------ loading and saving

    @classmethod
    def load(cls, output_dir: Path) -> "BuildCache":
        path = Path(output_dir) / CACHE_NAME
        try:
            raw = path.read_bytes()
        except OSError:
            return cls(path, None)
        try:
            data = json.loads(raw)
        except ValueError:
            data = {}
        return cls(path, data if isinstance(data, dict) else {})

    def to_json(self) -> bytes:
        data = {"format": CACHE_FORMAT, "files": self.files, "docs": self.docs, "edition": self.edition}
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def save(self) -> None:
        write_atomic(self.path, self.to_json())
        self._dirty = False

    def mark_dirty(self) -> None:
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    # ------------------------------------------------------------------ file hashes

    def hash_file(self, path: Path) -> str | None:
        """The SHA-256 of ``path``'s content, or None when it does not exist.

        Stat first: when size and ``mtime_ns`` equal what was seen last time, the remembered hash
        is returned without reading the file.
        """
        key = str(path)
        try:
            st = os.stat(path)
        except OSError:
            if self.files.pop(key, None) is not None:
                self._dirty = True
            return None
        memo = self.files.get(key)
        if memo and memo[0] == st.st_size and memo[1] == st.st_mtime_ns:
            return memo[2]
        try:
            digest = sha256_bytes(Path(path).read_bytes())
        except OSError:
            return None
        self.files[key] = [st.st_size, st.st_mtime_ns, digest]
        self._dirty = True
        return digest

    def hash_files(self, paths: Iterable[Path]) -> str:
        """One key for a set of files (names and contents)."""
        return combine(sorted((str(p), self.hash_file(p)) for p in paths))

    def forget_missing(self, keep: set[str]) -> None:
        """Drop hash memos of files no longer used, so the cache does not grow forever."""
        gone = [k for k in self.files if k not in keep]
        for k in gone:
            del self.files[k]
        if gone:
            self._dirty = True


SUMMARY_FOLDER = ".edition-summaries"


class SummaryStore:
    """Document summaries (what the site-wide pages need from each document), one JSON file each,
    named by the hash of their content. They are read only when the site-wide pages are rebuilt,
    so a build with nothing to do never loads them, and a one-document change re-reads the others
    from here instead of parsing their TEI again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def put(self, summary: dict) -> str:
        key = combine(summary)
        path = self.folder / f"{key}.json"
        if not path.exists():
            write_atomic(path, json.dumps(summary, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return key

    def get(self, key: str) -> dict | None:
        try:
            return json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return None

    def keep(self, keys: set[str]) -> None:
        """Delete the summaries no document uses any more."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".json") and entry.name[:-5] not in keys:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
