"""``edition serve``: the built site on http://127.0.0.1, rebuilt when the edition changes.

* :class:`PreviewServer` serves the output folder with :mod:`http.server`, bound to 127.0.0.1 only
  (a preview is not a publication), without directory listings and without the build's own hidden
  files (cache, lock);
* a watcher thread polls the edition's inputs (``edition.toml``, transcripts, sidecars, TEI) once a
  second by ``stat`` alone and runs the build when something changed. Builds are atomic (each file
  is replaced by a rename), so a page is never served half-written.
"""

from __future__ import annotations

import errno
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from ..diagnostics import UserError
from ..project import CONFIG_NAME, Project

Snapshot = tuple


def input_snapshot(project: Project) -> Snapshot:
    """Names, sizes and modification times of everything a build reads from the edition folder."""
    entries = []
    cfg = project.root / CONFIG_NAME
    for folder in (project.transcripts_dir, project.tei_dir):
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                entries.append(_stat(Path(dirpath) / name))
    entries.append(_stat(cfg))
    return tuple(entries)


def _stat(p: Path) -> tuple:
    try:
        st = os.stat(p)
        return (str(p), st.st_size, st.st_mtime_ns)
    except OSError:
        return (str(p), None, None)


class _Handler(SimpleHTTPRequestHandler):
    """Static files from the output folder; hidden files and folder listings are not served."""

    log_sink: Callable[[str], None] | None = None

    def send_head(self):
        parts = [p for p in self.path.split("?", 1)[0].split("#", 1)[0].split("/") if p]
        if any(p.startswith(".") or p.startswith("%2E") or p.startswith("%2e") for p in parts):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def list_directory(self, path):
        self.send_error(404, "No index.html here")
        return None

    def log_message(self, format, *args):
        if self.log_sink is not None:
            self.log_sink("%s %s" % (self.address_string(), format % args))


class PreviewServer:
    """Serve ``project.output_dir`` on 127.0.0.1:``port`` (0: a free port) and rebuild on change.

    ``rebuild()`` is called (in the watcher thread) when the inputs changed; it should build and
    report. ``poll`` is the seconds between two looks at the inputs.
    """

    def __init__(self, project: Project, port: int = 8000, rebuild: Callable[[], object] | None = None,
                 poll: float = 1.0, log: Callable[[str], None] | None = None):
        self.project = project
        self.rebuild = rebuild
        self.poll = poll
        self.log = log
        self.rebuilds = 0
        project.output_dir.mkdir(parents=True, exist_ok=True)
        handler = type("Handler", (_Handler,), {"log_sink": staticmethod(log) if log else None})
        try:
            self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(project.output_dir)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UserError(f"port {port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)") from None
            raise UserError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
        self.httpd.daemon_threads = True
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> "PreviewServer":
        """Serve and watch in background threads; return at once."""
        t = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="edition-serve", daemon=True)
        t.start()
        self._threads.append(t)
        if self.rebuild is not None:
            w = threading.Thread(target=self._watch, name="edition-watch", daemon=True)
            w.start()
            self._threads.append(w)
        return self

    def wait(self) -> None:
        """Block until :meth:`stop` (or Ctrl-C in the caller)."""
        while not self._stop.wait(0.5):
            pass

    def stop(self) -> None:
        self._stop.set()
        if self._threads:  # (shutdown waits for serve_forever, which never runs unless started)
            self.httpd.shutdown()
        self.httpd.server_close()
        for t in self._threads:
            t.join(timeout=10)

    def _watch(self) -> None:
        seen = input_snapshot(self.project)
        while not self._stop.wait(self.poll):
            now = input_snapshot(self.project)
            if now == seen:
                continue
            # wait for a burst of saves to settle, then build once
            while not self._stop.wait(min(self.poll, 0.3)):
                later = input_snapshot(self.project)
                if later == now:
                    break
                now = later
            if self._stop.is_set():
                return
            seen = now
            try:
                self.rebuild()
            except UserError as exc:
                if self.log:
                    self.log(str(exc))
            except Exception as exc:  # keep serving; the next change tries again
                if self.log:
                    self.log(f"the rebuild failed: {type(exc).__name__}: {exc}")
            self.rebuilds += 1
            # the build itself may have written TEI files (conversion): do not rebuild for those
            seen = input_snapshot(self.project)
