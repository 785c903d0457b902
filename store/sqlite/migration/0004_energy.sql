-- Energy follow-up of buildings: weather stations and their temperatures,
-- buildings' energy attributes, meters, readings in monthly blocks, and the
-- alerts of abnormal operation. Yearly figures are ordinary observations.
-- Keep in step with store/postgres/migration/0004_energy.sql.

ALTER TABLE batch ADD COLUMN meters_added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN meters_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN meters_unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN readings_added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN readings_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN readings_unchanged INTEGER NOT NULL DEFAULT 0;

CREATE TABLE station (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL DEFAULT '',
	batch_id INTEGER NOT NULL REFERENCES batch (id)
);

-- A building entity's energy attributes; its area is the indicator
-- energi.areal.
CREATE TABLE building (
	entity_id     TEXT PRIMARY KEY REFERENCES entity (id),
	station       TEXT REFERENCES station (id),
	open_from     INTEGER NOT NULL DEFAULT 0,
	open_to       INTEGER NOT NULL DEFAULT 0,
	open_weekends INTEGER NOT NULL DEFAULT 0,
	heating_share REAL NOT NULL DEFAULT 0,
	batch_id      INTEGER NOT NULL REFERENCES batch (id)
);

CREATE TABLE meter (
	id          TEXT PRIMARY KEY,
	building_id TEXT NOT NULL REFERENCES building (entity_id),
	carrier     TEXT NOT NULL,
	main        INTEGER NOT NULL DEFAULT 1,
	price       REAL NOT NULL DEFAULT 0,
	note        TEXT NOT NULL DEFAULT '',
	batch_id    INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX meter_building_idx ON meter (building_id);

-- One meter's readings of one month: month is year*12 + month − 1; data
-- holds the values as watt-hours, delta- and varint-coded (see
-- store/sqlstore/reading.go), a few bytes a reading. A rowid table, not
-- WITHOUT ROWID: its leaf cells hold a month's 1–2 kB whole, where a
-- WITHOUT ROWID table would spill them to half-empty overflow pages
-- (6,4 against 2,7 bytes a reading, measured).
CREATE TABLE reading_block (
	id       INTEGER PRIMARY KEY,
	meter_id TEXT NOT NULL REFERENCES meter (id),
	month    INTEGER NOT NULL,
	step     TEXT NOT NULL CHECK (step IN ('hour', 'day', 'month')),
	data     BLOB NOT NULL,
	batch_id INTEGER NOT NULL REFERENCES batch (id),
	UNIQUE (meter_id, month)
);

CREATE TABLE reading_revision (
	sid               INTEGER PRIMARY KEY,
	meter_id          TEXT NOT NULL,
	month             INTEGER NOT NULL,
	step              TEXT NOT NULL,
	data              BLOB NOT NULL,
	batch_id          INTEGER NOT NULL REFERENCES batch (id),
	replaced_at       TIMESTAMP NOT NULL,
	replaced_by_batch INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX reading_revision_key_idx ON reading_revision (meter_id, month);

-- Daily mean temperature; day is YYYYMMDD.
CREATE TABLE temperature (
	station  TEXT NOT NULL REFERENCES station (id),
	day      INTEGER NOT NULL,
	mean     REAL NOT NULL,
	flag     TEXT NOT NULL DEFAULT '',
	batch_id INTEGER NOT NULL REFERENCES batch (id),
	PRIMARY KEY (station, day)
) WITHOUT ROWID;

CREATE TABLE temperature_normal (
	station  TEXT NOT NULL REFERENCES station (id),
	period   TEXT NOT NULL,
	month    INTEGER NOT NULL,
	day      INTEGER NOT NULL,
	mean     REAL NOT NULL,
	batch_id INTEGER NOT NULL REFERENCES batch (id),
	PRIMARY KEY (station, period, month, day)
) WITHOUT ROWID;

-- What detection found; days are YYYYMMDD, end_day 0 while open. The
-- state and comment are the user's; energy_alert_change keeps their
-- history.
CREATE TABLE energy_alert (
	id          INTEGER PRIMARY KEY,
	building_id TEXT NOT NULL,
	meter_id    TEXT NOT NULL,
	kind        TEXT NOT NULL,
	start_day   INTEGER NOT NULL,
	end_day     INTEGER NOT NULL DEFAULT 0,
	excess_kwh  REAL NOT NULL DEFAULT 0,
	excess_nok  REAL NOT NULL DEFAULT 0,
	detail      TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL DEFAULT 'ny',
	comment     TEXT NOT NULL DEFAULT '',
	resolved_on INTEGER NOT NULL DEFAULT 0,
	avoided_kwh REAL NOT NULL DEFAULT 0,
	updated_by  TEXT NOT NULL DEFAULT '',
	updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX energy_alert_meter_idx ON energy_alert (meter_id, kind);
CREATE INDEX energy_alert_building_idx ON energy_alert (building_id);

CREATE TABLE energy_alert_change (
	sid      INTEGER PRIMARY KEY,
	alert_id INTEGER NOT NULL REFERENCES energy_alert (id),
	state    TEXT NOT NULL,
	comment  TEXT NOT NULL,
	username TEXT NOT NULL,
	at       TIMESTAMP NOT NULL
);
CREATE INDEX energy_alert_change_idx ON energy_alert_change (alert_id);
