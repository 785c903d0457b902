package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlstore"
	"modernc.org/sqlite"
)

// TestMigration_PortfolioKeepsData upgrades a database made by the
// migrations before 0005 and holding data that refers to entity: the
// rebuild of entity for the kind project keeps every row and every
// reference, and a project can be stored afterwards.
func TestMigration_PortfolioKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "virk.db")
	old := fstest.MapFS{}
	names, err := sqlstore.MigrationNames(Migrations())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if name >= "0005" {
			break
		}
		b, err := fs.ReadFile(Migrations(), name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = &fstest.MapFile{Data: b}
	}
	base, err := sqlite.NewConnector("file:" + path)
	if err != nil {
		t.Fatal(err)
	}
	pool := sql.OpenDB(connector{base})
	d := Dialect()
	d.Migrations = old
	db, err := sqlstore.New(ctx, pool, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO batch (id, username, created_at) VALUES (1, 'test', '2019-01-01T00:00:00Z')`,
		`INSERT INTO entity (sid, id, name, kind, parent_sid, batch_id) VALUES (1, 'baerum', 'Bærum kommune', 'municipality', NULL, 1), (2, 'eiendom', 'Eiendom', 'unit', 1, 1), (3, 'skole_a', 'A skole', 'building', 2, 1)`,
		`INSERT INTO indicator (sid, id, label_nb, batch_id) VALUES (1, 'arsverk', 'Årsverk', 1)`,
		`INSERT INTO origin (sid, batch_id, status) VALUES (1, 1, 'final')`,
		`INSERT INTO observation (entity_sid, indicator_sid, period, value, origin_sid) VALUES (2, 1, 2018000, 108.1, 1)`,
		`INSERT INTO building (entity_id, batch_id) VALUES ('skole_a', 1)`,
	} {
		if _, err := pool.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var tree []string
	for _, e := range ents {
		tree = append(tree, e.ID+"<"+e.ParentID+":"+string(e.Kind))
	}
	if got := strings.Join(tree, " "); got != "baerum<:municipality eiendom<baerum:unit skole_a<eiendom:building" {
		t.Errorf("entities after the migration: %s", got)
	}
	obs, err := st.FindObservations(ctx, virk.ObservationFilter{})
	if err != nil || len(obs) != 1 || obs[0].EntityID != "eiendom" || obs[0].Value != 108.1 {
		t.Errorf("observations after the migration: %v, %+v", err, obs)
	}
	if bs, err := st.FindBuildings(ctx); err != nil || len(bs) != 1 || bs[0].EntityID != "skole_a" {
		t.Errorf("buildings after the migration: %v, %+v", err, bs)
	}
	rows, err := st.SQL().QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("a dangling reference after the migration")
	}
	rows.Close()
	var fk int
	if err := st.SQL().QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys after the migration: %d, %v", fk, err)
	}
	cs := &virk.ChangeSet{
		Entities: []*virk.Entity{{ID: "oksenoya", Name: "Oksenøya senter", Kind: virk.KindProject, ParentID: "eiendom"}},
		Projects: []*virk.Project{{ID: "oksenoya", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution}},
	}
	if res, err := st.Apply(ctx, cs, virk.ApplyOptions{}); err != nil || res.Summary.Projects.Added != 1 {
		t.Fatalf("a project after the migration: %v, %+v", err, res)
	}
	// A reference to an entity that is not there is still refused.
	if _, err := st.SQL().ExecContext(ctx, `INSERT INTO project_beneficiary (project_id, pos, entity_id) VALUES ('oksenoya', 0, 'nope')`); err == nil {
		t.Error("foreign keys are not enforced after the migration")
	}
}
