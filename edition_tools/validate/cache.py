"""An on-disk cache of compiled xmlschema schemas, so that a second run does not rebuild them.

Entries are pickles named by the sha256 of the schema files (the main file and every local file it
includes or imports) and the xmlschema and Python versions. A corrupt or unreadable entry is
ignored and rebuilt. The folder is ``$EDITION_TOOLS_CACHE``, else ``$XDG_CACHE_HOME/edition-tools``,
else ``~/.cache/edition-tools``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

from ..xmlio import write_atomic

T = TypeVar("T")


def cache_dir() -> Path:
    env = os.environ.get("EDITION_TOOLS_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "edition-tools"


def files_digest(files: list[Path], *extra: str) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    for e in extra:
        h.update(e.encode() + b"\0")
    h.update(f"py{sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


def cached(kind: str, digest: str, build: Callable[[], T]) -> T:
    """Return the object stored under ``kind-digest``, or build it, store it and return it."""
    folder = cache_dir()
    entry = folder / f"{kind}-{digest[:32]}.pickle"
    try:
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # a corrupt, truncated or incompatible entry: rebuild it
        pass
    obj = build()
    try:
        write_atomic(entry, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # an unwritable cache only costs time
        pass
    return obj
