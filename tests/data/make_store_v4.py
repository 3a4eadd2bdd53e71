"""Wrote tests/data/store_v4.db and store_v4.json with the store of main at 8580577 (schema 4,
the last SQLite-only store): `PYTHONPATH=. python tests/data/make_store_v4.py DB JSON` there.
Kept to show how the file was made; it checks for schema 4, so it runs only on that store."""

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lib.model import Application, Contact, Defaults, Draft, Sender
from lib.store import open_store

path = Path(sys.argv[1])
path.unlink(missing_ok=True)
store = open_store(path)
base = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
people = [
    {
        "id": "priya",
        "name": "Priya Raghunathan",
        "email": "priya@northwind.example",
        "asked": "How I would migrate the nightly batch jobs to streaming",
    },
    {"id": "sean", "name": "Seán O'Donnell", "title": "Senior Engineer"},
]
north = Application.model_validate(
    {
        "id": "north",
        "company": "Northwind Analytics",
        "role": "Data Engineer",
        "interview_at": base,
        "timezone": "America/New_York",
        "country": "US",
        "interviewers": people,
        "fit_points": "Five years building data pipelines; led a Kafka migration",
    }
)
south = Application.model_validate(
    {
        "id": "south",
        "company": "Contoso",
        "role": "Analyst",
        "interview_at": base - timedelta(days=3),
        "timezone": "Europe/London",
        "country": "GB",
        "interviewers": people[:1],
        "status": "rejected",
    }
)
same = Application.model_validate({**north.model_dump(), "id": "same-time", "company": "Fabrikam"})
for app in (north, south, same):
    store.create(app)
sent = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)
# two contacts at the same moment: their order is the order they were logged
store.log_contact(
    "north", Contact(interviewer_id="sean", kind="thank_you", at=sent, channel="handwritten")
)
store.log_contact("north", Contact(interviewer_id="priya", kind="thank_you", at=sent))
store.log_contact(
    "north", Contact(interviewer_id="priya", kind="follow_up", at=sent - timedelta(hours=1))
)
store.log_contact("south", Contact(interviewer_id="priya", kind="thank_you", at=sent))
store.change("north", references_notified=True)
for minutes, (text, source) in enumerate(
    [("Composer text.", "offline"), ("Composer text, edited.", "typed"), ("LLM text.", "llm")]
):
    store.save_draft(
        Draft(
            application_id="north",
            interviewer_id="priya",
            kind="thank_you",
            text=text,
            updated_at=sent + timedelta(minutes=5 * minutes),
        ),
        source=source,
    )
store.save_draft(
    Draft(
        application_id="south",
        interviewer_id="priya",
        kind="follow_up",
        text="Any news?",
        updated_at=sent,
    )
)
store.save_sender(Sender(name="Alex Morgan", email="alex@example.com", phone="+1 555 0100"))
store.save_defaults(Defaults(country="GB", timezone="Europe/London"))
assert store.schema_version() == 4
Path(sys.argv[2]).write_text(store.export_json(datetime(2026, 11, 20, 12, 0, tzinfo=UTC)))
conn = sqlite3.connect(path)
print("change count", conn.execute("select count from changes").fetchone())
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
conn.close()
