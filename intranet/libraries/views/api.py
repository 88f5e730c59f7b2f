"""JSON API v1: the libraries (public, no personal data)."""

from flask import Blueprint, jsonify
from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import Library

bp = Blueprint("libraries_api", __name__)


@bp.get("/libraries")
def libraries():
    """The 21 libraries in their reference order."""
    rows = db.session.scalars(select(Library).order_by(Library.position, Library.id))
    return jsonify([library.to_api() for library in rows])
