package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const klassFixture = "../../kostra/testdata/klass-kostragrupper-konstruert.json"

// profileRow is Bærum's politisk styring 2017 against itself and Asker:
// 269, mean (269 + 361) / 2 = 315, lowest Bærum, highest Asker 361,
// rank 1 of 2, index 100 × 269 / 361 = 75.
var profileRow = regexp.MustCompile(`Politisk styring, pr\. innb\. \(kr pr\. innb\.\) +269 +315 +269 Bærum +361 Asker +1 av 2 +75\n`)

// TestGroups stores a group file and KOSTRA groups from a saved KLASS
// table in the demo database, lists them, compares Bærum with each, and
// deletes one. Faulty files store nothing.
func TestGroups(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	list := func() string { return mustRun(t, env, "groups").stdout }
	if out := list(); !strings.Contains(out, "Ingen lagrede sammenligningsgrupper") {
		t.Fatalf("empty list:\n%s", out)
	}

	bad := writeFile(t, filepath.Join(dir, "feil.csv"), []byte("kommune;gruppe;navn;fra;til\n0219;naboer;Naboer;;\n0220;naboer;Naboer;2025;2024\n"))
	if r := virkCmd(t, env, "groups", "import", bad); r.code != 1 || !strings.Contains(r.stderr, "feil.csv:3: fra 2025 kommer etter til 2024") {
		t.Errorf("bad years: exit %d, stderr %s", r.code, r.stderr)
	}
	badID := writeFile(t, filepath.Join(dir, "id.csv"), []byte("kommune;gruppe\n0219;nabo er\n"))
	if r := virkCmd(t, env, "groups", "import", badID); r.code != 1 || !strings.Contains(r.stderr, "id.csv: sammenligningsgruppe: ID «nabo er» kan bare ha små bokstaver") {
		t.Errorf("bad ID: exit %d, stderr %s", r.code, r.stderr)
	}
	if out := list(); !strings.Contains(out, "Ingen lagrede sammenligningsgrupper") {
		t.Fatalf("a faulty file stored groups:\n%s", out)
	}

	good := writeFile(t, filepath.Join(dir, "naboer.csv"), []byte("kommune;gruppe;navn;fra;til\n0219;Naboer;Nabokommuner;;\n0220;Naboer;Nabokommuner;;\n"))
	if r := mustRun(t, env, "groups", "import", good); !strings.Contains(r.stdout, "Lagret 1 sammenligningsgrupper: naboer.") {
		t.Errorf("import:\n%s", r.stdout)
	}
	if r := mustRun(t, env, "groups", "import", good); !strings.Contains(r.stdout, "Ingen endringer") {
		t.Errorf("second import:\n%s", r.stdout)
	}

	dry := mustRun(t, env, "kostra", "groups", "--file", klassFixture, "--from", "2017", "--dry-run")
	if !strings.Contains(dry.stdout, "Prøvekjøring") || !strings.Contains(dry.stdout, "ekg12  KOSTRA-gruppe 12  kostra  2017–: 3") {
		t.Errorf("dry run:\n%s", dry.stdout)
	}
	if strings.Contains(list(), "ekg12") {
		t.Fatal("the dry run stored groups")
	}
	r := mustRun(t, env, "kostra", "groups", "--file", klassFixture, "--from", "2017")
	if !strings.Contains(r.stdout, "Lagret 3 sammenligningsgrupper: ekg01, ekg12, ekg13.") {
		t.Errorf("kostra groups:\n%s", r.stdout)
	}
	out := list()
	for _, want := range []string{
		"ekg12   KOSTRA-gruppe 12  kostra  2017–: 3    Konstruert gruppe tolv — SSB, fil klass-kostragrupper-konstruert.json",
		"naboer  Nabokommuner      egen    alle år: 2  naboer.csv",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}

	args := []string{"peers", "--entity", "baerum", "--year", "2017", "--indicator", "politisk_styring_pr_innb", "--years", "0"}
	r = mustRun(t, env, append(args, "--group", "naboer")...)
	if !strings.Contains(r.stdout, "Bærum kommune mot Nabokommuner (2 medlemmer)") || !profileRow.MatchString(r.stdout) {
		t.Errorf("stored group:\n%s", r.stdout)
	}
	r = mustRun(t, env, append(args, "--group", "kostra")...)
	if !strings.Contains(r.stdout, "Bærum kommune mot KOSTRA-gruppe 12 (2 medlemmer)") || !strings.Contains(r.stdout, "Ikke i katalogen: kommunenummer 3205.") ||
		!profileRow.MatchString(r.stdout) {
		t.Errorf("own KOSTRA group:\n%s", r.stdout)
	}
	if r := virkCmd(t, env, "peers", "--entity", "baerum", "--year", "2016", "--group", "kostra"); r.code != 1 ||
		!strings.Contains(r.stderr, "Bærum kommune er ikke med i noen lagret KOSTRA-gruppe i 2016") {
		t.Errorf("kostra before 2017: exit %d, stderr %s", r.code, r.stderr)
	}

	if r := mustRun(t, env, "groups", "delete", "naboer"); !strings.Contains(r.stdout, "Slettet: naboer.") {
		t.Errorf("delete:\n%s", r.stdout)
	}
	if r := virkCmd(t, env, append(args, "--group", "naboer")...); r.code != 2 ||
		!strings.Contains(r.stderr, `gruppen "naboer" er ukjent (kjente grupper: asss, kostra, ekg01, ekg12, ekg13)`) {
		t.Errorf("deleted group: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := virkCmd(t, env, "groups", "delete", "naboer"); r.code != 1 || !strings.Contains(r.stderr, "Fant ikke sammenligningsgruppen «naboer»") {
		t.Errorf("delete again: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestKostraGroups_Server fetches the KOSTRA groups from a local KLASS.
func TestKostraGroups_Server(t *testing.T) {
	_, env := demoDB(t)
	doc := readFile(t, klassFixture)
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		if r.URL.Path != "/correspondencetables/1358.json" {
			http.NotFound(w, r)
			return
		}
		w.Write(doc)
	}))
	t.Cleanup(srv.Close)
	r := mustRun(t, env, "kostra", "groups", "--correspondence", "1358", "--from", "2024", "--to", "2025", "--klass-url", srv.URL)
	if !strings.Contains(r.stdout, "Lagret 3 sammenligningsgrupper: ekg01, ekg12, ekg13.") || len(paths) != 1 {
		t.Errorf("fetch (paths %v):\n%s", paths, r.stdout)
	}
	if out := mustRun(t, env, "groups").stdout; !strings.Contains(out, "ekg13  KOSTRA-gruppe 13  kostra  2024–2025: 2  Konstruert gruppe tretten — SSB, KLASS-korrespondanse 1358") {
		t.Errorf("list:\n%s", out)
	}
	if r := virkCmd(t, env, "kostra", "groups", "--correspondence", "9999", "--from", "2024", "--klass-url", srv.URL); r.code != 1 ||
		!strings.Contains(r.stderr, "tabell 9999 (KLASS-korrespondanse) finnes ikke hos SSB (404 Not Found)") {
		t.Errorf("unknown table: exit %d, stderr %s", r.code, r.stderr)
	}
	for name, args := range map[string][]string{
		"no table": {"kostra", "groups", "--from", "2024"},
		"no year":  {"kostra", "groups", "--correspondence", "1358"},
	} {
		if r := virkCmd(t, env, args...); r.code != 2 {
			t.Errorf("%s: exit %d, want 2; stderr %s", name, r.code, r.stderr)
		}
	}
}
