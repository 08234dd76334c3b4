"""The review workflow's rules and transactions, split by subject:

    conflicts:  declare_conflict, withdraw_conflict, declarations_of, public_register
    review:     assign_reviewer, record_verdict, request_information, answer_question,
                resubmit_assessment, record_site_visit, recommend, notify_submitted
    decision:   approve_recommendation, send_back_recommendation  (four eyes, one decision), approval_gates
    corrective: report_action, close_action, run_daily
    outcome:    evaluate_pass_rules, certificate_blockers (conditions only for what may be conditioned)
    queries:    review_queue, history
"""

from compliance.review.errors import ReviewError
from compliance.review.services.conflicts import declarations_of, declare_conflict, public_register, withdraw_conflict
from compliance.review.services.corrective import close_action, report_action, run_daily
from compliance.review.services.decision import approval_gates, approve_recommendation, send_back_recommendation
from compliance.review.services.outcome import certificate_blockers, evaluate_pass_rules, verdicts_by_criterion
from compliance.review.services.queries import history, review_queue
from compliance.review.services.review import (
    ActionInput,
    RecommendationInput,
    VerdictInput,
    actions_of,
    age_days,
    answer_question,
    assign_reviewer,
    current_recommendation,
    deadline,
    default_due_on,
    eligible_reviewers,
    notify_submitted,
    open_request,
    recommend,
    recommendations,
    record_site_visit,
    record_verdict,
    reply_and_resubmit,
    request_information,
    resubmit_assessment,
    site_visits,
    threads,
)

__all__ = [
    "ActionInput", "RecommendationInput", "ReviewError", "VerdictInput", "actions_of", "age_days", "approval_gates",
    "certificate_blockers",
    "answer_question", "approve_recommendation", "assign_reviewer", "close_action", "current_recommendation",
    "deadline", "declarations_of", "declare_conflict", "default_due_on", "eligible_reviewers",
    "evaluate_pass_rules", "history", "notify_submitted", "open_request", "public_register", "recommend",
    "recommendations", "record_site_visit", "record_verdict", "report_action", "request_information",
    "reply_and_resubmit", "resubmit_assessment", "review_queue", "run_daily", "send_back_recommendation",
    "site_visits", "threads",
    "verdicts_by_criterion", "withdraw_conflict",
]
