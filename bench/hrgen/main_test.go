package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// TestRun generates a small extract twice and checks that both runs write
// the same bytes, that every row has the columns of workforce/SPEC.md,
// and that no absence begins before the person's first employment or
// belongs to a person without one.
func TestRun(t *testing.T) {
	c := Config{Employees: 300, Years: 2, Last: 2018, Seed: 7}
	var files [2][2][]byte
	for i := range files {
		c.Out = t.TempDir()
		if _, err := run(c); err != nil {
			t.Fatal(err)
		}
		for j, name := range []string{"ansatte.csv", "fravaer.csv"} {
			b, err := os.ReadFile(filepath.Join(c.Out, name))
			if err != nil {
				t.Fatal(err)
			}
			files[i][j] = b
		}
	}
	if !bytes.Equal(files[0][0], files[1][0]) || !bytes.Equal(files[0][1], files[1][1]) {
		t.Error("two runs with the same flags wrote different files")
	}

	emps := readCSV(t, files[0][0], 13)
	abs := readCSV(t, files[0][1], 5)
	if got := emps[0][0] + ";" + emps[0][12]; got != "uttrekk;til" {
		t.Errorf("ansatte.csv header: %v", emps[0])
	}
	first := map[string]string{}
	kinds := map[string]int{}
	for _, r := range emps[1:] {
		if d, ok := first[r[1]]; !ok || r[11] < d {
			first[r[1]] = r[11]
		}
		kinds[r[5]]++
		if r[11] > r[0] || (r[12] != "" && r[12] < r[0]) {
			t.Fatalf("row outside its employment: %v", r)
		}
	}
	if n := len(emps) - 1; kinds["fast"] < n/2 || kinds["midlertidig"] == 0 || kinds["timelønnet"] == 0 {
		t.Errorf("employment types %v of %d rows", kinds, n)
	}
	if len(abs) < 100 {
		t.Errorf("only %d absences", len(abs)-1)
	}
	for _, r := range abs[1:] {
		d, ok := first[r[0]]
		switch {
		case !ok:
			t.Fatalf("absence of a person without employments: %v", r)
		case r[1] < d:
			t.Fatalf("absence %v before the first employment starts %s", r, d)
		case r[2] < r[1]:
			t.Fatalf("absence ends before it begins: %v", r)
		}
	}
}

func readCSV(t *testing.T, b []byte, fields int) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	r.FieldsPerRecord = fields
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
