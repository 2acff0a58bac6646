"""Conversion throughput: MB of transcript per second, and how it grows with input size.

Usage: .venv/bin/python benchmarks/convert.py [--repeat N]

Builds inputs from the sample transcripts and the test transcripts at 1x and 10x size (a 10x
transcript repeats the body paragraphs ten times, so every pass sees ten times the text), converts
each in-process on one core, and prints MB/s and the ratio of the 10x time to the 1x time (linear
growth gives about 10), then the throughput on the 30 documents of the FRUS development corpus, real
text without repeated paragraphs (the figure to quote). It also prints the bare cost of parsing and
serialising the resulting TEI with lxml, the floor any converter pays. Times are CPU seconds of this process (the best of
``--repeat`` runs), so other work on the machine does not inflate them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRUS = ROOT / "tests" / "data" / "external" / "frus"
sys.path.insert(0, str(ROOT))

from edition_tools.convert.api import convert_text  # noqa: E402
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for  # noqa: E402
from edition_tools.xmlio import parse_bytes, serialize  # noqa: E402


def inputs() -> list[tuple[str, str, dict, str]]:
    out = []
    for p in sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("plain/*.txt")) \
            + sorted((ROOT / "tests" / "data" / "convert").glob("transcript/*.txt")):
        side = sidecar_for(p)
        out.append((p.name, read_transcript(p), read_sidecar(side) if side.exists() else {}, "auto"))
    return out


def scale(text: str, name: str, factor: int) -> str:
    """Repeat the body ``factor`` times, keeping head and trailer once."""
    if factor == 1:
        return text
    lines = text.split("\n")
    if name.startswith("000"):
        # body: from the first paragraph after the date line to the signature block
        start = next(i for i, l in enumerate(lines) if l.startswith("I met today"))
        end = next(i for i, l in enumerate(lines) if l.startswith("AMBASSADOR OF THE USSR"))
        return "\n".join(lines[:start] + lines[start:end] * factor + lines[end:])
    if name.startswith("002"):
        return "\n".join(lines * factor)
    # blank-line documents: repeat the paragraphs between the heading block and a Notes section
    try:
        notes = lines.index("Notes")
    except ValueError:
        notes = len(lines)
    head = 4 if len(lines) > 4 else 0
    return "\n".join(lines[:head] + lines[head:notes] * factor + lines[notes:])


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'input':34} {'size':>9} {'convert s':>10} {'MB/s':>7} {'parse+ser s':>12}")
    totals = {}
    for factor in (1, 10):
        total_bytes = 0
        total_time = 0.0
        for name, text, meta, layout in inputs():
            t = scale(text, name, factor)
            size = len(t.encode("utf-8"))
            holder = {}

            def run():
                holder["tree"], _ = convert_text(t, name, layout=layout, meta=meta)

            secs = timed(run, args.repeat)
            data = serialize(holder["tree"])
            floor = timed(lambda: serialize(parse_bytes(data)), args.repeat)
            total_bytes += size
            total_time += secs
            print(f"{name[:26] + f' x{factor}':34} {size / 1024:8.1f}K {secs:10.4f} {size / secs / 1e6:7.2f} {floor:12.4f}")
        totals[factor] = (total_bytes, total_time)
        print(f"{'all x' + str(factor):34} {total_bytes / 1024:8.1f}K {total_time:10.4f} {total_bytes / total_time / 1e6:7.2f}")
    (b1, t1), (b10, t10) = totals[1], totals[10]
    print(f"\nthroughput: {b1 / t1 / 1e6:.2f} MB/s at 1x, {b10 / t10 / 1e6:.2f} MB/s at 10x; "
          f"time ratio 10x/1x = {t10 / t1:.1f} for a size ratio of {b10 / b1:.1f} (linear = equal)")
    # The 10x inputs repeat paragraphs, which a per-text memo of the name matcher finds again; the corpus
    # of 30 real documents has no such repeats, so it is the figure to quote for real transcripts.
    corpus = [(p.name, read_transcript(p)) for p in sorted(FRUS.glob("*.txt"))]
    if corpus:
        size = sum(len(t.encode("utf-8")) for _, t in corpus)
        secs = timed(lambda: [convert_text(t, n) for n, t in corpus], args.repeat)
        print(f"FRUS corpus: {len(corpus)} documents, {size / 1024:.0f}K, {secs:.2f} s, {size / secs / 1e6:.2f} MB/s, "
              f"{secs / len(corpus) * 1000:.0f} ms per document")
    # Footnotes: the 10x inputs above repeat the body but keep their Notes sections once; a document with
    # ten times the notes shows whether the note passes (placing, text check) grow linearly too.
    growth("footnotes", notes_document, 90, "notes.txt", args.repeat)
    # Quotations: the 10x inputs repeat paragraphs, so the quotations of one paragraph stay few; a paragraph
    # with ten times the quotations (and names and dates) shows whether the inline passes grow linearly in it.
    growth("quotations per paragraph", quotations_document, 100, "quotations.txt", args.repeat)


def growth(label: str, make_document, n: int, name: str, repeat: int) -> None:
    """Print the conversion time of ``make_document(n)`` and of ``make_document(10 * n)`` and their ratio."""
    small, large = (timed(lambda t=make_document(k): convert_text(t, name), repeat) for k in (n, 10 * n))
    print(f"{label}: {small:.3f} s for {n}, {large:.3f} s for {10 * n}; time ratio {large / small:.1f} (linear = 10)")


def notes_document(notes: int) -> str:
    """A memorandum with ``notes`` paragraphs, each with a numbered note marker, and the Notes section."""
    body = "\n\n".join(f"The delegation discussed item {k} of the agenda with the Ambassador.[{k}]"
                       for k in range(1, notes + 1))
    sources = "\n\n".join(f"[{k}] Source: Department of State, Central Files, file {k}." for k in range(1, notes + 1))
    return f"MEMORANDUM OF CONVERSATION\n\nWashington, March 3, 1962\n\n{body}\n\nNotes\n\n{sources}\n"


PERSONS = ("Secretary Rusk", "Ambassador Dobrynin", "President Kennedy", "Mr. Gromyko", "General Taylor", "Mr. Bundy")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def quotations_document(quotations: int) -> str:
    """A memorandum of one paragraph with ``quotations`` quotations: half of them a person's words after
    an inquit, with a name and a date, half of them scare quotes."""
    body = " ".join(f"On {MONTHS[k % 12]} {k % 28 + 1}, 1962, {PERSONS[k % len(PERSONS)]} said: "
                    f"“We shall consider point {k} with care.” The “offensive” weapons were discussed again."
                    for k in range(quotations // 2))
    return f"MEMORANDUM OF CONVERSATION\n\nWashington, March 3, 1962\n\n{body}\n"


if __name__ == "__main__":
    main()
