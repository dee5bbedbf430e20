"""The library: resources people contribute and curators publish, and toolkits with plans."""

from kuza.library.models.resources import (
    Curator,
    Resource,
    ResourceRevision,
    ResourceSkillTag,
    SearchDocument,
    SearchTerm,
)
from kuza.library.models.toolkits import (
    Plan,
    PlanItem,
    PlanMember,
    PlanStep,
    Toolkit,
    ToolkitItem,
    ToolkitStep,
)

__all__ = [
    "Curator",
    "Plan",
    "PlanItem",
    "PlanMember",
    "PlanStep",
    "Resource",
    "ResourceRevision",
    "ResourceSkillTag",
    "SearchDocument",
    "SearchTerm",
    "Toolkit",
    "ToolkitItem",
    "ToolkitStep",
]
