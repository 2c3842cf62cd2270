"""Health check for load balancers and deployments."""

from flask import Blueprint

from app.access import public
from app.services import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@public
def healthz() -> tuple[dict, int]:
    """200 when the database answers, 503 when it does not."""
    if health.database_answers():
        return {"status": "ok", "database": "ok"}, 200
    return {"status": "unavailable", "database": "unreachable"}, 503
