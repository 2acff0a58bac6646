"""The conversion report: every decision that is not deterministic, with the transcript's line, the
rule that fired and the alternative, so an editor can review a document in minutes."""

from __future__ import annotations

import json
from typing import Iterable

from .api import ConvertResult


def as_text(results: Iterable[ConvertResult]) -> str:
    lines: list[str] = []
    for r in results:
        if r.skipped:
            continue
        head = f"{r.source}: " + (f"{r.output} (layout {r.layout})" if r.ok else "FAILED")
        lines.append(head)
        if not r.ok:
            continue
        if not r.decisions:
            lines.append("  no heuristic decisions")
        for d in sorted(r.decisions, key=lambda d: (d.line, d.rule)):
            alt = f"; alternative: {d.alternative}" if d.alternative else ""
            target = f" [#{d.target}]" if d.target else ""
            lines.append(f"  {r.source}:{d.line}: {d.cert}: {d.decision}{alt} ({d.rule}){target}")
        dropped = [x for x in r.dropped if not x.to_header]
        moved = [x for x in r.dropped if x.to_header]
        if moved:
            lines.append(f"  {len(moved)} line(s) moved to the header (lines {_ranges([x.line for x in moved])})")
        openings = [x for x in dropped if x.prefix]
        if openings:  # a reporter's line numbers: one line for them all
            lines.append(f"  {len(openings)} line number(s) dropped (lines {_ranges([x.line for x in openings])})")
        for x in dropped:
            if not x.prefix:
                lines.append(f"  {r.source}:{x.line}: dropped: {x.reason}: {x.text[:70]!r}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(results: Iterable[ConvertResult]) -> str:
    return json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _ranges(nums: list[int]) -> str:
    nums = sorted(set(nums))
    out, start, prev = [], None, None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if start != prev else str(start))
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)
