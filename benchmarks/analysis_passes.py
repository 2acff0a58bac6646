"""Speed and accuracy of the converter's analysis passes (quotations, speech, names, dates) on their own.

    python benchmarks/analysis_passes.py                  # the FRUS development corpus + the two samples
    python benchmarks/analysis_passes.py --repeat 5       # more timing rounds (the figure is the best round)

Speed: every paragraph of every document becomes a ``<p>`` and goes through the four passes in the
converter's order (quotations, speech, names, dates) with a fresh ``NameIndex`` per document (built from
the document's participant list and speaker labels, as the converter builds it). It prints characters per
second of CPU time (``time.process_time``, so that other processes on a shared machine do not skew the
figures) for each pass, and the time to build an index.

Accuracy, against the corpus ground truth (``<id>.json``, see the corpus README):

* ``speaker_label`` on every paragraph: a label where the ground truth starts an utterance (tp), a label
  elsewhere (fp), a missed utterance start (fn);
* ``parse_date`` on every dateline: ``when`` equals the date part of the ground truth's ``doc_date_when``
  (or of its dateline date's ``when``/``from``);
* ``NameIndex.find`` persons in the head, body and closer (speaker labels included, as the ground truth
  tags them there), counted by overlap with the ground-truth ``persons`` spans: the passes' own ceiling,
  independent of how the converter wires them.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition_tools.convert import dates, names, quotes, speech  # noqa: E402
from edition_tools.convert.model import Document  # noqa: E402
from edition_tools.xmlio import E  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "external" / "frus"


def load_corpus(folder: Path) -> list[dict]:
    docs = []
    for path in sorted(glob.glob(str(folder / "*.json"))):
        if path.endswith("manifest.json"):
            continue
        gt = json.loads(Path(path).read_text(encoding="utf-8"))
        text = Path(path[:-5] + ".txt").read_text(encoding="utf-8")
        docs.append({"id": gt["id"], "gt": gt, "text": text,
                     "paragraphs": [p["text"] for p in gt["paragraphs"]]})
    for path in sorted(glob.glob(str(ROOT / "transcripts" / "*.txt"))):
        text = Path(path).read_text(encoding="utf-8")
        paras = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
        docs.append({"id": Path(path).stem, "gt": None, "text": text, "paragraphs": paras})
    return docs


def index_for(doc: dict) -> names.NameIndex:
    gt = doc["gt"] or {}
    items = [i for lst in (gt.get("lists") or {}).get("participants", []) for i in lst["items"]]
    index = names.NameIndex(names.entities_from_participants(items))
    for u in gt.get("utterances", []) or []:
        index.person_for_label(u["speaker_label"] + ":")
    return index


def time_passes(docs: list[dict], repeat: int) -> None:
    totals = {"quotes": 0.0, "speech": 0.0, "names": 0.0, "dates": 0.0, "index": 0.0}
    best: dict[str, float] = {}
    chars = sum(len(p) for d in docs for p in d["paragraphs"])
    for _ in range(repeat):
        totals = dict.fromkeys(totals, 0.0)
        for d in docs:
            t0 = time.process_time()
            index = index_for(d)
            index.find("x")  # builds the matcher
            totals["index"] += time.process_time() - t0
            doc = Document(d["id"], "bench")
            sctx = speech.SpeechContext(None, index)
            dctx = dates.DateContext((d["gt"] or {}).get("doc_date_when"))
            for k, text in enumerate(d["paragraphs"]):
                el = E("p", text=text)
                t = time.process_time()
                quotes.mark_quotations(el, doc, k, index)
                t2 = time.process_time()
                speech.mark_speech(el, sctx, doc, k)
                t3 = time.process_time()
                names.mark_names(el, index, doc, k)
                t4 = time.process_time()
                dates.mark_dates(el, dctx, doc, k)
                t5 = time.process_time()
                totals["quotes"] += t2 - t
                totals["speech"] += t3 - t2
                totals["names"] += t4 - t3
                totals["dates"] += t5 - t4
        for k, v in totals.items():
            best[k] = min(best.get(k, v), v)
    print(f"Speed ({len(docs)} documents, {chars:,} characters of paragraphs, best of {repeat} round(s))")
    for k in ("quotes", "speech", "names", "dates"):
        print(f"  {k:<8} {best[k] * 1000:8.1f} ms   {chars / best[k] / 1000:8.0f} k chars/s")
    passes = sum(best[k] for k in ("quotes", "speech", "names", "dates"))
    print(f"  {'all four':<8} {passes * 1000:8.1f} ms   {chars / passes / 1000:8.0f} k chars/s")
    print(f"  index    {best['index'] * 1000 / len(docs):8.1f} ms per document (participants, labels, gazetteer, authority list)")


def score_labels(docs: list[dict]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for d in docs:
        gt = d["gt"]
        if gt is None:
            continue
        starts = {u["offset"]: u["speaker_label"] for u in gt["utterances"]}
        for para in gt["paragraphs"]:
            if para["kind"] != "p":
                continue
            got = speech.speaker_label(para["text"])
            want = starts.get(para["start"])
            if got and want and got[0] == want + ":":
                tp += 1
            else:
                fp += bool(got)
                fn += bool(want)
    return tp, fp, fn


def score_datelines(docs: list[dict]) -> tuple[int, int]:
    right = total = 0
    for d in docs:
        gt = d["gt"]
        if gt is None or not gt.get("dateline"):
            continue
        want = gt.get("doc_date_when")
        if not want:
            cands = [x for x in gt["dates"] if x["where"] == "dateline" and (x.get("when") or x.get("from"))]
            want = (cands[0].get("when") or cands[0].get("from")) if cands else None
        if not want or not re.match(r"\d{4}", want):
            continue
        total += 1
        got = dates.parse_date(gt["dateline"])
        right += bool(got and got.when == want[:10])
    return right, total


def score_persons(docs: list[dict]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for d in docs:
        gt = d["gt"]
        if gt is None:
            continue
        index = index_for(d)
        gold = [(p["offset"], p["offset"] + len(p["text"])) for p in gt["persons"] if p["where"] in ("head", "body", "closer")]
        found = []
        for para in gt["paragraphs"]:
            if para["kind"] in ("list-item", "list-head", "dateline") or para["start"] >= gt["body_end_offset"]:
                continue
            for m in index.matches(para["text"]):
                if m.entity.kind == "person" and not m.office:
                    found.append((para["start"] + m.start, para["start"] + m.end))
        for s, e in found:
            if any(gs < e and s < ge for gs, ge in gold):
                tp += 1
            else:
                fp += 1
        fn += sum(1 for gs, ge in gold if not any(gs < e and s < ge for s, e in found))
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"tp={tp} fp={fp} fn={fn}  P={p:.3f} R={r:.3f} F1={f:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of <id>.txt + <id>.json")
    ap.add_argument("--repeat", type=int, default=3, help="timing rounds (best is printed)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    docs = load_corpus(args.corpus)
    time_passes(docs, max(1, args.repeat))
    print("Accuracy (FRUS development corpus)")
    print(f"  speaker_label  {prf(*score_labels(docs))}")
    right, total = score_datelines(docs)
    print(f"  parse_date     {right}/{total} datelines give the ground-truth date")
    print(f"  persons        {prf(*score_persons(docs))}  (NameIndex.find, head/body/closer, labels included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
