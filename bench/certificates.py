"""Render 1,000 certificate PDFs and print the median time per PDF, against a baseline.

    python -m bench.certificates [--count N] [--out FOLDER]

Target: at most 15 ms per certificate. The certificates are built in memory (no database),
with names that need the embedded font, one to three locations, and some with conditions
or a status that puts a notice on the page.

Baseline, measured in the same run and interleaved with the certificates (the machine is
shared, so other work slows both alike): the simplest PDF reportlab makes with the same
embedded font, one page with the school's name and number. The ratio certificate/baseline
is what our layout, QR code and signature block cost on top of making any PDF at all.
"""

import argparse
import io
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

NAMES = ("Dansschool Zoë & Ünal", "Balletacademie Het Spiegelpaleis", "Dansvereniging De Sprong",
         "Studio Ritme & Ziel", "Jazzdansschool Oud Zuid", "Urban Dance Center Eindhoven-Strijp",
         "Stichting Danskunst Øresund <Noord>", "Tanzschule Müller-Łukasiewicz")
CITIES = ("Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Groningen", "Eindhoven", "Zwolle", "Maastricht")


def build(count: int) -> list:
    from app import import_models

    import_models()
    from certification.certificates.models import Certificate, CertificateStatus
    from compliance.models import School
    from standards.models import QualityPlan

    plan = QualityPlan(code="kwaliteitsplan-dans-veilig", version="1.0",
                       title={"nl": "Kwaliteitsplan Dans Veilig", "en": "Dans Veilig quality plan"})
    statuses = (CertificateStatus.active,) * 7 + (CertificateStatus.suspended, CertificateStatus.revoked,
                                                   CertificateStatus.expired)
    certificates = []
    for index in range(count):
        issued = date(2026, 1, 1) + timedelta(days=index % 365)
        city = CITIES[index % len(CITIES)]
        school = School(name=f"{NAMES[index % len(NAMES)]} {index}", city=city)
        scope = [{"name": f"Locatie {n + 1}", "address": f"Danslaan {n + 1}", "postcode": "1234 AB",
                  "city": CITIES[(index + n) % len(CITIES)]} for n in range(1 + index % 3)]
        conditions = [{"text": "Bied binnen drie maanden alle docenten de training ‘Veilig aanraken’ aan.",
                       "due_on": (issued + timedelta(days=90)).isoformat()}] if index % 5 == 0 else []
        certificates.append(Certificate(
            number=f"DV-2026-{index + 1:05d}", school=school, plan=plan, scope=scope, conditions=conditions,
            issued_on=issued, valid_until=issued + timedelta(days=3 * 365 - 1), status=statuses[index % 10],
            status_changed_on=issued + timedelta(days=30)))
    return certificates


def baseline_pdf(certificate, font: str) -> bytes:
    """One A4 page with the school's name and the certificate number in the same font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(font, 24)
    canvas.drawString(72, 700, certificate.school.name)
    canvas.setFont(font, 12)
    canvas.drawString(72, 670, certificate.number)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _timed(work) -> tuple[float, float, object]:
    begin, begin_cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - begin) * 1000, (time.process_time() - begin_cpu) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="also write the PDFs to this folder")
    args = parser.parse_args()

    from certification.certificates.pdf import CertificateRenderer

    certificates = build(args.count)
    renderer = CertificateRenderer(base_url="https://keurmerk.dansveilig.nl", issuer="De Alliantie Dans Veilig")
    renderer.generate(certificates[0])  # fonts are read and registered once per process
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    font = renderer.fonts[0]
    baseline_pdf(certificates[0], font)
    timings, cpu, base, base_cpu = [], [], [], []
    started = time.perf_counter()
    for certificate in certificates:
        wall, used, (filename, _mimetype, data) = _timed(lambda certificate=certificate: renderer.generate(certificate))
        timings.append(wall)
        cpu.append(used)
        wall, used, _ = _timed(lambda certificate=certificate: baseline_pdf(certificate, font))
        base.append(wall)
        base_cpu.append(used)
        if args.out:
            (args.out / filename).write_bytes(data)
    total = time.perf_counter() - started
    # CPU time beside wall time: on a shared machine the wall clock also counts other work.
    median, baseline = statistics.median(timings), statistics.median(base)
    print(f"Rendered {len(certificates)} certificate PDFs with {font}, each beside a baseline PDF.")
    print(f"certificate: median {median:.2f} ms per PDF (p95 {statistics.quantiles(timings, n=20)[-1]:.2f} ms; "
          f"CPU median {statistics.median(cpu):.2f} ms)   target <= 15 ms")
    print(f"baseline (one page, name and number, same font): median {baseline:.2f} ms "
          f"(CPU median {statistics.median(base_cpu):.2f} ms)")
    print(f"ratio certificate / baseline: {median / baseline:.2f}")
    print(f"total {total:.2f} s for {len(certificates)} certificates and {len(certificates)} baselines")


if __name__ == "__main__":
    main()
