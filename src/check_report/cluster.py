"""A batch on a Dask cluster: `check-report --scheduler tcp://host:8786 FOLDER` (extra `dask`).

Each file is one task. The task runs on a Dask worker exactly what a local run does for the file: the
worker process warms itself once (imports, rule set), then checks the file in a forked child
(`check_report.workers`), from the client's working directory, with the client's `Settings`. So a
crash on a worker is that file's error, and the report, rendered by the client from the outcomes in
input order, is byte for byte the local one.

What it needs: the workers see the files, rule files and vocabularies at the same paths as the client
(shared storage: the client sends paths, not file contents) and run the same check-report version (a
task on a worker with another version is that file's error, saying so). What it costs: a task is a few
milliseconds of scheduler and network time, and each worker process pays the imports once (about a
second); below a few hundred files one machine with --jobs N is as fast and needs no cluster.

`distributed` is imported only here, only when --scheduler is given.
"""

from __future__ import annotations

import os

from check_report.findings import FileResult

class ClusterError(Exception):
    """The cluster cannot be used (extra missing, scheduler unreachable); the message is one line."""


def run_on_cluster(paths: list[str], settings, address: str, on_done=None) -> list:
    """Outcomes of every path, in input order, each checked on a worker of the cluster at `address`."""
    from check_report import __version__

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed scheduler: pip install 'check-report[dask]'") \
            from None
    try:
        client = Client(address)       # Dask's connect timeout (distributed.comm.timeouts.connect, 30 s)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {' '.join(str(exc).split())}") from None
    try:
        cwd = os.getcwd()
        futures = [client.submit(check_remote, path, settings, cwd, __version__, key=f"check-report-{i}-{path}",
                                 pure=False) for i, path in enumerate(paths)]
        position = {future.key: i for i, future in enumerate(futures)}
        outcomes: list = [None] * len(paths)
        for future in as_completed(futures):
            i = position[future.key]
            try:
                outcomes[i] = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker lost for good (KilledWorker ...): this file's
                outcomes[i] = _lost(paths[i], exc)
            if on_done:
                on_done(paths[i])
        return outcomes
    finally:
        client.close()


def check_remote(path: str, settings, cwd: str, version: str):
    """The task: on a worker, check one file as the client would have (see the module docstring)."""
    from check_report import __version__, workers
    from check_report.pipeline import Outcome

    if version != __version__:
        return Outcome(FileResult(path=path, status="error", error=f"{path}: the Dask worker runs check-report "
                                  f"{__version__}, the client {version}; install the same version on both"))
    if not os.path.isdir(cwd):
        return Outcome(FileResult(path=path, status="error", error=f"{path}: the Dask worker does not see the "
                                  f"folder {cwd} (the cluster needs the files on storage it shares)"))
    workers.warm_once([path], settings, cwd)
    return workers.run([path], settings, 1, cwd=cwd)[0]


def _lost(path: str, exc: Exception):
    from check_report.pipeline import Outcome

    message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return Outcome(FileResult(path=path, status="error", error=f"{path}: the cluster could not check it ({message})"))
