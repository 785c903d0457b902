-- Stored peer groups: SSB's KOSTRA groups and the analyst's own, picked by
-- id in reports, on the command line and on the web. Keep in step with
-- store/sqlite/migration/0002_peer_group.sql. Ids sort bytewise
-- (COLLATE "C"), as in SQLite.

-- One group. source is 'kostra' or 'egen'; batch_id is the change that
-- stored it, so that the data version moves with the groups.
CREATE TABLE peer_group (
	id       TEXT COLLATE "C" PRIMARY KEY,
	name     TEXT NOT NULL,
	source   TEXT NOT NULL CHECK (source IN ('kostra', 'egen')),
	note     TEXT NOT NULL DEFAULT '',
	batch_id BIGINT NOT NULL REFERENCES batch (id)
);

-- A group's members in the order stored: a municipality number or entity
-- id, and the years of membership (0 for open).
CREATE TABLE peer_group_member (
	group_id   TEXT COLLATE "C" NOT NULL REFERENCES peer_group (id),
	pos        INTEGER NOT NULL,
	ref        TEXT NOT NULL,
	valid_from INTEGER NOT NULL DEFAULT 0,
	valid_to   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (group_id, pos)
);
