"""The built site in headless Chromium, driven over the DevTools protocol.

A tiny WebSocket client (RFC 6455, text frames only) talks to Debian's chromium; no browser
automation package is needed. The site is opened from file://: pages load without console
errors, nothing is requested outside the site, the view switch works, the keyboard reaches the
controls, search finds a word of sample 002 (or of a test document until the sample edition
exists), and a screenshot is written under the test's temporary folder.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import struct
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import require_tool
from edition_tools.render.html import render_site

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
DOCS = HERE / "data" / "render" / "docs"
SAMPLE_TEI = sorted((HERE.parent / "tei").glob("*.xml"))
SAMPLE_002 = HERE.parent / "tei" / "002_d39848a8c61f49d7.xml"


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: masked text frames out, frames in."""

    def __init__(self, url: str, timeout: float = 30):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the browser closed the connection during the handshake")
            response += chunk
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise ConnectionError(response.decode(errors="replace"))
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def send(self, text: str) -> None:
        data = text.encode()
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def recv(self) -> str:
        message = b""
        while True:
            b1, b2 = self._read(2)
            n = b2 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b1 & 0x0F
            if opcode == 0x9:  # ping
                continue
            if opcode == 0x8:
                raise ConnectionError("the browser closed the WebSocket")
            message += payload
            if b1 & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class Browser:
    """One headless Chromium with one page, commands by id, events collected."""

    def __init__(self, chromium: str, profile: Path):
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--window-size=1200,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        port = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            self.quit()
            raise RuntimeError("chromium did not start its DevTools endpoint")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as resp:
            pages = [t for t in json.load(resp) if t["type"] == "page"]
        self.ws = WebSocket(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        seen = len(self.events)
        while time.monotonic() < deadline:
            for ev in self.events[seen:]:
                if ev["method"] == method:
                    self.events.remove(ev)
                    return ev
            seen = len(self.events)
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def errors(self) -> list[str]:
        out = []
        for ev in self.events:
            p = ev.get("params", {})
            if ev["method"] == "Runtime.exceptionThrown":
                out.append(json.dumps(p["exceptionDetails"])[:300])
            elif ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(json.dumps(p.get("args"))[:300])
            elif ev["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
        return out

    def requested_urls(self) -> list[str]:
        return [ev["params"]["request"]["url"] for ev in self.events if ev["method"] == "Network.requestWillBeSent"]

    def quit(self) -> None:
        if getattr(self, "ws", None):
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


CONTRAST_JS = r"""
(() => {
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { return c; }
    }
    return [255, 255, 255];
  };
  const selectors = ["body", ".text p", "a", ".site-nav a", ".doc-meta dt", ".cite-link", ".supplied", ".gap",
                     ".view-link.current", ".view-link", ".fn-call", ".seg-classification", ".site-footer", ".speaker"];
  const low = [];
  for (const sel of selectors) {
    for (const el of Array.from(document.querySelectorAll(sel)).slice(0, 5)) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) < 1) { low.push(sel + " is faded"); continue; }
      const fg = rgb(style.color), bg = background(el);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) { low.push(sel + " " + ratio.toFixed(2)); }
    }
  }
  return low;
})()
"""


@pytest.fixture(scope="module")
def site_and_browser(tmp_path_factory):
    chromium = require_tool("chromium")
    base = tmp_path_factory.mktemp("browser")
    docs = SAMPLE_TEI or [DOCS / "opener-closer.xml", DOCS / "speech.xml", DOCS / "interventions.xml", DOCS / "header-full.xml"]
    render_site(docs, base / "site", site_title="Browser Test Edition")
    browser = Browser(chromium, base / "profile")
    try:
        yield base, base / "site", docs, browser
    finally:
        browser.quit()


def test_site_in_headless_chromium(site_and_browser):
    base, site, docs, b = site_and_browser
    # a document with page breaks and notes; search looks for a word of sample 002 (or of a test document)
    doc = SAMPLE_002 if SAMPLE_002 in docs else DOCS / "opener-closer.xml"
    search_doc = SAMPLE_002 if SAMPLE_002 in docs else DOCS / "speech.xml"
    slug = doc.name[: -len(".xml")]
    search_slug = search_doc.name[: -len(".xml")]

    b.open((site / "index.html").as_uri())
    assert b.js("document.title") == "Browser Test Edition"
    assert b.js("document.querySelectorAll('li.document-entry').length") == len(docs)

    # the reading page, then the switch to the diplomatic view (a plain link: works without JS)
    b.open((site / f"{slug}.html").as_uri())
    assert b.js("document.body.className") == "view-reading"
    assert b.js("getComputedStyle(document.querySelector('a.view-link.current')).backgroundColor") != "rgba(0, 0, 0, 0)"
    b.events = [e for e in b.events if e["method"] != "Page.loadEventFired"]
    b.js("document.querySelector('nav.view-switch a[data-view=diplomatic]').click()")
    b.wait_event("Page.loadEventFired")
    assert b.js("location.pathname").endswith(f"{slug}.diplomatic.html")
    assert b.js("document.body.className") == "view-diplomatic"
    assert b.js("document.querySelector('nav.view-switch a[aria-current=page]').dataset.view") == "diplomatic"

    # readable contrast (WCAG AA, 4.5:1) for the text and the controls of the page
    low = b.js(CONTRAST_JS)
    assert low == [], low

    # the keyboard reaches the skip link first
    b.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    b.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    assert b.js("document.activeElement.className") == "skip-link"

    shot = base / "diplomatic.png"
    shot.write_bytes(base64.b64decode(b.call("Page.captureScreenshot", format="png")["data"]))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    # the page-break markers can be hidden without a script (a checkbox next to the text)
    marker = "getComputedStyle(document.querySelector('.pb'), '::before')"
    assert b.js(marker + ".display") != "none" and b.js(marker + ".content").startswith('"‖')
    b.js("document.querySelector('label[for=show-pages]').click()")
    assert b.js(marker + ".display") == "none"
    b.js("document.querySelector('label[for=show-pages]').click()")

    # search from static files
    word = "vpechatlitel" if search_doc == SAMPLE_002 else "fishermen"
    b.open((site / "search.html").as_uri())
    b.js(f"document.getElementById('q').value = {json.dumps(word)}; "
         "document.querySelector('form.search-form').requestSubmit()")
    hits = b.js("Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'))")
    assert hits and hits[0].startswith(f"{search_slug}.html#"), hits
    assert b.js("document.querySelector('#search-results mark').textContent.toLowerCase()").startswith(word)
    results_shot = base / "search.png"
    results_shot.write_bytes(base64.b64decode(b.call("Page.captureScreenshot", format="png")["data"]))

    # follow the hit: the anchor exists on the page
    href = hits[0]
    b.open((site / href.split("#")[0]).as_uri() + "#" + href.split("#")[1])
    assert b.js(f"document.getElementById({json.dumps(href.split('#')[1])}) !== null")

    # the parts of a split speech light up together when one is hovered (CSS :has, no script)
    render_site([DOCS / "speech.xml"], base / "split")
    b.open((base / "split" / "speech.html").as_uri())
    box = b.js("(() => { const e = document.querySelectorAll('[data-chain]')[0]; e.scrollIntoView(); const r = e.getBoundingClientRect();"
               " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    second = "getComputedStyle(document.querySelectorAll('[data-chain]')[1]).backgroundColor"
    assert b.js(second) == "rgba(0, 0, 0, 0)"
    b.call("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
    assert b.js(second) == "rgb(230, 238, 246)"

    assert b.errors() == []
    outside = [u for u in b.requested_urls() if not u.startswith((site.as_uri(), (base / "split").as_uri()))]
    assert outside == [], outside


def _page_break_label_boxes(b: Browser) -> list[tuple[float, float, float]]:
    """(left, right, top) of the ``::before`` label of every page break on the open page, as laid out
    (the DevTools protocol reports the box model of pseudo-elements; script cannot measure them)."""
    root = b.call("DOM.getDocument", depth=-1)["root"]
    boxes = []
    for node in b.call("DOM.querySelectorAll", nodeId=root["nodeId"], selector=".text .pb")["nodeIds"]:
        described = b.call("DOM.describeNode", nodeId=node, depth=1)["node"]
        for pseudo in described.get("pseudoElements", []):
            if pseudo.get("pseudoType") == "before":
                quad = b.call("DOM.getBoxModel", nodeId=pseudo["nodeId"])["model"]["border"]
                boxes.append((quad[0], quad[2], quad[1]))
    return boxes


@pytest.mark.parametrize("view", ["", ".diplomatic"])
def test_page_break_labels_stand_in_the_margin(site_and_browser, view):
    """A page break in the middle of a line (inside a speech turn, whose paragraph runs on after the
    speaker's name, in a paragraph, in an indented quotation) has its label in the margin left of the
    text column, not over the words before the break."""
    base, _site, _docs, b = site_and_browser
    out = base / "page-breaks"
    render_site([HERE / "data" / "convert" / "transcript" / "court_reporter.xml",
                 SAMPLE_002], out)
    for slug in ("court_reporter", SAMPLE_002.stem):
        b.open((out / f"{slug}{view}.html").as_uri())
        column = b.js("document.querySelector('.text').getBoundingClientRect().left")
        mid_line = b.js("Array.from(document.querySelectorAll('.text .pb')).filter(pb => {"
                        " const r = pb.getBoundingClientRect(); return r.left > "
                        "pb.closest('p, .sp, blockquote, li, div').getBoundingClientRect().left + 20; }).length")
        boxes = _page_break_label_boxes(b)
        assert boxes, f"{slug}: no page-break labels"
        assert mid_line, f"{slug}: no page break in the middle of a line (the case this test is about)"
        over = [box for box in boxes if box[1] > column + 0.5]
        assert over == [], f"{slug}{view}: page-break labels reach into the text column at x={column}: {over}"
