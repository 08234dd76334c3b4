"""The reporting package's services: the school's annual report, its review, and what is due."""

from reporting.services.due import DueReport, due_for_school
from reporting.services.figures import available_years, figures_for, publish_year, threshold
from reporting.services.reports import (
    columns_for,
    form_state,
    missing_for_submission,
    open_report,
    reporting_year,
    save_report,
    submit_report,
)
from reporting.services.review import acknowledge_report, answer_questions, ask_questions

__all__ = ["available_years", "figures_for", "publish_year", "threshold",
           "DueReport", "acknowledge_report", "answer_questions", "ask_questions", "columns_for", "due_for_school",
           "form_state", "missing_for_submission", "open_report", "reporting_year", "save_report",
           "submit_report"]
