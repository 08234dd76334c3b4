"""The OpenAPI 3.1 document of the public API, served at GET /api/v1/openapi.json.

Each package describes its own endpoints in a module `<package>/openapi.py` that exposes
`OPENAPI = {"paths": {...}, "components": {"schemas": {...}}}` (a dict, or a function
returning one). This module merges the fragments it finds in FRAGMENTS, in that order, and
skips modules that do not exist (yet) or expose no OPENAPI. Two fragments may not describe
the same path, nor define one schema name differently. Every fragment may refer to the
shared `#/components/schemas/Error`.
"""

import copy
import importlib

from flask import Blueprint, current_app, jsonify

from core.web import public

FRAGMENTS = (
    "standards.openapi",
    "compliance.openapi",
    "registry.openapi",
    "certification.certificates.openapi",
    "reporting.openapi",
)
ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "string", "description": "What is wrong, in the caller's language (?lang=nl|en)."},
    "parameter": {"type": "string", "description": "The query parameter that is wrong, if one is."}}}
SELF = {"/api/v1/openapi.json": {"get": {
    "summary": "This document", "tags": ["meta"],
    "responses": {"200": {"description": "The OpenAPI 3.1 document of the public API.",
                          "content": {"application/json": {"schema": {"type": "object",
                                                                      "required": ["openapi", "paths"]}}}}}}}}

bp = Blueprint("openapi", __name__)


class OpenAPIConflict(ValueError):
    """Two fragments describe the same path or define one schema differently."""


def _load(name: str) -> dict | None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            return None  # the package has no API description (yet)
        raise
    fragment = getattr(module, "OPENAPI", None)
    return fragment() if callable(fragment) else fragment


def merge(fragments) -> tuple[dict, dict]:
    """(paths, schemas) of all fragments, refusing conflicts."""
    paths, schemas = dict(SELF), {"Error": ERROR_SCHEMA}
    for name, fragment in fragments:
        for path, item in fragment.get("paths", {}).items():
            if path in paths:
                raise OpenAPIConflict(f"{name} describes {path}, which another fragment describes already")
            paths[path] = item
        for schema_name, schema in fragment.get("components", {}).get("schemas", {}).items():
            if schema_name in schemas and schemas[schema_name] != schema:
                raise OpenAPIConflict(f"{name} defines schema {schema_name} differently from another fragment")
            schemas[schema_name] = schema
    return paths, schemas


BAD_INPUT = {"description": "Input no endpoint accepts: a NUL character in the path or a parameter, an unknown "
                            "`lang`, or a body that cannot be read (core.errors.refuse_unusable_input).",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


NO_NUL = "^[^\\x00]*$"


def _with_common_answers(paths: dict) -> dict:
    """Every operation can answer 400 for input the app refuses before any endpoint sees it,
    and no text parameter may hold a NUL character."""
    for item in paths.values():
        for operation in item.values():
            operation.setdefault("responses", {}).setdefault("400", BAD_INPUT)
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and "pattern" not in schema and "enum" not in schema:
                    parameter["schema"] = {**schema, "pattern": NO_NUL}
    return paths


def build_document(server_url: str | None = None) -> dict:
    fragments = [(name, fragment) for name in FRAGMENTS if (fragment := _load(name))]
    paths, schemas = merge(fragments)
    paths = _with_common_answers(copy.deepcopy(paths))
    server_url = server_url if server_url is not None else current_app.config["BASE_URL"]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Dans Veilig Keurmerk public API", "version": "1",
                 "description": "Read-only and without authentication: the quality plan, the registers of "
                                "certified schools and registered teachers, and certificate verification. "
                                "Error messages are Dutch unless ?lang=en is given."},
        "servers": [{"url": server_url}] if server_url else [],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


@bp.get("/api/v1/openapi.json")
@public
def document():
    return jsonify(build_document())
