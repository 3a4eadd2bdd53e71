"""The evaluation's printout: a ``lib.evaluate.Report`` rendered as plain text for ``make eval``.

``format_report`` writes the draft counts, the per-rule table (pass rate, errors, warnings and
writing warnings), the shares of drafts with no error and with no writing warning, the writing
warnings by kind with the first sentences that drew them, and the first failing drafts with their
messages; ``percent`` and ``total_of`` format the figures it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lib.model import DraftKind

if TYPE_CHECKING:
    from lib.evaluate import Report

SHOWN_FAILURES = 10  # failing drafts listed in the printout
SHOWN_WRITING = 3  # offending sentences listed per kind of writing warning
KIND_LABELS: dict[DraftKind, str] = {"thank_you": "thank-you", "follow_up": "follow-up"}


def percent(part: int | float, whole: int | float = 1) -> str:
    """Return a share as "97.5%", never rounding a share below 1 up to "100.0%"."""
    share = part / whole if whole else 0.0
    text = f"{share:.1%}"
    return "99.9%" if text == "100.0%" and share < 1 else text


def format_report(heading: str, report: Report, shown: int = SHOWN_FAILURES) -> str:
    """Render a report as plain text: counts, the per-rule table and the first failing drafts."""
    kinds = {kind: sum(r.kind == kind for r in report.results) for kind in KIND_LABELS}
    lines = [
        heading,
        "=" * len(heading),
        f"Drafts: {report.drafts} ({kinds['thank_you']} thank-you, {kinds['follow_up']} "
        f"follow-up); written: {report.written}; not written: {report.not_written}",
    ]
    if report.revisions_asked:
        lines.append(
            f"Revisions asked for: {report.revisions_asked}; kept (fewer errors): {report.revised}"
        )
    tallies = report.rules
    if tallies:
        rows = [("rule", "title", "pass rate", "errors", "warnings", "writing")] + [
            (
                t.rule,
                t.title,
                percent(t.pass_rate),
                str(t.errors),
                str(t.warnings),
                str(t.writing),
            )
            for t in tallies
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines.append("")
        for row in rows:
            left = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}"
            right = "  ".join(f"{cell:>{widths[i]}}" for i, cell in enumerate(row[2:], start=2))
            lines.append(f"{left}  {right}".rstrip())
        lines.append(
            "(pass rate: share of the written drafts with no error of that rule; writing: "
            "drafts with a writing warning of that rule, also counted under warnings)"
        )
    else:
        lines += ["", "No findings at all."]
    lines += [
        "",
        f"Drafts with no error: {percent(report.clean, report.drafts)} "
        f"({report.clean} of {report.drafts})",
        f"Drafts with no error and no writing warning: {percent(report.passed, report.drafts)} "
        f"({report.passed} of {report.drafts})",
    ]
    lines += _writing_lines(report)
    failures = report.failures
    if failures:
        lines += ["", f"Failing drafts (showing {min(shown, len(failures))} of {len(failures)}):"]
        for failed in failures[:shown]:
            lines.append(f"- {failed.scenario} / {failed.person} / {KIND_LABELS[failed.kind]}")
            lines += [f"    {message}" for message in failed.messages]
    return "\n".join(lines)


def _writing_lines(report: Report, shown: int = SHOWN_WRITING) -> list[str]:
    """Render the writing warnings: per code, how many and the first offending sentences."""
    writing = report.writing
    if not writing:
        return ["", "Writing warnings: none."]
    total = sum(len(found) for found in writing.values())
    lines = ["", f"Writing warnings ({total}), by kind:"]
    for code, found in writing.items():
        drafts = len({(w.scenario, w.person, w.kind) for w in found})
        lines.append(f"- {code}: {total_of(len(found), 'warning')} in {total_of(drafts, 'draft')}")
        for warning in found[:shown]:
            where = f"{warning.scenario} / {warning.person} / {KIND_LABELS[warning.kind]}"
            lines.append(f"    {where}: {warning.sentence or warning.message}")
    return lines


def total_of(count: int, noun: str) -> str:
    """Return "1 draft" or "3 drafts"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
