package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAudit runs commands that change the store and reads them back from
// the audit log, newest first, with their actions and batches.
func TestAudit(t *testing.T) {
	_, env := demoDB(t)
	dir := t.TempDir()
	data := writeFile(t, filepath.Join(dir, "a.csv"), []byte("indicator;entity;period;value\narsverk;digit;2019;1\n"))
	mustRun(t, env, "import", data, "--dry-run")
	if r := mustRun(t, env, "import", data); !strings.Contains(r.stdout, "Lagret som batch 2") {
		t.Fatalf("import:\n%s", r.stdout)
	}
	bad := writeFile(t, filepath.Join(dir, "feil.csv"), []byte("indicator;entity;period;value\nfinnes_ikke;digit;2019;x\n"))
	if r := virkCmd(t, env, "import", bad); r.code != 1 {
		t.Fatalf("a faulty import: exit %d", r.code)
	}
	groups := writeFile(t, filepath.Join(dir, "naboer.csv"), []byte("kommune;gruppe;navn;fra;til\n0219;naboer;Naboer;;\n0220;naboer;Naboer;;\n"))
	mustRun(t, env, "groups", "import", groups)                                   // batch 3
	mustRun(t, env, "groups", "import", groups)                                   // no change: not logged
	mustRun(t, env, "kostra", "groups", "--file", klassFixture, "--from", "2017") // batch 4
	mustRun(t, env, "groups", "delete", "naboer")                                 // batch 5
	mustRun(t, env, "users", "add", "ola", "--role", "leser")
	mustRun(t, env, "users", "grant", "ola", "leder:osu")
	mustRun(t, env, "users", "disable", "ola")
	mustRun(t, env, "users", "enable", "ola")
	secret := strings.TrimSpace(mustRun(t, env, "tokens", "create", "ola", "--name", "jobb").stdout)
	mustRun(t, env, "tokens", "revoke", "1")

	r := mustRun(t, env, "audit", "--format", "csv")
	if !strings.HasPrefix(r.stdout, "\ufefftid;bruker;adresse;handling;objekt;batch;detaljer\n") {
		t.Fatalf("CSV does not begin with the BOM and the header:\n%q", r.stdout)
	}
	if strings.Contains(r.stdout, secret) || strings.Contains(r.stdout, secret[12:]) {
		t.Error("the audit log holds the token's secret")
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\ufeff")))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ action, object, batch, detail string }{
		{"token", "ola", "", "token 1 «jobb» (" + secret[:12] + "…) tilbakekalt"},
		{"token", "ola", "", "API-token 1 «jobb» (" + secret[:12] + "…) opprettet, gyldig til "},
		{"user", "ola", "", "åpnet"},
		{"user", "ola", "", "sperret; alle økter avsluttet"},
		{"role", "ola", "", "leser → leser; leder:osu"},
		{"user", "ola", "", "opprettet med leser"},
		{"group", "naboer", "5", "slettet naboer"},
		{"group", "ekg01, ekg12, ekg13", "4", "lagret ekg01, ekg12, ekg13; KOSTRA-grupper fra fil klass-kostragrupper-konstruert.json, gyldige 2017–"},
		{"group", "naboer", "3", "lagret naboer; fra naboer.csv"},
		{"import", data, "2", "observasjoner: 1 nye, 0 endrede; indikatorer: 0 nye, 0 endrede; enheter: 0 nye, 0 endrede"},
		{"import.dryrun", data, "", "observasjoner: 1 nye, 0 endrede; indikatorer: 0 nye, 0 endrede; enheter: 0 nye, 0 endrede"},
	}
	if len(rows) != 1+len(want) {
		t.Fatalf("%d events, want %d:\n%s", len(rows)-1, len(want), r.stdout)
	}
	for i, w := range want {
		row := rows[i+1]
		if _, err := time.Parse(time.RFC3339, row[0]); err != nil {
			t.Errorf("event %d: time %q: %v", i, row[0], err)
		}
		if row[1] != "test" || row[2] != "cli" || row[3] != w.action || row[4] != w.object || row[5] != w.batch ||
			!strings.HasPrefix(row[6], w.detail) {
			t.Errorf("event %d: %q\nwant actor test, address cli, %s, %s, batch %q, %q…", i, row, w.action, w.object, w.batch, w.detail)
		}
	}

	t.Run("Table", func(t *testing.T) {
		r := mustRun(t, env, "audit", "--action", "import")
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "Nr.  Tidspunkt") || !strings.Contains(lines[2], "  test    cli      import    "+data+"      2  observasjoner: 1 nye") {
			t.Errorf("--action import:\n%s", r.stdout)
		}
	})
	today := time.Now().Format(time.DateOnly)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	for _, tt := range []struct {
		name string
		args []string
		n    int // events listed; -1 for none
	}{
		{"Limit", []string{"--limit", "3"}, 3},
		{"Actor", []string{"--actor", "test", "--action", "user"}, 3},
		{"OtherActor", []string{"--actor", "ola"}, -1},
		{"Today", []string{"--from", today, "--to", today}, len(want)},
		{"Yesterday", []string{"--to", yesterday}, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRun(t, env, append([]string{"audit"}, tt.args...)...)
			if tt.n < 0 {
				if r.stdout != "Ingen hendelser i revisjonsloggen.\n" {
					t.Errorf("want no events:\n%s", r.stdout)
				}
				return
			}
			if n := strings.Count(r.stdout, "\n") - 2; n != tt.n {
				t.Errorf("%d events, want %d:\n%s", n, tt.n, r.stdout)
			}
		})
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"BadDate", []string{"--from", "1.1.2026"}, "virk audit: --from \"1.1.2026\": oppgi en dato som 2026-01-31\n"},
		{"BadAction", []string{"--action", "innlogging"}, "virk audit: --action \"innlogging\" er ukjent (kjente handlinger: login, "},
		{"BadFormat", []string{"--format", "json"}, "virk audit: --format \"json\" er ukjent (forventet table eller csv)\n"},
		{"Reversed", []string{"--from", today, "--to", yesterday}, "virk audit: --from " + today + " er etter --to " + yesterday + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := virkCmd(t, env, append([]string{"audit"}, tt.args...)...)
			if r.code != 2 || !strings.HasPrefix(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2, %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestAudit_KostraFetch: a table fetched from SSB is logged as an import
// with its batch.
func TestAudit_KostraFetch(t *testing.T) {
	srv := newSSBServer(t)
	env := map[string]string{"VIRK_DB": filepath.Join(t.TempDir(), "virk.db"), "VIRK_USER": "test"}
	mustRun(t, env, "kostra", "fetch", "--table", "12367", "--base-url", srv.URL, "--pace", "0")
	r := mustRun(t, env, "audit", "--format", "csv")
	rows := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(rows) != 2 || !strings.Contains(rows[1], `;test;cli;import;SSB-tabell 12367;1;"1 av 1 spørringer hentet (oppdatert 2021-06-13T22:00:00Z); observasjoner: 1250 nye`) {
		t.Errorf("audit after kostra fetch:\n%s", r.stdout)
	}
}
