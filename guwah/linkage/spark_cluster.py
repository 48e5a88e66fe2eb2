"""A Spark standalone cluster on this machine: one master and its workers, started and stopped.

``guwah link import ... --engine spark --spark-master spark://HOST:PORT`` runs on any Spark
standalone cluster. This module starts one locally from the Spark that ships with pyspark, as
the benchmark and the tests do and as ``docs/linkage.md`` describes for a real cluster: the
master and each worker are separate Java processes that talk over the network, exactly as on
several machines, so what works here works there.

It imports no Django: the cluster knows nothing of the registry.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"


class ClusterError(RuntimeError):
    """The cluster did not come up (no Java, a port taken, a worker that never registered)."""


def spark_home() -> Path:
    """The Spark distribution inside the pyspark package (its ``bin/spark-class``)."""
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LocalCluster:
    master_url: str
    web_url: str
    pids: list[int] = field(default_factory=list)
    log_dir: Path | None = None

    def alive_workers(self) -> int:
        try:
            status_page = f"{self.web_url}/json/"  # always http://127.0.0.1:<port>
            with urllib.request.urlopen(status_page, timeout=2) as response:  # noqa: S310
                state = json.load(response)
        except OSError:
            return 0
        return sum(1 for worker in state.get("workers", []) if worker.get("state") == "ALIVE")


def _die_with_parent() -> None:
    # Linux only: should the process that started the cluster be killed before it can stop it
    # (a test run cut short), the kernel sends the JVM SIGTERM instead of leaving it running.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(arguments: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # ``spark-class`` ends in ``exec java ...``: the process started is the JVM itself, so its
    # PID is the one to stop. A session of its own keeps a Ctrl-C of the caller from reaching it
    # before the caller has stopped it in order.
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603  (Spark's own launcher, fixed arguments)
            [str(spark_home() / "bin" / "spark-class"), *arguments],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )


def _stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@contextmanager
def local_cluster(
    workers: int = 2,
    *,
    cores: int = 1,
    memory: str = "3g",
    port: int | None = None,
    start_timeout: float = 90,
    work_dir: Path | str | None = None,
) -> Iterator[LocalCluster]:
    """Start a master on 127.0.0.1 and ``workers`` workers, yield when all have registered,
    stop every process started (by its PID, workers first) on the way out."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ClusterError("Spark needs Java 17: no java on the PATH and no JAVA_HOME.")
    port = port or free_port()
    web_port = free_port()
    with tempfile.TemporaryDirectory(prefix="guwah-spark-cluster-", dir=work_dir) as scratch:
        root = Path(scratch)
        env = {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            # Logs, shuffle files and each application's jars stay in the scratch directory,
            # not inside the installed package.
            "SPARK_LOG_DIR": str(root / "logs"),
            "SPARK_LOCAL_DIRS": str(root / "local"),
            "SPARK_NO_DAEMONIZE": "1",
        }
        processes: list[subprocess.Popen[bytes]] = []
        cluster = LocalCluster(
            master_url=f"spark://127.0.0.1:{port}",
            web_url=f"http://127.0.0.1:{web_port}",
            log_dir=root,
        )
        try:
            processes.append(
                _spawn(
                    [
                        MASTER_CLASS,
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--webui-port",
                        str(web_port),
                    ],
                    env,
                    root / "master.log",
                )
            )
            for number in range(workers):
                processes.append(
                    _spawn(
                        [
                            WORKER_CLASS,
                            cluster.master_url,
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            str(cores),
                            "--memory",
                            memory,
                            "--webui-port",
                            str(free_port()),
                            "--work-dir",
                            str(root / f"worker-{number}"),
                        ],
                        env,
                        root / f"worker-{number}.log",
                    )
                )
            cluster.pids = [process.pid for process in processes]
            deadline = time.monotonic() + start_timeout
            while cluster.alive_workers() < workers:
                dead = [p for p in processes if p.poll() is not None]
                if dead or time.monotonic() > deadline:
                    logs = "\n".join(
                        (root / name).read_text(errors="replace")[-2000:]
                        for name in sorted(p.name for p in root.glob("*.log"))
                    )
                    raise ClusterError(
                        f"The Spark cluster did not come up ({cluster.alive_workers()} of "
                        f"{workers} workers registered).\n{logs}"
                    )
                time.sleep(0.5)
            yield cluster
        finally:
            for process in reversed(processes):
                _stop(process)
