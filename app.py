"""Follow-Up Coach: the frame around the pages."""

from lib.ui_support import bootstrap, build_navigation, show_frame

page = build_navigation()  # first: bootstrap() treats a missing navigation as a deep link
store = bootstrap()
show_frame(store)
page.run()
