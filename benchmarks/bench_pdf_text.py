"""Speed of the PDF-text layout reader on a 3 MB extract (sample 002 repeated): prints CPU s/MB."""

import time
from pathlib import Path

from edition_tools.convert.layouts import pdf_text
from edition_tools.convert.model import Document

ROOT = Path(__file__).resolve().parent.parent
base = (ROOT / "transcripts" / "002_d39848a8c61f49d7.txt").read_text(encoding="utf-8")
text = (base + "\n\n\n \n\n") * 110  # pages of 002 joined by the tool's page-break signature
mb = len(text.encode()) / 1e6
for name, run in (("detect", lambda: pdf_text.detect(text)), ("read", lambda: pdf_text.read(text, Document("bench", "pdf-text")))):
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    print(f"pdf-text {name}: {mb:.2f} MB in {best:.3f} s CPU = {best / mb:.3f} s/MB")
