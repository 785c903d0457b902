package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// ssbServer is a local PxWebApi v2 that answers from a real SSB response
// of table 12367: /metadata without the values, /data with the whole
// file, which is what a query for every code gets.
type ssbServer struct {
	*httptest.Server
	mu   sync.Mutex
	data []byte
	hits map[string]int // by last path element
}

func newSSBServer(t *testing.T) *ssbServer {
	t.Helper()
	s := &ssbServer{data: readFile(t, "../../jsonstat/testdata/ssb/ssb-12367-kostra-driftsregnskap.json"), hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		kind := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		s.hits[kind]++
		if !strings.HasPrefix(r.URL.Path, "/tables/12367/") {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"title":"Table not found","status":404}`))
			return
		}
		switch kind {
		case "metadata":
			var doc map[string]any
			json.Unmarshal(s.data, &doc)
			delete(doc, "value")
			delete(doc, "status")
			b, _ := json.Marshal(doc)
			w.Write(b)
		case "data":
			for k, v := range r.URL.Query() {
				if strings.HasPrefix(k, "valueCodes[") && v[0] != "*" {
					w.WriteHeader(http.StatusBadRequest)
					w.Write([]byte(`{"title":"this test server serves only *"}`))
					return
				}
			}
			w.Write(s.data)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *ssbServer) count(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[kind]
}

func TestKostraFetch(t *testing.T) {
	srv := newSSBServer(t)
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db, "VIRK_USER": "test"}
	fetch := []string{"kostra", "fetch", "--table", "12367", "--base-url", srv.URL, "--pace", "0"}

	t.Run("DryRun", func(t *testing.T) {
		r := mustRun(t, env, append(fetch, "--dry-run")...)
		for _, want := range []string{
			"Prøvekjøring (--dry-run)",
			"Tabell 12367: 12367: Detaljerte regnskapstall driftsregnskapet",
			"Oppdatert hos SSB: 2021-06-13T22:00:00Z",
			"1\u00a0250 celler i 1 spørringer",
			srv.URL + "/tables/12367/data?lang=no&outputFormat=json-stat2&valueCodes[KOKkommuneregion0000]=*&",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
			}
		}
		if srv.count("data") != 0 {
			t.Fatal("a dry run fetched data")
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatal("a dry run created the database")
		}
	})
	t.Run("DryRunSplit", func(t *testing.T) {
		r := mustRun(t, env, append(fetch, "--dry-run", "--years", "2016-2019", "--var", "KOKart0000=AGD2,AGD4")...)
		if !strings.Contains(r.stdout, "300 celler i 1 spørringer") || !strings.Contains(r.stdout, "valueCodes[KOKart0000]=AGD4,AGD2&valueCodes[ContentsCode]=*&valueCodes[Tid]=2016,2017,2019") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("Fetch", func(t *testing.T) {
		r := mustRun(t, env, fetch...)
		for _, want := range []string{"Hentet tabell 12367 fra SSB (oppdatert 2021-06-13T22:00:00Z): 1 av 1 spørringer, 1\u00a0250 celler.", "Lagret som batch 1"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
			}
		}
		if srv.count("data") != 1 {
			t.Fatalf("%d data requests", srv.count("data"))
		}
		r = mustRun(t, env, "export", "--format", "csv")
		if !strings.Contains(r.stdout, "1943974") && !strings.Contains(r.stdout, "1 943 974") && !strings.Contains(r.stdout, "1\u00a0943\u00a0974") {
			t.Errorf("export lacks 1943974:\n%.500s", r.stdout)
		}
	})
	t.Run("Rerun", func(t *testing.T) {
		r := mustRun(t, env, fetch...)
		if !strings.Contains(r.stdout, "Ingen endringer: tabell 12367 er ikke oppdatert hos SSB siden forrige henting") || srv.count("data") != 1 {
			t.Fatalf("%d data requests; stdout:\n%s", srv.count("data"), r.stdout)
		}
		r = mustRun(t, env, append(fetch, "--dry-run")...)
		if !strings.Contains(r.stdout, "Del 1/1: 1\u00a0250 celler (hentet før)") {
			t.Fatalf("dry run does not mark the stored request:\n%s", r.stdout)
		}
	})
	t.Run("JuneOverMarch", func(t *testing.T) {
		// Pretend the stored figures were March's: SSB publishes the
		// revised ones with a new "updated" time and a changed value.
		srv.mu.Lock()
		srv.data = []byte(strings.Replace(strings.Replace(string(srv.data), "1943974", "1950000", 1),
			`"updated": "2021-06-13T22:00:00Z"`, `"updated": "2022-03-14T23:00:00Z"`, 1))
		srv.mu.Unlock()
		r := mustRun(t, env, fetch...)
		for _, want := range []string{"ssb-12367-kosbelop0000-a-100-agd4 / ssb-eak / 2015: 1943974 → 1950000", "Tidligere verdier er tatt vare på som revisjoner"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
			}
		}
		if srv.count("data") != 2 {
			t.Fatalf("%d data requests", srv.count("data"))
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			args []string
			code int
			want string
		}{
			{"NoTable", []string{"kostra", "fetch"}, 2, "oppgi tabellen med --table"},
			{"BadYears", append(fetch, "--years", "2024-2015"), 2, "første år er etter siste"},
			{"BadVar", append(fetch, "--var", "KOKart0000"), 2, "skriv VARIABEL=KODER"},
			{"UnknownTable", []string{"kostra", "fetch", "--table", "99999", "--base-url", srv.URL, "--pace", "0"}, 1,
				"tabell 99999 finnes ikke hos SSB (404 Not Found). SSB svarte: «Table not found»."},
			{"UnknownRegion", append(fetch, "--region", "0301"), 1, `regionen "0301" finnes ikke i tabellen`},
			{"NoSubcommand", []string{"kostra"}, 2, "oppgi en underkommando"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				r := virkCmd(t, env, tt.args...)
				if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
					t.Fatalf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.want)
				}
			})
		}
	})
}
