"""What every form page shares: a service's refusal shown where the user looks for it."""

from flask import flash


def show_error(form, error) -> None:
    """Put a `DomainError` beside the form field it names; without a field (or without a form,
    or when the form has no such field) it is flashed at the top of the page.

    The error summary (`error_summary` in templates/_forms.html) lists `form.errors`, which
    WTForms 3 computes from the fields on every read, so an error added here is in the summary
    too; nothing is cached that would need resetting."""
    field = form._fields.get(error.field) if form is not None and error.field else None
    if field is None:
        flash(str(error.message), "error")
        return
    field.errors = [*field.errors, str(error.message)]
