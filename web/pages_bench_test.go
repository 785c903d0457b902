package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// BenchmarkPages times the long pages uncached (the request asks for a
// fresh page) on bench/out/pages.db: the national dataset, the demo and
// 3 000 more indicators on the demo's entities, which
// "WIDE=3000 bench/web.sh" imports into bench/out/web.db (copy it). Without
// it the benchmark skips. VIRK_BENCH_DB names another database.
//
//	go test ./web -run '^$' -bench Pages -cpuprofile bench/out/pages.prof
func BenchmarkPages(b *testing.B) {
	path := os.Getenv("VIRK_BENCH_DB")
	if path == "" {
		path = "../bench/out/pages.db"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no %s: copy bench/out/web.db there after WIDE=3000 bench/web.sh", path)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(asAdmin(b, st, (&web.Server{Store: st, Home: "baerum"}).Handler()))
	b.Cleanup(srv.Close)
	for _, c := range []struct{ name, page string }{
		{"scorecard", "/"}, {"scorecard-p20", "/?side=20"}, {"unit-osu", "/enhet/osu"}, {"unit-baerum", "/enhet/baerum"},
		{"scorecard-k1101", "/?enhet=k1101"}, {"scorecard-all", "/?enhet=alle&side=700"}, {"indicator-ekstra", "/indikator/ekstra_0001"}, {"indicator-kostra", "/indikator/kostra_0001"},
	} {
		page := c.page
		get := func(b *testing.B) int64 {
			req, _ := http.NewRequest("GET", srv.URL+page, nil)
			req.Header.Set("Cache-Control", "no-cache")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			defer resp.Body.Close()
			size, _ := io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("%s: status %d", page, resp.StatusCode)
			}
			return size
		}
		b.Run(c.name, func(b *testing.B) {
			// The first request of a data version indexes the page's
			// entities; the benchmark times the requests after it, and
			// reports the first.
			start := time.Now()
			size := get(b)
			first := time.Since(start)
			for b.Loop() {
				size = get(b)
			}
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}
