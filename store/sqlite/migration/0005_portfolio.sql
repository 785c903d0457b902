-- virk: foreign_keys off
-- Portfolio steering: projects are entities of kind project, under their
-- owner unit, with their register in project and its two lists, and the
-- benefits they are to realise. SQLite cannot change a CHECK constraint,
-- so entity is rebuilt with 'project' in its list of kinds, as SQLite's
-- documentation for other schema changes describes: this file runs with
-- foreign keys off and is checked with foreign_key_check before it
-- commits.
CREATE TABLE entity_new (
	sid        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	name_en    TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL CHECK (kind IN ('municipality', 'unit', 'building', 'group', 'project')),
	parent_sid INTEGER REFERENCES entity (sid),
	batch_id   INTEGER NOT NULL REFERENCES batch (id)
);
INSERT INTO entity_new (sid, id, name, name_en, kind, parent_sid, batch_id)
	SELECT sid, id, name, name_en, kind, parent_sid, batch_id FROM entity;
DROP TABLE entity;
ALTER TABLE entity_new RENAME TO entity;
CREATE INDEX entity_parent_idx ON entity (parent_sid);

ALTER TABLE batch ADD COLUMN projects_added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN projects_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN projects_unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN benefits_added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN benefits_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN benefits_unchanged INTEGER NOT NULL DEFAULT 0;

-- A project entity's register. Dates are yyyymmdd, 0 when not known.
CREATE TABLE project (
	entity_id      TEXT PRIMARY KEY REFERENCES entity (id),
	kind           TEXT NOT NULL CHECK (kind IN ('digitalisering', 'bygg')),
	phase          TEXT NOT NULL CHECK (phase IN ('idé', 'utredning', 'planlegging', 'gjennomføring', 'avsluttet')),
	start          INTEGER NOT NULL DEFAULT 0,
	planned_end    INTEGER NOT NULL DEFAULT 0,
	expected_end   INTEGER NOT NULL DEFAULT 0,
	priority       INTEGER NOT NULL DEFAULT 0,
	criticality    INTEGER NOT NULL DEFAULT 0,
	gain_potential INTEGER NOT NULL DEFAULT 0,
	note           TEXT NOT NULL DEFAULT '',
	batch_id       INTEGER NOT NULL REFERENCES batch (id)
);

-- The projects a project depends on, in the register's order.
CREATE TABLE project_dependency (
	project_id TEXT NOT NULL REFERENCES project (entity_id),
	pos        INTEGER NOT NULL,
	depends_on TEXT NOT NULL REFERENCES project (entity_id),
	PRIMARY KEY (project_id, pos)
);

-- The units where a project's benefits land, besides its owner.
CREATE TABLE project_beneficiary (
	project_id TEXT NOT NULL REFERENCES project (entity_id),
	pos        INTEGER NOT NULL,
	entity_id  TEXT NOT NULL REFERENCES entity (id),
	PRIMARY KEY (project_id, pos)
);

-- A benefit: a change of an indicator in a unit by a date, or, with no
-- indicator, a qualitative one described by its text.
CREATE TABLE benefit (
	id            TEXT PRIMARY KEY,
	project_id    TEXT NOT NULL REFERENCES project (entity_id),
	entity_id     TEXT NOT NULL REFERENCES entity (id),
	indicator_id  TEXT REFERENCES indicator (id),
	baseline      REAL NOT NULL DEFAULT 0,
	baseline_year INTEGER NOT NULL DEFAULT 0,
	target        REAL NOT NULL DEFAULT 0,
	due           INTEGER NOT NULL DEFAULT 0,
	text          TEXT NOT NULL DEFAULT '',
	batch_id      INTEGER NOT NULL REFERENCES batch (id)
);
CREATE INDEX benefit_project_idx ON benefit (project_id);
CREATE INDEX benefit_entity_idx ON benefit (entity_id);
