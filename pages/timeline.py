"""Timeline: every step of the open applications on one chart, then the next actions by due."""

from functools import partial

import streamlit as st

from lib.calendar_export import calendar_file, file_name
from lib.charts import STATUS_LABELS
from lib.model import OPEN_STATUS, Application
from lib.overview import (
    STATUS_NAMES,
    ActionRow,
    by_application,
    done_fields,
    matches,
)
from lib.store import StoreError
from lib.text import escape_markdown, plural
from lib.ui_plans import planned
from lib.ui_support import (
    bootstrap,
    browser_timezone,
    browser_zone,
    flash,
    page_link,
    show_counts,
)

store = bootstrap()
CHART_ROWS = 25  # applications drawn; past that the chart gets too tall to read
APPLICATIONS_PER_PAGE = 10
PAGE_KEY = "timeline_page"
STATUS_BADGES = {
    "overdue": ":red-badge[Overdue]",
    "due": ":orange-badge[Due now]",
    "upcoming": ":blue-badge[Upcoming]",
}
STATUS_ICONS = {
    "overdue": ":material/error:",
    "due": ":material/schedule:",
    "upcoming": ":material/event:",
}
STEP_ICONS = {
    "thank_you": ":material/mail:",
    "follow_up": ":material/schedule_send:",
    "references": ":material/checklist:",
    "move_on": ":material/logout:",
}
DONE_HELP = {
    "references": "Record that your references know a call may come (N2).",
    "move_on": "Record that you moved on: the application closes, its people stay in your network.",
}
DONE_MESSAGES = {
    "references": "References noted for {company}.",
    "move_on": "Moved on from {company}.",
}
CALENDAR_MIME = "text/calendar"
URGENCY = ("overdue", "due", "upcoming")
TABLE_COLUMNS = {  # who and which company first: a phone shows only the first columns
    "Step": st.column_config.TextColumn(width=115),
    "Who": st.column_config.TextColumn(width=130),
    "Company": st.column_config.TextColumn(width=140),
    "Due": st.column_config.TextColumn(width=145),
    "Time left": st.column_config.TextColumn(width=100),
    "Status": st.column_config.TextColumn(width=85),
    "Rule": st.column_config.TextColumn(width=55, help="The playbook's rule for this step."),
}


def record_done(row: ActionRow) -> None:
    """Record a step done with one click (references told, or moving on), then show the page."""
    try:
        store.change(row.application_id, **done_fields(row.kind))
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
        return
    flash(DONE_MESSAGES[row.kind].format(company=escape_markdown(row.company)), ":material/check:")
    st.rerun()


def calendar_download(apps: list[Application], key: str, label: str) -> None:
    """Offer the pending steps of some open applications as a calendar file, built on click."""
    st.download_button(
        label,
        partial(calendar_file, tuple(apps), moment),
        file_name=file_name(apps),
        mime=CALENDAR_MIME,
        key=key,
        icon=":material/calendar_month:",
        on_click="ignore",
        help="Every pending step as a calendar event, with a reminder an hour before.",
    )


def show_row(row: ActionRow) -> None:
    """One pending step: what, for whom and when, with the quick actions that fit it."""
    person = f" to {escape_markdown(row.person)}" if row.person else ""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(
            f"{STATUS_BADGES[row.status]} **{row.step}**{person}  \n"
            f":gray[Due {row.due_text} ({row.time_left}) · {row.rule}]",
            width="stretch",
        )
        label = "Go to the draft" if row.drafted else "Open"
        page_link(row.page, label, STEP_ICONS[row.kind], row.application_id)
        if row.can_mark_done and st.button(
            "Mark done",
            key=f"timeline_done_{row.application_id}_{row.kind}",
            icon=":material/done:",
            help=DONE_HELP[row.kind],
        ):
            record_done(row)


st.title("Timeline")
st.caption(
    "Every step of every open application, soonest first: thank-you notes, references, "
    "follow-ups and the moment to move on."
)

view = planned(store)  # read and planned again only when something changed (or says why not)
everything = view.applications
if not everything:
    st.info(
        "No applications yet. Right after your next interview, write down who you met and what "
        "you talked about: the coach dates the thank-you notes, the follow-ups and the moment "
        "to move on, and they all show up here.",
        icon=":material/timeline:",
    )
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

