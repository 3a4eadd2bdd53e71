"""Follow-Up Coach: the frame around the pages."""

import streamlit as st

from lib.ui_support import PAGES, bootstrap

st.set_page_config(page_title="Follow-Up Coach", page_icon=":material/mark_email_read:")
# Navigation first: it must be registered before bootstrap() looks for a page run on its own.
page = st.navigation(
    [
        st.Page(path, title=title, icon=icon, default=index == 0)
        for index, (path, title, icon) in enumerate(PAGES)
    ]
)
store = bootstrap()
with st.sidebar:
    where = "this browser tab only" if store.in_memory else str(store.path)
    st.caption(f"Your data: {where}")
page.run()
