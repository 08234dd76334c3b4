"""The certificates' public API in OpenAPI 3.1, merged into /api/v1/openapi.json by
core.openapi: certificate lookup, the signed credential, verification, the JWKS and the
status lists (the register of schools is in `registry.openapi`)."""

from certification.certificates.models import CertificateStatus

_STATUSES = [status.value for status in CertificateStatus]
_NUMBER = {"type": "string", "pattern": "^DV-[0-9]{4}-[0-9]{5}$", "example": "DV-2026-00001"}
_DATE = {"type": "string", "format": "date"}
_LANG = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["nl", "en"]},
         "description": "Language of error messages (Dutch by default)."}
_NUMBER_PARAMETER = {"name": "number", "in": "path", "required": True, "schema": {"type": "string",
                                                                                 "example": "DV-2026-00001"},
                     "description": "The certificate number, as printed on the certificate and in its QR code."}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(schema: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _jwt(media_type: str, description: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": {
        "type": "string", "pattern": "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"}}}}


SCHEMAS = {
    "Certificate": {"type": "object", "required": ["number", "status", "school", "issued_on", "valid_until",
                                                   "quality_plan", "status_changed_on"], "properties": {
        "number": _NUMBER,
        "status": {"type": "string", "enum": _STATUSES,
                   "description": "active: valid; suspended: temporarily not valid; revoked: withdrawn for good; "
                                  "expired: its validity ran out."},
        "school": {"type": "object", "required": ["name", "city"],
                   "properties": {"name": {"type": "string"}, "city": {"type": "string"}}},
        "issued_on": _DATE,
        "valid_until": {**_DATE, "description": "The last day the certificate is valid."},
        "quality_plan": {"type": "object", "required": ["code", "version"],
                         "properties": {"code": {"type": "string"}, "version": {"type": "string"}}},
        "status_changed_on": {**_DATE, "description": "The day the certificate got its current status."}}},
    "Verification": {"type": "object", "required": ["valid", "status", "checks"], "properties": {
        "valid": {"type": "boolean", "description": "True only when every check passed."},
        "status": {"type": "string", "enum": [*_STATUSES, "invalid"],
                   "description": "The certificate's status as the credential and our status lists show it; "
                                  "`invalid` when we did not sign it or it is not a certificate credential."},
        "checks": {"type": "object", "required": ["signature", "expiry", "status_list"], "properties": {
            "signature": {"type": "boolean", "description": "Signed by one of the keys in /.well-known/jwks.json."},
            "expiry": {"type": ["boolean", "null"], "description": "Today lies between validFrom and validUntil; "
                                                                   "null when not checked (bad signature)."},
            "status_list": {"type": ["boolean", "null"],
                            "description": "Neither revoked nor suspended in our status lists; null when not "
                                           "checked (bad signature)."}}}}},
    "JWKS": {"type": "object", "required": ["keys"], "properties": {"keys": {"type": "array", "items": {
        "type": "object", "required": ["kty", "crv", "x", "y", "kid", "alg", "use"], "properties": {
            "kty": {"const": "EC"}, "crv": {"const": "P-256"}, "x": {"type": "string"}, "y": {"type": "string"},
            "kid": {"type": "string", "description": "RFC 7638 thumbprint; the `kid` in a credential's header."},
            "alg": {"const": "ES256"}, "use": {"const": "sig"}}}}}},
}

PATHS = {
    "/api/v1/certificates/{number}": {"get": {
        "summary": "Look up a certificate", "tags": ["certificates"],
        "parameters": [_NUMBER_PARAMETER, _LANG],
        "responses": {"200": _json("Certificate", "The certificate's current status and facts."),
                      "404": _error("No certificate has this number: a certificate we do not know is not real.")}}},
    "/api/v1/certificates/{number}/credential": {"get": {
        "summary": "The certificate as a signed credential", "tags": ["certificates"],
        "description": "An Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credentials 2.0) as a JWT signed "
                       "with ES256; the `kid` in its header names the key in /.well-known/jwks.json. Its "
                       "credentialStatus points at two Bitstring Status Lists (revocation and suspension).",
        "parameters": [_NUMBER_PARAMETER, _LANG],
        "responses": {"200": _jwt("application/jwt", "The credential (compact JWS)."),
                      "404": _error("No certificate has this number.")}}},
    "/api/v1/verify": {"post": {
        "summary": "Verify a credential", "tags": ["certificates"],
        "description": "Send a credential JWT as the body (or JSON {\"credential\": \"<jwt>\"}). Garbage or a "
                       "forged signature is answered with valid: false, never with an error.",
        "requestBody": {"required": True, "content": {
            "application/jwt": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {
                "credential": {"type": "string", "pattern": "^[^\\x00]*$"}}}}}},
        "responses": {"200": _json("Verification", "The outcome of each check."),
                      "400": _error("The body holds a NUL character or JSON nested too deeply to read."),
                      "405": {"description": "Only POST verifies; the `Allow` header says so.",
                              "headers": {"Allow": {"schema": {"type": "string"}}}},
                      "413": _error("The body is larger than the upload limit.")}}},
    "/.well-known/jwks.json": {"get": {
        "summary": "The public keys that sign credentials", "tags": ["certificates"],
        "description": "Every key that signed a credential still in use; keep a copy to verify offline.",
        "responses": {"200": _json("JWKS", "A JSON Web Key Set.")}}},
    "/credentials/status/{list_id}": {"get": {
        "summary": "A status list", "tags": ["certificates"],
        "description": "A W3C BitstringStatusListCredential as a JWT signed like the credentials. Bit i of the "
                       "GZIP-compressed, multibase base64url `encodedList` is 1 when the certificate at "
                       "statusListIndex i is revoked (or suspended, for the suspension list).",
        "parameters": [{"name": "list_id", "in": "path", "required": True,
                        "schema": {"type": "string", "example": "revocation-1"}}],
        "responses": {"200": _jwt("application/vc+jwt", "The signed status list."),
                      "404": _error("No such list.")}}},
}

OPENAPI = {"paths": PATHS, "components": {"schemas": SCHEMAS}}
