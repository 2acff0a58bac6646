"""What ``edition new`` copies into a new edition folder.

The folder holds ``edition.toml`` (every setting, with its default), a sample transcript in the
plain memorandum style with its ``.meta.toml`` sidecar, and a ``.gitignore`` for the output folder.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..diagnostics import UserError
from ..xmlio import write_atomic

#: files in this package -> where they go in the new edition
FILES = {
    "edition.toml": "edition.toml",
    "gitignore": ".gitignore",
    "transcripts/memo-1958-03-14.txt": "transcripts/memo-1958-03-14.txt",
    "transcripts/memo-1958-03-14.meta.toml": "transcripts/memo-1958-03-14.meta.toml",
}
EMPTY_FOLDERS = ("tei",)
DEFAULT_TITLE = "Untitled edition"


def create_edition(dest: str | Path, title: str | None = None) -> list[Path]:
    """Make a new edition in ``dest`` (which must not exist or be empty); return the files written."""
    dest = Path(dest)
    if dest.exists():
        if not dest.is_dir():
            raise UserError("a file of this name exists; choose a new folder name", str(dest))
        if any(dest.iterdir()):
            raise UserError("the folder is not empty; choose a new or empty folder", str(dest))
    if title is not None and not title.strip():
        raise UserError("the title must not be empty")
    package = resources.files(__name__)
    written = []
    for name, target in FILES.items():
        data = package.joinpath(name).read_bytes()
        if name == "edition.toml" and title:
            line = f"title = {json.dumps(DEFAULT_TITLE)}".encode()
            assert line in data
            data = data.replace(line, f"title = {json.dumps(title.strip(), ensure_ascii=False)}".encode("utf-8"), 1)
        out = dest / target
        write_atomic(out, data)
        written.append(out)
    for folder in EMPTY_FOLDERS:
        (dest / folder).mkdir(parents=True, exist_ok=True)
    return written
