"""The test PostgreSQL server (tests/postgres.py): real, private to the run, and reachable."""

from __future__ import annotations

from tests.postgres import APP_ROLE, PostgresServer


def test_the_server_answers_on_loopback_only_with_its_socket_in_its_folder(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    """The server started for the run listens on 127.0.0.1 alone, keeps its unix socket in its
    own temporary folder, and answers a query in the database made for the tests."""
    with postgres_server.connect("coach_tests") as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        (sockets,) = conn.execute("SHOW unix_socket_directories").fetchone()
        assert sockets == str(postgres_server.folder)
        (version,) = conn.execute("SHOW server_version_num").fetchone()
        assert int(version) >= 130000
        assert conn.execute("SELECT current_database()").fetchone() == ("coach_tests",)
    assert postgres_url.endswith(f"@127.0.0.1:{postgres_server.port}/coach_tests")


def test_the_app_connects_as_a_role_that_row_level_security_applies_to(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    """The store under test logs in as the app would on a host: not a superuser and without
    BYPASSRLS, so the tables' row-level policies hold for it."""
    assert postgres_url.startswith(f"postgresql+psycopg://{APP_ROLE}:")
    with postgres_server.connect() as conn:
        query = "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s"
        assert conn.execute(query, (APP_ROLE,)).fetchone() == (False, False)
