"""The hosted demo's sample data: realistic applications dated relative to today.

Each visitor of the demo gets a fresh in-memory store seeded with these, so every page has
something to show, and nothing a visitor types reaches the server's disk.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.model import Application, Contact, Sender
from lib.store import MEMORY, Store, open_store

SAMPLE_ZONE = ZoneInfo("America/New_York")
SAMPLE_SENDER = Sender(name="Alex Morgan", email="alex.morgan@example.com", phone="+1 555 0100")


def _day(now: datetime, days_ago: int, hour: int) -> datetime:
    """Return a moment ``days_ago`` days before now, at ``hour`` o'clock in the sample zone."""
    day = now.astimezone(SAMPLE_ZONE).date() - timedelta(days=days_ago)
    return datetime.combine(day, time(hour), tzinfo=SAMPLE_ZONE)


def sample_applications(now: datetime) -> list[Application]:
    """Return three open applications at different stages and three closed ones (an offer, a
    "no" whose people were kept, a move on after silence), dated relative to ``now``."""
    fresh = Application.model_validate(
        {
            "id": "demo-northwind",
            "company": "Northwind Analytics",
            "role": "Data Engineer",
            "interview_at": _day(now, 0, 10) if now.astimezone(SAMPLE_ZONE).hour >= 12
            else _day(now, 1, 14),
            "timezone": "America/New_York",
            "culture": "casual",
            "decision_date": None,
            "went_well": "The system design exercise; they liked the streaming plan.",
            "stood_out": "The team ships every day and owns its on-call.",
            "fit_points": "Five years building data pipelines; led a Kafka migration at a "
            "fintech",
            "interviewers": [
                {
                    "id": "priya",
                    "name": "Priya Raghunathan",
                    "title": "Head of Data Platform",
                    "email": "priya@northwind.example",
                    "asked": "How I would migrate the nightly batch jobs to streaming",
                    "discussed": "Their move from Airflow to Dagster",
                    "personal_touch": "We both ran the Chicago marathon last year",
                },
                {
                    "id": "sean",
                    "name": "Seán O'Donnell",
                    "title": "Senior Engineer",
                    "email": "sean@northwind.example",
                    "concerns": "Whether I have run Kafka in production",
                    "discussed": "How the team splits on-call between two time zones",
                },
            ],
        }
    )  # fmt: skip
    law_interview = _day(now, 8, 11)
    law = Application.model_validate(
        {
            "id": "demo-whitcombe",
            "company": "Whitcombe & Hale LLP",
            "role": "Associate, Corporate",
            "interview_at": law_interview,
            "timezone": "America/New_York",
            "culture": "formal",
            "channel": "handwritten",
            "decision_date_not_given": True,
            "references_notified": True,
            "fit_points": "Three years of M&A due diligence; fluent in Spanish",
            "interviewers": [
                {
                    "id": "anna",
                    "name": "Anna van der Berg",
                    "title": "Partner",
                    "asked": "How I would handle a difficult client under deadline pressure",
                    "personal_touch": "We both studied in Leiden",
                },
                {
                    "id": "jose",
                    "name": "José Núñez",
                    "title": "Senior Associate",
                    "discussed": "The firm's pro bono programme for asylum cases",
                },
            ],
            "contacts": [
                Contact(interviewer_id=person, kind="thank_you", at=law_interview + timedelta(
                    hours=7), channel="handwritten", body="(card posted)").model_dump()
                for person in ("anna", "jose")
            ],
        }
    )  # fmt: skip
    design_interview = _day(now, 12, 15)
    design = Application.model_validate(
        {
            "id": "demo-lumen",
            "company": "Lumen Health",
            "role": "Product Designer",
            "interview_at": design_interview,
            "timezone": "America/New_York",
            "profile": "eager",
            "decision_date": (now.astimezone(SAMPLE_ZONE) - timedelta(days=3)).date(),
            "fit_points": "Designed a patient intake flow used by 40 clinics",
            "interviewers": [
                {
                    "id": "mei",
                    "name": "Mei Tanaka",
                    "title": "Design Lead",
                    "email": "mei@lumen.example",
                    "asked": "Walk through a design decision I changed after user testing",
                    "discussed": "Accessibility reviews before every release",
                }
            ],
            "contacts": [
                Contact(interviewer_id="mei", kind="thank_you", at=design_interview + timedelta(
                    hours=5), body="(sent)").model_dump(),
                # news from the employer: it moves the plan to the new date Mei gave (F1)
                Contact(interviewer_id="mei", kind="reply", direction="theirs",
                    at=now - timedelta(days=2), body="Still deciding; we will know by next week.",
                    date_given=(now.astimezone(SAMPLE_ZONE) + timedelta(days=5)).date(),
                ).model_dump(),
            ],
        }
    )  # fmt: skip
    return [fresh, law, design, *_closed_applications(now)]


