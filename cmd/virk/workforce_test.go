package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const hrHeader = "uttrekk;person;enhet;stilling_pst;stillingskode;ansettelse;utdanning;fodselsar;kjonn;innvandrer;laerling;fra;til\n"

// hrExtract writes an extract of n persons in hr_service and digit, one
// row each at the end of every month of 2018, with distinctive person
// IDs and the given birth years (1960 onwards when nil), and an absence
// for each.
func hrExtract(n int, births ...int) (emps, abs string) {
	var e, a strings.Builder
	e.WriteString(hrHeader)
	a.WriteString("person;fra;til;grad;type\n")
	for p := 0; p < n; p++ {
		unit := []string{"hr_service", "digit"}[p%2]
		for m := 1; m <= 12; m++ {
			last := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
			fmt.Fprintf(&e, "2018-%02d-%02d;PX-%04d-Q;%s;%d;0123;fast;høyskole;%d;%s;nei;nei;01.02.2011;\n",
				m, last, p, unit, []int{100, 80, 50}[p%3], birth(births, p), []string{"K", "M"}[p%2])
		}
		fmt.Fprintf(&a, "PX-%04d-Q;2018-03-%02d;2018-03-%02d;100;egenmeldt\n", p, 5+p%3, 6+p%3)
	}
	return e.String(), a.String()
}

func birth(births []int, p int) int {
	if p < len(births) {
		return births[p]
	}
	return 1960 + p%30
}

// TestWorkforce_StoresOnlyAggregates imports an extract into the demo
// store and scans every byte of the database: no person ID, birth year or
// absence date of the extract is in it, while the batch holds the files'
// hashes and the figures are there.
func TestWorkforce_StoresOnlyAggregates(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	scan := func() string {
		var all []byte
		for _, f := range []string{db, db + "-wal"} {
			if b, err := os.ReadFile(f); err == nil {
				all = append(all, b...)
			}
		}
		return string(all)
	}
	before := scan()
	// Birth years are four digits that the demo's texts may hold: take
	// the ones that are not in the store before.
	var births []int
	for y := 1930; y < 2000 && len(births) < 24; y++ {
		if !strings.Contains(before, fmt.Sprint(y)) {
			births = append(births, y)
		}
	}
	if len(births) < 24 {
		t.Fatalf("only %d birth years 1930–1999 are absent from the demo database", len(births))
	}
	es, as := hrExtract(24, births...)
	ef := writeFile(t, filepath.Join(dir, "ansatte.csv"), []byte(es))
	af := writeFile(t, filepath.Join(dir, "fravaer.csv"), []byte(as))
	var secrets []string
	for p := 0; p < 24; p++ {
		secrets = append(secrets, fmt.Sprintf("PX-%04d-Q", p), fmt.Sprint(births[p]))
	}
	for d := 5; d <= 9; d++ {
		secrets = append(secrets, fmt.Sprintf("2018-03-%02d", d), fmt.Sprintf("%02d.03.2018", d))
	}
	for _, s := range secrets {
		if strings.Contains(before, s) {
			t.Fatalf("%q is in the demo database before the import; choose another marker", s)
		}
	}
	r := mustRun(t, env, "workforce", "import", ef, af)
	if !strings.Contains(r.stdout, "Lagret som batch") || !strings.Contains(r.stdout, "24 personer") {
		t.Fatalf("import:\n%s", r.stdout)
	}
	after := scan()
	for _, s := range secrets {
		if strings.Contains(after, s) {
			t.Errorf("the store holds %q from the person-level extract", s)
		}
	}
	for _, f := range []string{ef, af} {
		sum := sha256.Sum256(readFile(t, f))
		if !strings.Contains(after, hex.EncodeToString(sum[:])) {
			t.Errorf("the batch does not record the hash of %s", filepath.Base(f))
		}
	}
	// 24 persons: 12 in each unit, 8 at 100 %, 8 at 80 %, 8 at 50 %.
	out := mustRun(t, env, "export", "--indicator", "ansatte_faste,andel_100_stilling", "--entity", "osu,hr_service", "--format", "csv").stdout
	for _, want := range []string{"ansatte_faste;osu;2018;24", "ansatte_faste;hr_service;2018;12", "andel_100_stilling;osu;2018;33,3"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
}

// TestWorkforce_BadInput: each fault is refused with the file, the line
// and the fault, and the database is byte for byte as before.
func TestWorkforce_BadInput(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	es, as := hrExtract(6)
	row := "2018-12-31;PX-0001-Q;hr_service;100;0123;fast;høyskole;1960;K;nei;nei;01.02.2011;\n"
	for _, tc := range []struct {
		name, emps, abs, want string
	}{
		{"enhet", es + strings.Replace(row, "hr_service", "hr_servise", 1), as, "ansatte.csv:74:3: enheten «hr_servise» finnes ikke i katalogen"},
		{"dato", es + strings.Replace(row, "01.02.2011", "31.02.2011", 1), as, "ansatte.csv:74:12: fra: datoen «31.02.2011» er ugyldig"},
		{"grad", es, as + "PX-0001-Q;2018-04-02;2018-04-03;120;legemeldt\n", "fravaer.csv:8:4: sykmeldingsgraden «120» er ugyldig"},
		{"før", es, as + "PX-0001-Q;2010-04-02;2010-04-03;100;legemeldt\n", "fravaer.csv:8: fraværet begynner 2010-04-02, før personens første arbeidsforhold begynner 2011-02-01"},
		{"stilling", es + strings.Replace(row, ";100;", ";140;", 1), as, "ansatte.csv:74:4: stillingsprosenten «140» er ugyldig"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ef := writeFile(t, filepath.Join(dir, "ansatte.csv"), []byte(tc.emps))
			af := writeFile(t, filepath.Join(dir, "fravaer.csv"), []byte(tc.abs))
			before := readFile(t, db)
			r := virkCmd(t, env, "workforce", "import", ef, af)
			if r.code != 1 || !strings.Contains(r.stderr, "ingenting er lagret") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want 1 with %q\nstderr: %s", r.code, tc.want, r.stderr)
			}
			if after := readFile(t, db); !bytes.Equal(before, after) {
				t.Errorf("the failed import changed the database")
			}
		})
	}
}
