package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestDemo_Twice checks that the demo loads, prints a Norwegian-formatted
// scorecard, and that a second run leaves the database byte for byte as it
// was.
func TestDemo_Twice(t *testing.T) {
	db, env := demoDB(t)
	before := readFile(t, db)
	r := mustRun(t, env, "demo")
	if !strings.Contains(r.stdout, "ingenting er endret") {
		t.Errorf("second run does not say that nothing changed:\n%.300s", r.stdout)
	}
	// The scorecard: Norwegian numbers with a no-break space between
	// thousands and before %, the minus sign U+2212, and the sick-leave
	// target.
	for _, want := range []string{"3\u00a0860", "−238", "7,3\u00a0%", "≤ 7,0\u00a0%: ikke nådd", "Bærum kommune"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("scorecard lacks %q", want)
		}
	}
	if after := readFile(t, db); !bytes.Equal(before, after) {
		t.Errorf("the second demo run changed the database (%d → %d bytes)", len(before), len(after))
	}
}

// TestKPI_Annotations checks that the series break the seed explains
// (administration 2016→2017) and free comments reach the scorecard.
func TestKPI_Annotations(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "kpi", "--format", "json", "--indicator", "adm_brutto_pr_innb_2017kr", "--entity", "baerum")
	var sc scorecardJSON
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Rows) != 1 {
		t.Fatalf("%d rows, want 1", len(sc.Rows))
	}
	var found bool
	for _, a := range sc.Rows[0].Annotations {
		if a.Kind == "break" && a.Period == "2017" && strings.HasPrefix(a.Text, "Tidsseriebrudd 2016→2017") {
			found = true
		}
	}
	if !found {
		t.Errorf("no series break at 2017 in %+v", sc.Rows[0].Annotations)
	}

	table := mustRun(t, env, "kpi", "--indicator", "adm_brutto_pr_innb_2017kr", "--entity", "baerum")
	if !strings.Contains(table.stdout, "Tidsseriebrudd 2016→2017") {
		t.Errorf("the table does not print the break:\n%s", table.stdout)
	}
}

// TestKPI_Filters checks --entity, --from and --to and the CSV format.
func TestKPI_Filters(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "kpi", "--format", "csv", "--indicator", "arsverk", "--entity", "digit", "--from", "2016", "--to", "2017")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("csv has %d lines:\n%s", len(lines), r.stdout)
	}
	body := strings.Join(lines[1:], "\n")
	// Spreadsheet numbers: decimal comma, ASCII minus, unrounded change.
	for _, want := range []string{";90,6;", ";85,8;", ";-5,298013;"} {
		if !strings.Contains(body, want) {
			t.Errorf("csv lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, not := range []string{"94,1", "104,4", "eiendom"} {
		if strings.Contains(body, not) {
			t.Errorf("csv has %q outside the filter:\n%s", not, r.stdout)
		}
	}
}
