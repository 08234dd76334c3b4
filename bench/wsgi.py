"""The app as gunicorn serves it in the benchmark, plus one trivial JSON endpoint that runs
through the same hooks (login check, security headers, limiter): the baseline the search is
measured against in the same run."""

from flask import jsonify

from bench.common import make_app
from core.web import public

app = make_app()


@public
def ping():
    return jsonify(ok=True)


app.add_url_rule("/bench/ping", "bench_ping", ping)
