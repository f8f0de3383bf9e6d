"""CPU seconds of this process and its finished children: per-core figures that other
load on the machine (a second job, a build) does not distort the way wall time does."""

from __future__ import annotations

import os
import time


def cpu_seconds() -> float:
    # process_time is fine-grained; os.times() (10 ms ticks) only for children (antiword).
    t = os.times()
    return time.process_time() + t.children_user + t.children_system
