"""Finding input files: paths, folders and globs, in a stable order."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Iterable

from .diagnostics import UserError


def collect(paths: Iterable[str], suffixes: tuple[str, ...]) -> list[Path]:
    """Expand files, folders (recursively, files ending in ``suffixes``) and glob patterns.

    Order is sorted and duplicates are removed, so runs are deterministic. A name that matches
    nothing is a :class:`UserError`.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(suffixes) and not _hidden(f, p))
        elif p.exists():
            found = [p]
        elif any(ch in raw for ch in "*?["):
            found = sorted(Path(g) for g in glob.glob(raw, recursive=True) if Path(g).is_file())
            if not found:
                raise UserError(f"no files match {raw!r}", raw)
        else:
            raise UserError("no such file or folder", raw)
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _hidden(f: Path, root: Path) -> bool:
    rel = f.relative_to(root)
    return any(part.startswith(".") for part in rel.parts)
