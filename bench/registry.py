"""Load the registry search and report how it holds up, against a baseline from the same run:

    python -m bench.generate --teachers 100000 --schools 10000    # once
    python -m bench.registry                                        # needs Debian's wrk

1. gunicorn (2 sync workers) serves the app; wrk -t2 -c16 loads two baselines of the same
   app (a trivial JSON endpoint that reads nothing, and /healthz, which runs one query on the
   database), /api/v1/registry/teachers?q=... with a mix of real queries (names, full
   names, prefixes, numbers, cities, genre filters) and /api/v1/registry/schools?... with a
   mix of its own (names, name words and prefixes, common words, cities, city and genre
   filters, certificate numbers, queries that find nothing), in alternating rounds; medians
   of requests/s and p50/p95 latency, the ratio of each search to each baseline, and the CPU
   time per request of the app and of the database server (read from /proc; SQLite's share
   is in the app's).
2. Search latency at 1k, 10k and 100k teachers (100, 1,000 and 10,000 schools), teachers and
   schools (in-process, same kind of mixes).
3. SQL queries per registry page at 10 and at 100 results.
4. Import of 100,000 teacher rows from CSV and from XLSX, dry run and real, timed.
"""

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench import common
from bench.mixes import query_mix, school_mix

WRK_SCRIPT = """
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.status + e.connect + e.read + e.write + e.timeout))
end
"""


# --- serving and loading ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, url: str, workers: int = 2):
        self.port = _free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(common.ROOT))
        self.process = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [str(gunicorn), "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{self.port}", "--log-level",
             "warning", "bench.wsgi:app"], cwd=common.ROOT, env=env, stdout=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/bench/ping", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start; see the messages above.")

    def has(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:  # noqa: S310
                return response.status == 200
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(base: str, paths: list[str], seconds: int, folder: Path) -> dict:
    script = folder / "mix.lua"
    script.write_text(WRK_SCRIPT % ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths))
    output = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(script), base],  # noqa: S603, S607
                            capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, errors = (int(value) for value in line.split()[1:])
    return {"rps": requests / (duration_us / 1e6), "p50": p50 / 1000, "p95": p95 / 1000, "errors": errors,
            "requests": requests}


def cpu_seconds() -> dict:
    """CPU seconds used so far by the app (gunicorn) and by the database server (postgres
    processes, whoever they serve), read from /proc; empty where there is no /proc."""
    if not os.path.isdir("/proc"):
        return {}
    used = {"app": 0.0, "database": 0.0}
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # the process ended meanwhile
        name, fields = stat.split("(", 1)[1].rsplit(")", 1)
        user, system = fields.split()[11:13]
        if name.startswith("postgres"):
            used["database"] += (int(user) + int(system)) / tick
        elif b"gunicorn" in command:
            used["app"] += (int(user) + int(system)) / tick
    return used


def measured_wrk(base: str, paths: list[str], seconds: int, folder: Path) -> dict:
    """A wrk run, with the CPU milliseconds per request that the app and the database used."""
    before = cpu_seconds()
    result = wrk(base, paths, seconds, folder)
    after = cpu_seconds()
    for part in before:
        result[f"{part}_cpu"] = (after[part] - before[part]) * 1000 / max(result["requests"], 1)
    return result


def load_test(url: str, mix: list[str], seconds: int, rounds: int, folder: Path,
              schools: list[str] | None = None) -> dict:
    server = Server(url)
    try:
        targets = {"trivial": ["/bench/ping"], "healthz": ["/healthz"], "teachers": mix}
        if schools and server.has(schools[0]):
            targets["schools"] = schools
        for paths in targets.values():  # warm up: caches, connections, compiled statements
            wrk(server.base, paths, 2, folder)
        runs = {name: [] for name in targets}
        for _ in range(rounds):  # alternate, so a busy moment on the machine hits every endpoint
            for name, paths in targets.items():
                runs[name].append(measured_wrk(server.base, paths, seconds, folder))
    finally:
        server.stop()
    return {name: {key: statistics.median(run[key] for run in results) for key in results[0]}
            for name, results in runs.items()}


# --- in-process measurements ---------------------------------------------------------------------------------

