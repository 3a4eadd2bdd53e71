"""Checklist: every rule of the playbook for one application, ticked from your data."""

import streamlit as st

from lib.checklist import ItemState, checklist, next_action
from lib.guidance import SOURCES, STAGES
from lib.overview import PAGES, STEP_LINKS
from lib.store import StoreError
from lib.text import escape_markdown
from lib.ui_support import bootstrap, browser_zone, flash, now, page_link, pick_application
from lib.ui_timezone import zone_note

store = bootstrap()
STATE_ICONS: dict[ItemState, str] = {
    "done": ":material/check_circle:",
    "todo": ":material/radio_button_unchecked:",
    "missed": ":material/cancel:",
    "warning": ":material/warning:",
    "guide": ":material/menu_book:",
}
NEEDS_ATTENTION: set[ItemState] = {"todo", "missed", "warning"}

st.title("Checklist")
picked = pick_application(store, "checklist_app")
if picked is None:
    st.info("No interviews on record yet. Start with your notes.", icon=":material/checklist:")
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

app = store.get(picked)
moment = now()
action = next_action(app, moment, zone=browser_zone())
show = {"overdue": st.error, "due": st.warning}.get(action.urgency or "", st.info)
show(f"**Next:** {escape_markdown(action.text)}", icon=":material/arrow_forward:")
with st.container(horizontal=True):
    if action.kind in STEP_LINKS:
        page_link(PAGES[action.kind], *STEP_LINKS[action.kind], app.id)
    page_link("pages/notes.py", "Edit the notes", ":material/edit_note:", app.id)
zone_note(app.timezone, moment, shown_in="browser")  # the times below are in the browser's

items = checklist(app, moment, browser_zone())
done = sum(item.state == "done" for item in items)
ticked = sum(item.state != "guide" for item in items)
st.progress(done / ticked if ticked else 1.0, text=f"{done} of {ticked} checks done")

for stage, heading in STAGES.items():
    st.subheader(heading, divider="gray")
    for item in (item for item in items if item.rule.stage == stage):
        label = item.rule.title
        if item.state in NEEDS_ATTENTION and item.detail:
            label += f": {escape_markdown(item.detail)}"
        label += f" :gray[:small[{item.rule.id}]]"  # the rule's code: a secondary mark
        # the next step about references is ticked here: open its item
        opened = action.kind == "references" and item.rule.id == action.rule
        with st.expander(label, icon=STATE_ICONS[item.state], expanded=opened):
            if item.detail and item.state not in NEEDS_ATTENTION:
                st.markdown(f"**{escape_markdown(item.detail)}**")
            if item.rule.id == "N2":
                told = st.toggle(
                    "My references know a call may come",
                    value=app.references_notified,
                    key=f"checklist_references_{app.id}",
                )
                if told != app.references_notified:
                    try:
                        store.change(app.id, references_notified=told)
                    except StoreError as error:
                        st.error(str(error), icon=":material/error:")
                        st.stop()
                    flash("References noted.", ":material/check:")
                    st.rerun()
            st.write(item.rule.explanation)
            st.caption("Sources: " + "; ".join(SOURCES[name] for name in item.rule.sources))
