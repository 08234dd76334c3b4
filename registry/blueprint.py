"""The public registers' blueprint: /register/docenten, /register/scholen, /verify.

Its name stays "certification" so that the endpoints read `certification.teachers`,
`certification.schools`, `certification.verify`, ... as templates, e-mails and printed
links have always known them.
"""

from flask import Blueprint

bp = Blueprint("certification", __name__)
