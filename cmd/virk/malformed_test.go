package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// malformedXLSX returns a workbook in the tidy layout whose cell D3 is not
// a number.
func malformedXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Ark1")
	rows := [][]any{
		{"indicator", "entity", "period", "value"},
		{"arsverk", "digit", 2019, 110.5},
		{"arsverk", "eiendom", 2019, "mange"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Ark1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImport_Malformed is Done means 3: a malformed file of each format,
// imported into the demo database, leaves it byte for byte unchanged, and
// the message names the file, the place and the fault. A good file in the
// same import is not stored either.
func TestImport_Malformed(t *testing.T) {
	good := []byte("indicator;entity;period;value\narsverk;digit;2019;110,5\n")
	tests := []struct {
		name string
		file string
		data func(t *testing.T) []byte
		want []string // each must be in the message
	}{
		{
			name: "CSV", file: "arsverk.csv",
			data: func(*testing.T) []byte {
				return []byte("indicator;entity;period;value\narsverk;digit;2019;110,5\narsverk;eiendom;2019;12,3,4\narsverk;eiendom;2020x;1\n")
			},
			want: []string{"arsverk.csv:3:4: verdien «12,3,4» er ikke et tall", "arsverk.csv:4:3: perioden «2020x» er ugyldig"},
		},
		{
			name: "CSVUnknownIndicator", file: "ukjent.csv",
			data: func(*testing.T) []byte {
				return []byte("indicator;entity;period;value\narsverkk;digit;2019;110,5\n")
			},
			want: []string{"ukjent.csv:2:1", "arsverkk", "arsverk"},
		},
		{
			name: "XLSX", file: "arsverk.xlsx", data: malformedXLSX,
			want: []string{"arsverk.xlsx:Ark1!D3", "«mange» er ikke et tall"},
		},
		{
			name: "Catalogue", file: "katalog.json",
			data: func(*testing.T) []byte {
				return []byte(`{"indicators": [{"id": "ny", "label_nb": "Ny", "unit": {"name": "kr"}}]}`)
			},
			want: []string{"katalog.json:1:", "indicators[0].unit", "forventet en tekst"},
		},
		{
			name: "JSONStat", file: "ssb.json",
			data: func(*testing.T) []byte {
				// size says 3 cells, value has 2.
				return []byte(`{"version": "2.0", "class": "dataset", "id": ["Tid"], "size": [3],
 "dimension": {"Tid": {"category": {"index": ["2016", "2017", "2018"]}}}, "role": {"time": ["Tid"]},
 "value": [1, 2]}`)
			},
			want: []string{"ssb.json", "value"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, env := demoDB(t)
			dir := t.TempDir()
			goodFile := writeFile(t, filepath.Join(dir, "god.csv"), good)
			bad := writeFile(t, filepath.Join(dir, tt.file), tt.data(t))
			before := readFile(t, db)

			r := virkCmd(t, env, "import", goodFile, bad)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, "ingenting er lagret") {
				t.Errorf("message does not say that nothing is stored:\n%s", r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("message lacks %q:\n%s", w, r.stderr)
				}
			}
			if after := readFile(t, db); !bytes.Equal(before, after) {
				t.Errorf("the failed import changed the database")
			}
			// The good file alone goes in, so the failure was the bad file's.
			if r := mustRun(t, env, "import", goodFile); !strings.Contains(r.stdout, "Lagret som batch") {
				t.Errorf("good file alone: %s", r.stdout)
			}
		})
	}
}

// TestImport_DryRunAndRepeat checks --dry-run, a changed value kept as a
// revision, and that re-importing the same file says so.
func TestImport_DryRunAndRepeat(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	// digit 2018 is stored as 104,4; 2019 is new.
	f := writeFile(t, filepath.Join(dir, "arsverk.csv"), []byte("indicator;entity;period;value\narsverk;digit;2018;105\narsverk;digit;2019;110,5\n"))

	// A dry run stores no data; it writes one line to the audit log.
	before := mustRun(t, env, "export", "--format", "csv").stdout
	r := mustRun(t, env, "import", "--dry-run", f)
	for _, w := range []string{"Prøvekjøring", "digit / 2018: 104,4 → 105"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("dry run lacks %q:\n%s", w, r.stdout)
		}
	}
	if after := mustRun(t, env, "export", "--format", "csv").stdout; after != before {
		t.Error("--dry-run changed the stored figures")
	}
	if b := mustRun(t, env, "batches").stdout; strings.Contains(b, f) {
		t.Errorf("--dry-run stored a batch:\n%s", b)
	}

	r = mustRun(t, env, "import", f)
	if !strings.Contains(r.stdout, "Lagret som batch 2") {
		t.Errorf("import:\n%s", r.stdout)
	}
	r = mustRun(t, env, "import", f)
	if !strings.Contains(r.stdout, "Ingen endringer") || !strings.Contains(r.stdout, "batch 2") {
		t.Errorf("re-import does not say it is a no-op of batch 2:\n%s", r.stdout)
	}
	r = mustRun(t, env, "revisions", "--entity", "digit")
	if !strings.Contains(r.stdout, "arsverk") || !strings.Contains(r.stdout, "104,4") || !strings.Contains(r.stdout, "test") {
		t.Errorf("revisions does not list the replaced 104,4 of batch 1:\n%s", r.stdout)
	}
	r = mustRun(t, env, "kpi", "--format", "csv", "--indicator", "arsverk", "--entity", "digit", "--from", "2019")
	if !strings.Contains(r.stdout, ";2019;110,5;") {
		t.Errorf("kpi lacks the imported 2019 value:\n%s", r.stdout)
	}
}
