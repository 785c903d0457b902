-- virk schema, SQLite dialect. Keep in step with
-- store/postgres/migration/0001_init.sql: same tables, columns and keys.
--
-- Indicators and entities have an integer surrogate key (sid) that the big
-- tables use, and keep their public text id unique. Periods are stored as
-- year*1000 + rank*100 + n (2018 → 2018000, 2018H1 → 2018101,
-- 2018Q3 → 2018203, 2018M07 → 2018307), so integer order is period order.

-- One applied import. Everything an import adds or changes points to it.
CREATE TABLE batch (
	id                   INTEGER PRIMARY KEY,
	username             TEXT NOT NULL DEFAULT '',
	created_at           TIMESTAMP NOT NULL,
	indicators_added     INTEGER NOT NULL DEFAULT 0,
	indicators_changed   INTEGER NOT NULL DEFAULT 0,
	indicators_unchanged INTEGER NOT NULL DEFAULT 0,
	entities_added       INTEGER NOT NULL DEFAULT 0,
	entities_changed     INTEGER NOT NULL DEFAULT 0,
	entities_unchanged   INTEGER NOT NULL DEFAULT 0,
	observations_added     INTEGER NOT NULL DEFAULT 0,
	observations_changed   INTEGER NOT NULL DEFAULT 0,
	observations_unchanged INTEGER NOT NULL DEFAULT 0,
	annotations_added     INTEGER NOT NULL DEFAULT 0,
	annotations_changed   INTEGER NOT NULL DEFAULT 0,
	annotations_unchanged INTEGER NOT NULL DEFAULT 0
);

-- The files a batch read, by content hash, so re-imports are recognised.
CREATE TABLE batch_file (
	batch_id INTEGER NOT NULL REFERENCES batch (id),
	pos      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	sha256   TEXT NOT NULL,
	PRIMARY KEY (batch_id, pos)
);
CREATE INDEX batch_file_sha256_idx ON batch_file (sha256);

-- The indicator catalogue. The kostra_* columns are all NULL when the
-- indicator has no KOSTRA reference.
CREATE TABLE indicator (
	sid             INTEGER PRIMARY KEY,
	id              TEXT NOT NULL UNIQUE,
	label_nb        TEXT NOT NULL,
	label_en        TEXT NOT NULL DEFAULT '',
	unit            TEXT NOT NULL DEFAULT '',
	decimals        INTEGER NOT NULL DEFAULT 0,
	direction       INTEGER NOT NULL DEFAULT 0 CHECK (direction BETWEEN -1 AND 1),
	category        TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL DEFAULT '',
	kostra_table    TEXT,
	kostra_function TEXT,
	kostra_type     TEXT,
	kostra_scope    TEXT,
	kostra_variable TEXT,
	formula         TEXT NOT NULL DEFAULT '',
	rollup          TEXT NOT NULL DEFAULT '',
	deflator        TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	batch_id        INTEGER NOT NULL REFERENCES batch (id) -- last added or changed by
);
CREATE INDEX indicator_category_idx ON indicator (category, id);

-- An indicator's targets, in the order the catalogue lists them.
CREATE TABLE indicator_target (
	indicator_sid INTEGER NOT NULL REFERENCES indicator (sid),
	pos           INTEGER NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('absolute', 'relative')),
	value         REAL NOT NULL,
	base_year     INTEGER NOT NULL DEFAULT 0,
	year          INTEGER NOT NULL DEFAULT 0,
	entity_id     TEXT NOT NULL DEFAULT '', -- public id; '' for every entity
	note          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_sid, pos)
);

-- Municipalities, organisational units, buildings and groups, as a tree.
CREATE TABLE entity (
	sid        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	name_en    TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL CHECK (kind IN ('municipality', 'unit', 'building', 'group')),
	parent_sid INTEGER REFERENCES entity (sid),
	batch_id   INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX entity_parent_idx ON entity (parent_sid);

-- An entity's official numbers over time (municipality-number history).
CREATE TABLE entity_code (
	entity_sid INTEGER NOT NULL REFERENCES entity (sid),
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	valid_from INTEGER NOT NULL DEFAULT 0,
	valid_to   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_sid, pos)
);
CREATE INDEX entity_code_code_idx ON entity_code (code);

-- Where figures come from, e.g. a file name or an SSB table.
CREATE TABLE source (
	sid  INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

-- The batch, source and status of observations. Most rows of an import
-- share all three, so observations point to one row here instead of
-- repeating them: rows stay small, and bulk loads and reads handle two
-- values fewer per row.
CREATE TABLE origin (
	sid        INTEGER PRIMARY KEY,
	batch_id   INTEGER NOT NULL REFERENCES batch (id),
	source_sid INTEGER REFERENCES source (sid),
	status     TEXT NOT NULL
		CHECK (status IN ('final', 'preliminary', 'suppressed', 'not_applicable', 'missing'))
);

-- The current value of each indicator for each entity and period. Keyed by
-- entity first, and without a rowid, so one entity's scorecard is one range
-- scan of the table itself. value is NULL when the status carries none.
-- The columns are not foreign keys on purpose: Apply checks them, and a
-- lookup per inserted row would slow bulk loads down by half.
CREATE TABLE observation (
	entity_sid    INTEGER NOT NULL,
	indicator_sid INTEGER NOT NULL,
	period        INTEGER NOT NULL,
	value         REAL,
	origin_sid    INTEGER NOT NULL,
	PRIMARY KEY (entity_sid, indicator_sid, period)
) WITHOUT ROWID;

-- Earlier versions of observations, kept when an import replaces them.
CREATE TABLE observation_revision (
	sid               INTEGER PRIMARY KEY,
	entity_sid        INTEGER NOT NULL REFERENCES entity (sid),
	indicator_sid     INTEGER NOT NULL REFERENCES indicator (sid),
	period            INTEGER NOT NULL,
	value             REAL,
	origin_sid        INTEGER NOT NULL REFERENCES origin (sid),
	replaced_at       TIMESTAMP NOT NULL,
	replaced_by_batch INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX observation_revision_key_idx
	ON observation_revision (entity_sid, indicator_sid, period);

-- Notes on series: breaks and comments, optionally for one entity (NULL
-- for all) and one period (NULL for the whole series).
CREATE TABLE annotation (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind IN ('break', 'comment')),
	indicator_sid INTEGER NOT NULL REFERENCES indicator (sid),
	entity_sid    INTEGER REFERENCES entity (sid),
	period        INTEGER,
	text          TEXT NOT NULL,
	author        TEXT NOT NULL DEFAULT '',
	created_at    TIMESTAMP NOT NULL,
	batch_id      INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX annotation_indicator_idx ON annotation (indicator_sid);
