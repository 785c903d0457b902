package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/internal/pgtest"
)

var server *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m, &server)) }

// TestPostgres_SameAsSQLite runs the demo on PostgreSQL and checks that
// the scorecard and the export equal those from SQLite, and that a failed
// import changes nothing there either.
func TestPostgres_SameAsSQLite(t *testing.T) {
	pg := map[string]string{"VIRK_DB": server.NewDatabase(t), "VIRK_USER": "test"}
	_, lite := demoDB(t)
	r := mustRun(t, pg, "demo")
	if !strings.Contains(r.stdout, "3553 observasjoner") {
		t.Errorf("demo on PostgreSQL:\n%.300s", r.stdout)
	}
	for _, args := range [][]string{
		{"kpi", "--format", "json"},
		{"kpi", "--format", "csv"},
		{"export", "--format", "csv"},
		{"indicators"},
	} {
		a, b := mustRun(t, lite, args...), mustRun(t, pg, args...)
		if a.stdout != b.stdout {
			t.Errorf("virk %s differs between SQLite and PostgreSQL", strings.Join(args, " "))
		}
	}

	before := mustRun(t, pg, "export").stdout
	bad := writeFile(t, filepath.Join(t.TempDir(), "feil.csv"), []byte("indicator;entity;period;value\narsverk;digit;2019;110,5\narsverk;digit;2020;x\n"))
	r = virkCmd(t, pg, "import", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "feil.csv:3:4") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if after := mustRun(t, pg, "export").stdout; after != before {
		t.Error("a failed import changed the PostgreSQL database")
	}
	if r := mustRun(t, pg, "demo"); !strings.Contains(r.stdout, "ingenting er endret") {
		t.Errorf("second demo on PostgreSQL:\n%.300s", r.stdout)
	}
}
