"""Reading the monitoring report's form: the count grid and the answers come as plain fields
(`<table>-<kind>-<column>` and the field names of the vocabulary); the service checks them."""

from reporting import vocabulary as v


def read_report_form(form) -> tuple[dict, dict]:
    counts = {}
    for table, columns in v.COUNT_TABLES.items():
        for kind in v.KINDS:
            for column in columns:
                name = f"{table}-{kind}-{column}"
                if name in form:
                    counts[(table, kind, column)] = form.get(name, "")
    fields = v.YES_NO_FIELDS + v.NUMBER_FIELDS + v.TEXT_FIELDS
    return counts, {field: form.get(field, "") for field in fields}


def typed_values(form) -> dict:
    """What the user typed, to show again after a refusal."""
    return {key: value for key, value in form.items() if key != "csrf_token"}


def saved_values(report) -> dict:
    values = {f"{row.table}-{row.kind}-{row.column}": str(row.value) for row in report.counts}
    values.update(report.answer_map())
    return values
