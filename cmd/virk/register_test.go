package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
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

// TestBackcalc back-calculates Asker's population before the 2020 merger
// as the sum of old Asker (0220, now in Asker's own series), Røyken and
// Hurum: 61 523 + 21 000 + 9 000 = 91 523 in 2019, and Asker's own
// figure from 2020.
func TestBackcalc(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db")}
	cat := writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "innbyggere", "label_nb": "Innbyggere", "unit": "personer", "rollup": "sum"},
                {"id": "andel", "label_nb": "Andel", "unit": "%"}],
 "entities": [
  {"id": "asker", "name": "Asker kommune", "kind": "municipality", "codes": [{"code": "3025", "from": 2020, "to": 2023}]},
  {"id": "royken", "name": "Røyken kommune", "kind": "municipality", "codes": [{"code": "0627", "to": 2019}]},
  {"id": "hurum", "name": "Hurum kommune", "kind": "municipality", "codes": [{"code": "0628", "to": 2019}]}]}`))
	mustRun(t, env, "import", cat)
	mustRun(t, env, "register")
	data := writeFile(t, filepath.Join(dir, "innbyggere.csv"), []byte("indicator;entity;period;value\n"+
		"innbyggere;0220;2019;61523\ninnbyggere;0627;2019;21000\ninnbyggere;0628;2019;9000\n"+
		"innbyggere;0627;2018;20900\ninnbyggere;3025;2020;94441\nandel;3025;2020;50\n"))
	mustRun(t, env, "import", data)
	r := mustRun(t, env, "backcalc", "--entity", "asker", "--indicator", "innbyggere")
	for _, want := range []string{"Røyken (0627)", "2019", "91\u00a0523", "sum av delene", "94\u00a0441", "egne tall"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("backcalc lacks %q:\n%s", want, r.stdout)
		}
	}
	// 2018 has only Røyken's figure: not every part has one, so no sum.
	if strings.Contains(r.stdout, "2018") {
		t.Errorf("2018 is back-calculated from one part only:\n%s", r.stdout)
	}
	if r := virkCmd(t, env, "backcalc", "--entity", "asker", "--indicator", "andel"); r.code != 1 || !strings.Contains(r.stderr, "kan ikke tilbakeregnes") {
		t.Errorf("a share that does not add up: exit %d\n%s", r.code, r.stderr)
	}
}

// TestPeers_Backcalc: with --backcalc the profile's earlier years show a
// merged municipality as the sum of its parts, with a note saying so.
func TestPeers_Backcalc(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db")}
	cat := writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "innbyggere", "label_nb": "Innbyggere", "unit": "personer", "rollup": "sum"}],
 "entities": [
  {"id": "asker", "name": "Asker kommune", "kind": "municipality", "codes": [{"code": "3025", "from": 2020, "to": 2023}]},
  {"id": "royken", "name": "Røyken kommune", "kind": "municipality", "codes": [{"code": "0627", "to": 2019}]},
  {"id": "hurum", "name": "Hurum kommune", "kind": "municipality", "codes": [{"code": "0628", "to": 2019}]},
  {"id": "baerum", "name": "Bærum kommune", "kind": "municipality", "codes": [{"code": "3024", "from": 2020, "to": 2023}]}]}`))
	mustRun(t, env, "import", cat)
	mustRun(t, env, "register")
	data := writeFile(t, filepath.Join(dir, "innbyggere.csv"), []byte("indicator;entity;period;value\n"+
		"innbyggere;0220;2019;61523\ninnbyggere;0627;2019;21000\ninnbyggere;0628;2019;9000\n"+
		"innbyggere;3025;2020;94441\ninnbyggere;0219;2019;127000\ninnbyggere;3024;2020;128000\n"))
	mustRun(t, env, "import", data)
	groups := writeFile(t, filepath.Join(dir, "grupper.csv"), []byte("kommune;gruppe;navn\n3025;to;To\n3024;to;To\n"))
	args := []string{"peers", "--entity", "asker", "--groups", groups, "--group", "to", "--year", "2020", "--years", "1", "--format", "csv"}
	r := mustRun(t, env, append(args, "--backcalc")...)
	if !strings.Contains(r.stdout, ";2019;91523;") {
		t.Errorf("--backcalc does not show Asker 2019 as 91523:\n%s", r.stdout)
	}
	r = mustRun(t, env, append(slices.Clip(args[:len(args)-2]), "--backcalc")...)
	if !strings.Contains(r.stdout, "Asker før 2020: summen av Asker (0220), Røyken (0627) og Hurum (0628) (tilbakeregnet).") {
		t.Errorf("the table has no note on the back-calculation:\n%s", r.stdout)
	}
	r = mustRun(t, env, args...)
	if !strings.Contains(r.stdout, ";2019;61523;") {
		t.Errorf("without --backcalc Asker 2019 is not old Asker's 61523:\n%s", r.stdout)
	}
}

// TestRegister_Fetch takes the number history from a KLASS server (a
// local one serving a constructed change list in KLASS's shape), applies
// it, and saves it for --klass: the saved list gives backcalc the same
// merger.
func TestRegister_Fetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/classifications/131/changes.json" || r.URL.Query().Get("from") != "2015-01-01" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"codeChanges": [
 {"oldCode": "0220", "oldName": "Asker", "newCode": "3025", "newName": "Asker", "changeOccurred": "2020-01-01"},
 {"oldCode": "0627", "oldName": "Røyken", "newCode": "3025", "newName": "Asker", "changeOccurred": "2020-01-01"},
 {"oldCode": "0628", "oldName": "Hurum", "newCode": "3025", "newName": "Asker", "changeOccurred": "2020-01-01"}]}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db")}
	mustRun(t, env, "import", writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "innbyggere", "label_nb": "Innbyggere", "unit": "personer", "rollup": "sum"}],
 "entities": [{"id": "asker", "name": "Asker kommune", "kind": "municipality", "codes": [{"code": "3025", "from": 2020}]},
  {"id": "royken", "name": "Røyken kommune", "kind": "municipality", "codes": [{"code": "0627", "to": 2019}]},
  {"id": "hurum", "name": "Hurum kommune", "kind": "municipality", "codes": [{"code": "0628", "to": 2019}]}]}`)))
	saved := filepath.Join(dir, "klass131.json")
	r := mustRun(t, env, "register", "--fetch", "--since", "2015", "--save", saved, "--klass-url", srv.URL)
	if !strings.Contains(r.stdout, "Hentet 3 endringer") || !strings.Contains(r.stdout, "Merknader") {
		t.Errorf("register --fetch:\n%s", r.stdout)
	}
	mustRun(t, env, "import", writeFile(t, filepath.Join(dir, "d.csv"), []byte("indicator;entity;period;value\n"+
		"innbyggere;0220;2019;61523\ninnbyggere;0627;2019;21000\ninnbyggere;0628;2019;9000\n")))
	r = mustRun(t, env, "backcalc", "--entity", "asker", "--indicator", "innbyggere", "--klass", saved)
	if !strings.Contains(r.stdout, "91\u00a0523") {
		t.Errorf("backcalc with the saved list:\n%s", r.stdout)
	}
	if r := virkCmd(t, env, "register", "--fetch", "--klass", saved); r.code != 2 || !strings.Contains(r.stderr, "--fetch og --klass") {
		t.Errorf("--fetch with --klass: exit %d\n%s", r.code, r.stderr)
	}
}