def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _sibling_database(url: str, folder: Path, name: str) -> str:
    """A second, empty database on the same engine as `url`: a SQLite file in `folder`, or a
    database beside it on the same PostgreSQL server."""
    if url.startswith("sqlite"):
        return f"sqlite:///{folder / f'{name}.sqlite'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(url)
    sibling = server.set(database=f"{server.database}_{name}")
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{sibling.database}"'))
        connection.execute(text(f'CREATE DATABASE "{sibling.database}"'))
    engine.dispose()
    return sibling.render_as_string(hide_password=False)


def _request_times(client, paths: list[str], requests: int) -> list[float]:
    """Seconds per request, each a whole request (its own app context and database session,
    as under gunicorn), after a warm-up."""
    for path in paths[:100]:
        client.get(path)
    times = []
    for index in range(requests):
        path = paths[index % len(paths)]
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.get_data(as_text=True))
    return times


def latency(url: str, requests: int = 1500) -> dict:
    """Per-request latency in-process (no network), and the search queries' own share; the
    school search's per-request latency beside it."""
    from core.extensions import db
    from registry.search import teachers as search
    from registry.teachers import parse_search

    app = common.make_app(url)
    mix = query_mix(app, 300, seed=11)
    schools = school_mix(app, 300, seed=11)
    client = app.test_client()
    school_times = _request_times(client, schools, requests)
    whole = _request_times(client, mix, requests)
    with app.app_context():
        count = db.session.execute(db.text("SELECT count(*) FROM teacher")).scalar_one()
        registered = db.session.execute(db.text("SELECT count(DISTINCT school_id) FROM certificate")).scalar_one()
        queries = [parse_search(dict(urllib.parse.parse_qsl(path.split("?", 1)[1]))) for path in mix]
        sql = []
        for index in range(requests):
            started = time.perf_counter()
            search.run_search(db.session.connection(), queries[index % len(queries)])
            sql.append(time.perf_counter() - started)
    return {"teachers": count, "p50": _percentile(whole, .5) * 1000, "p95": _percentile(whole, .95) * 1000,
            "sql_p50": _percentile(sql, .5) * 1000, "sql_p95": _percentile(sql, .95) * 1000,
            "schools": registered, "school_p50": _percentile(school_times, .5) * 1000,
            "school_p95": _percentile(school_times, .95) * 1000}


