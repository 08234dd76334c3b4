"""The quality-plan file: its shape (`document`) and its checks (`validation`)."""

from standards.schema.document import (
    AppliesTo,
    CpdRules,
    CriterionSpec,
    DomainSpec,
    FindingGrade,
    MonitoringRules,
    OutOfScope,
    PassRules,
    PlanDocument,
    PlanRules,
    ScalePoint,
    Text,
    Verdict,
    VogRules,
    content_hash,
    version_key,
)
from standards.schema.validation import (
    load_plan_file,
    parse_plan,
    read_plan_file,
    validate_plan,
    validate_plan_file,
)

__all__ = [
    "AppliesTo", "CpdRules", "CriterionSpec", "DomainSpec", "FindingGrade", "MonitoringRules", "OutOfScope",
    "PassRules", "PlanDocument", "PlanRules", "ScalePoint", "Text", "Verdict", "VogRules", "content_hash",
    "version_key", "load_plan_file", "parse_plan", "read_plan_file", "validate_plan", "validate_plan_file",
]
