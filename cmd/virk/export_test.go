package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport_RoundTrip exports the demo data as CSV, XLSX and JSON-stat and imports
// each file back: every observation must come back unchanged.
func TestExport_RoundTrip(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx", "jsonstat"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "eksport."+format)
			mustRun(t, env, "export", "--format", format, "-o", out)
			r := mustRun(t, env, "import", out)
			if !strings.Contains(r.stdout, "Ingen endringer") {
				t.Errorf("re-import of the export changed something:\n%s", r.stdout)
			}
			// 3 553 observations in the demo, all unchanged: 229 from its
			// files, 12 building areas, 220 energy figures (11 buildings ×
			// 5 years × 4 indicators), 2 484 figures of the HR extract, 405
			// of the workforce projection (3 areas × (3 × 23 + 3 × 22)) and
			// 203 of the project portfolio.
			if !strings.Contains(r.stdout, "Observasjoner    0        0     3\u00a0553") {
				t.Errorf("re-import did not see the 3 553 demo observations:\n%s", r.stdout)
			}
		})
	}
}

// TestExport_Filter checks that --indicator and --entity cut the export,
// and that a failed export leaves an existing file alone.
func TestExport_Filter(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "export", "--indicator", "arsverk", "--entity", "digit")
	want := "\ufeffindicator;entity;period;value;status;source\n" +
		"arsverk;digit;2014;86,1;;2-2-2-arsverk.csv\n" +
		"arsverk;digit;2015;94,1;;2-2-2-arsverk.csv\n" +
		"arsverk;digit;2016;90,6;;2-2-2-arsverk.csv\n" +
		"arsverk;digit;2017;85,8;;2-2-2-arsverk.csv\n" +
		"arsverk;digit;2018;104,4;;2-2-2-arsverk.csv\n"
	if r.stdout != want {
		t.Errorf("got\n%s\nwant\n%s", r.stdout, want)
	}

	out := writeFile(t, filepath.Join(t.TempDir(), "gammel.csv"), []byte("gammel"))
	r = virkCmd(t, env, "export", "--from", "2018x", "-o", out)
	if r.code != 2 {
		t.Errorf("exit %d, want 2: %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "gammel" {
		t.Errorf("a failed export overwrote %s", out)
	}
}

// TestImport_SSB imports real SSB JSON-stat files through the command: the
// population of every municipality by role, and KOSTRA table 12367 (no geo
// role) cut to one accounting scope with a mapping file. A second run
// changes nothing.
func TestImport_SSB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db}
	pop := "../../jsonstat/testdata/ssb/ssb-07459-befolkning-kommuner-2022.json"
	r := mustRun(t, env, "import", pop)
	if !strings.Contains(r.stdout, "Observasjoner  359") {
		t.Errorf("07459:\n%s", r.stdout)
	}
	mp := writeFile(t, filepath.Join(t.TempDir(), "omfang-a.json"), []byte(`{"fixed": {"KOKregnskapsomfa0000": "A"}}`))
	kostra := "../../jsonstat/testdata/ssb/ssb-12367-kostra-driftsregnskap.json"
	r = mustRun(t, env, "import", "--map", mp, kostra)
	if !strings.Contains(r.stdout, "Observasjoner  625") {
		t.Errorf("12367 with scope A:\n%s", r.stdout)
	}
	for _, args := range [][]string{{"import", pop}, {"import", "--map", mp, kostra}} {
		if r := mustRun(t, env, args...); !strings.Contains(r.stdout, "Ingen endringer") {
			t.Errorf("re-import:\n%s", r.stdout)
		}
	}
	// Halden (3001) 2020, function 120, art AGD2: 73 247 (1000 kr).
	r = mustRun(t, env, "kpi", "--format", "csv", "--entity", "ssb-3001", "--from", "2020")
	if !strings.Contains(r.stdout, ";2020;73247;") {
		t.Errorf("Halden 2020 lacks 73247:\n%.600s", r.stdout)
	}
	bad := writeFile(t, filepath.Join(t.TempDir(), "feil.json"), []byte(`{"fixed": {"Finnes": "A"}}`))
	if r := virkCmd(t, env, "import", "--map", bad, kostra); r.code != 1 || !strings.Contains(r.stderr, "Finnes") {
		t.Errorf("unknown dimension in the mapping: exit %d\n%s", r.code, r.stderr)
	}
}

// TestImport_PX imports PC-Axis files through the command: a good SSB
// file, one the PxWeb suite says imports with a warning, and one it says
// must be refused, which leaves the database unchanged.
func TestImport_PX(t *testing.T) {
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db}
	dir := "../../../shared/data/px/pxweb-example/"
	r := mustRun(t, env, "import", dir+"BE0101F1datasymbols.px")
	if !strings.Contains(r.stdout, "Lagret som batch 1") {
		t.Fatalf("BE0101F1datasymbols.px:\n%s", r.stdout)
	}
	r = mustRun(t, env, "import", dir+"error/continue/BE0101F1errorCellnote.px")
	if !strings.Contains(r.stderr, "Advarsel: BE0101F1errorCellnote.px:") {
		t.Errorf("no warning for a file with a bad cell note:\n%s", r.stderr)
	}
	before := readFile(t, db)
	r = virkCmd(t, env, "import", dir+"error/fatal/BE0101F1errorVarValue.px")
	if r.code != 1 || !strings.Contains(r.stderr, "BE0101F1errorVarValue.px:18: VALUES") {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Error("a refused PX file changed the database")
	}
}

// TestImport_PXWeeksAndFixedPeriod imports SSB's weekly salmon table
// (2023U29) and INE's 14001, which has no time variable and takes its
// year from the mapping file; the week is stored, exported and read back
// unchanged.
func TestImport_PXWeeksAndFixedPeriod(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	shared := "../../../shared/data/px/"
	m := filepath.Join(dir, "m.json")
	os.WriteFile(m, []byte(`{"entity_id": "baerum"}`), 0o644)
	r := mustRun(t, env, "import", "--map", m, shared+"pcaxis-serializers/WeeklyStatisticsWithTwoContent.px")
	if !strings.Contains(r.stdout, "Lagret som batch") {
		t.Fatalf("weekly file:\n%s\n%s", r.stdout, r.stderr)
	}
	out := filepath.Join(dir, "uker.csv")
	mustRun(t, env, "export", "--entity", "baerum", "--from", "2023W01", "--to", "2023W52", "-o", out)
	got := readFile(t, out)
	for _, want := range []string{";baerum;2023W29;17898;", ";baerum;2023W29;92,67;", ";baerum;2023W29;105,03;"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("export lacks %q:\n%s", want, got)
		}
	}
	if r := mustRun(t, env, "import", out); !strings.Contains(r.stdout, "Ingen endringer") {
		t.Errorf("re-import of the weekly export changed something:\n%s", r.stdout)
	}
	os.WriteFile(m, []byte(`{"entity_id": "baerum", "period_id": "2018"}`), 0o644)
	r = mustRun(t, env, "import", "--map", m, shared+"pyaxis/14001.px")
	if !strings.Contains(r.stdout, "Lagret som batch") {
		t.Fatalf("14001.px:\n%s\n%s", r.stdout, r.stderr)
	}
}
