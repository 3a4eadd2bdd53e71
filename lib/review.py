"""The draft checker: every rule a thank-you or follow-up note can break, as findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in a draft: the rule it breaks, how bad, what to fix, and where."""

    rule: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None  # character offsets in the draft, when it applies
