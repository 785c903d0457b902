package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// BenchmarkUploadCheck measures what the import page's check (upload,
// spool, dry run) costs for a large CSV: the peak of the Go heap during
// the request above what it held before, beside the file's size. The
// body is streamed from disk, so the client holds almost none of it.
//
//	go test ./web -run '^$' -bench UploadCheck -benchtime 1x
func BenchmarkUploadCheck(b *testing.B) {
	for _, mb := range []int{8, 32, 64, 128} {
		b.Run(fmt.Sprintf("MB=%d", mb), func(b *testing.B) {
			dir := b.TempDir()
			cat, data, rows := writeBenchUpload(b, dir, mb<<20)
			st, err := sqlite.Open(context.Background(), filepath.Join(dir, "virk.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			s := &web.Server{Store: st, VersionTTL: -1, SpoolDir: filepath.Join(dir, "spool")}
			srv := httptest.NewServer(s.Handler())
			defer srv.Close()
			c, csrf := signIn(b, st, "anna", virk.Grant{Role: virk.RoleAnalyst})
			fi, _ := os.Stat(data)

			var peak uint64
			for b.Loop() {
				runtime.GC()
				base := heapBytes()
				var max atomic.Uint64
				done := make(chan struct{})
				go func() {
					t := time.NewTicker(time.Millisecond)
					defer t.Stop()
					for {
						if h := heapBytes(); h > max.Load() {
							max.Store(h)
						}
						select {
						case <-done:
							return
						case <-t.C:
						}
					}
				}()
				status, body := streamUpload(b, srv.URL+"/import", c, csrf, cat, data)
				close(done)
				if status != http.StatusOK || !strings.Contains(body, `action="/import/`) {
					b.Fatalf("check: status %d\n%.2000s", status, body)
				}
				if m := max.Load(); m > base && m-base > peak {
					peak = m - base
				}
			}
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak)/float64(fi.Size()), "heap/file")
		})
	}
}

// heapBytes is the memory of the Go heap's objects, live or not yet
// collected: what the process holds for them.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// writeBenchUpload writes a catalogue of 100 indicators and 400 entities
// and a tidy CSV of about size bytes over them, one year after another,
// and returns their paths and the number of rows.
func writeBenchUpload(b *testing.B, dir string, size int) (cat, data string, rows int) {
	b.Helper()
	const nInd, nEnt = 100, 400
	var sb strings.Builder
	sb.WriteString(`{"indicators": [`)
	for i := range nInd {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id": "b%03d", "label_nb": "Indikator %d", "unit": "kr"}`, i, i)
	}
	sb.WriteString(`], "entities": [`)
	for e := range nEnt {
		if e > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id": "e%03d", "name": "Enhet %d", "kind": "municipality"}`, e, e)
	}
	sb.WriteString("]}")
	cat = filepath.Join(dir, "katalog.json")
	if err := os.WriteFile(cat, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	data = filepath.Join(dir, "data.csv")
	f, err := os.Create(data)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	n, _ := w.WriteString("indicator;entity;period;value;status\n")
	for year := 1100; n < size; year++ {
		for i := 0; i < nInd && n < size; i++ {
			for e := 0; e < nEnt && n < size; e++ {
				k, _ := fmt.Fprintf(w, "b%03d;e%03d;%d;%d,%d;\n", i, e, year, 1000+(year*7+i*13+e)%9000, e%10)
				n += k
				rows++
			}
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return cat, data, rows
}

// streamUpload posts files from disk to the import page through a pipe.
func streamUpload(b *testing.B, url string, c *http.Cookie, csrf string, paths ...string) (int, string) {
	b.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := mw.WriteField("csrf", csrf)
		for _, p := range paths {
			if err != nil {
				break
			}
			var fw io.Writer
			if fw, err = mw.CreateFormFile("files", filepath.Base(p)); err != nil {
				break
			}
			var f *os.File
			if f, err = os.Open(p); err != nil {
				break
			}
			_, err = io.Copy(fw, f)
			f.Close()
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", url, pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(c)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
