"""Where the per-document work runs: in this process, a local process pool, or Dask.

Every engine takes the jobs and yields ``(job, payload)`` as each document finishes (in
any order: the store and the final tables do not depend on it). ``local`` keeps a small
window of tasks in flight; a worker that dies (killed, out of memory) costs one file, which
gets an error row. ``dask`` submits the same function to a Dask cluster: a ``LocalCluster``
by default, or the scheduler at ``tcp://HOST:PORT``; its workers need this package
installed and the input files (and ``--rules``) at the same paths.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from ..pipeline import Options
from .discover import Job
from .worker import Payload, crashed_payload, ignore_sigint, process_job

ENGINES = ("local", "dask")


class EngineError(Exception):
    """The engine cannot start (Dask missing, scheduler unreachable)."""


@dataclass(frozen=True, slots=True)
class Work:
    """What every task needs besides its job."""

    rules_dir: str | None
    options: Options
    time_limit: float | None
    keep_text: bool

    def run(self, job: Job) -> Payload:
        return process_job(job, self.rules_dir, self.options, self.time_limit, self.keep_text)


def run_local(jobs: Sequence[Job], work: Work, workers: int) -> Iterator[tuple[Job, Payload]]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, work.run(job)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=ignore_sigint)
    pending: dict[Future, Job] = {}
    nxt = 0
    window = workers * 4
    try:
        while nxt < len(jobs) or pending:
            while nxt < len(jobs) and len(pending) < window:
                pending[pool.submit(work.run, jobs[nxt])] = jobs[nxt]
                nxt += 1
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                job = pending.pop(fut)
                try:
                    payload = fut.result()
                except Exception as exc:  # the worker died (killed, out of memory)
                    payload = crashed_payload(job, f"worker failed: {type(exc).__name__}: {exc}")
                yield job, payload
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop at once (Ctrl-C, an error): cancel what waits, end the workers."""
    pool.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


def _dask_client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError("--engine dask needs Dask: pip install 'extractor[dask]'") from exc
    try:
        if scheduler:
            return Client(scheduler, timeout="10s"), None
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        return Client(cluster), cluster
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {exc}") from exc


def run_dask(jobs: Sequence[Job], work: Work, workers: int, scheduler: str | None) -> Iterator[tuple[Job, Payload]]:
    """The same tasks as Dask futures; a window of them in flight, results as they come."""
    if not jobs:
        return
    client, cluster = _dask_client(scheduler, workers)
    from distributed import as_completed

    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), workers, 1)
        window = n_workers * 8
        it = iter(jobs)
        futures = {}
        for job in it:
            futures[client.submit(work.run, job, pure=False)] = job
            if len(futures) >= window:
                break
        done = as_completed(list(futures))
        for fut in done:
            job = futures.pop(fut)
            try:
                payload = fut.result()
            except Exception as exc:  # noqa: BLE001 - a failed task costs one file
                payload = crashed_payload(job, f"task failed: {type(exc).__name__}: {exc}")
            fut.release()
            yield job, payload
            nxt = next(it, None)
            if nxt is not None:
                new = client.submit(work.run, nxt, pure=False)
                futures[new] = nxt
                done.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_jobs(jobs: Sequence[Job], work: Work, workers: int, engine: str = "local",
             scheduler: str | None = None) -> Iterator[tuple[Job, Payload]]:
    if engine == "dask":
        return run_dask(jobs, work, workers, scheduler)
    return run_local(jobs, work, workers)


def iter_results(jobs: Sequence[Job], rules_dir: str | None, options: Options, workers: int,
                 time_limit: float | None):
    """Whole ``DocumentResult``s in input order (``extractor check`` prints them as they come)."""
    from .worker import process_one

    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_one(job, rules_dir, options, time_limit)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=ignore_sigint)
    try:
        n = len(jobs)
        yield from pool.map(process_one, jobs, [rules_dir] * n, [options] * n, [time_limit] * n)
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)
