-- Access control: users and their roles, server-side sessions, API tokens
-- and login links, the append-only audit log, settings, and the personnel
-- mark on indicators. Keep in step with
-- store/postgres/migration/0003_access.sql.

-- Indicators whose figures are personnel data (sick leave, turnover…).
ALTER TABLE indicator ADD COLUMN personnel INTEGER NOT NULL DEFAULT 0;

-- A user. login is unique: a local name, or "oidc:ISSUER#SUBJECT".
-- password_hash is an argon2id PHC string, '' for none. Times are NULL
-- until they happen.
CREATE TABLE app_user (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL CHECK (source IN ('local', 'oidc')),
	password_hash TEXT NOT NULL DEFAULT '',
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TIMESTAMP NOT NULL,
	updated_at    TIMESTAMP NOT NULL,
	last_login    TIMESTAMP
);

-- A user's roles in order; units is the comma-separated unit scope of a
-- leder grant, '' for the other roles.
CREATE TABLE user_grant (
	user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	pos     INTEGER NOT NULL,
	role    TEXT NOT NULL CHECK (role IN ('leser', 'leder', 'analytiker', 'hr', 'administrator')),
	units   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (user_id, pos)
);

-- A logged-in browser. id is the SHA-256 of the cookie's secret.
CREATE TABLE session (
	id         TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	address    TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL
);
CREATE INDEX session_expires_idx ON session (expires_at);
CREATE INDEX session_user_idx ON session (user_id);

-- An API token or a one-time login link; hash is the SHA-256 of the
-- secret, prefix its first characters.
CREATE TABLE token (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('api', 'login')),
	name       TEXT NOT NULL DEFAULT '',
	hash       TEXT NOT NULL UNIQUE,
	prefix     TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP,
	last_used  TIMESTAMP,
	revoked_at TIMESTAMP
);
CREATE INDEX token_user_idx ON token (user_id);

-- The audit log. actor is a login as text, not a key, so that the log
-- outlives the users it names.
CREATE TABLE audit_event (
	id       INTEGER PRIMARY KEY,
	time     TIMESTAMP NOT NULL,
	actor    TEXT NOT NULL DEFAULT '',
	address  TEXT NOT NULL DEFAULT '',
	action   TEXT NOT NULL,
	object   TEXT NOT NULL DEFAULT '',
	batch_id INTEGER NOT NULL DEFAULT 0,
	detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_time_idx ON audit_event (time);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, action, time);

-- Append-only: the database itself refuses to change or remove a line.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres');
END;

-- Settings as key–value pairs.
CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
