"""Run one function over many files, in parallel processes when asked, with a progress bar."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import click

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def run_many(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int = 1,
    label: str = "",
    progress: bool | None = None,
    initializer: Callable | None = None,
    initargs: tuple = (),
) -> Iterator[R]:
    """Yield ``func(item)`` for each item, in input order.

    With ``jobs > 1`` and more than one item, work runs in a process pool (``initializer`` runs
    once per worker: compile schemas and stylesheets there, once). A progress bar is shown on
    stderr when it is a terminal and there is more than one item (``progress`` forces it on or off).
    """
    n = len(items)
    if progress is None:
        progress = n > 1 and sys.stderr.isatty()
    if jobs > 1 and n > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, n), initializer=initializer, initargs=initargs) as pool:
            results: Iterable[R] = pool.map(func, items, chunksize=max(1, n // (jobs * 8) or 1))
            yield from _with_bar(results, n, label, progress)
    else:
        if initializer is not None:
            initializer(*initargs)
        yield from _with_bar((func(i) for i in items), n, label, progress)


def _with_bar(results: Iterable[R], n: int, label: str, progress: bool) -> Iterator[R]:
    if not progress:
        yield from results
        return
    with click.progressbar(length=n, label=label, file=sys.stderr, show_pos=True) as bar:
        for r in results:
            yield r
            bar.update(1)
