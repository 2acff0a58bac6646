"""One build at a time per output folder, and knowing when the last one was killed.

The lock file ``.edition-build.lock`` in the output folder is locked (``lockf``: a POSIX lock, held
by the build's own process only, not by its workers, and dropped by the system when that process
dies) while a build runs and says ``running <pid>``; a build that ends normally empties it. A build that finds it still
saying ``running`` while nobody holds the lock knows the previous build was killed or interrupted,
and cleans up after it (:func:`sweep_temporary_files`).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
from pathlib import Path
from typing import Iterable

from ..diagnostics import UserError

#: Temporary files made by :func:`edition_tools.xmlio.write_atomic`: ``.<name>.<random>.tmp``.
_TEMP_RE = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")


class BuildLock:
    NAME = ".edition-build.lock"

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / self.NAME
        self.interrupted = False
        self._fd: int | None = None

    def __enter__(self) -> "BuildLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                os.close(fd)
                raise UserError(f"cannot lock the output folder: {exc.strerror}", str(self.path.parent)) from None
            holder = os.read(fd, 100).decode("ascii", "replace").strip()
            os.close(fd)
            pid = holder.split()[-1] if holder.startswith("running") else "?"
            raise UserError(
                f"another build is running in this output folder (process {pid}); wait for it to finish",
                str(self.path.parent),
            ) from None
        self.interrupted = os.read(fd, 100).startswith(b"running")
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, f"running {os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        fd = self._fd
        if fd is None:
            return
        self._fd = None
        try:
            if exc_type is None:
                os.ftruncate(fd, 0)
            # after an error or Ctrl-C the mark stays, and the next build sweeps stray temporary files
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)
            os.close(fd)


def sweep_temporary_files(folders: Iterable[Path]) -> list[Path]:
    """Remove temporary files a killed build left behind (the renamed results are complete)."""
    removed = []
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(folder):
            for name in filenames:
                if _TEMP_RE.match(name):
                    p = Path(dirpath) / name
                    try:
                        p.unlink()
                        removed.append(p)
                    except OSError:
                        pass
    return removed