status_column, search_column = st.columns(2)
statuses = status_column.multiselect(
    "Status",
    list(STATUS_NAMES),
    default=[OPEN_STATUS],
    format_func=STATUS_NAMES.__getitem__,
    key="timeline_status",
    placeholder="Choose one or more statuses",
)
search = search_column.text_input(
    "Search company or role", key="timeline_search", placeholder="For example: Northwind"
)
shown = [app for app in everything if matches(app, statuses, search)]
if not shown:
    if search.strip():
        st.info(
            f"No application matches “{escape_markdown(search.strip())}” with these statuses. "
            "Clear the search or choose more statuses.",
            icon=":material/search_off:",
        )
    elif not statuses:
        st.info("Choose at least one status to see applications.", icon=":material/filter_alt:")
    else:
        st.info(
            "No application with these statuses. Choose more statuses above, or add your next "
            "interview.",
            icon=":material/filter_alt:",
        )
        page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

moment = view.moment
zone = browser_zone()
show_counts(view.summary(shown, zone))

open_apps = [app for app in shown if app.status == OPEN_STATUS]
rows = view.next_actions(open_apps, zone)
if open_apps:
    chart = view.chart(open_apps, zone, CHART_ROWS)  # built once until something changes
    st.vega_lite_chart(spec=chart.spec, width="stretch", height=chart.height)
    shown_rows = min(chart.rows, CHART_ROWS)
    note = f"Times in your timezone ({browser_timezone()}). Hover a point for its rule."
    if chart.rows > shown_rows:
        note = (
            f"The {shown_rows} most pressing of {chart.rows} open applications; search "
            f"to narrow it down. {note}"
        )
    st.caption(note)
    calendar_download(open_apps, "timeline_ics_all", "Download calendar (.ics)")
else:
    st.info(
        "None of these applications is open, so nothing is planned. Choose “Open” in the "
        "status filter to see what is next.",
        icon=":material/event_available:",
    )

if open_apps:
    st.subheader("Next actions", divider="gray")
    if not rows:
        st.success(
            "Nothing pending: every step of these applications is done. Wait for their answer.",
            icon=":material/check_circle:",
        )
    else:
        st.dataframe(
            [
                {
                    "Step": row.step,
                    "Who": row.person,
                    "Company": row.company,
                    "Due": row.due_text,
                    "Time left": row.time_left,
                    "Status": STATUS_LABELS[row.status],
                    "Role": row.role,
                    "Rule": row.rule,
                }
                for row in rows
            ],
            hide_index=True,
            width="stretch",
            column_config=TABLE_COLUMNS,
            key="timeline_table",
        )
        st.subheader("Quick actions", divider="gray")
        st.caption("Each application with its soonest step first. Open one to act on it.")
        groups = list(by_application(rows).items())
        pages = -(-len(groups) // APPLICATIONS_PER_PAGE)
        listing = st.container()
        if st.session_state.get(PAGE_KEY, 1) > pages:
            st.session_state[PAGE_KEY] = 1
        number = st.pagination(pages, key=PAGE_KEY) if pages > 1 else 1
        by_id = {app.id: app for app in open_apps}
        first = (number - 1) * APPLICATIONS_PER_PAGE
        with listing:
            for index, (app_id, steps) in enumerate(groups[first : first + APPLICATIONS_PER_PAGE]):
                app = by_id[app_id]
                worst = min(steps, key=lambda row: URGENCY.index(row.status))
                label = (
                    f"{escape_markdown(app.company)}: {escape_markdown(app.role)} · "
                    f"{plural(len(steps), 'step')}, next due {steps[0].due_text}"
                )
                box = st.expander(
                    label,
                    icon=STATUS_ICONS[worst.status],
                    expanded=index == 0,
                    key=f"timeline_open_{app.id}",
                    on_change="rerun",  # a closed application's steps are not drawn at all
                )
                if box.open:
                    with box:
                        for row in steps:
                            show_row(row)
                        calendar_download(
                            [app], f"timeline_ics_{app.id}", "Download its calendar (.ics)"
                        )

closed = [app for app in shown if app.status != OPEN_STATUS]
if closed:
    st.subheader("Closed applications", divider="gray")
    st.dataframe(
        [
            {
                "Company": app.company,
                "Role": app.role,
                "Status": STATUS_NAMES[app.status],
                "Interview": app.interview_at.astimezone(zone).strftime("%a %d %b %Y"),
            }
            for app in closed
        ],
        hide_index=True,
        width="stretch",
        key="timeline_closed",
    )
