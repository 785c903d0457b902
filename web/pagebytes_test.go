package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// pageBytesPages are the scorecard and unit pages whose markup
// TestPageBytes pins: the long tables that are made in Go for speed
// must come out byte for byte as the templates made them.
var pageBytesPages = []string{
	"/",
	"/?enhet=alle&side=2",
	"/?lang=en",
	"/?enhet=digit",
	"/enhet/osu",
	"/enhet/osu?lang=en",
	"/enhet/styring_administrasjon",
	"/enhet/baerum",
}

// csrfValue is the session's CSRF token in a page, which differs from
// run to run.
var csrfValue = regexp.MustCompile(`name="csrf" value="[^"]*"`)

// pageBytes returns the page at srv's path with the session's CSRF token
// replaced by a fixed text.
func pageBytes(t *testing.T, srv *httptest.Server, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", path, resp.StatusCode)
	}
	return csrfValue.ReplaceAll(b, []byte(`name="csrf" value="CSRF"`))
}

// goldenName is the file name of a page's golden copy.
func goldenName(path string) string {
	if path == "/" {
		return "root.html"
	}
	r := strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-")
	return strings.TrimPrefix(r.Replace(path), "_") + ".html"
}

// comparePages compares each page with its golden copy in dir, or
// writes the copies when update is set.
func comparePages(t *testing.T, srv *httptest.Server, dir string, paths []string, update bool) {
	t.Helper()
	for _, path := range paths {
		got := pageBytes(t, srv, path)
		file := filepath.Join(dir, goldenName(path))
		if update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v (run with -update)", path, err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s differs from %s at byte %d:\n got …%s…\nwant …%s…", path, file, i,
				got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
		}
	}
}

// TestPageBytes checks that the demo's scorecard and unit pages are byte
// for byte the golden copies in testdata (regenerate with -update after
// a change that is meant to show).
func TestPageBytes(t *testing.T) {
	srv, _ := demoServer(t)
	comparePages(t, srv, filepath.Join("testdata", "TestPageBytes"), pageBytesPages, *update)
}

// TestPageBytesWide does what TestPageBytes does on a large database,
// VIRK_BENCH_DB (such as bench/out/pages.db), against the copies in the
// folder VIRK_PAGES_GOLDEN, which VIRK_PAGES_UPDATE=1 writes; without
// both it skips. Before a change to how the pages are made, write the
// copies; after it, compare:
//
//	VIRK_BENCH_DB=../bench/out/pages.db VIRK_PAGES_GOLDEN=/tmp/wide VIRK_PAGES_UPDATE=1 go test ./web -run PageBytesWide
func TestPageBytesWide(t *testing.T) {
	path, dir := os.Getenv("VIRK_BENCH_DB"), os.Getenv("VIRK_PAGES_GOLDEN")
	if path == "" || dir == "" {
		t.Skip("VIRK_BENCH_DB and VIRK_PAGES_GOLDEN are not set")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st, Home: "baerum"}).Handler()))
	t.Cleanup(srv.Close)
	comparePages(t, srv, dir, []string{
		"/", "/?side=20", "/?side=220", "/?lang=en&side=3", "/?enhet=k1101", "/?enhet=k1101&side=7",
		"/enhet/osu", "/enhet/osu?side=4", "/enhet/osu?lang=en&side=2", "/enhet/baerum", "/enhet/baerum?side=3",
		"/enhet/styring_administrasjon", "/enhet/digit?side=2",
	}, os.Getenv("VIRK_PAGES_UPDATE") == "1")
}
