"""The public registry's blueprint (`/register/...`): teachers now, certified schools later.

Both parts of the certification package add their public pages to this one blueprint, so
that the endpoints read `certification.teachers`, `certification.schools`, and so on.
"""

from flask import Blueprint

bp = Blueprint("certification", __name__)
