"""The sector figures' part of the OpenAPI document (merged by core/openapi.py)."""

_NULLABLE_INT = {"type": ["integer", "null"], "minimum": 0}
_TABLE = {"type": "object",
          "required": ["name", "title", "unit", "rows", "columns", "cells", "row_totals", "column_totals"],
          "properties": {
              "name": {"type": "string", "description": "Stable identifier of the table."},
              "title": {"type": "string", "description": "Title in the caller's language."},
              "unit": {"type": "string", "enum": ["count", "percent", "days"],
                       "description": "count: suppressed counts. percent: whole percentages of the row "
                                      "(column totals: of the grand total), null where the underlying count is "
                                      "suppressed. days: medians, null when fewer than suppressed_below "
                                      "values underlie them."},
              "rows": {"type": "array", "items": {"type": "string"}},
              "columns": {"type": "array", "items": {"type": "string"}},
              "cells": {"type": "array", "items": {"type": "array", "items": _NULLABLE_INT},
                        "description": "cells[row][column]; null is a suppressed value."},
              "row_totals": {"type": "array", "items": _NULLABLE_INT},
              "column_totals": {"type": "array", "items": _NULLABLE_INT}}}
_FIGURES = {"type": "object", "required": ["year", "suppressed_below", "tables"], "properties": {
    "year": {"type": "integer"},
    "suppressed_below": {"type": "integer", "description": "Counts from 1 up to this number are never shown; other "
                                                           "values are hidden too where they would give one away."},
    "tables": {"type": "array", "items": {"$ref": "#/components/schemas/SectorTable"}}}}
_YEARS = {"type": "object", "required": ["years"], "properties": {"years": {"type": "array",
                                                                            "items": {"type": "integer"}}}}
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

OPENAPI = {
    "paths": {"/api/v1/sector/figures": {"get": {
        "summary": "The dance sector's published annual figures, small cells suppressed",
        "tags": ["sector"],
        "parameters": [
            {"name": "year", "in": "query", "required": False, "schema": {"type": "string", "pattern": "^[0-9]{4}$"},
             "description": "A published year; without it, the list of published years."},
            {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["nl", "en"]}}],
        "responses": {
            "200": {"description": "The year's figures, or {years} without a year.",
                    "content": {"application/json": {"schema": {"oneOf": [
                        {"$ref": "#/components/schemas/SectorFigures"},
                        {"$ref": "#/components/schemas/SectorYears"}]}}}},
            "400": {"description": "The year is not four digits.", **_ERROR},
            "404": {"description": "No figures were published for this year.", **_ERROR}}}}},
    "components": {"schemas": {"SectorTable": _TABLE, "SectorFigures": _FIGURES, "SectorYears": _YEARS}},
}
