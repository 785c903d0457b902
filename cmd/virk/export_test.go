package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport_RoundTrip exports the demo data as CSV and XLSX and imports
// each file back: every observation must come back unchanged.
func TestExport_RoundTrip(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "eksport."+format)
			mustRun(t, env, "export", "--format", format, "-o", out)
			r := mustRun(t, env, "import", out)
			if !strings.Contains(r.stdout, "Ingen endringer") {
				t.Errorf("re-import of the export changed something:\n%s", r.stdout)
			}
			// 321 observations in the demo, all unchanged.
			if !strings.Contains(r.stdout, "Observasjoner    0        0       321") {
				t.Errorf("re-import did not see the 321 demo observations:\n%s", r.stdout)
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
