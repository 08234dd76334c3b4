"""The quality plan's public API in OpenAPI 3.1, merged into /api/v1/openapi.json by
core.openapi. The shapes are those of `QualityPlan.as_document()` plus its lifecycle
(standards/api.py)."""

from standards.vocabulary import EVIDENCE_KINDS, SCHOOL_TYPES


def _text(description: str = "") -> dict:
    schema = {"$ref": "#/components/schemas/PlanText"}
    return {**schema, "description": description} if description else schema


def _labelled(key: str, key_schema: dict) -> dict:
    return {"type": "object", "required": [key, "label"], "properties": {key: key_schema, "label": _text()}}


def _json(schema: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_CODE = {"name": "code", "in": "query", "description": "The plan's code (the alliance's plan by default).",
         "schema": {"type": "string", "default": "kwaliteitsplan-dans-veilig"}}
_LANG = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["nl", "en"]},
         "description": "Language of error messages (Dutch by default)."}

SCHEMAS = {
    "PlanText": {"type": "object", "required": ["nl", "en"], "description": "Text in Dutch and English.",
                 "properties": {"nl": {"type": "string"}, "en": {"type": "string"}}},
    "Criterion": {"type": "object", "required": ["code", "title", "requirement", "guidance", "evidence", "mandatory",
                                                 "applies_to", "recommendations"], "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{1,3}[0-9]{1,2}$", "example": "B2"},
        "title": _text(), "requirement": _text(), "guidance": _text(),
        "evidence": {"type": "array", "items": {"type": "string", "enum": list(EVIDENCE_KINDS)}},
        "mandatory": {"type": "boolean"},
        "applies_to": {"type": "object", "required": ["school_types", "minors_only"], "properties": {
            "school_types": {"type": "array", "items": {"type": "string", "enum": list(SCHOOL_TYPES)}},
            "minors_only": {"type": "boolean"}}},
        "recommendations": {"type": "array", "description": "Codes of the 2023 inquiry's recommendations (1.1-6.3).",
                            "items": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+$"}}}},
    "Domain": {"type": "object", "required": ["code", "title", "description", "criteria"], "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{1,3}$"}, "title": _text(), "description": _text(),
        "criteria": {"type": "array", "items": {"$ref": "#/components/schemas/Criterion"}}}},
    "QualityPlan": {"type": "object", "required": [
        "code", "version", "title", "introduction", "valid_from", "rules", "rating_scale", "verdicts",
        "finding_grades", "pass_rules", "domains", "out_of_scope", "status", "published_at", "retired_at"],
        "properties": {
            "code": {"type": "string", "example": "kwaliteitsplan-dans-veilig"},
            "version": {"type": "string", "example": "1.0"},
            "title": _text(), "introduction": _text(),
            "valid_from": {"type": "string", "format": "date"},
            "rules": {"type": "object", "description": "Periods and thresholds, e.g. certificate_validity_months, "
                                                       "monitoring {interval_months, grace_days}.",
                      "required": ["certificate_validity_months", "monitoring", "renewal_window_months"],
                      "properties": {
                          "certificate_validity_months": {"type": "integer", "minimum": 1},
                          "monitoring": {"type": "object", "required": ["interval_months", "grace_days"],
                                         "properties": {"interval_months": {"type": "integer"},
                                                        "grace_days": {"type": "integer"}}},
                          "renewal_window_months": {"type": "integer", "minimum": 1},
                          "retention": {"type": "object", "description": "Months after a certificate ended "
                                                                         "that evidence and monitoring answers "
                                                                         "are kept.",
                                        "properties": {
                                            "evidence_months_after_certificate": {"type": "integer", "minimum": 1},
                                            "monitoring_months_after_certificate": {
                                                "type": "integer", "minimum": 1}}}}},
            "rating_scale": {"type": "array", "items": _labelled("value", {"type": "integer", "minimum": 0})},
            "verdicts": {"type": "array", "items": _labelled("code", {"type": "string"})},
            "finding_grades": {"type": "array", "items": _labelled("code", {"type": "string"})},
            "pass_rules": {"type": "object", "required": ["all_mandatory_meet", "min_domain_share"], "properties": {
                "all_mandatory_meet": {"type": "boolean"},
                "min_domain_share": {"type": "number", "minimum": 0, "maximum": 1}}},
            "domains": {"type": "array", "items": {"$ref": "#/components/schemas/Domain"}},
            "out_of_scope": {"type": "array", "description": "Recommendations no school can act on, and why.",
                             "items": {"type": "object", "required": ["recommendation", "reason"], "properties": {
                                 "recommendation": {"type": "string"}, "reason": _text()}}},
            "status": {"type": "string", "enum": ["published", "retired"]},
            "published_at": {"type": ["string", "null"], "format": "date-time"},
            "retired_at": {"type": ["string", "null"], "format": "date-time"}}},
}

PATHS = {
    "/api/v1/quality-plan": {"get": {
        "summary": "The published quality plan", "tags": ["quality plan"],
        "description": "The version in force, with every domain and criterion, bilingual.",
        "parameters": [_CODE, _LANG],
        "responses": {"200": _json("QualityPlan", "The current version."),
                      "404": {"description": "No version has been published yet.", **_ERROR}}}},
    "/api/v1/quality-plan/{version}": {"get": {
        "summary": "One version of the quality plan", "tags": ["quality plan"],
        "description": "A published or retired version; assessments stay pinned to the version they started on.",
        "parameters": [{"name": "version", "in": "path", "required": True,
                        "schema": {"type": "string", "example": "1.0"}}, _CODE, _LANG],
        "responses": {"200": _json("QualityPlan", "That version."),
                      "404": {"description": "No such version.", **_ERROR}}}},
}

OPENAPI = {"paths": PATHS, "components": {"schemas": SCHEMAS}}
