"""Reading an import file: parse it, check it, and refuse it, saying why, before anything changes.

``parse_import(raw)`` turns the bytes of an upload (or text) into an ``ExportFile``, or raises
``ImportRefusedError`` with a message a person can act on: too big, empty, not text, not JSON,
not an export, not valid, or drafts for people the file does not hold. ``Store.import_file``
then writes it in one transaction. ``lib.store`` re-exports these names.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from lib.model import ExportFile
from lib.model_errors import describe_errors
from lib.store_errors import StoreError

MEGABYTE = 1024 * 1024
MAX_IMPORT_BYTES = 20 * MEGABYTE


class ImportRefusedError(StoreError):
    """An import file was not accepted; nothing was changed."""


def parse_import(raw: bytes | str) -> ExportFile:
    """Read an export file; raise ImportRefusedError, saying why, when it cannot be imported."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefusedError(
            f"The file is bigger than {MAX_IMPORT_BYTES // MEGABYTE} MB, the most an export "
            "can be. Is it the right file?"
        )
    if not raw.strip():
        raise ImportRefusedError("The file is empty; choose a .json export of Follow-Up Coach.")
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        document = json.loads(text)
    except UnicodeDecodeError as error:
        raise ImportRefusedError("The file is not text; choose a .json export.") from error
    except json.JSONDecodeError as error:
        raise ImportRefusedError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from error
    except ValueError as error:  # e.g. a number with thousands of digits
        raise ImportRefusedError(f"The file cannot be read as an export ({error}).") from error
    except RecursionError as error:
        raise ImportRefusedError("The file is nested too deeply to be an export.") from error
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ImportRefusedError(
            "The file holds broken characters (unpaired surrogates); it was not made by "
            "Follow-Up Coach."
        ) from error
    if not isinstance(document, dict) or "version" not in document:
        raise ImportRefusedError(
            "This is not a Follow-Up Coach export: it has no top-level 'version' field."
        )
    try:
        bundle = ExportFile.model_validate(document)
    except ValidationError as error:
        problems = describe_errors(error)
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        raise ImportRefusedError(f"The file cannot be imported: {shown}.") from error
    _check_references(bundle)
    return bundle


def _check_references(bundle: ExportFile) -> None:
    """Refuse a file whose drafts point at people or applications it does not contain."""
    ids = [app.id for app in bundle.applications]
    if len(ids) != len(set(ids)):
        raise ImportRefusedError("The file lists the same application twice.")
    panels = {app.id: {person.id for person in app.interviewers} for app in bundle.applications}
    for draft in [*bundle.drafts, *bundle.draft_versions]:
        if draft.interviewer_id not in panels.get(draft.application_id, set()):
            raise ImportRefusedError(
                "The file has a draft for a person or application it does not contain."
            )
