"""A throwaway page for the sign-in browser tests: st.login, st.user and st.logout, nothing else.

Served by tests/e2e/test_sign_in.py with secrets that point at the loopback provider
(tests/oidc/provider.mjs); not part of the app.
"""

import streamlit as st

if not st.user.is_logged_in:
    st.title("Signed out")
    if st.button("Sign in"):
        st.login()
else:
    st.title("Signed in")
    st.text(f"sub: {st.user.sub}")
    st.text(f"email: {st.user.email}")
    st.text(f"name: {st.user.name}")
    st.text(f"iss: {st.user.iss}")
    st.text(f"exp: {st.user.exp}")
    st.text(f"iat: {st.user.iat}")
    st.text(f"keys: {', '.join(sorted(st.user.to_dict()))}")
    if st.button("Sign out"):
        st.logout()