def query_counts(url: str) -> dict:
    from sqlalchemy import event

    from core.extensions import db

    app = common.make_app(url)
    client = app.test_client()
    counts = {}
    with app.app_context():
        common_name = db.session.execute(db.text(
            "SELECT last_name FROM teacher GROUP BY last_name ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        pages = (("page /register/docenten", f"/register/docenten?q={urllib.parse.quote(common_name)}&per_page="),
                 ("API /api/v1/registry/teachers",
                  f"/api/v1/registry/teachers?q={urllib.parse.quote(common_name)}&per_page="),
                 ("page /register/scholen", "/register/scholen?q=dansschool&per_page="),
                 ("API /api/v1/registry/schools", "/api/v1/registry/schools?q=dansschool&per_page="))
        for label, path in pages:
            for size in (10, 100):
                statements = []

                def count(*args, statements=statements):
                    statements.append(1)

                event.listen(db.engine, "before_cursor_execute", count)
                try:
                    response = client.get(f"{path}{size}")
                finally:
                    event.remove(db.engine, "before_cursor_execute", count)
                assert response.status_code == 200, path
                counts[(label, size)] = len(statements)
    return counts


def import_speed(folder: Path, rows: int = 100_000) -> dict:
    import pandas as pd

    from certification.teachers.importer import import_file

    chance = random.Random(3)
    frame = pd.DataFrame({
        "first_name": [chance.choice(common.FIRST_NAMES) for _ in range(rows)],
        "last_name": [chance.choice(common.SURNAMES) for _ in range(rows)],
        "email": [f"import{index}@bench.invalid" for index in range(rows)],
        "genres": [";".join(chance.sample(list(common.GENRE_WEIGHTS), chance.choice((1, 2)))) for _ in range(rows)],
    })
    csv_data = frame.to_csv(index=False).encode()
    buffer = tempfile.SpooledTemporaryFile()
    frame.to_excel(buffer, index=False, engine="openpyxl")
    buffer.seek(0)
    xlsx_data = buffer.read()
    results = {}
    for label, data, name in (("CSV", csv_data, "teachers.csv"), ("XLSX", xlsx_data, "teachers.xlsx")):
        url = f"sqlite:///{folder / f'import-{label}.sqlite'}"
        app = common.make_app(url)
        common.fresh_database(app, force=True)
        with app.app_context():
            for dry_run in (True, False):
                started = time.perf_counter()
                report = import_file(data, name, "teachers", dry_run=dry_run)
                elapsed = time.perf_counter() - started
                assert report.ok and report.created == rows, report.problems[:3]
                results[(label, "dry run" if dry_run else "real")] = elapsed
            started = time.perf_counter()
            again = import_file(data, name, "teachers")
            results[(label, "again (no change)")] = time.perf_counter() - started
            assert again.created == 0 and again.unchanged == rows
    return results


# --- the report --------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per endpoint (medians)")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_load and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    url = common.database_url()
    print(f"Database: {url}")
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start "
          "(other work on the machine slows both sides of each ratio alike)")
    with tempfile.TemporaryDirectory(prefix="dansveilig-bench-") as tmp:
        folder = Path(tmp)
        if not args.skip_load:
            app = common.make_app(url)
            mix, schools = query_mix(app), school_mix(app)
            print(f"\n1. Load: gunicorn 2 sync workers, wrk -t2 -c16, {args.rounds} x {args.seconds} s per endpoint, "
                  f"{len(mix)} teacher and {len(schools)} school search queries")
            results = load_test(url, mix, args.seconds, args.rounds, folder, schools)
            print(f"   {'endpoint':36} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
                  f"{'CPU ms/request: app':>20} {'database':>9}")
            for name, label in (("trivial", "trivial JSON (/bench/ping)"),
                                ("healthz", "/healthz (one database round trip)"),
                                ("teachers", "/api/v1/registry/teachers?q=..."),
                                ("schools", "/api/v1/registry/schools?q=...")):
                if name in results:
                    r = results[name]
                    print(f"   {label:36} {r['rps']:8.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['errors']:7.0f} "
                          f"{r.get('app_cpu', float('nan')):20.3f} {r.get('database_cpu', float('nan')):9.3f}")
            if "schools" not in results:
                print("   /api/v1/registry/schools did not answer 200: not loaded")
            for name in ("teachers", "schools"):
                if name in results:
                    rps = results[name]["rps"]
                    print(f"   ratio {name} search / trivial: {rps / results['trivial']['rps']:.2f}, "
                          f"/ healthz: {rps / results['healthz']['rps']:.2f}  (target >= 0.5; p95 <= 20 ms)")
        if not args.skip_scaling:
            print("\n2. Search latency by registry size (in-process, no network; same kind of query mix)")
            sizes = []
            for teachers, schools in ((1_000, 100), (10_000, 1_000)):
                small = _sibling_database(url, folder, f"size_{teachers}")
                app = common.make_app(small)
                common.fresh_database(app, force=True)
                from bench.generate import fill

                fill(app, teachers, schools, echo=lambda *a: None)
                sizes.append(small)
            sizes.append(url)
            measured = [latency(size) for size in sizes]
            base = measured[0]
            print(f"   {'teachers':>9} {'request p50':>12} {'p95':>7} {'search SQL p50':>15} {'p95':>7} "
                  f"{'p50 vs 1k':>10} {'schools':>8} {'school p50':>11} {'p95':>7}")
            for m in measured:
                print(f"   {m['teachers']:9d} {m['p50']:9.2f} ms {m['p95']:7.2f} {m['sql_p50']:12.3f} ms "
                      f"{m['sql_p95']:7.3f} {m['p50'] / base['p50']:9.2f}x {m['schools']:8d} {m['school_p50']:8.2f} ms "
                      f"{m['school_p95']:7.2f}")
            print("   (schools: in the register, i.e. with a certificate; school p50/p95: /api/v1/registry/schools)")
        print("\n3. SQL queries per registry page (must not grow with the page)")
        for (label, size), number in query_counts(url).items():
            print(f"   {label:32} {size:3d} results: {number} queries")
        if not args.skip_import:
            print("\n4. Import of 100,000 teacher rows (first_name, last_name, email, genres)")
            for (label, kind), seconds in import_speed(folder).items():
                print(f"   {label:5} {kind:18} {seconds:6.2f} s")
            print("   targets: CSV checked and written <= 5 s, XLSX <= 10 s")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
