package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegister applies the municipality register to a catalogue that knows
// Asker only by its 2020 number: afterwards, figures under the old number
// 0220 join Asker's series, and Asker has a series break at the 2020
// merger with Røyken and Hurum. A second run changes nothing.
func TestRegister(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db")}
	cat := writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "innbyggere", "label_nb": "Innbyggere", "unit": "personer"}],
 "entities": [{"id": "asker", "name": "Asker kommune", "kind": "municipality", "codes": [{"code": "3025", "from": 2020, "to": 2023}]}]}`))
	mustRun(t, env, "import", cat, writeFile(t, filepath.Join(dir, "a.csv"), []byte("indicator;entity;period;value\ninnbyggere;3025;2020;94441\n")))

	old := writeFile(t, filepath.Join(dir, "gammel.csv"), []byte("indicator;entity;period;value\ninnbyggere;0220;2019;61523\n"))
	if r := virkCmd(t, env, "import", old); r.code != 1 || !strings.Contains(r.stderr, "0220") {
		t.Fatalf("before the register, 0220 should be unknown: exit %d\n%s", r.code, r.stderr)
	}

	r := mustRun(t, env, "register")
	if !strings.Contains(r.stdout, "Enheter          0        1") || !strings.Contains(r.stdout, "Merknader        1") {
		t.Errorf("register:\n%s", r.stdout)
	}
	mustRun(t, env, "import", old)
	r = mustRun(t, env, "kpi", "--format", "csv", "--entity", "asker")
	if !strings.Contains(r.stdout, ";2019;61523;") || !strings.Contains(r.stdout, ";2020;94441;") {
		t.Errorf("Asker's series does not join 0220 and 3025:\n%s", r.stdout)
	}
	r = mustRun(t, env, "kpi", "--entity", "asker")
	if !strings.Contains(r.stdout, "Kommunesammenslåing") || !strings.Contains(r.stdout, "Røyken (0627)") {
		t.Errorf("no merger break on Asker:\n%s", r.stdout)
	}
	if r := mustRun(t, env, "register"); !strings.Contains(r.stdout, "Ingen endringer") {
		t.Errorf("second run:\n%s", r.stdout)
	}
}
