"""The summary of every application: the counts on top, the next actions, the page filters.

Pure: the pages compute each application's plan once (``plans``) and hand it to ``summary`` and
``next_actions``, so one page run plans every application once for both.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.checklist import time_left, when
from lib.model import OPEN_STATUS, Application, ContactKind, Status
from lib.schedule import KIND_ORDER, Milestone, MilestoneKind, MilestoneStatus, plan

Plans = Mapping[str, Sequence[Milestone]]

SENT_KINDS: frozenset[ContactKind] = frozenset({"thank_you", "follow_up"})
SENT_WINDOW = timedelta(days=7)
PAGES: dict[MilestoneKind, str] = {
    "thank_you": "pages/thank_you.py",
    "follow_up": "pages/follow_up.py",
    "move_on": "pages/follow_up.py",
    "references": "pages/checklist.py",
}
# the link to the page that does a step, where one does (references are ticked on the checklist)
STEP_LINKS: dict[MilestoneKind, tuple[str, str]] = {
    "thank_you": ("Write the thank-you notes", ":material/mail:"),
    "follow_up": ("Write the follow-up", ":material/schedule_send:"),
    "move_on": ("Record the outcome", ":material/logout:"),
}
STEP_NAMES: dict[MilestoneKind, str] = {
    "thank_you": "Thank-you",
    "references": "Tell references",
    "follow_up": "Follow-up",
    "move_on": "Move on",
}
STATUS_NAMES: dict[Status, str] = {
    "open": "Open",
    "offer": "Offer",
    "rejected": "Not selected",
    "withdrawn": "Withdrawn",
    "moved_on": "Moved on",
}


SENT_THIS_WEEK = "Your thank-you notes and follow-ups of the last 7 days."
TO_DO_TODAY = (
    "Every step to do before midnight, in your timezone: overdue, due, or best done today."
)


def to_do_by(milestone: Milestone, midnight: datetime) -> bool:
    """Whether a pending step is to be done before ``midnight``: its ideal or due moment is."""
    return min(milestone.ideal or milestone.due, milestone.due) < midnight


SINGULAR = {"Open applications": "open application"}  # a count of one, as a badge says it


@dataclass(frozen=True)
class Summary:
    """The four counts on top of the home and timeline pages."""

    open_applications: int
    to_do_today: int  # pending steps whose ideal or due moment is before midnight, overdue too
    overdue: int
    sent_this_week: int  # the user's thank-you notes and follow-ups of the last 7 days

    def said(self) -> list[tuple[str, int, str]]:
        """Return (the count as a badge says it, value, explanation) of each count, in order:
        "3 to do today", "1 open application"."""
        return [
            (f"{value} {SINGULAR.get(label, label.lower()) if value == 1 else label.lower()}",
             value, meaning)
            for label, value, meaning in self.metrics()
        ]  # fmt: skip

    def metrics(self) -> list[tuple[str, int, str]]:
        """Return (label, value, explanation) of each count, in the order the pages show them."""
        return [
            ("To do today", self.to_do_today, TO_DO_TODAY),
            ("Overdue", self.overdue, "Steps whose due moment has passed; among those to do."),
            ("Open applications", self.open_applications, "Applications waiting for an answer."),
            (
                "Sent this week",
                self.sent_this_week,
                "Your thank-you notes and follow-ups, last 7 days.",
            ),
        ]


@dataclass(frozen=True)
class ActionRow:
    """One pending step of one open application, as the next-actions table shows it."""

    application_id: str
    company: str
    role: str
    kind: MilestoneKind
    step: str  # "Thank-you", "Tell references", "Follow-up 2", "Move on"
    person: str  # who the note goes to; "" for the steps about the whole application
    due: datetime
    due_text: str  # when(), in the viewer's timezone: "20:00 tonight"
    time_left: str  # "in 3 h 20 min", "2 days ago"
    status: MilestoneStatus
    rule: str
    page: str  # the page that acts on it

    @property
    def drafted(self) -> bool:
        """Whether the step is a note written on its page (a thank-you or a follow-up)."""
        return self.kind in ("thank_you", "follow_up")

    @property
    def can_mark_done(self) -> bool:
        """Whether one click can record it: references told, or moving on once it is time.

        Thank-yous and follow-ups are done by logging them (with their text) on their pages.
        """
        return self.kind == "references" or (self.kind == "move_on" and self.status == "due")


def plans(applications: Sequence[Application], now: datetime) -> dict[str, list[Milestone]]:
    """Plan every application once: its id to its milestones at ``now``."""
    return {app.id: plan(app, now) for app in applications}


def _pending(app: Application, planned: Plans) -> list[Milestone]:
    """Return an open application's pending milestones (a closed one has none)."""
    if app.status != OPEN_STATUS:
        return []
    return [m for m in planned[app.id] if m.status != "done"]


