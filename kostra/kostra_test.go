package kostra_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kostra"
	"github.com/virk-analyse/virk/store/sqlite"
)

func TestParseMetadata(t *testing.T) {
	m, err := kostra.ParseMetadata(readSSB(t, "12367"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Table != "12367" || m.Updated != "2021-06-13T22:00:00Z" || m.Region != "KOKkommuneregion0000" || m.Time != "Tid" {
		t.Fatalf("got table %q updated %q region %q time %q", m.Table, m.Updated, m.Region, m.Time)
	}
	if got := m.Dimension("Tid").Codes; !slices.Equal(got, []string{"2015", "2016", "2017", "2019", "2020"}) {
		t.Fatalf("Tid = %v", got)
	}
	if got := m.Dimension("KOKkommuneregion0000").Codes; !slices.Equal(got, []string{"EAK", "EAKUO", "3001", "EKG16", "EKG17"}) {
		t.Fatalf("region = %v", got)
	}
	m, err = kostra.ParseMetadata(readSSB(t, "07459"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Region != "Region" || len(m.Dimension("Region").Codes) != 359 {
		t.Fatalf("07459: region %q", m.Region)
	}
}

func TestGroupCodes(t *testing.T) {
	for _, tt := range []struct {
		name     string
		from, to int
		n        int
		has, not []string
	}{
		{"2015-2019", 2015, 2019, 11, []string{"0219", "1601", "5001", "1102"}, []string{"3024", "0220", "3030"}},
		{"2020-2021", 2020, 2021, 10, []string{"3024", "4601"}, []string{"3025", "3030", "0219"}},
		{"2022-2023", 2022, 2023, 12, []string{"3024", "3025", "3030"}, []string{"3201"}},
		{"2015-2024", 2015, 2024, 26, []string{"0219", "3024", "3201", "3025", "3203", "3205"}, []string{"0220"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := kostra.GroupCodes("asss", tt.from, tt.to)
			if !ok || len(got) != tt.n {
				t.Fatalf("got %d codes %v, want %d", len(got), got, tt.n)
			}
			for _, c := range tt.has {
				if !slices.Contains(got, c) {
					t.Errorf("%s missing", c)
				}
			}
			for _, c := range tt.not {
				if slices.Contains(got, c) {
					t.Errorf("%s should not be there", c)
				}
			}
		})
	}
	if _, ok := kostra.GroupCodes("KOSTRA-gruppe 13", 0, 0); ok {
		t.Fatal("unknown group accepted")
	}
}

func TestClient_Plan(t *testing.T) {
	m12367, _ := kostra.ParseMetadata(readSSB(t, "12367"))
	m07459, _ := kostra.ParseMetadata(readSSB(t, "07459"))
	for _, tt := range []struct {
		name     string
		m        *kostra.Metadata
		q        kostra.Query
		max      int
		cells    int
		requests int
		url      string // part of the first request's URL
		err      string
	}{
		{name: "Whole", m: m12367, cells: 1250, requests: 1, url: "valueCodes[KOKkommuneregion0000]=*&"},
		{name: "Years", m: m12367, q: kostra.Query{From: 2016, To: 2019}, cells: 750, requests: 1, url: "valueCodes[Tid]=2016,2017,2019"},
		{name: "Split", m: m12367, max: 300, cells: 1250, requests: 5, url: "valueCodes[KOKkommuneregion0000]=EAK&"},
		{name: "SplitYears", m: m12367, max: 100, cells: 1250, requests: 15, url: "valueCodes[Tid]=2015,2016&"},
		{name: "Vars", m: m12367, q: kostra.Query{Vars: map[string][]string{"KOKfunksjon0000": {"1?0", "FGK8*"}, "kokart0000": {"top(2)"}}},
			cells: 5 * 2 * 4 * 2 * 5, requests: 1, url: "valueCodes[KOKfunksjon0000]=100,110,120,FGK8b&valueCodes[KOKart0000]=AGD56,AGD28"},
		{name: "FromTo", m: m12367, q: kostra.Query{Vars: map[string][]string{"KOKart0000": {"from(AGD2)"}, "Tid": {"to(2016)"}}},
			cells: 5 * 2 * 5 * 3 * 2, requests: 1},
		{name: "Region", m: m12367, q: kostra.Query{Region: []string{"3001", "EAK"}}, cells: 500, requests: 1,
			url: "valueCodes[KOKkommuneregion0000]=EAK,3001&"},
		{name: "ASSS", m: m07459, q: kostra.Query{Region: []string{"ASSS"}, From: 2022, To: 2022}, cells: 12, requests: 1,
			url: "valueCodes[Region]=K-3004,K-3005,K-3024,K-3025,K-3030,K-0301,K-4204,K-1103,K-1108,K-4601,K-5001,K-5401&"},
		{name: "Alle", m: m07459, q: kostra.Query{Region: []string{"alle"}}, cells: 356, requests: 1},
		{name: "AlleSplit", m: m07459, q: kostra.Query{Region: []string{"alle"}}, max: 100, cells: 356, requests: 4},
		{name: "ErrVar", m: m12367, q: kostra.Query{Vars: map[string][]string{"Kjonn": {"1"}}}, err: `tabell 12367 har ingen variabel "Kjonn"`},
		{name: "ErrCode", m: m12367, q: kostra.Query{Vars: map[string][]string{"KOKart0000": {"AGD99"}}}, err: `ingen koder passer til "AGD99"`},
		{name: "ErrRegion", m: m12367, q: kostra.Query{Region: []string{"0301"}}, err: `regionen "0301" finnes ikke i tabellen`},
		{name: "ErrASSS", m: m12367, q: kostra.Query{Region: []string{"ASSS"}}, err: "ingen av kommunene i ASSS"},
		{name: "ErrYears", m: m12367, q: kostra.Query{From: 2021, To: 2024}, err: "ingen koder er valgt for Tid"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &kostra.Client{BaseURL: "http://ssb.test/v2", MaxCells: tt.max}
			p, err := c.Plan(tt.m, tt.q)
			if tt.err != "" {
				if err == nil || !strings.Contains(virk.ErrorMessage(err), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Cells != tt.cells || len(p.Requests) != tt.requests {
				t.Fatalf("cells %d in %d requests, want %d in %d", p.Cells, len(p.Requests), tt.cells, tt.requests)
			}
			sum := 0
			names := map[string]bool{}
			for i, r := range p.Requests {
				max := tt.max
				if max == 0 {
					max = kostra.DefaultMaxCells
				}
				if r.Cells > max || r.Part != i+1 || r.Parts != len(p.Requests) {
					t.Errorf("request %d: %d cells, part %d/%d", i, r.Cells, r.Part, r.Parts)
				}
				if !strings.HasPrefix(r.Name, "ssb-"+tt.m.Table+"-") || !strings.HasSuffix(r.Name, ".json") || names[r.Name] {
					t.Errorf("request %d: name %q", i, r.Name)
				}
				names[r.Name] = true
				sum += r.Cells
			}
			if sum != tt.cells {
				t.Fatalf("parts hold %d cells, want %d", sum, tt.cells)
			}
			if u := p.Requests[0].URL; !strings.HasPrefix(u, "http://ssb.test/v2/tables/"+tt.m.Table+"/data?lang=no&outputFormat=json-stat2&") ||
				!strings.Contains(u+"&", tt.url) {
				t.Fatalf("URL %s\nwant it to contain %s", u, tt.url)
			}
		})
	}
}

// mustOpenDB opens an empty SQLite store in a temporary directory.
func mustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "virk.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// fetchAll plans and fetches a query and returns the responses as files.
func fetchAll(t *testing.T, c *kostra.Client, q kostra.Query) (*kostra.Plan, []ingest.NamedFile) {
	t.Helper()
	ctx := context.Background()
	m, err := c.Metadata(ctx, q.Table)
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Plan(m, q)
	if err != nil {
		t.Fatal(err)
	}
	var files []ingest.NamedFile
	err = c.Fetch(ctx, p.Requests, func(r kostra.Request, body []byte) error {
		files = append(files, ingest.NamedFile{Name: r.Name, Data: body})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, files
}

func load(t *testing.T, st virk.Store, files []ingest.NamedFile) *virk.ApplyResult {
	t.Helper()
	res, err := ingest.Load(context.Background(), st, files, ingest.LoadOptions{ApplyOptions: virk.ApplyOptions{User: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func observations(t *testing.T, st virk.Store) map[virk.Key]virk.Observation {
	t.Helper()
	obs, err := st.FindObservations(context.Background(), virk.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[virk.Key]virk.Observation{}
	for _, o := range obs {
		o.BatchID, o.Source = 0, ""
		out[o.Key()] = *o
	}
	return out
}

func key(ind, ent string, year int) virk.Key {
	return virk.Key{IndicatorID: "ssb-12367-kosbelop0000-" + ind, EntityID: ent, Period: virk.YearPeriod(year)}
}

// TestClient_Fetch fetches table 12367 in parts and checks that the
// stored cells are exactly those of SSB's whole response.
func TestClient_Fetch(t *testing.T) {
	rp := newReplay(t, "12367")
	c := rp.client()
	c.MaxCells = 100
	p, files := fetchAll(t, c, kostra.Query{Table: "12367"})
	if len(files) != 15 || rp.count("/data") != 15 || rp.count("/metadata") != 1 {
		t.Fatalf("%d files, %d data requests", len(files), rp.count("/data"))
	}
	if p.Updated != "2021-06-13T22:00:00Z" {
		t.Fatalf("updated %q", p.Updated)
	}
	parts := mustOpenDB(t)
	res := load(t, parts, files)
	whole := mustOpenDB(t)
	load(t, whole, []ingest.NamedFile{{Name: "12367.json", Data: readSSB(t, "12367")}})
	got, want := observations(t, parts), observations(t, whole)
	if len(got) != len(want) || len(got) != res.Summary.Observations.Added {
		t.Fatalf("parts stored %d observations, the whole file %d", len(got), len(want))
	}
	for k, o := range want {
		if got[k] != o {
			t.Errorf("%v: parts %+v, whole %+v", k, got[k], o)
		}
	}
	for _, tt := range []struct {
		name   string
		k      virk.Key
		value  float64
		status virk.Status
	}{
		{"Pos0", key("a-100-agd4", "ssb-eak", 2015), 1943974, virk.StatusFinal},
		{"Pos15Suppressed", key("a-100-agd56", "ssb-eak", 2015), 0, virk.StatusSuppressed},
		{"Pos500NotApplicable", key("a-100-agd4", "ssb-3001", 2015), 0, virk.StatusNotApplicable},
		{"Pos564", key("a-120-agd2", "ssb-3001", 2020), 73247, virk.StatusFinal},
		{"Pos417", key("b-110-agd56", "ssb-eakuo", 2017), 117, virk.StatusFinal},
		{"Pos839", key("a-fgk8b-agd2", "ssb-ekg16", 2020), 83411, virk.StatusFinal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := got[tt.k]
			if !ok {
				t.Fatalf("%v not stored", tt.k)
			}
			if o.Status != tt.status || (tt.status.HasValue() && o.Value != tt.value) {
				t.Fatalf("got %v %v, want %v %v", o.Value, o.Status, tt.value, tt.status)
			}
		})
	}
}

// TestClient_Fetch_Statuses checks ".." and the other symbols in 12191.
func TestClient_Fetch_Statuses(t *testing.T) {
	rp := newReplay(t, "12191")
	_, files := fetchAll(t, rp.client(), kostra.Query{Table: "12191", Region: []string{"3002", "3005", "3039"}, From: 2020})
	st := mustOpenDB(t)
	load(t, st, files)
	obs := observations(t, st)
	count := map[virk.Status]int{}
	for _, o := range obs {
		count[o.Status]++
	}
	if count[virk.StatusMissing] != 1 || count[virk.StatusSuppressed] != 1 {
		t.Fatalf("statuses %v", count)
	}
	k := virk.Key{IndicatorID: "ssb-12191-kosergoaarsverk0000", EntityID: "ssb-3005", Period: virk.YearPeriod(2020)}
	if o := obs[k]; o.Value != 27.8 {
		t.Fatalf("%v = %+v", k, o)
	}
}

// TestClient_Pace checks that 31 requests span at least 60 s and that no
// 60 s hold more than 30.
func TestClient_Pace(t *testing.T) {
	rp := newReplay(t, "12367")
	c := rp.client()
	c.MaxCells = 10
	m, err := c.Metadata(context.Background(), "12367")
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Plan(m, kostra.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Requests) < 40 {
		t.Fatalf("only %d requests", len(p.Requests))
	}
	if err := c.Fetch(context.Background(), p.Requests[:40], func(kostra.Request, []byte) error { return nil }); err != nil {
		t.Fatal(err)
	}
	calls := rp.calls // 1 metadata + 40 data requests
	if len(calls) != 41 {
		t.Fatalf("%d calls", len(calls))
	}
	if d := calls[30].at.Sub(calls[0].at); d < time.Minute {
		t.Fatalf("31 requests in %v", d)
	}
	for i := 30; i < len(calls); i++ {
		if d := calls[i].at.Sub(calls[i-30].at); d < time.Minute {
			t.Fatalf("requests %d..%d within %v", i-30, i, d)
		}
	}
}

// TestClient_Retry checks the retries of transient failures.
func TestClient_Retry(t *testing.T) {
	t.Run("503ThenOK", func(t *testing.T) {
		rp := newReplay(t, "12367")
		rp.fail = func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n <= 2 {
				http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
				return true
			}
			return false
		}
		c := rp.client()
		var waits []time.Duration
		c.Wait = func(d time.Duration, reason string) { waits = append(waits, d) }
		start := rp.clock.Now()
		if _, err := c.Metadata(context.Background(), "12367"); err != nil {
			t.Fatal(err)
		}
		// Backoff 5 s then 10 s, with the jitter at its middle.
		if !slices.Equal(waits, []time.Duration{5 * time.Second, 10 * time.Second}) || len(rp.calls) != 3 {
			t.Fatalf("waits %v, %d calls", waits, len(rp.calls))
		}
		if d := rp.clock.Now().Sub(start); d < 15*time.Second {
			t.Fatalf("took %v", d)
		}
	})
	t.Run("429RetryAfter", func(t *testing.T) {
		rp := newReplay(t, "12367")
		rp.fail = func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n == 1 {
				w.Header().Set("Retry-After", "61")
				w.WriteHeader(http.StatusTooManyRequests)
				return true
			}
			return false
		}
		c := rp.client()
		if _, err := c.Metadata(context.Background(), "12367"); err != nil {
			t.Fatal(err)
		}
		if d := rp.calls[1].at.Sub(rp.calls[0].at); d != 61*time.Second {
			t.Fatalf("retried after %v", d)
		}
	})
	t.Run("NetworkError", func(t *testing.T) {
		rp := newReplay(t, "12367")
		rp.fail = func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n == 1 {
				hj, _ := w.(http.Hijacker)
				conn, _, _ := hj.Hijack()
				conn.Close()
				return true
			}
			return false
		}
		if _, err := rp.client().Metadata(context.Background(), "12367"); err != nil || len(rp.calls) != 2 {
			t.Fatalf("err %v after %d calls", err, len(rp.calls))
		}
	})
}

// TestClient_Errors checks the messages for failures, after the retries
// for the transient ones.
func TestClient_Errors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		body   string
		calls  int
		code   string
		want   []string
	}{
		{"400", 400, `{"type":"Parameter error","title":"Non-existent variable","status":400,"detail":"Variable Kjonn does not exist"}`, 1, virk.EINVALID,
			[]string{"tabell 12367: SSB godtar ikke spørringen (400 Bad Request)", "«Non-existent variable: Variable Kjonn does not exist»"}},
		{"403", 403, `{"title":"Forbidden","status":403,"detail":"Too many cells selected"}`, 1, virk.EINVALID,
			[]string{"tabell 12367: SSB nekter spørringen (403 Forbidden)", "800 000 celler", "«Forbidden: Too many cells selected»"}},
		{"404", 404, `{"title":"Table 12367 not found","status":404}`, 1, virk.ENOTFOUND,
			[]string{"tabell 12367 finnes ikke hos SSB (404 Not Found)", "«Table 12367 not found»"}},
		{"429", 429, "Too many requests", 3, virk.EINVALID,
			[]string{"tabell 12367: SSB avviser spørringen", "(429 Too Many Requests), også etter 3 forsøk", "30 spørringer per minutt", "«Too many requests»"}},
		{"503", 503, "<html><body>Service Unavailable</body></html>", 3, virk.EINVALID,
			[]string{"tabell 12367: SSB er ikke tilgjengelig (503 Service Unavailable), også etter 3 forsøk"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rp := newReplay(t, "12367")
			rp.fail = func(n int, w http.ResponseWriter, r *http.Request) bool {
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
				return true
			}
			c := rp.client()
			c.Retries = 2
			_, err := c.Metadata(context.Background(), "12367")
			if err == nil {
				t.Fatal("no error")
			}
			msg := virk.ErrorMessage(err)
			want := append(tt.want, "Spørring: "+rp.URL+"/tables/12367/metadata?lang=no&outputFormat=json-stat2")
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\nlacks %q", msg, w)
				}
			}
			if virk.ErrorCode(err) != tt.code || len(rp.calls) != tt.calls {
				t.Fatalf("code %s after %d calls", virk.ErrorCode(err), len(rp.calls))
			}
			if strings.Contains(msg, "<html>") {
				t.Fatalf("HTML in message: %s", msg)
			}
		})
	}
}

// TestClient_Revisions imports the unrevised March figures and then the
// revised June figures: the June values are shown and the March values
// kept as revisions.
func TestClient_Revisions(t *testing.T) {
	june := readSSB(t, "12367")
	march := strings.Replace(string(june), `"updated": "2021-06-13T22:00:00Z"`, `"updated": "2021-03-14T23:00:00Z"`, 1)
	march = strings.Replace(march, "1943974", "1900000", 1)
	if march == string(june) {
		t.Fatal("March file unchanged")
	}
	rp := newReplay(t)
	rp.set("12367", []byte(march))
	st := mustOpenDB(t)
	q := kostra.Query{Table: "12367", Region: []string{"EAK"}, From: 2015, To: 2015}
	p1, files := fetchAll(t, rp.client(), q)
	load(t, st, files)
	rp.set("12367", june)
	p2, files := fetchAll(t, rp.client(), q)
	if p1.Requests[0].Name == p2.Requests[0].Name {
		t.Fatalf("March and June share the name %s", p1.Requests[0].Name)
	}
	res := load(t, st, files)
	if res.Summary.Observations.Changed != 1 {
		t.Fatalf("June changed %d observations", res.Summary.Observations.Changed)
	}
	k := key("a-100-agd4", "ssb-eak", 2015)
	if o := observations(t, st)[k]; o.Value != 1943974 {
		t.Fatalf("shown %v, want the June figure", o.Value)
	}
	revs, err := st.FindRevisions(context.Background(), virk.ObservationFilter{IndicatorIDs: []string{k.IndicatorID}, EntityIDs: []string{k.EntityID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 1 || revs[0].Value != 1900000 {
		t.Fatalf("revisions %+v", revs)
	}
}

// FuzzParseMetadata checks that no input makes the metadata reader panic
// and that what it accepts can be planned.
func FuzzParseMetadata(f *testing.F) {
	for _, tb := range []string{"12367", "12191", "07459"} {
		f.Add(readSSB(f, tb))
	}
	f.Add([]byte(`{"id":["a"],"dimension":{"a":{"category":{"index":["x","y"]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := kostra.ParseMetadata(data)
		if err != nil {
			return
		}
		c := &kostra.Client{MaxCells: 7}
		if p, err := c.Plan(m, kostra.Query{Table: "1"}); err == nil {
			for _, r := range p.Requests {
				if r.Cells > 7 {
					t.Fatalf("request of %d cells", r.Cells)
				}
			}
		}
	})
}
