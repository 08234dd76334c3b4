"""The public registers' API (teachers and schools) in OpenAPI 3.1, merged into /api/v1/openapi.json by
core.openapi (which provides the shared `Error` schema)."""

from certification.certificates.models import CertificateStatus
from certification.teachers.models import PUBLIC_STATUSES, QualificationKind
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from compliance.vocabulary import GENRES
from registry.schools import DEFAULT_PER_PAGE as SCHOOL_DEFAULT_PER_PAGE
from registry.schools import MAX_PAGE as SCHOOL_MAX_PAGE
from registry.schools import MAX_PER_PAGE as SCHOOL_MAX_PER_PAGE
from registry.schools import MAX_QUERY_LENGTH as SCHOOL_MAX_QUERY_LENGTH
from registry.search.teachers import TOTAL_CAP
from registry.teachers import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH

# What the API reads as a number (D-1234566, d 123456 6, D1234566, 1234566); whether the check
# digit fits, a schema cannot say: a well-formed number with a wrong one is a 400 too.
NUMBER_PATTERN = "^[Dd]?[- ]?[0-9]{6} ?[0-9]$"


def _genres() -> list[str]:
    return list(GENRES)


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def schemas() -> dict:
    statuses = [status.value for status in PUBLIC_STATUSES]
    return {
        "TeacherSummary": {"type": "object", "required": ["registration_number", "name", "status", "genres", "url"],
                           "properties": {
                               "registration_number": {"type": "string", "pattern": "^D-[0-9]{7}$",
                                                       "example": "D-1234566"},
                               "name": {"type": "string"},
                               "status": {"type": "string", "enum": statuses},
                               "genres": {"type": "array", "items": {"type": "string", "enum": _genres()}},
                               "url": {"type": "string", "format": "uri",
                                       "description": "The teacher's public page."}}},
        "TeacherPage": {"type": "object", "required": ["items", "total", "total_is_exact", "page", "per_page"],
                        "properties": {
                            "items": {"type": "array", "items": {"$ref": "#/components/schemas/TeacherSummary"}},
                            "total": {"type": "integer", "description": f"Matches, counted exactly up to {TOTAL_CAP}; "
                                      f"when there are more, {TOTAL_CAP} and total_is_exact is false."},
                            "total_is_exact": {"type": "boolean"},
                            "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}}},
        "Teacher": {"type": "object", "properties": {
            "registration_number": {"type": "string", "pattern": "^D-[0-9]{7}$"},
            "name": {"type": "string"},
            "status": {"type": "string", "enum": statuses},
            "until": {"type": ["string", "null"], "format": "date",
                      "description": "For a suspension: the day it ends. Otherwise null."},
            "restriction": {"type": ["string", "null"], "enum": [r.value for r in Restriction] + [None],
                            "description": "For status restricted: what the teacher may not do. Otherwise null."},
            "reason_category": {"type": ["string", "null"], "enum": [r.value for r in SanctionReason] + [None],
                                "description": "For status restricted, suspended or revoked: the category of the "
                                               "reason (never its details). Null otherwise, and for a temporary "
                                               "measure (status temporary), which is pending an investigation."},
            "genres": {"type": "array", "items": {"type": "string", "enum": _genres()}},
            "qualifications": {"type": "array", "description": "Kinds of verified qualification.",
                               "items": {"type": "string", "enum": [kind.value for kind in QualificationKind]}},
            "cpd_on_track": {"type": "boolean", "description": "Continuing education (CPD) is on track."},
            "vog_current": {"type": "boolean", "description": "A checked VOG is current (its date is not public)."},
            "schools": {"type": "array", "description": "Certified schools the teacher teaches at.",
                        "items": {"type": "object", "properties": {"name": {"type": "string"},
                                                                   "city": {"type": "string"}}}},
            "url": {"type": "string", "format": "uri"}}},
        **_school_schemas(),
    }


def paths() -> dict:
    lang = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["nl", "en"]},
            "description": "Language of error messages (Dutch by default)."}
    return {
        "/api/v1/registry/teachers": {"get": {
            "summary": "Search the public teacher registry", "tags": ["teacher registry"],
            "description": "Teachers in name order (surname without particles such as 'van' or 'de'). Each word of "
                           "q matches the start of a name, a city of a certified school the teacher teaches at, a "
                           "genre or part of a registration number; a whole registration number finds that teacher. "
                           "Registrations that are not yet complete are not public.",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH}},
                {"name": "genre", "in": "query", "schema": {"type": "string", "enum": _genres()}},
                {"name": "status", "in": "query",
                 "schema": {"type": "string", "enum": [status.value for status in PUBLIC_STATUSES]}},
                {"name": "page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
                {"name": "per_page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE}},
                lang],
            "responses": {
                "200": {"description": "One page of matches.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TeacherPage"}}}},
                "400": _error("A parameter is wrong or unknown, or q is a registration number whose check digit "
                              "does not match."),
            }}},
        "/api/v1/registry/teachers/{registration_number}": {"get": {
            "summary": "One teacher's public entry", "tags": ["teacher registry"],
            "parameters": [{"name": "registration_number", "in": "path", "required": True,
                            "schema": {"type": "string", "pattern": NUMBER_PATTERN, "example": "D-1234566"},
                            "description": "D- and seven digits; the last digit is a check digit (Damm)."}, lang],
            "responses": {
                "200": {"description": "The public entry. Never: date of birth, address, e-mail, phone, the reason "
                                       "for a sanction beyond its category, anything about minors.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Teacher"}}}},
                "400": _error("Not a registration number, or its check digit does not match (a typing error)."),
                "404": _error("No public registration has this number."),
            }}},
        **_school_paths(lang),
    }


