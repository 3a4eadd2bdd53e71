#!/bin/sh
# Run once by the postgres image on an empty data folder (compose.yaml): the app's own role,
# which owns its tables but is no superuser and cannot bypass row-level security, and its
# database. The app creates and migrates its tables itself on its first start.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres -v password="$COACH_DB_PASSWORD" <<'SQL'
CREATE ROLE coach_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE coach OWNER coach_app;
SQL
