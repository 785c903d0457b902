package kostra_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk/kostra"
)

// ssbDir holds the real SSB responses (CC BY 4.0, see its NOTICE.md).
const ssbDir = "../jsonstat/testdata/ssb"

// Real SSB files by table.
var ssbFiles = map[string]string{
	"12367": "ssb-12367-kostra-driftsregnskap.json",
	"12191": "ssb-12191-kommunehelse.json",
	"07459": "ssb-07459-befolkning-kommuner-2022.json",
}

func readSSB(tb testing.TB, table string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(ssbDir, ssbFiles[table]))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// fakeClock is a clock whose Sleep moves time on at once.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 6, 15, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return ctx.Err()
}

// replay is a local PxWebApi v2 that answers from real SSB responses:
// /metadata is the response without values, /data cuts the response down
// to the valueCodes asked for.
type replay struct {
	*httptest.Server
	clock *fakeClock

	mu    sync.Mutex
	files map[string][]byte // by table
	// fail, when set, may answer a request in place of the server.
	fail  func(n int, w http.ResponseWriter, r *http.Request) bool
	calls []call
}

// call is one request the server saw, at the fake time.
type call struct {
	path string
	at   time.Time
}

func newReplay(t *testing.T, tables ...string) *replay {
	t.Helper()
	rp := &replay{clock: newFakeClock(), files: map[string][]byte{}}
	for _, tb := range tables {
		rp.files[tb] = readSSB(t, tb)
	}
	rp.Server = httptest.NewServer(http.HandlerFunc(rp.serve))
	t.Cleanup(rp.Close)
	return rp
}

// client returns a client on the server and the fake clock.
func (rp *replay) client() *kostra.Client {
	return &kostra.Client{BaseURL: rp.URL, Now: rp.clock.Now, Sleep: rp.clock.Sleep, Jitter: func() float64 { return 0.5 }}
}

func (rp *replay) set(table string, data []byte) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	rp.files[table] = data
}

// count returns how many requests had a path ending in suffix.
func (rp *replay) count(suffix string) int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	n := 0
	for _, c := range rp.calls {
		if strings.HasSuffix(c.path, suffix) {
			n++
		}
	}
	return n
}

func (rp *replay) serve(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	rp.calls = append(rp.calls, call{r.URL.Path, rp.clock.Now()})
	n, fail := len(rp.calls), rp.fail
	rp.mu.Unlock()
	if fail != nil && fail(n, w, r) {
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 3 || parts[0] != "tables" {
		http.NotFound(w, r)
		return
	}
	rp.mu.Lock()
	data, ok := rp.files[parts[1]]
	rp.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"type":"Not Found","title":"Table %s not found","status":404}`, parts[1])
		return
	}
	var out []byte
	var err error
	switch parts[2] {
	case "metadata":
		out, err = stripValues(data)
	case "data":
		out, err = cut(data, r.URL.Query())
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"title":"Bad Request","detail":%q,"status":400}`, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Write(out)
}

func stripValues(data []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	delete(doc, "value")
	delete(doc, "status")
	return json.Marshal(doc)
}

// cut returns the dataset restricted to the valueCodes of q: explicit
// codes or "*"; every dimension must be named, as the client does.
func cut(data []byte, q map[string][]string) ([]byte, error) {
	m, err := kostra.ParseMetadata(data)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	values := doc["value"].([]any)
	status := map[int]any{}
	switch s := doc["status"].(type) {
	case map[string]any:
		for k, v := range s {
			i, _ := strconv.Atoi(k)
			status[i] = v
		}
	case []any:
		for i, v := range s {
			status[i] = v
		}
	}
	nd := len(m.Dimensions)
	picks := make([][]int, nd) // positions kept per dimension
	stride := make([]int, nd)
	st := 1
	for i := nd - 1; i >= 0; i-- {
		stride[i] = st
		st *= len(m.Dimensions[i].Codes)
	}
	dims := doc["dimension"].(map[string]any)
	size := make([]any, nd)
	for i, d := range m.Dimensions {
		v, ok := q["valueCodes["+d.ID+"]"]
		if !ok {
			return nil, fmt.Errorf("valueCodes[%s] is missing", d.ID)
		}
		index := map[string]any{}
		labels := map[string]any{}
		old := dims[d.ID].(map[string]any)["category"].(map[string]any)["label"].(map[string]any)
		for _, c := range strings.Split(v[0], ",") {
			for j, code := range d.Codes {
				if c == "*" || c == code {
					index[code] = len(picks[i])
					labels[code] = old[code]
					picks[i] = append(picks[i], j)
				}
			}
		}
		if len(picks[i]) == 0 {
			return nil, fmt.Errorf("no codes %s for %s", v[0], d.ID)
		}
		cat := dims[d.ID].(map[string]any)["category"].(map[string]any)
		cat["index"], cat["label"] = index, labels
		size[i] = len(picks[i])
	}
	var nv []any
	ns := map[string]any{}
	var walk func(dim, pos int)
	walk = func(dim, pos int) {
		if dim == nd {
			if s, ok := status[pos]; ok {
				ns[strconv.Itoa(len(nv))] = s
			}
			nv = append(nv, values[pos])
			return
		}
		for _, j := range picks[dim] {
			walk(dim+1, pos+j*stride[dim])
		}
	}
	walk(0, 0)
	doc["value"], doc["size"] = nv, size
	if len(ns) > 0 {
		doc["status"] = ns
	} else {
		delete(doc, "status")
	}
	return json.Marshal(doc)
}
