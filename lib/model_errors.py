"""Saying a validation error of the models (lib/model.py) to a person: each problem as a
sentence that names the field as the forms label it ("Person 2: Email ...")."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "interview_at": "Interview date and time",
    "timezone": "Timezone",
    "country": "Country",
    "culture": "Office culture",
    "channel": "Channel",
    "profile": "Follow-up profile",
    "decision_date": "Decision date",
    "decision_date_not_given": "Decision date not given",
    "status": "Status",
    "went_well": "What went well",
    "went_badly": "What went badly",
    "stood_out": "What stood out",
    "fit_points": "Why you fit",
    "interviewers": "Interviewers",
    "contacts": "Contacts",
    "name": "Name",
    "address_as": "Address as",
    "title": "Title",
    "email": "Email",
    "is_recruiter": "Recruiter or agency",
    "asked": "What they asked",
    "concerns": "Their concerns",
    "discussed": "What you discussed",
    "personal_touch": "Personal moment",
    "kind": "Kind",
    "at": "Date and time",
    "body": "Message",
    "text": "Text",
    "version": "Format version",
    "exported_at": "Export date",
    "sender": "Your details",
    "drafts": "Drafts",
    "applications": "Applications",
}


def field_errors(error: ValidationError) -> dict[tuple[str | int, ...], list[str]]:
    """Group a validation error's sentences by the field they are about, e.g. ("company",)."""
    grouped: dict[tuple[str | int, ...], list[str]] = {}
    for problem in error.errors(include_url=False):
        location = tuple(part for part in problem["loc"] if not _is_internal(part))
        grouped.setdefault(location, []).append(_sentence(problem, location))
    return grouped


def describe_errors(error: ValidationError) -> list[str]:
    """Turn a validation error into sentences a person can act on, one per problem."""
    return [sentence for sentences in field_errors(error).values() for sentence in sentences]


def _sentence(problem: ErrorDetails, location: tuple[str | int, ...]) -> str:
    """Render one pydantic problem as "<Field> <what is wrong and what to do>"."""
    text = problem["msg"].removeprefix("Value error, ")
    if problem["type"] == "literal_error":
        text = "must be one of " + text.removeprefix("Input should be ")
    elif problem["type"] == "missing":
        text = "is required"
    elif problem["type"] == "extra_forbidden":
        text = "is not a field this app knows"
    elif problem["type"] == "too_long":
        text = f"has too many entries (at most {problem['ctx']['max_length']})"
    where = _describe_location(location)
    return f"{where} {text}" if where else text[:1].upper() + text[1:]


def _is_internal(part: str | int) -> bool:
    """Whether a location part names a pydantic validator rather than a field."""
    return isinstance(part, str) and part.startswith(("function-", "json-", "lax-", "union"))


def _describe_location(location: tuple[int | str, ...]) -> str:
    """Render a pydantic error location like ("interviewers", 1, "name") as words."""
    nouns = {
        "interviewers": "Person",
        "contacts": "Contact",
        "applications": "Application",
        "drafts": "Draft",
    }
    parts: list[str] = []
    for index, part in enumerate(location):
        if isinstance(part, int):
            parent = str(location[index - 1]) if index else ""
            parts[-1:] = [f"{nouns.get(parent, 'Item')} {part + 1}:"]
        else:
            parts.append(FIELD_LABELS.get(part, part))
    return " ".join(parts)
