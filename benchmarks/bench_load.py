"""Load: the production server (`grogrund serve`, gunicorn) with PostgreSQL under many
connections at once. `python benchmarks/bench_load.py` prints the rows as JSON.

A throw-away PostgreSQL 15 server is started (as scripts/with-postgres does), migrated and
given the demo data; `grogrund serve` runs with production settings (DEBUG off) on loopback,
its workers from the CPU count (BENCH_LOAD_THREADS sets GROGRUND_THREADS, to compare the
threaded workers). Then BENCH_LOAD_CONNECTIONS (64) connections, kept alive where the server
allows it (the default sync workers close each after its answer and the connection is opened
again, as a browser does), each in a thread (spread over a few processes, so the load
generator is not held back by one interpreter lock; on http.client, which takes a third of
requests' CPU from the cores the server shares), ask one after another for BENCH_LOAD_SECONDS
(60):

- reads: the area profile (Norrbacka), the programme's follow-up dashboard, API lists
  (areas, observations, goals, measurements), as the demo's users, signed in;
- writes (WRITE_SHARE of the requests): goal measurements through the API (a signed-in
  editor, CSRF token as a browser sends it), each with a source text of its own, so every
  acknowledged write can be looked for in the change history afterwards.

The first BENCH_LOAD_WARMUP_SECONDS (10) of load are not counted (workers warm up).
Reported: requests per second, p50/p95/p99 latency, errors (anything but 2xx, and no answer),
and the CPU each request cost the server, PostgreSQL and the load generator.
Goal: 0 errors and p95 ≤ 500 ms. Nothing outside loopback is touched.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_foundation import _row

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROGRUND = [sys.executable, "-m", "grogrund.cli"]

DURATION = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "64"))
PROCESSES = int(os.environ.get("BENCH_LOAD_PROCESSES", "4"))
# The same load, not counted, first: workers import the app and fill their caches, as a
# server that has been running does.
WARMUP = float(os.environ.get("BENCH_LOAD_WARMUP_SECONDS", "10"))
WRITE_SHARE = 0.15
GOAL_P95_MS = 500.0
REQUEST_TIMEOUT = 30.0
DEMO_PASSWORD = "grogrund-demo"
READERS = ("anna", "edvin", "vera", "karin", "per")
WRITER = "anna"  # an administrator of the programme's owner


def _log(text: str) -> None:
    print(f"   [load] {text}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- a throw-away PostgreSQL (as scripts/with-postgres) --------------------------------------


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).is_file():
            return str(folder / name)
    raise RuntimeError(f"{name} not found; install PostgreSQL 15 (Debian: postgresql-15)")


class Postgres:
    """A PostgreSQL server in a temporary folder, listening on a socket there only. As root
    it runs as the `postgres` user (PostgreSQL refuses root)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="grogrund-bench-pg-"))
        self.port = _free_port()
        self.run_as: list[str] = []
        if os.getuid() == 0:
            user = "postgres"
            if subprocess.run(["id", user], capture_output=True).returncode != 0:
                user = "nobody"
            shutil.chown(self.dir, user)
            self.dir.chmod(0o700)
            self.run_as = ["runuser", "-u", user, "--"]
        self.data = self.dir / "data"
        self.url = f"postgres://grogrund@/grogrund?host={self.dir}&port={self.port}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, _pg_bin("pg_ctl"), "-D", str(self.data), *args],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        subprocess.run(
            [
                *self.run_as,
                _pg_bin("initdb"),
                "-D",
                str(self.data),
                "-U",
                "grogrund",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        # Durable as in production (fsync on): an acknowledged write must survive a restart.
        options = f"-c listen_addresses='' -k {self.dir} -p {self.port} -c max_connections=200"
        self._ctl("-l", str(self.dir / "server.log"), "-w", "-o", options, "start")
        subprocess.run(
            [
                *self.run_as,
                _pg_bin("createdb"),
                "-h",
                str(self.dir),
                "-p",
                str(self.port),
                "-U",
                "grogrund",
                "grogrund",
            ],
            check=True,
            capture_output=True,
        )

    def postmaster(self) -> int:
        """The server's main process: its children are the sessions and background work."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def restart(self) -> None:
        """Stop (ending every session, as an operator's restart does) and start again."""
        # -l again: without it the new server would write to (and hold open) our pipes.
        self._ctl("-l", str(self.dir / "server.log"), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, _pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


# --- the site ------------------------------------------------------------------------------


@dataclass
class Site:
    base: str
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None


def _site_env(database_url: str, static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="grogrund.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECURE="0",  # plain HTTP on loopback: no HTTPS redirect, cookies without Secure
        SECRET_KEY="bench-load-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    if os.environ.get("BENCH_LOAD_THREADS"):
        env["GROGRUND_THREADS"] = os.environ["BENCH_LOAD_THREADS"]
    return env


def _grogrund(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([*GROGRUND, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"grogrund {' '.join(args)} failed:\n{done.stderr[-3000:]}")


@contextmanager
def running_site(database_url: str) -> Iterator[Site]:
    """Migrate, load the demo, collect static files and serve; stopped on leaving."""
    import requests

    work = Path(tempfile.mkdtemp(prefix="grogrund-bench-site-"))
    env = _site_env(database_url, work / "static")
    _log("migrate, collectstatic, demo data")
    _grogrund(env, "migrate", "--no-input", "-v0")
    # Static files first: the demo renders its published reports, which name report.css
    # through the manifest of the collected files (DEBUG off).
    _grogrund(env, "collectstatic", "--no-input", "-v0")
    _grogrund(env, "demo")
    port = _free_port()
    site = Site(base=f"http://127.0.0.1:{port}", env=env, log=work / "serve.log")
    with site.log.open("wb") as log:
        site.process = subprocess.Popen(
            [*GROGRUND, "serve", "--bind", f"127.0.0.1:{port}"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # Workers import Django and the app when they boot: slow on a busy machine.
            deadline = time.monotonic() + 300
            while True:
                try:
                    if requests.get(site.base + "/health/", timeout=60).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline or site.process.poll() is not None:
                    raise RuntimeError("grogrund serve did not start:\n" + site.log.read_text())
                time.sleep(0.3)
            yield site
        finally:
            os.killpg(site.process.pid, signal.SIGTERM)
            try:
                site.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(site.process.pid, signal.SIGKILL)
            shutil.rmtree(work, ignore_errors=True)


# --- what the connections ask for ------------------------------------------------------------


@dataclass
class Plan:
    base: str
    cookies: dict[str, dict[str, str]]  # user → cookies of a signed-in session
    reads: list[str]
    writes: list[tuple[int, int]]  # (goal id, year) of measurements that exist
    tag: str = field(default_factory=lambda: f"bench-{os.getpid()}-{int(time.time())}")


def _login(base: str, username: str) -> dict[str, str]:
    import requests

    s = requests.Session()
    page = s.get(base + "/konto/logga-in/", timeout=REQUEST_TIMEOUT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    r = s.post(
        base + "/konto/logga-in/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": DEMO_PASSWORD,
        },
        headers={"Referer": base + "/konto/logga-in/"},
        timeout=REQUEST_TIMEOUT,
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login of {username} failed: {r.status_code}"
    s.get(base + "/", timeout=REQUEST_TIMEOUT)  # the CSRF cookie for later forms and writes
    return dict(s.cookies.get_dict())


def make_plan(base: str) -> Plan:
    """Sign the users in, find the demo's programme, area and measurements, then warm up."""
    import requests

    cookies = {user: _login(base, user) for user in {*READERS, WRITER}}
    s = requests.Session()
    s.cookies.update(cookies[WRITER])
    programmes = s.get(base + "/api/v1/programmes/", timeout=REQUEST_TIMEOUT).json()["results"]
    programme = programmes[0]
    area = programme["areas"][0]
    area_code = area if isinstance(area, str) else area.get("code")
    measurements = s.get(
        base + f"/api/v1/measurements/?programme={programme['id']}&limit=500",
        timeout=REQUEST_TIMEOUT,
    ).json()["results"]
    writes = [(m["goal"], m["year"]) for m in measurements]
    assert writes, "the demo programme has no measurements to write"
    reads = [
        f"/omraden/{area_code}/",
        f"/program/{programme['id']}/uppfoljning/",
        "/api/v1/areas/?limit=50",
        "/api/v1/observations/?limit=100",
        f"/api/v1/goals/?programme={programme['id']}",
        f"/api/v1/measurements/?programme={programme['id']}",
    ]
    plan = Plan(base=base, cookies=cookies, reads=reads, writes=writes)
    measured = plan.tag + "-measured"
    if WARMUP > 0:
        _log(f"warming up for {WARMUP:.0f} s")
        plan.tag += "-warmup"
        run_load(plan, duration=WARMUP)
    plan.tag = measured  # the writes counted afterwards are those of the measured load
    return plan


# A result: (start offset s, latency s, status or 0 for no answer, the path read or "write",
# the write's tag)
Result = tuple[float, float, int, str, str]


class _Http:
    """One keep-alive HTTP connection as a browser holds it, on the standard library's
    http.client: requests.Session costs the load generator about three times the CPU per
    request, taken from the same two cores the server has."""

    def __init__(self, base: str, cookies: dict[str, str]) -> None:
        from urllib.parse import urlsplit

        url = urlsplit(base)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.headers = {
            "Host": url.netloc,
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Accept-Language": "sv",
        }
        self.conn: Any = None

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str) -> int:
        """The status of the answer, read whole (0 when there is none: connection refused or
        reset, or no answer within REQUEST_TIMEOUT)."""
        import http.client

        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=REQUEST_TIMEOUT
                )
            try:
                self.conn.request(method, path, body=body, headers={**self.headers, **headers})
                response = self.conn.getresponse()
                response.read()
                if response.will_close:
                    self.close()
                return int(response.status)
            except (OSError, http.client.HTTPException):
                self.close()
                # A kept-alive connection the server closed meanwhile is opened again once
                # (as browsers do); a second failure is an error.
                if attempt == 2:
                    return 0
        return 0

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _connection(plan: Plan, seed: int, started: float, until: float, out: list[Result]) -> None:
    rng = random.Random(seed)
    writer = rng.random() < WRITE_SHARE * 2  # half the requests of a writing connection write
    user = WRITER if writer else READERS[seed % len(READERS)]
    http = _Http(plan.base, plan.cookies[user])
    csrf = plan.cookies[user].get("csrftoken", "")
    n = 0
    while (now := time.monotonic()) < until:
        n += 1
        tag, kind = "", ""
        if writer and n % 2 == 0:
            goal, year = rng.choice(plan.writes)
            tag, kind = f"{plan.tag}-{seed}-{n}", "write"
            body = {"goal": goal, "year": year, "value": round(rng.uniform(0.3, 0.7), 4)}
            status = http.request(
                "POST",
                "/api/v1/measurements/",
                json.dumps({**body, "source": tag}).encode(),
                **{
                    "Content-Type": "application/json",
                    "X-CSRFToken": csrf,
                    "Referer": plan.base + "/",
                },
            )
        else:
            kind = rng.choice(plan.reads)
            status = http.request("GET", kind)
        out.append((now - started, time.monotonic() - now, status, kind, tag))
    http.close()


def _process(args: tuple[Plan, list[int], float, float]) -> list[Result]:
    plan, seeds, started_wall, duration = args
    # Monotonic clocks agree across processes on Linux; the wall clock marks the start.
    started = time.monotonic() - (time.time() - started_wall)
    until = started + duration
    out: list[Result] = []
    threads = [
        threading.Thread(target=_connection, args=(plan, seed, started, until, out))
        for seed in seeds
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def run_load(plan: Plan, *, duration: float, during: Any = None) -> tuple[list[Result], float]:
    """Run the connections for `duration` seconds; `during(started_monotonic)` runs in this
    process meanwhile (the fault benchmark restarts PostgreSQL there). Returns the results and
    the wall time the load started."""
    processes = max(1, min(PROCESSES, CONNECTIONS))
    seeds = [list(range(CONNECTIONS))[i::processes] for i in range(processes)]
    started_wall = time.time() + 1.0  # all processes start together
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pending = pool.map_async(_process, [(plan, s, started_wall, duration) for s in seeds])
        if during is not None:
            time.sleep(max(0.0, started_wall - time.time()))
            during(time.monotonic())
        chunks = pending.get(timeout=duration + REQUEST_TIMEOUT + 60)
    return [r for chunk in chunks for r in chunk], started_wall


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary_rows(name: str, results: list[Result], duration: float) -> list[dict[str, Any]]:
    latencies = [r[1] * 1000 for r in results if 200 <= r[2] < 300]
    errors = [r for r in results if not 200 <= r[2] < 300]
    p95 = percentile(latencies, 95)
    statuses = statistics.multimode([r[2] for r in errors]) if errors else []
    by_kind = [
        _row(
            name,
            f"p95 latency {kind}",
            percentile([r[1] * 1000 for r in results if r[3] == kind and 200 <= r[2] < 300], 95),
            "ms",
            "",
            None,
        )
        for kind in sorted({r[3] for r in results})
    ]
    return [
        _row(name, "requests", len(results), "", "", None),
        _row(name, "requests per second", len(results) / duration, "req/s", "", None),
        _row(
            name,
            "writes answered 2xx",
            sum(1 for r in results if r[3] == "write" and 200 <= r[2] < 300),
            "",
            "",
            None,
        ),
        _row(name, "p50 latency", percentile(latencies, 50), "ms", "", None),
        _row(name, "p95 latency", p95, "ms", f"<= {GOAL_P95_MS:.0f}", p95 <= GOAL_P95_MS),
        _row(name, "p99 latency", percentile(latencies, 99), "ms", "", None),
        _row(
            name,
            "errors",
            len(errors),
            f"most often status {statuses[0]}" if statuses else "",
            "0",
            not errors,
        ),
        *by_kind,
    ]


def stored_write_tags(database_url: str, prefix: str) -> set[str]:
    """The source texts of measurement writes in the change history (the database itself)."""
    from urllib.parse import parse_qs, urlsplit

    import psycopg

    url = urlsplit(database_url)
    q = {k: v[0] for k, v in parse_qs(url.query).items()}
    with psycopg.connect(
        host=q["host"], port=q["port"], user=url.username, dbname=url.path.lstrip("/")
    ) as conn:
        rows = conn.execute(
            "SELECT after->>'source' FROM programmes_changelog "
            "WHERE object_type = 'measurement' AND after->>'source' LIKE %s",
            [prefix + "%"],
        ).fetchall()
    return {r[0] for r in rows}


def cpu_seconds(parent: int) -> float:
    """CPU time (user + system) used so far by the children of `parent`: the server's workers,
    or PostgreSQL's sessions, those running and those ended (counted in the parent once it
    has waited for them). Divided by the requests served it is a cost per request that does
    not depend on what else the machine is doing (unlike latency and requests per second)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid = int(stat.parent.name)
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, ValueError):
            continue
        # After the name: state, parent pid, … utime, stime, cutime, cstime (11 to 14).
        if int(fields[1]) == parent:
            total += (int(fields[11]) + int(fields[12])) / ticks
        elif pid == parent:
            total += (int(fields[13]) + int(fields[14])) / ticks
    return total


def _children_cpu() -> float:
    """CPU time of this process's children that have ended (the load's worker processes,
    once the pool has stopped them)."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run() -> list[dict[str, Any]]:
    name = f"serve + PostgreSQL, {CONNECTIONS} connections × {DURATION:.0f} s"
    pg = Postgres()
    try:
        pg.start()
        with running_site(pg.url) as site:
            plan = make_plan(site.base)
            load_before = os.getloadavg()[0]
            log = site.log.read_text()
            workers = sum(1 for line in log.splitlines() if "Booting worker" in line)
            found = re.search(r"Using worker: (\w+)", log)
            worker_class = found[1] if found else "?"
            _log(f"{CONNECTIONS} connections for {DURATION:.0f} s against {workers} workers")
            assert site.process is not None
            cpu_before = cpu_seconds(site.process.pid)
            pg_before = cpu_seconds(pg.postmaster())
            own_before = _children_cpu()
            results, _started = run_load(plan, duration=DURATION)
            per = 1000 / max(1, len(results))
            cpu_ms = (cpu_seconds(site.process.pid) - cpu_before) * per
            pg_ms = (cpu_seconds(pg.postmaster()) - pg_before) * per
            own_ms = (_children_cpu() - own_before) * per
        rows = summary_rows(name, results, DURATION)
        rows.append(_row(name, "server CPU per request", cpu_ms, "ms", "", None))
        # The machine's two cores also run PostgreSQL and the load generator: what each takes
        # per request shows how much of the machine is left for the server.
        rows.append(_row(name, "PostgreSQL CPU per request", pg_ms, "ms", "", None))
        rows.append(_row(name, "load generator CPU per request", own_ms, "ms", "", None))
        cores = os.cpu_count() or 1
        rows.append(
            _row(
                name,
                "server capacity on idle cores (CPU bound)",
                cores * 1000 / cpu_ms,
                f"req/s on {cores} cores",
                "",
                None,
            )
        )
        # Other work on the machine shares its cores with the server and the load generator.
        rows.append(_row(name, "machine load average before", load_before, "(1 min)", "", None))
        acked = {r[4] for r in results if r[3] == "write" and 200 <= r[2] < 300}
        missing = acked - stored_write_tags(pg.url, plan.tag)
        rows.append(_row(name, "acknowledged writes missing", len(missing), "", "0", not missing))
        rows.append(_row(name, "server workers", workers, f"processes ({worker_class})", "", None))
        return rows
    finally:
        pg.stop()


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
