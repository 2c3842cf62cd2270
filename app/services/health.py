"""Is Kite able to serve? Today that means: does the database answer."""

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db

log = logging.getLogger(__name__)


def database_answers() -> bool:
    """True when a trivial query round-trips to the database."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        log.warning("Health check: the database did not answer (%s)", type(error).__name__)
        db.session.rollback()
        return False
    return True
