"""Certificates of schools: issued on approval, numbered, a PDF with a QR code, a signed
credential (Open Badges 3.0 / W3C VC 2.0 as a JWT) with W3C Bitstring Status Lists,
verification by API and offline with the JWKS, the lifecycle (suspend, reinstate, revoke
with four eyes) and the daily job. The public pages (/verify, the register of schools) are
the `registry` package's, which follows the certificates through `signals.py`.

models.py, services/ (rules and transactions), listing.py (which schools count as
certified), signing.py (keys, JWS), credentials.py, status_lists.py, pdf.py, views.py
(admin and school pages), api.py, openapi.py, cli.py, demo.py.

`init_app(app)` sets the package's configuration defaults, registers its blueprints and
connects its receivers (the teachers' events).
"""

import os
import tempfile


def init_app(app) -> None:
    # The signing keys live in instance/keys unless CREDENTIAL_KEY_PATH says otherwise; a
    # test app without a folder of its own uses a temporary one, never the developer's.
    if not app.config.get("CREDENTIAL_KEY_PATH"):
        path = os.environ.get("CREDENTIAL_KEY_PATH") or os.path.join(app.instance_path, "keys")
        if app.config.get("APP_ENV") == "testing" and not os.environ.get("CREDENTIAL_KEY_PATH"):
            path = tempfile.mkdtemp(prefix="dansveilig-keys-")
        app.config["CREDENTIAL_KEY_PATH"] = path
    app.config.setdefault("SIGNING_KEYS_LOST", os.environ.get("SIGNING_KEYS_LOST", "") in ("1", "true", "yes"))
    app.config.setdefault("CREDENTIAL_SIGNING_KEYS", os.environ.get("CREDENTIAL_SIGNING_KEYS", ""))
    app.config.setdefault("CERTIFICATE_ISSUER_NAME",
                          os.environ.get("CERTIFICATE_ISSUER_NAME", "De Alliantie Dans Veilig"))

    # The audit log's checkpoints are signed with the same key as credentials (core.checkpoints).
    from certification.certificates import signing  # noqa: PLC0415  (init_app: loaded when the app is built)
    from core.checkpoints import TOKEN_TYPE, register_signer  # noqa: PLC0415  (init_app: loaded when the app is built)

    register_signer(app, sign=lambda payload: signing.sign(payload, TOKEN_TYPE),
                    verify=lambda token: signing.verify(token)[1])

    import certification.certificates.demo  # noqa: F401, PLC0415  (init_app; registers the demo and first-start steps)
    from certification.certificates import drift  # noqa: PLC0415  (init_app: loaded when the app is built)

    drift.connect()  # the registry's status changes reach the schools that employ the teacher
    from certification.certificates import receivers  # noqa: PLC0415  (init_app: loaded when the app is built)

    receivers.connect()  # an approved recommendation issues the certificate
    from certification.certificates.listing import answer_listed_schools  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.teachers.signals import listed_schools  # noqa: PLC0415  (init_app: loaded when the app is built)

    listed_schools.connect(answer_listed_schools)  # which of a teacher's schools count as certified
    from certification.certificates.api import bp as api_bp  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.certificates.views import bp  # noqa: PLC0415  (init_app: loaded when the app is built)

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)

    from certification.certificates.services.issuing import connect_statement_changes  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.certificates.signing import check_keys_present  # noqa: PLC0415  (init_app: loaded when the app is built)

    connect_statement_changes()
    from certification.certificates.retention import register_rules  # noqa: PLC0415  (init_app: loaded when the app is built)

    register_rules()

    check_keys_present(app)
    from certification.certificates.cli import certificates_cli  # noqa: PLC0415  (init_app: loaded when the app is built)

    app.cli.add_command(certificates_cli)