def fragment() -> dict:
    return {"paths": paths(), "components": {"schemas": schemas()}}


OPENAPI = fragment


# --- the register of schools ------------------------------------------------------------------------

_CERTIFICATE_NUMBER = {"type": "string", "pattern": "^DV-[0-9]{4}-[0-9]{5}$", "example": "DV-2026-00001"}
_DATE = {"type": "string", "format": "date"}


def _certificate_statuses() -> list[str]:
    return [status.value for status in CertificateStatus]


def _school_schemas() -> dict:
    return {
        "RegistrySchool": {"type": "object", "required": ["id", "name", "city", "genres", "certificate",
                                                          "confidential_advisor", "url"], "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "city": {"type": "string"},
            "genres": {"type": "array", "items": {"type": "string", "enum": _genres()}},
            "certificate": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["number", "status", "valid_until"],
                "properties": {"number": _CERTIFICATE_NUMBER,
                               "status": {"type": "string", "enum": _certificate_statuses()},
                               "valid_until": _DATE}}]},
            "confidential_advisor": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["name", "email", "phone"],
                "description": "The school's confidential advisor (vertrouwenspersoon): who to talk to in confidence.",
                "properties": {"name": {"type": "string"}, "email": {"type": ["string", "null"]},
                               "phone": {"type": ["string", "null"]}}}]},
            "url": {"type": "string", "format": "uri", "description": "The school's public page."}}},
        "RegistrySchoolPage": {"type": "object", "required": ["items", "total", "page", "per_page"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/RegistrySchool"}},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1, "maximum": SCHOOL_MAX_PAGE},
            "per_page": {"type": "integer", "minimum": 1, "maximum": SCHOOL_MAX_PER_PAGE}}},
    }


def _school_paths(lang: dict) -> dict:
    return {
        "/api/v1/registry/schools": {"get": {
            "summary": "Search the register of certified schools", "tags": ["registry"],
            "description": "Schools that hold or held a certificate, in name order, with the status of their newest "
                           "certificate (a revoked school shows as revoked). Each word of q matches the beginning of a "
                           "word in the name, a city of the school or its locations, a genre name or the certificate "
                           "number (DV-2026-00012, DV202600012 or 00012); accents and capitals do not matter.",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": SCHOOL_MAX_QUERY_LENGTH}},
                {"name": "city", "in": "query", "schema": {"type": "string", "maxLength": SCHOOL_MAX_QUERY_LENGTH},
                 "description": "A city of the school or one of its locations (whole name, any case)."},
                {"name": "genre", "in": "query", "schema": {"type": "string", "enum": _genres()}},
                {"name": "page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": SCHOOL_MAX_PAGE, "default": 1}},
                {"name": "per_page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": SCHOOL_MAX_PER_PAGE,
                            "default": SCHOOL_DEFAULT_PER_PAGE}},
                lang],
            "responses": {"200": {"description": "One page of schools.", "content": {"application/json": {
                              "schema": {"$ref": "#/components/schemas/RegistrySchoolPage"}}}},
                          "400": _error("A parameter is wrong or unknown; `parameter` names it.")}}},
    }
