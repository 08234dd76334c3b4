"""Time one year's sector figures and their XLSX export at scale, against a baseline:

    python -m bench.sector [--schools 10000] [--years 3] [--rounds 5]

Fills a fresh database of its own (instance/bench-sector.sqlite, or DATABASE_URL) with the
registry generator's schools and certificates (bench.generate) and, for every certified
school, a filed monitoring report for each of the last `--years` years with counts drawn like
the demo's (most schools few reports, some many), then measures, interleaved round by round
on this shared machine, medians of:

- baseline: reading the same rows the figures aggregate (every count row of the year's filed
  reports, and every certificate with its school type) without aggregating them;
- figures: `reporting.figures.sector_figures(year)` with small-cell suppression, all tables;
- xlsx: the XLSX export of those figures (`reporting.exports.figures_xlsx`).

Target: one year's figures in at most 1 s at 10,000 schools.
"""

import argparse
import statistics
import time

from bench import common
from bench.generate import fill

KINDS = ("verbal", "verbal", "emotional", "physical", "power", "discrimination", "sexual", "other")
CHANNELS = ("advisor", "advisor", "management", "teacher", "mores", "cvsn", "police", "other")
FOLLOW_UPS = ("handled", "handled", "closed", "referred", "ongoing", "no_action")
PEOPLE = ("dancer", "dancer", "parent", "teacher", "other")


def add_reports(app, years: list[int], seed: int = 14) -> int:
    """A filed report per certified school per year, with its counts; returns the count rows."""
    from sqlalchemy import select

    from certification.certificates.models import Certificate
    from certification.teachers.bulk import bulk_insert
    from compliance.models import School
    from core.extensions import db
    from core.models import utcnow
    from reporting.models import MonitoringCount, MonitoringReport

    random, now = common.rng(seed), utcnow()
    with app.app_context():
        rows = db.session.execute(select(Certificate.id, Certificate.school_id, School.genres)
                                  .join(School, School.id == Certificate.school_id)).all()
        seen, reports, counts = set(), [], []
        for certificate_id, school_id, genres in rows:
            if school_id in seen:
                continue
            seen.add(school_id)
            for year in years:
                report_id = len(reports) + 1
                reports.append({"id": report_id, "school_id": school_id, "certificate_id": certificate_id,
                                "due_on": common.today().replace(year=year + 1), "year": year,
                                "vocabulary_version": "2026.1", "status": "acknowledged",
                                "opened_on": common.today().replace(year=year + 1), "updated_at": now,
                                "submitted_at": now, "acknowledged_at": now})
                cells: dict = {}
                for _ in range(random.choice((0, 0, 1, 1, 2, 3, 5, 8, 13))):
                    kind = random.choice(KINDS)
                    for key in (("genre", kind, random.choice(genres or ["other"])),
                                ("channel", kind, random.choice(CHANNELS)),
                                ("follow_up", kind, random.choice(FOLLOW_UPS)),
                                ("advisor", kind, random.choice(PEOPLE))):
                        cells[key] = cells.get(key, 0) + 1
                counts += [{"report_id": report_id, "table": t, "kind": k, "column": c, "value": n}
                           for (t, k, c), n in cells.items()]
        connection = db.session.connection()
        bulk_insert(connection, MonitoringReport.__table__, reports)
        bulk_insert(connection, MonitoringCount.__table__, counts)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("ANALYZE"))
        db.session.commit()
    return len(counts)


def read_rows(year: int) -> int:
    """The baseline: the rows the figures aggregate, fetched as they are."""
    from sqlalchemy import select

    from certification.certificates.models import Certificate
    from compliance.models import School
    from core.extensions import db
    from reporting.figures import FILED
    from reporting.models import MonitoringCount, MonitoringReport

    counts = db.session.execute(
        select(MonitoringCount.table, MonitoringCount.kind, MonitoringCount.column, MonitoringCount.value)
        .join(MonitoringReport, MonitoringReport.id == MonitoringCount.report_id)
        .where(MonitoringReport.year == year, MonitoringReport.status.in_(FILED))).all()
    certificates = db.session.execute(select(School.school_type, Certificate.status, Certificate.school_id)
                                      .join(School, School.id == Certificate.school_id)).all()
    schools = db.session.execute(select(School.school_type, School.created_at)).all()
    return len(counts) + len(certificates) + len(schools)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from reporting.exports import figures_xlsx
    from reporting.figures import sector_figures

    url = common.database_url().replace("bench.sqlite", "bench-sector.sqlite")
    app = common.make_app(url)
    common.fresh_database(app, force=True)
    started = time.perf_counter()
    fill(app, teacher_count=1000, school_count=args.schools, echo=lambda *a: None)
    last = common.today().year - 1
    years = list(range(last - args.years + 1, last + 1))
    rows = add_reports(app, years)
    print(f"{args.schools} schools, {args.years} years of reports, {rows} count rows "
          f"(filled in {time.perf_counter() - started:.0f} s)")
    timings = {"baseline": [], "figures": [], "xlsx": []}
    with app.app_context():
        for _ in range(args.rounds):
            started = time.perf_counter()
            read = read_rows(last)
            timings["baseline"].append(time.perf_counter() - started)
            started = time.perf_counter()
            figures = sector_figures(last, 5)
            timings["figures"].append(time.perf_counter() - started)
            started = time.perf_counter()
            figures_xlsx(figures)
            timings["xlsx"].append(time.perf_counter() - started)
    base = statistics.median(timings["baseline"])
    print(f"baseline: read {read} rows of {last} unaggregated: median {base * 1000:.0f} ms")
    for name in ("figures", "xlsx"):
        median = statistics.median(timings[name])
        print(f"{name}: median {median * 1000:.0f} ms, {median / base:.2f}× the baseline")
    hidden = sum(value is None for table in figures["tables"] for row in table["cells"] for value in row)
    print(f"target: one year's figures ≤ 1 s: {'met' if statistics.median(timings['figures']) <= 1 else 'NOT met'}; "
          f"{hidden} hidden cells")


if __name__ == "__main__":
    main()