def summary(
    applications: Sequence[Application],
    now: datetime,
    zone: ZoneInfo,
    planned: Plans | None = None,
) -> Summary:
    """Count the open applications, the steps due today and overdue, and the notes sent."""
    planned = plans(applications, now) if planned is None else planned
    midnight = end_of_day(now, zone)
    pending = [m for app in applications for m in _pending(app, planned)]
    week_ago = now - SENT_WINDOW
    return Summary(
        open_applications=sum(app.status == OPEN_STATUS for app in applications),
        to_do_today=sum(to_do_by(m, midnight) for m in pending),
        overdue=sum(m.status == "overdue" for m in pending),
        sent_this_week=sum(
            contact.from_me and contact.kind in SENT_KINDS and week_ago < contact.at <= now
            for app in applications
            for contact in app.contacts
        ),
    )


def end_of_day(now: datetime, zone: ZoneInfo) -> datetime:
    """Return the coming midnight in ``zone`` (the end of today there)."""
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), zone)


def next_actions(
    applications: Sequence[Application],
    now: datetime,
    zone: ZoneInfo,
    planned: Plans | None = None,
) -> list[ActionRow]:
    """Return one row per pending step of the open applications (per person for thank-yous and
    follow-ups), soonest due first."""
    planned = plans(applications, now) if planned is None else planned
    rows: list[tuple[tuple[datetime, str, str, int, int, str], ActionRow]] = []
    for app in applications:
        follow_ups = max(
            (m.number for m in planned.get(app.id, ()) if m.kind == "follow_up"), default=0
        )
        for milestone in _pending(app, planned):
            person = (
                app.interviewer(milestone.interviewer_id).name if milestone.interviewer_id else ""
            )
            step = STEP_NAMES[milestone.kind]
            if milestone.kind == "follow_up" and follow_ups > 1:
                step = f"{step} {milestone.number}"
            row = ActionRow(
                application_id=app.id,
                company=app.company,
                role=app.role,
                kind=milestone.kind,
                step=step,
                person=person,
                due=milestone.due,
                due_text=when(milestone.due.astimezone(zone), now),
                time_left=time_left(milestone.due, now),
                status=milestone.status,
                rule=milestone.rule,
                page=PAGES[milestone.kind],
            )
            order = (
                milestone.due,
                app.company.casefold(),
                app.id,
                KIND_ORDER.index(milestone.kind),
                milestone.number,
                person,
            )
            rows.append((order, row))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def by_application(rows: Sequence[ActionRow]) -> dict[str, list[ActionRow]]:
    """Group the rows by application, the application with the soonest step first."""
    grouped: dict[str, list[ActionRow]] = {}
    for row in rows:
        grouped.setdefault(row.application_id, []).append(row)
    return grouped


def matches(app: Application, statuses: Collection[str], search: str) -> bool:
    """Whether an application passes the filters: its status is chosen, and its company or role
    contains the search text (any case)."""
    wanted = search.strip().casefold()
    return app.status in statuses and (
        not wanted or wanted in app.company.casefold() or wanted in app.role.casefold()
    )


def done_fields(kind: MilestoneKind) -> dict[str, object]:
    """Return the application fields that record one step as done: references told, moved on."""
    if kind == "references":
        return {"references_notified": True}
    if kind == "move_on":
        return {"status": "moved_on"}
    raise ValueError(f"a {kind} step is done by logging it on its page")
