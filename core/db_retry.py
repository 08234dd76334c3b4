"""Run a read-only request once more when the database connection turned out to be dropped.

The pool does not test a connection before handing it out (that costs a round trip on
every request). A connection the server closed in the meantime (a restart, a failover, an
idle timeout of a proxy in between) then fails on its first statement; SQLAlchemy marks it,
and every connection older than it, as invalid. A GET or HEAD changes nothing, so it is run
once more from the start, on a fresh connection, and the visitor never sees the error.
"""

import logging

from flask import request
from sqlalchemy.exc import DBAPIError

from core.extensions import db

log = logging.getLogger(__name__)
_SAFE_METHODS = ("GET", "HEAD")


def _dropped(error: BaseException) -> bool:
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _retrying(step):
    def run():
        try:
            return step()
        except Exception as error:  # only a dropped connection is retried
            if not (_dropped(error) and request.method in _SAFE_METHODS):
                raise
            log.warning("database connection was dropped; running %s %s again", request.method, request.path)
            db.session.rollback()
            return step()

    return run


def init_app(app) -> None:
    # Both steps that may read: the before_request hooks (loading the logged-in user) and the
    # view. Flask turns their exceptions into error pages right after, so they are wrapped
    # one by one.
    app.preprocess_request = _retrying(app.preprocess_request)
    app.dispatch_request = _retrying(app.dispatch_request)
