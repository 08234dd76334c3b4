"""Answers a proxy may keep: `ETag`, `Cache-Control` and 304 for the public pages and API.

A view marked `@cacheable(seconds)` promises that, for a visitor without a session, its answer
depends on the URL alone. The hook below then sends `Cache-Control: public, max-age=seconds`
and an `ETag` made from the body, and answers a matching `If-None-Match` with 304: the page is
built once (one read of the database), and only its bytes are left out. Everything else, and
every answer to a logged-in visitor or one that writes the session (a CSRF token, a flash
message), is `private, no-store`: a proxy must never hand one person's page to another.
A visitor whose cookie only holds a language choice may keep the page and ask again
(`private, no-cache`), and still gets 304s.
"""

import hashlib

from flask import current_app, request, session
from flask_login import current_user

PRIVATE = "private, no-store"
_CACHEABLE_STATUSES = {200}
# The request headers that make an answer conditional (werkzeug's make_conditional reads these).
_CONDITIONAL = {"If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since", "Range", "If-Range"}
# A session that holds only a language choice (Flask-Login marks any session not fresh once).
_LANGUAGE_ONLY = {"lang", "_permanent", "_fresh"}


def cacheable(seconds: int | str):
    """Mark a public view's 200 answers as cacheable for `seconds` (or the config key named)."""

    def decorator(view):
        view.cache_seconds = seconds
        return view

    return decorator


def _seconds(view) -> int | None:
    seconds = getattr(view, "cache_seconds", None)
    if isinstance(seconds, str):
        return int(current_app.config[seconds])
    return seconds


def _shared_cache_allowed() -> bool:
    """Nothing of this visitor went into the answer: no login, no session read back or written."""
    if session.modified or not set(session) <= _LANGUAGE_ONLY:
        return False
    return not current_user.is_authenticated


def set_cache_headers(response):
    """after_request hook: every answer says how it may be cached."""
    if "Cache-Control" in response.headers or request.endpoint == "static":
        return response  # the view decided (credential: no-store; static files: Flask's default)
    view = current_app.view_functions.get(request.endpoint or "")
    seconds = _seconds(view) if view else None
    if (seconds is None or request.method not in ("GET", "HEAD")
            or response.status_code not in _CACHEABLE_STATUSES or response.is_streamed
            or not _shared_cache_allowed()):
        response.headers["Cache-Control"] = PRIVATE
        return response
    if session:  # a language chosen in the cookie: this browser may keep it, a proxy not
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"public, max-age={seconds}"
    response.vary.add("Cookie")
    response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    if not _CONDITIONAL.intersection(request.headers.keys()):
        return response  # nothing to compare: werkzeug's check would cost a tenth of a search
    return response.make_conditional(request)
