"""Getting a finished note out: a mailto link, an .eml file, a printable card, the post-by date.

The app never sends anything itself: the user sends from their own mail program or by hand,
then marks the note as sent.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from urllib.parse import quote

from lib.model import Application, DraftKind, Interviewer, Sender
from lib.review import split_draft
from lib.schedule import thank_you_moments

SUBJECT_PREFIX = "subject:"
DEFAULT_SUBJECTS: dict[DraftKind, str] = {
    "thank_you": "Thank you for the conversation about the {role} role",
    "follow_up": "Following up on the {role} role",
}


def default_subject(app: Application, kind: DraftKind) -> str:
    """Return the subject an email gets when its draft has no "Subject:" line."""
    return DEFAULT_SUBJECTS[kind].format(role=_one_line(app.role))


def subject_and_body(text: str) -> tuple[str, str]:
    """Split a draft into its subject (without "Subject:") and the rest, trimmed."""
    parts = split_draft(text)
    if parts.subject is None:
        return "", text.strip()
    line = text[slice(*parts.subject)].strip()
    subject = line[len(SUBJECT_PREFIX) :].strip()
    return subject, text[parts.subject[1] :].strip()


def mailto_link(person: Interviewer, text: str, default: str = "") -> str:
    """Return a mailto: link to the person with the subject (the draft's, else ``default``)
    and body filled in."""
    subject, body = subject_and_body(text)
    subject = subject or default
    query = f"subject={quote(subject)}&body={quote(body)}"
    return f"mailto:{quote(person.email, safe='@')}?{query}"


def eml_file(
    person: Interviewer, sender: Sender, text: str, written_at: datetime, default: str = ""
) -> bytes:
    """Return the note as an unsent .eml message that any mail program opens as a draft; its
    subject is the draft's "Subject:" line, else ``default``."""
    subject, body = subject_and_body(text)
    subject = subject or default
    message = EmailMessage()
    message["Subject"] = _one_line(subject)
    name = _one_line(person.name)
    message["To"] = formataddr((name, person.email)) if person.email else name
    if sender.email:
        message["From"] = formataddr((_one_line(sender.name), sender.email))
    message["Date"] = format_datetime(written_at)
    message["X-Unsent"] = "1"  # Outlook and Apple Mail open it as a draft to send
    message.set_content(body)
    return message.as_bytes()


def _one_line(value: str) -> str:
    """Join a header value onto one line: mail headers may not contain line breaks."""
    return " ".join(value.split())


def printable_card(person: Interviewer, text: str) -> str:
    """Return a printable HTML page of a handwritten card's text (escaped, never markup)."""
    _, body = subject_and_body(text)
    paragraphs = "\n".join(
        f"<p>{html.escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in body.split("\n\n")
        if paragraph.strip()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Card for {html.escape(person.name)}</title>
<style>
  body {{ font-family: Georgia, serif; font-size: 14pt; line-height: 1.5; margin: 2cm; }}
  .card {{ max-width: 13cm; border: 1px dashed #999; padding: 1cm; }}
  @media print {{ .card {{ border: none; }} }}
</style></head>
<body><div class="card">
{paragraphs}
</div></body></html>
"""


def post_by(app: Application) -> date:
    """Return the day to post a handwritten card by: the day the thank-you is due (T2, T13)."""
    _, due, _ = thank_you_moments(app)
    return due.date()


def file_name(
    app: Application, person: Interviewer, extension: str, kind: DraftKind = "thank_you"
) -> str:
    """Return a file name for a note: "thank-you-priya-raghunathan-northwind.eml"."""
    words = f"{kind.replace('_', '-')} {person.name} {app.company}".lower().split()
    cleaned = ("".join(c for c in word if c.isalnum() or c == "-") for word in words)
    return "-".join(word for word in cleaned if word) + f".{extension}"
