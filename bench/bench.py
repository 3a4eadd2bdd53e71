"""One benchmark run on this machine: the chart, page reruns, imports and the offline composer.

Run with ``make bench``. It prints a table and checks nothing: no assertion, no pass or fail.
Speed is measured here, never in the tests. Each part prints its target (issue 13) beside what
it measured.

1. Plan every application and build the timeline chart's spec (``timeline_chart(...).to_dict()``)
   for 10, 100 and 1,000 synthetic applications (best of 3), with the spec's size
   (``len(json.dumps(spec))``; target for 1,000: at most 1 MB).
2. Rerun home and the timeline with 200 applications in a temporary database through AppTest,
   each side by side with its floor (bench/floor_page.py: the page's own elements drawn from
   precomputed data in the app's navigation) and a bare one-line page, in interleaved rounds
   (median of 7; target: at most 1.5 x the floor).
3. Preview an import of 10,000 applications as the Settings page does (read and check the file,
   count the applications it would replace; target at most 2 s) and import it (at most 5 s),
   into an empty database and again over itself. Over a target, cProfile says where time goes.
4. Compose an offline thank-you and review it, per interviewer of the evaluation scenarios
   (data/eval), each panel in two office cultures.
5. Read each calendar invitation of tests/data/invites, and split a 2,000-character debrief
   offline (issue 14; target for each at most 50 ms); write down a spoken debrief offline
   (espeak-ng's voice; bar: under twice real time).
6. Insights (issue 16): every figure of the Insights page over 1,000 applications, a third of
   them closed, with replies (median of 7; target at most 250 ms), and with the five chart
   specs too.
7. The store on a SQLite file and on PostgreSQL (a server started for the run) side by side
   (issue 15): one save, a home rerun with 200 applications (hosted, signed in, on
   PostgreSQL), and 20 people saving at once for 30 s: saves a second, p95, and what was kept
   against what was acknowledged.
"""

from __future__ import annotations