def _closed_applications(now: datetime) -> list[Application]:
    """Return three closed applications of the last weeks, for the Insights page: an offer, a
    "no" whose people were kept (F6), and a move on after a follow-up went unanswered (F3)."""
    offer_interview = _day(now, 30, 10)
    offer = Application.model_validate(
        {
            "id": "demo-contoso",
            "company": "Contoso",
            "role": "Product Analyst",
            "interview_at": offer_interview,
            "timezone": "America/New_York",
            "culture": "casual",
            "status": "offer",
            "references_notified": True,
            "interviewers": [{"id": "amara", "name": "Amara Okafor", "title": "Analytics Lead"}],
            "contacts": [
                Contact(interviewer_id="amara", kind="thank_you",
                    at=offer_interview + timedelta(hours=23), body="(sent)").model_dump(),
                Contact(interviewer_id="amara", kind="invitation", direction="theirs",
                    at=offer_interview + timedelta(days=3), body="Would you meet the VP?",
                    date_given=(offer_interview + timedelta(days=7)).date()).model_dump(),
                Contact(interviewer_id="amara", kind="decision", direction="theirs",
                    at=offer_interview + timedelta(days=12), body="We would like to offer you "
                    "the role.").model_dump(),
            ],
        }
    )  # fmt: skip
    no_interview = _day(now, 40, 14)
    no = Application.model_validate(
        {
            "id": "demo-tailspin",
            "company": "Tailspin Toys",
            "role": "Backend Developer",
            "interview_at": no_interview,
            "timezone": "America/New_York",
            "status": "rejected",
            "references_notified": True,
            "interviewers": [
                {"id": "luis", "name": "Luis García", "title": "Engineering Manager"},
                {"id": "chloe", "name": "Chloé Dubois", "title": "Staff Engineer"},
            ],
            "contacts": [
                Contact(interviewer_id="luis", kind="thank_you",
                    at=no_interview + timedelta(hours=4), body="(sent)").model_dump(),
                Contact(interviewer_id="chloe", kind="thank_you",
                    at=no_interview + timedelta(hours=4, minutes=20), body="(sent)").model_dump(),
                Contact(interviewer_id="luis", kind="follow_up",
                    at=no_interview + timedelta(days=8), body="(sent)").model_dump(),
                Contact(interviewer_id="luis", kind="decision", direction="theirs",
                    at=no_interview + timedelta(days=10), body="We chose another candidate."
                    ).model_dump(),
                # F6: the people stay in the network after the no
                Contact(interviewer_id="luis", kind="other", at=no_interview + timedelta(days=11),
                    body="Thanked him, asked to stay in touch on LinkedIn.").model_dump(),
            ],
        }
    )  # fmt: skip
    silent_interview = _day(now, 35, 9)
    silent = Application.model_validate(
        {
            "id": "demo-fabrikam",
            "company": "Fabrikam",
            "role": "Analytics Engineer",
            "interview_at": silent_interview,
            "timezone": "America/New_York",
            "status": "moved_on",
            "interviewers": [{"id": "kenji", "name": "Kenji Sato", "title": "Data Director"}],
            "contacts": [
                Contact(interviewer_id="kenji", kind="thank_you",
                    at=silent_interview + timedelta(days=3), body="(sent)").model_dump(),
                Contact(interviewer_id="kenji", kind="follow_up",
                    at=silent_interview + timedelta(days=9), body="(sent)").model_dump(),
            ],
        }
    )  # fmt: skip
    return [offer, no, silent]


def seeded_store(now: datetime) -> Store:
    """Return a new in-memory store holding the sample applications and a sample sender."""
    store = open_store(MEMORY)
    for app in sample_applications(now):
        store.create(app)
    store.save_sender(SAMPLE_SENDER)
    return store
