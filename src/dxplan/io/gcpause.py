"""Pause Python's cycle collector while a whole plan is built in memory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cycle collector from running during a read or an import.

    Reading and comparing a large plan makes millions of small objects that live on (the raw
    files, the validated models, both states) and hardly any cycles: the collector's repeated full
    passes over them took a fifth of an import of 5,000 indicators (benchmarks/README.md).
    Memory is still freed by reference counting as usual. Nested pauses leave the collector as
    the outermost found it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