import cProfile
import json
import logging
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python bench/bench.py` from anywhere

import altair as alt  # noqa: E402
from streamlit.logger import get_logger  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from lib.charts import chart_height, first_rows, timeline_chart, timeline_data  # noqa: E402
from lib.checklist import next_action  # noqa: E402
from lib.compose import compose_follow_up, compose_thank_you  # noqa: E402
from lib.debrief import split_for_panel  # noqa: E402
from lib.deployment import MEANINGS  # noqa: E402
from lib.evaluate import load_scenarios  # noqa: E402
from lib.insight_charts import (  # noqa: E402
    budget_chart,
    outcome_chart,
    people_chart,
    replies_chart,
    thank_you_chart,
)
from lib.insights import headline, insights  # noqa: E402
from lib.invite import read_invite  # noqa: E402
from lib.model import (  # noqa: E402
    EXPORT_VERSION,
    MAX_INTERVIEWERS,
    OPEN_STATUS,
    Application,
    Contact,
    ExportFile,
    Interviewer,
    Sender,
)
from lib.overview import by_application, next_actions, plans, summary  # noqa: E402
from lib.review import review  # noqa: E402
from lib.schedule import plan  # noqa: E402
from lib.speech import OFFLINE_ENGINE, transcribe_offline  # noqa: E402
from lib.store import LOCAL_OWNER, Store, StoreError, open_store, parse_import  # noqa: E402
from tests.postgres import PostgresServer, find_binaries  # noqa: E402

SIZES = (10, 100, 1_000)
BEST_OF = 3
RERUNS = 7
PAGE_APPLICATIONS = 200
IMPORT_APPLICATIONS = 10_000
SPEC_TARGET_BYTES = 1_000_000  # the chart's spec for 1,000 applications
HOME_CARDS = 10  # home's cards and its chart limit (pages/home.py CARD_LIMIT, CHART_LIMIT)
FLOOR_TARGET = 1.5  # home and the timeline rerun in at most this many times the floor
PREVIEW_TARGET_S = 2.0  # previewing an import of 10,000 applications
IMPORT_TARGET_S = 5.0  # importing it
CONCURRENT_USERS = 20
CONCURRENT_SECONDS = 30
BENCH_AUTH = {  # st.login's settings for the hosted home rerun (no provider is asked)
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "bench" * 8,
    "client_id": "bench",
    "client_secret": "bench",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
INSIGHTS_APPLICATIONS = 1_000
INSIGHTS_TARGET_MS = 250  # every figure of the Insights page over 1,000 applications
CLOSED = ("offer", "rejected", "withdrawn", "moved_on")
CAPTURE_TARGET_MS = 50  # reading an invitation; splitting a 2,000-character debrief
DEBRIEF_CHARS = 2_000
SPEECH_BAR = 2.0  # offline transcription: under twice real time on this machine
SPOKEN = (
    "Priya asked about streaming data pipelines and how we handle late events. She is worried "
    "I have not run Kafka in production. Marcus and I talked about schema drift and on call "
    "rotations. They will decide by the twelfth."
)
INVITES = ROOT / "tests" / "data" / "invites"
DEBRIEFS = ROOT / "tests" / "data" / "debriefs"
BARE_PAGE = "import streamlit as st\nst.write('x')"
FLOOR_PAGE = ROOT / "bench" / "floor_page.py"
FLOOR_CHART_ROWS = 10  # home draws its chart for at most 10 open applications (CHART_LIMIT)
TIMELINE_CHART_ROWS = 25  # the timeline draws the 25 most pressing (pages/timeline.py CHART_ROWS)
# home's badge for each urgency (pages/home.py), for the floor's cards
BADGES = {
    "overdue": ("Overdue", "red"),
    "due": ("Due", "orange"),
    "upcoming": ("Upcoming", "blue"),
    None: ("Nothing pending", "gray"),
}
VIEWER_ZONE = ZoneInfo("Europe/London")
PLACES = (
    ("US", "America/New_York"),
    ("US", "America/Los_Angeles"),
    ("GB", "Europe/London"),
    ("DE", "Europe/Berlin"),
    ("IN", "Asia/Kolkata"),
    ("JP", "Asia/Tokyo"),
    ("AU", "Australia/Sydney"),
    ("CA", "America/Toronto"),
)
COMPANIES = (
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Woodgrove",
    "Adventure Works", "Coho Winery", "Fourth Coffee", "Trey Research", "VanArsdel",
)  # fmt: skip
ROLES = ("Data Engineer", "Product Analyst", "Backend Developer", "Nurse Manager", "Teacher")
FIRST_NAMES = ("Priya", "Seán", "Mei", "Jonas", "Amara", "Luis", "Chloé", "Kenji", "Zoe")
LAST_NAMES = ("Raghunathan", "O'Donnell", "Tanaka", "Berg", "Okafor", "García", "Dubois")
CULTURES = ("casual", "standard", "formal")
# what Streamlit logs on every AppTest outside a server: harmless, and noise in the table
BARE_MODE_NOISE = ("missing ScriptRunContext", "No runtime found")
BARE_MODE_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


def quiet_bare_mode_warnings() -> None:
    """Drop Streamlit's bare-mode warnings (only those) from its loggers."""

    def keep(record: logging.LogRecord) -> bool:
        return not any(noise in record.getMessage() for noise in BARE_MODE_NOISE)

    for name in BARE_MODE_LOGGERS:
        get_logger(name).addFilter(keep)


def synthetic_applications(count: int, now: datetime, seed: int = 2026) -> list[Application]:
    """Return ``count`` open applications with varied places, profiles, panels and contacts."""
    rng = random.Random(seed)
    apps = []
    for number in range(count):
        country, zone = rng.choice(PLACES)
        interview = (now - timedelta(minutes=rng.randint(-2 * 1440, 21 * 1440))).astimezone(
            ZoneInfo(zone)
        )
        people = [
            {"id": f"p{index}", "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"}
            for index in range(rng.randint(1, 4))
        ]
        for index, person in enumerate(people):  # names must differ within a panel
            person["name"] += f" {index + 1}" if index else ""
        contacts = []
        for person in people:
            sent = interview + timedelta(hours=rng.randint(1, 30))
            if sent < now and rng.random() < 0.6:
                contacts.append({"interviewer_id": person["id"], "kind": "thank_you", "at": sent})
                later = sent + timedelta(days=rng.randint(6, 12))
                if later < now and rng.random() < 0.5:
                    contacts.append(
                        {"interviewer_id": person["id"], "kind": "follow_up", "at": later}
                    )
        decided = rng.random() < 0.3
        apps.append(
            Application.model_validate(
                {
                    "id": f"bench{number:05}",
                    "company": f"{rng.choice(COMPANIES)} {number}",
                    "role": rng.choice(ROLES),
                    "interview_at": interview,
                    "timezone": zone,
                    "country": country,
                    "culture": rng.choice(CULTURES),
                    "profile": rng.choice(("cautious", "standard", "eager")),
                    "decision_date": (
                        interview.date() + timedelta(days=rng.randint(3, 14)) if decided else None
                    ),
                    "references_notified": rng.random() < 0.5,
                    "interviewers": people,
                    "contacts": contacts,
                }
            )
        )
    return apps


def best_of(runs: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """Return the fastest of ``runs`` timings (seconds) and the last result."""
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def chart_costs(now: datetime) -> list[str]:
    """Time planning and the chart spec for each size, and measure the spec."""
    lines = [
        "Plan + chart spec (best of 3)",
        f"  {'applications':>12}  {'milestones':>10}  {'points':>7}  {'plan ms':>9}  "
        f"{'plan + spec ms':>14}  {'spec bytes':>11}",
    ]
    spec_bytes = 0
    for size in SIZES:
        apps = synthetic_applications(size, now)
        plan_time, plans_made = best_of(BEST_OF, lambda apps=apps: [plan(a, now) for a in apps])
        points = len(timeline_data(apps, now, VIEWER_ZONE).moments)
        # no row cap while measuring: Streamlit's own data transformer has none either
        with alt.data_transformers.enable("default", max_rows=None):
            total_time, spec = best_of(
                BEST_OF,
                lambda apps=apps: timeline_chart(timeline_data(apps, now, VIEWER_ZONE)).to_dict(),
            )
        spec_bytes = len(json.dumps(spec))
        milestones = sum(len(milestones) for milestones in plans_made)
        lines.append(
            f"  {size:>12,}  {milestones:>10,}  {points:>7,}  {plan_time * 1000:>9.1f}"
            f"  {total_time * 1000:>14.1f}  {spec_bytes:>11,}"
        )
    met = "met" if spec_bytes <= SPEC_TARGET_BYTES else "NOT met"
    lines.append(
        f"  spec for {SIZES[-1]:,} applications: {spec_bytes / 1e6:.2f} MB "
        f"(target at most {SPEC_TARGET_BYTES / 1e6:.0f} MB: {met})"
    )
    return lines


def with_outcomes(apps: list[Application], seed: int = 16) -> list[Application]:
    """Return the applications with a third of them closed and replies to half of the ones the
    user wrote to (a decision for the closed ones), so every figure has something to count."""
    rng = random.Random(seed)
    changed = []
    for app in apps:
        data = app.model_dump()
        first = min((c for c in app.contacts if c.from_me), key=lambda c: c.at, default=None)
        closed = rng.random() < 1 / 3
        if closed:
            data["status"] = rng.choice(CLOSED)
        if first is not None and rng.random() < 0.5:
            data["contacts"].append(
                {
                    "interviewer_id": first.interviewer_id,
                    "kind": "decision" if closed else "reply",
                    "direction": "theirs",
                    "at": first.at + timedelta(hours=rng.randint(2, 24 * 12)),
                }
            )
        changed.append(Application.model_validate(data))
    return changed


def insight_costs(now: datetime) -> list[str]:
    """Time every figure of the Insights page, and the figures with their chart specs."""
    apps = with_outcomes(synthetic_applications(INSIGHTS_APPLICATIONS, now))

    def figures_and_charts() -> list[dict]:
        found = insights(apps, now)
        return [
            thank_you_chart(found.thank_yous).to_dict(),
            replies_chart(found.replies).to_dict(),
            outcome_chart(found.outcomes).to_dict(),
            budget_chart(found.budget).to_dict(),
            people_chart(found.people).to_dict(),
        ]

    rows = []
    for name, action in (
        ("figures", lambda: insights(apps, now)),
        ("figures + 5 chart specs", figures_and_charts),
    ):
        times = []
        for _ in range(RERUNS):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        rows.append((name, statistics.median(times) * 1000))
    figures_ms = rows[0][1]
    met = "met" if figures_ms <= INSIGHTS_TARGET_MS else "NOT met"
    return [
        f"Insights for {INSIGHTS_APPLICATIONS:,} applications (median of {RERUNS})",
        *(f"  {name:<26}  {ms:>7.1f} ms" for name, ms in rows),
        f"  figures: {figures_ms:.1f} ms (target at most {INSIGHTS_TARGET_MS} ms: {met})",
    ]


def interleaved_reruns(pages: dict[str, AppTest]) -> dict[str, tuple[float, str]]:
    """Rerun every page once per round, RERUNS rounds, after a first run of each; return each
    page's median (seconds) and any exception. Interleaving puts the pages side by side under
    the same load."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    for at in pages.values():
        at.run()
    for _ in range(RERUNS):
        for name, at in pages.items():
            start = time.perf_counter()
            at.run()
            times[name].append(time.perf_counter() - start)
    return {
        name: (
            statistics.median(times[name]),
            "; ".join(str(error.value) for error in at.exception),
        )
        for name, at in pages.items()
    }


@contextmanager
def database_with(apps: list[Application]) -> Iterator[Path]:
    """A temporary COACH_DB holding ``apps``, for the length of the block."""
    previous = os.environ.get("COACH_DB")
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        path = Path(folder) / "coach.db"
        store = open_store(path)
        for app in apps:
            store.create(app)
        os.environ["COACH_DB"] = str(path)
        try:
            yield path
        finally:
            if previous is None:
                os.environ.pop("COACH_DB", None)
            else:
                os.environ["COACH_DB"] = previous


def floor_link(page: str, label: str, app_id: str | None = None) -> dict[str, Any]:
    """A page link as the floor page draws it with st.page_link."""
    return {
        "page": page,
        "label": label,
        "icon": ":material/arrow_forward:",
        "query": {"app": app_id} if app_id else None,
    }


def floor_data(apps: list[Application], now: datetime, folder: Path) -> Path:
    """Write what home draws for ``apps`` (counts, the chart's spec, the cards) to a JSON file
    for the floor page, computed here once; return its path."""
    zone = ZoneInfo("UTC")  # what home uses when the browser reports no timezone (AppTest)
    planned = plans(apps, now)
    open_apps = [app for app in apps if app.status == OPEN_STATUS]
    drawn = first_rows(timeline_data(open_apps, now, zone, planned), FLOOR_CHART_ROWS)
    actions = [(app, next_action(app, now, planned[app.id], zone)) for app in open_apps]
    cards = []
    for app, action in actions[:HOME_CARDS]:
        badge, colour = BADGES[action.urgency]
        cards.append(
            {
                "badge": badge,
                "colour": colour,
                "title": f"{app.company}: {app.role}",
                "text": action.text,
                "links": [
                    floor_link("pages/thank_you.py", "Write the thank-you notes", app.id),
                    floor_link("pages/checklist.py", "Checklist", app.id),
                ],
            }
        )
    document = {
        "caption": "Everything after the interview: notes, thank-you notes, follow-ups, and "
        "when to move on.",
        "counts": " ".join(
            f":orange-badge[{said}]" for said, _, _ in summary(apps, now, zone, planned).said()
        ),
        "chart": timeline_chart(drawn).to_dict() if len(open_apps) <= HOME_CARDS else None,
        "chart_height": chart_height(drawn),
        "timeline_link": floor_link(
            "pages/timeline.py", f"See all {len(open_apps)} open applications on the timeline"
        ),
        "more": f"{len(open_apps) - HOME_CARDS} more open applications, each with its next step, "
        "on the timeline."
        if len(open_apps) > HOME_CARDS
        else "",
        "cards": cards,
        "notes_link": floor_link("pages/notes.py", "Add another interview"),
        "insights_link": floor_link(
            "pages/insights.py", f"Insights: {headline(insights(apps, now))}"
        ),
        "sidebar": MEANINGS["local"],
    }
    path = folder / "floor.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def timeline_floor_data(apps: list[Application], now: datetime, folder: Path) -> Path:
    """Write what the timeline draws for ``apps`` (counts, the whole chart, the next-actions
    table, the first page of groups) to a JSON file for the floor page; return its path."""
    zone = ZoneInfo("UTC")
    planned = plans(apps, now)
    open_apps = [app for app in apps if app.status == OPEN_STATUS]
    data = timeline_data(open_apps, now, zone, planned)
    rows = next_actions(open_apps, now, zone, planned)
    groups = list(by_application(rows).items())[:HOME_CARDS]
    drawn = first_rows(data, TIMELINE_CHART_ROWS)
    document = {
        "sidebar": MEANINGS["local"],
        "caption": "Every step of every open application, soonest first: thank-you notes, "
        "references, follow-ups and the moment to move on.",
        "counts": " ".join(
            f":orange-badge[{said}]" for said, _, _ in summary(apps, now, zone, planned).said()
        ),
        "chart": timeline_chart(drawn).to_dict(),
        "chart_height": chart_height(drawn),
        "chart_note": f"The {TIMELINE_CHART_ROWS} most pressing of {len(open_apps)} open "
        "applications; search to narrow it down. Times in your timezone (UTC).",
        "table": [
            {
                "Step": r.step,
                "Who": r.person,
                "Company": r.company,
                "Due": r.due_text,
                "Time left": r.time_left,
                "Status": r.status,
                "Role": r.role,
                "Rule": r.rule,
            }
            for r in rows
        ],
        "groups": [  # only the open one draws its steps, as on the timeline
            {
                "label": f"{steps[0].company}: {steps[0].role} · next due {steps[0].due_text}",
                "rows": [
                    {
                        "text": f"**{r.step}** to {r.person}  \n:gray[Due {r.due_text} · {r.rule}]",
                        "link": floor_link(r.page, "Open", r.application_id),
                    }
                    for r in steps
                ]
                if index == 0
                else [],
            }
            for index, (_, steps) in enumerate(groups)
        ],
    }
    path = folder / "timeline-floor.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def page_costs(now: datetime) -> list[str]:
    """Time AppTest reruns of home and the timeline, each side by side with a floor page that
    draws its own elements from precomputed data."""
    quiet_bare_mode_warnings()
    apps = synthetic_applications(PAGE_APPLICATIONS, now)
    lines = [
        f"AppTest rerun, {PAGE_APPLICATIONS} applications in a temporary COACH_DB "
        f"(median of {RERUNS} interleaved rounds)",
        f"  {'page':<42}  {'ms':>8}  {'x floor':>7}",
    ]
    with database_with(apps) as database:
        timeline = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        timeline.run()
        timeline.switch_page("pages/timeline.py")
        os.environ["BENCH_FLOOR_DATA"] = str(floor_data(apps, now, database.parent))
        home_side = interleaved_reruns(
            {
                "home's floor": AppTest.from_file(str(FLOOR_PAGE), default_timeout=120),
                "home (app.py)": AppTest.from_file(str(ROOT / "app.py"), default_timeout=120),
                "bare one-line page": AppTest.from_string(BARE_PAGE, default_timeout=120),
            }
        )
        os.environ["BENCH_FLOOR_DATA"] = str(timeline_floor_data(apps, now, database.parent))
        timeline_side = interleaved_reruns(
            {
                "timeline's floor": AppTest.from_file(str(FLOOR_PAGE), default_timeout=120),
                "timeline": timeline,
            }
        )
        os.environ.pop("BENCH_FLOOR_DATA")
    verdicts = []
    for floor_name, page_name, measured in (
        ("home's floor", "home (app.py)", home_side),
        ("timeline's floor", "timeline", timeline_side),
    ):
        floor = measured[floor_name][0]
        for name, (seconds, problem) in measured.items():
            lines.append(f"  {name:<42}  {seconds * 1000:>8.1f}  {seconds / floor:>7.2f}")
            if problem:
                lines.append(f"    the page raised: {problem}")
        seconds, problem = measured[page_name]
        if problem:
            verdicts.append(f"  {page_name}: not measured, the page raised")
            continue
        ratio = seconds / floor
        met = "met" if ratio <= FLOOR_TARGET else "NOT met"
        verdicts.append(
            f"  {page_name}: {ratio:.2f} x its floor (target at most {FLOOR_TARGET} x: {met})"
        )
    timeline_seconds = timeline_side["timeline"][0]
    home_floor = home_side["home's floor"][0]
    verdicts.append(
        f"  timeline against home's floor: {timeline_seconds / home_floor:.2f} x (it draws a "
        "table of every pending step and a 25-row chart, which home's floor does not)"
    )
    return lines + verdicts


def import_file_of(count: int, now: datetime) -> bytes:
    """An export file of ``count`` synthetic applications, as Settings > Export writes it."""
    apps = synthetic_applications(count, now)
    bundle = ExportFile(version=EXPORT_VERSION, exported_at=now, applications=apps)
    return bundle.model_dump_json(indent=2).encode("utf-8")


def preview(raw: bytes, store: Store) -> int:
    """What Settings does with an upload before its Import button: read and check the file,
    and count the applications it would replace."""
    return preview_count(store, parse_import(raw))


def preview_count(store: Store, bundle: ExportFile) -> int:
    """Count the applications of an import that are already stored, as Settings does."""
    stored = store.stored_ids()
    return sum(app.id in stored for app in bundle.applications)


LIBRARY_CALLS = ("sqlite3", "json", "pydantic")  # the built-in calls worth naming in a profile


def where_time_goes(action: Callable[[], Any], shown: int = 8) -> list[str]:
    """Profile ``action`` once; return its costliest calls by cumulative time: the project's
    own functions and the SQLite, JSON and pydantic calls they make."""
    profiler = cProfile.Profile()
    profiler.runcall(action)
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, _, function), (_, calls, _, cumulative, _) in stats.items():
        if filename == "~" and any(name in function for name in LIBRARY_CALLS):
            rows.append((cumulative, calls, function))
        elif filename.startswith(str(ROOT / "lib")):
            rows.append((cumulative, calls, f"{Path(filename).stem}.{function}"))
    rows.sort(reverse=True)
    return [
        f"      {cumulative:>6.2f} s  {calls:>7,} calls  {name}"
        for cumulative, calls, name in rows[:shown]
    ]


def import_costs(now: datetime) -> list[str]:
    """Time previewing and importing an export of IMPORT_APPLICATIONS applications."""
    raw = import_file_of(IMPORT_APPLICATIONS, now)
    lines = [
        f"Import of {IMPORT_APPLICATIONS:,} applications ({len(raw) / 2**20:.1f} MiB of JSON; "
        "one run each)",
        f"  {'step':<52}  {'s':>6}  {'target':>7}",
    ]
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        store = open_store(Path(folder) / "coach.db")
        parse_time, bundle = best_of(1, lambda: parse_import(raw))
        count_time, _ = best_of(1, lambda: preview_count(store, bundle))
        empty_preview, _ = best_of(1, lambda: preview(raw, store))
        import_time, _ = best_of(1, lambda: store.import_file(bundle))
        full_preview, _ = best_of(1, lambda: preview(raw, store))
        again_time, _ = best_of(1, lambda: store.import_file(parse_import(raw)))
        rows = [
            ("read and check the file (parse_import)", parse_time, None),
            ("count those already here (store.stored_ids)", count_time, None),
            ("preview, into an empty database", empty_preview, PREVIEW_TARGET_S),
            ("import, into an empty database", import_time, IMPORT_TARGET_S),
            ("preview, all of them already here", full_preview, PREVIEW_TARGET_S),
            ("read + import again, replacing all of them", again_time, IMPORT_TARGET_S),
        ]
        for name, seconds, target in rows:
            verdict = ""
            if target is not None:
                verdict = f"{target:>5.1f} s" + ("" if seconds <= target else "  NOT met")
            lines.append(f"  {name:<52}  {seconds:>6.2f}  {verdict}")
        if max(empty_preview, full_preview) > PREVIEW_TARGET_S:
            lines.append("  where the preview's time goes (all of them already here; cProfile):")
            lines += where_time_goes(lambda: preview(raw, store))
    return lines


COMPOSE_BUDGET_MS = 20  # the offline composer stays deterministic and fast (issue 11)


def composer_costs() -> list[str]:
    """Time compose + review of one thank-you, and of one follow-up, per interviewer."""
    panels: list[tuple[Application, Sender]] = []
    for scenario in load_scenarios(ROOT / "data" / "eval"):
        app = scenario.application
        other = CULTURES[(CULTURES.index(app.culture) + 1) % len(CULTURES)]
        panels += [
            (app, scenario.sender),
            (app.model_copy(update={"culture": other}), scenario.sender),
        ]

    def one(app: Application, person: Interviewer, sender: Sender, others: list[str]) -> str:
        text = compose_thank_you(app, person, sender)
        review(text, app, person, others, sender.name)
        return text

    app, sender = panels[0]
    cold, _ = best_of(1, lambda: one(app, app.interviewers[0], sender, []))
    thank_you_times: list[float] = []
    follow_up_times: list[float] = []
    for app, sender in panels:
        written: list[str] = []
        for person in app.interviewers:
            start = time.perf_counter()
            text = one(app, person, sender, written)
            thank_you_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            follow_up = compose_follow_up(app, person, sender)
            review(follow_up, app, person, [text], sender.name, "follow_up")
            follow_up_times.append(time.perf_counter() - start)
            written.append(text)
    lines = [
        f"Offline compose + review per interviewer ({len(thank_you_times)} interviewers: "
        f"{len(panels) // 2} scenarios x 2 office cultures)",
        f"  {'draft':<12}  {'median ms':>9}  {'p90 ms':>7}  {'max ms':>7}",
    ]
    for name, times in (("thank-you", thank_you_times), ("follow-up", follow_up_times)):
        ordered = sorted(times)
        p90 = ordered[int(0.9 * (len(ordered) - 1))]
        lines.append(
            f"  {name:<12}  {statistics.median(times) * 1000:>9.1f}  {p90 * 1000:>7.1f}  "
            f"{ordered[-1] * 1000:>7.1f}"
        )
    compose_only = []
    for app, sender in panels:
        for person in app.interviewers:
            start = time.perf_counter()
            compose_thank_you(app, person, sender)
            compose_only.append(time.perf_counter() - start)
    lines.append(
        f"  composing alone, slowest thank-you: {max(compose_only) * 1000:.1f} ms "
        f"(budget {COMPOSE_BUDGET_MS} ms a note, compose + review)"
    )
    lines.append(f"  first call of the process (loads the dictionaries): {cold * 1000:.0f} ms")
    return lines


def capture_costs() -> list[str]:
    """Time reading each invitation of tests/data/invites (best of 20) and the offline splitter
    on a 2,000-character debrief made of the debriefs in tests/data/debriefs (best of 10)."""
    readable = {}
    for path in sorted(INVITES.iterdir()):
        try:
            read_invite(path.read_bytes())
        except ValueError:
            continue  # a refused file (cancelled, a photo): not an invitation to time
        readable[path.name] = path.read_bytes()
    timed = {
        name: best_of(20, lambda data=data: read_invite(data))[0] for name, data in readable.items()
    }
    slowest = max(timed, key=timed.__getitem__)
    lines = [
        f"Capture: reading an invitation ({len(timed)} kinds in tests/data/invites, best of 20)",
        f"  median {statistics.median(timed.values()) * 1000:.1f} ms, slowest {slowest} "
        f"{timed[slowest] * 1000:.1f} ms (target at most {CAPTURE_TARGET_MS} ms: "
        f"{'met' if timed[slowest] * 1000 <= CAPTURE_TARGET_MS else 'NOT met'})",
    ]
    examples = [json.loads(path.read_text()) for path in sorted(DEBRIEFS.glob("*.json"))]
    panel = [
        Interviewer(id=f"{number}-{person['id']}", name=person["name"])
        for number, example in enumerate(examples)
        for person in example["panel"]
    ][:MAX_INTERVIEWERS]
    text = ""
    for example in examples:
        if len(text) >= DEBRIEF_CHARS:
            break
        text += example["text"].rstrip(".") + ". "
    text = text[:DEBRIEF_CHARS]
    today = date(2026, 11, 20)
    cold, _ = best_of(1, lambda: split_for_panel(text, panel, today))
    warm, _ = best_of(10, lambda: split_for_panel(text, panel, today))
    lines += [
        f"Capture: the offline splitter on a {len(text):,}-character debrief, "
        f"{len(panel)} people on the panel",
        f"  {warm * 1000:.1f} ms (best of 10; target at most {CAPTURE_TARGET_MS} ms: "
        f"{'met' if warm * 1000 <= CAPTURE_TARGET_MS else 'NOT met'}); first call "
        f"{cold * 1000:.1f} ms",
    ]
    return lines + speech_costs()


def speech_costs() -> list[str]:
    """Time the offline transcription of a spoken debrief (espeak-ng's voice), its worker
    process included, against the bar of twice real time."""
    program = shutil.which("espeak-ng")
    if program is None:
        return ["Capture: offline speech not timed: espeak-ng is not installed"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "debrief.wav"
        subprocess.run([program, "-v", "en-us+klatt2", "-w", str(path), SPOKEN], check=True)
        audio = path.read_bytes()
    start = time.perf_counter()
    transcript = transcribe_offline(audio)
    took = time.perf_counter() - start
    factor = took / transcript.seconds
    return [
        f"Capture: offline speech to text ({OFFLINE_ENGINE}), {transcript.seconds:.1f} s of "
        "espeak-ng speech",
        f"  {took:.1f} s, {factor:.2f} x real time, worker start included (bar: under "
        f"{SPEECH_BAR} x: {'met' if factor < SPEECH_BAR else 'NOT met'})",
    ]


def store_costs(now: datetime) -> list[str]:
    """Time the store on a SQLite file and on PostgreSQL side by side: one save, a home rerun
    with 200 applications, and 20 people saving at once for a while (throughput, p95, and a
    count of what was kept against what was acknowledged)."""
    binaries = find_binaries()
    if binaries is None:
        return ["Store: PostgreSQL not timed: its programs are not installed"]
    server = PostgresServer(binaries).start()
    try:
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
            targets = {
                "SQLite file": str(Path(folder) / "coach.db"),
                "PostgreSQL": server.create_database("coach_bench"),
            }
            lines = [
                f"Store: SQLite against PostgreSQL (loopback), {CONCURRENT_USERS} people saving "
                f"for {CONCURRENT_SECONDS} s",
                f"  {'database':<12}  {'save ms':>8}  {'home ms':>8}  {'saves/s':>8}  "
                f"{'p95 ms':>7}  {'kept':>11}  {'refused':>7}",
            ]
            for name, target in targets.items():
                save = _one_save(target, now)
                home = _home_rerun(target, now)
                rate, p95, kept, acknowledged, refused = _concurrent_saves(target, now)
                lines.append(
                    f"  {name:<12}  {save * 1000:>8.1f}  {home * 1000:>8.1f}  {rate:>8.1f}  "
                    f"{p95 * 1000:>7.1f}  {kept:>5}/{acknowledged:<5}  {refused:>7}"
                )
            lines.append(
                "  kept: saves in the database / saves acknowledged; refused: saves the store "
                "refused with a message (too busy), none of them written"
            )
    finally:
        server.stop()
    return lines


def _one_save(target: str, now: datetime) -> float:
    """The median of 20 one-click changes of one application."""
    store = open_store(target, owner="bench|one")
    app = store.create(synthetic_applications(1, now)[0])
    times = []
    for number in range(20):
        start = time.perf_counter()
        store.change(app.id, went_well=f"round {number}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _home_rerun(target: str, now: datetime) -> float:
    """The median of 7 AppTest reruns of home for someone with 200 applications."""
    hosted = target.startswith("postgresql")
    owner = "bench|home" if hosted else LOCAL_OWNER  # the local app's one user
    store = open_store(target, owner=owner)
    for app in synthetic_applications(PAGE_APPLICATIONS, now):
        store.create(app)
    issuer, subject = owner.split("|")
    saved = {
        name: os.environ.get(name) for name in ("COACH_MODE", "COACH_DATABASE_URL", "COACH_DB")
    }
    if hosted:
        os.environ.update(COACH_MODE="hosted", COACH_DATABASE_URL=target)
    else:
        os.environ.update(COACH_MODE="local", COACH_DB=target)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.secrets["auth"] = BENCH_AUTH
        at.user = {"is_logged_in": True, "iss": issuer, "sub": subject}
        at.run()
        times = []
        for _ in range(RERUNS):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return statistics.median(times)


def _concurrent_saves(target: str, now: datetime) -> tuple[float, float, int, int, int]:
    """Run CONCURRENT_USERS threads, each its own person saving notes for CONCURRENT_SECONDS;
    return saves a second, the 95th percentile of a save, how many saves the database holds
    against how many were acknowledged, and how many were refused (StoreError: too busy)."""
    stores = [open_store(target, owner=f"bench|user{n}") for n in range(CONCURRENT_USERS)]
    apps = [
        store.create(synthetic_applications(1, now, seed=n)[0]) for n, store in enumerate(stores)
    ]
    latencies: list[float] = []
    acknowledged = [0] * CONCURRENT_USERS
    refused = [0] * CONCURRENT_USERS
    deadline = time.perf_counter() + CONCURRENT_SECONDS

    def work(number: int) -> None:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                stores[number].log_contact(
                    apps[number].id,
                    Contact(
                        interviewer_id=apps[number].interviewers[0].id, kind="follow_up", at=now
                    ),
                )
            except StoreError:  # the page would say so; nothing was written
                refused[number] += 1
                continue
            latencies.append(time.perf_counter() - start)
            acknowledged[number] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(CONCURRENT_USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = sum(
        len(store.get(app.id).contacts) - len(app.contacts)
        for store, app in zip(stores, apps, strict=True)
    )
    ordered = sorted(latencies)
    return (
        len(latencies) / CONCURRENT_SECONDS,
        ordered[int(0.95 * (len(ordered) - 1))],
        kept,
        sum(acknowledged),
        sum(refused),
    )


def main() -> None:
    """Run every part and print the table."""
    now = datetime.now(UTC)
    print(
        f"Follow-Up Coach benchmark, {now:%Y-%m-%d %H:%M} UTC · Python "
        f"{platform.python_version()} · streamlit {version('streamlit')} · altair "
        f"{version('altair')} · {platform.machine()}, {os.cpu_count()} CPUs"
    )
    parts = (
        lambda: chart_costs(now),
        lambda: page_costs(now),
        lambda: import_costs(now),
        lambda: insight_costs(now),
        composer_costs,
        capture_costs,
        lambda: store_costs(now),
    )
    for part in parts:
        print()
        print("\n".join(part()), flush=True)


if __name__ == "__main__":
    main()
