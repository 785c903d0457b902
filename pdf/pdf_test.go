package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/virk-analyse/virk"
)

// missing skips the test when a tool it needs is not installed, except on
// CI (CI=true), where .ci/run installs everything and a skip would hide
// that the PDF was never checked.
func missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s (CI=true: .ci/run must install it)", msg)
	}
	tb.Skip(msg)
}

// mustNew starts a Printer for the test and closes it at the end.
func mustNew(tb testing.TB) *Printer {
	tb.Helper()
	path, err := Find()
	if err != nil {
		missing(tb, "%s", virk.ErrorMessage(err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p, err := New(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := p.Close(); err != nil {
			tb.Error(err)
		}
	})
	return p
}

// shared is the printer of the tests that only print, started by the
// first of them and closed by TestMain: a browser start costs more than
// a print.
var shared struct {
	once    sync.Once
	printer *Printer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.printer != nil {
		shared.printer.Close()
	}
	os.Exit(code)
}

// sharedPrinter returns the shared printer, or skips (fails on CI) when
// there is no Chromium.
func sharedPrinter(tb testing.TB) *Printer {
	tb.Helper()
	path, err := Find()
	if err != nil {
		missing(tb, "%s", virk.ErrorMessage(err))
	}
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		shared.printer, err = New(ctx, path)
	})
	if shared.printer == nil {
		tb.Fatalf("start the shared printer: %v", err)
	}
	return shared.printer
}

// mustPrint prints html with a time limit.
func mustPrint(tb testing.TB, p *Printer, html string) []byte {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := p.PrintPDF(ctx, []byte(html))
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		tb.Fatalf("not a PDF: %.20q", out)
	}
	return out
}

// poppler runs a poppler-utils program (pdftotext, pdfinfo) on a PDF and
// returns its output.
func poppler(tb testing.TB, pdf []byte, prog string, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		missing(tb, "%s mangler: installer poppler-utils («sudo apt-get install poppler-utils»)", prog)
	}
	file := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(prog, append(args, file, "-")...)
	if prog == "pdfinfo" {
		cmd = exec.Command(prog, append(args, file)...)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("%s: %v\n%s", prog, err, out)
	}
	return string(out)
}

// pageText returns the text of page n (1-based).
func pageText(tb testing.TB, pdf []byte, n int) string {
	tb.Helper()
	s := strconv.Itoa(n)
	return poppler(tb, pdf, "pdftotext", "-layout", "-enc", "UTF-8", "-f", s, "-l", s)
}

// info returns pdfinfo's fields, such as "Pages" and "Tagged".
func info(tb testing.TB, pdf []byte) map[string]string {
	tb.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(poppler(tb, pdf, "pdfinfo"), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

// report is a small analysis in the shape of the real one: chapters that
// start on a new page, and a table longer than a page whose header must be
// repeated on each page.
func report(lang string) string {
	var rows strings.Builder
	for i := range 90 {
		fmt.Fprintf(&rows, "<tr><th scope=row>Enhet %d</th><td>%d</td><td>%d,%d</td></tr>\n", i+1, 2014+i%10, 100+i, i%10)
	}
	return `<!doctype html>
<html lang="` + lang + `">
<head><meta charset="utf-8"><title>Virksomhetsanalyse 2023</title>
<style>
body { font-family: sans-serif; }
h2 { break-before: page; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
</style></head>
<body>
<h1>Virksomhetsanalyse for Bærum kommune</h1>
<p>Sykefraværet viser en økning fra 6,9 til 7,3 prosent. Æ, ø og å skal kunne kopieres.</p>
<table>
<caption>Årsverk per enhet</caption>
<thead><tr><th scope=col>Tjenesteområde</th><th scope=col>År</th><th scope=col>Årsverk</th></tr></thead>
<tbody>
` + rows.String() + `</tbody>
</table>
<h2>Kapittel to: Økonomi</h2>
<p>Brutto driftsutgifter.</p>
<h2>Kapittel tre: Medarbeidere</h2>
<p>Sykefravær og turnover.</p>
</body>
</html>`
}

func TestFind(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path, err := Find()
		if err != nil {
			missing(t, "%s", virk.ErrorMessage(err))
		}
		t.Setenv(EnvChromium, path)
		got, err := Find()
		if err != nil || got != path {
			t.Fatalf("Find() with %s=%s = %q, %v", EnvChromium, path, got, err)
		}
	})
	t.Run("ErrBadVariable", func(t *testing.T) {
		t.Setenv(EnvChromium, filepath.Join(t.TempDir(), "ingen-chromium"))
		_, err := Find()
		if virk.ErrorCode(err) != virk.ENOTFOUND || !strings.Contains(virk.ErrorMessage(err), EnvChromium) {
			t.Fatalf("Find() = %v, want ENOTFOUND naming %s", err, EnvChromium)
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		t.Setenv(EnvChromium, "")
		t.Setenv("PATH", t.TempDir())
		_, err := Find()
		msg := virk.ErrorMessage(err)
		if virk.ErrorCode(err) != virk.ENOTFOUND || !strings.Contains(msg, "sudo apt-get install chromium") || !strings.Contains(msg, EnvChromium) {
			t.Fatalf("Find() = %v, want ENOTFOUND that says how to install Chromium", err)
		}
	})
}

func TestPrinter_PrintPDF(t *testing.T) {
	p := sharedPrinter(t)
	out := mustPrint(t, p, report("nb"))

	in := info(t, out)
	pages, _ := strconv.Atoi(in["Pages"])
	if pages < 4 {
		t.Fatalf("%d pages, want at least 4 (a table over two pages, then two chapters)", pages)
	}
	if !strings.HasPrefix(in["Page size"], "595.") || !strings.Contains(in["Page size"], "x 841.") {
		t.Errorf("page size %q, want A4 (595 x 842 pts)", in["Page size"])
	}
	if in["Tagged"] != "yes" {
		t.Errorf("pdfinfo Tagged: %q, want yes", in["Tagged"])
	}
	if in["Title"] != "Virksomhetsanalyse 2023" {
		t.Errorf("pdfinfo Title: %q, want the document's <title>", in["Title"])
	}
	for _, key := range []string{"/StructTreeRoot", "/MarkInfo", "/Outlines"} {
		if !bytes.Contains(out, []byte(key)) {
			t.Errorf("the PDF has no %s", key)
		}
	}

	text := make([]string, pages+1)
	for n := 1; n <= pages; n++ {
		text[n] = pageText(t, out, n)
	}
	t.Run("Text", func(t *testing.T) {
		for _, want := range []string{"Bærum", "økning", "Æ, ø og å", "Årsverk per enhet"} {
			if !strings.Contains(text[1], want) {
				t.Errorf("page 1 has no %q; its text:\n%s", want, text[1])
			}
		}
	})
	t.Run("TableHeaderRepeats", func(t *testing.T) {
		head, row := strings.Index(text[2], "Tjenesteområde"), strings.Index(text[2], "Enhet ")
		if head < 0 || row < head {
			t.Errorf("page 2 should go on with the table under its repeated header; its text:\n%s", text[2])
		}
	})
	t.Run("ChapterStartsPage", func(t *testing.T) {
		for _, h := range []string{"Kapittel to: Økonomi", "Kapittel tre: Medarbeidere"} {
			n := 0
			for i := 1; i <= pages; i++ {
				if strings.Contains(text[i], h) {
					n = i
				}
			}
			if n == 0 {
				t.Fatalf("no page has %q", h)
			}
			if first := strings.TrimSpace(text[n]); !strings.HasPrefix(first, h) {
				t.Errorf("%q is on page %d but does not begin it:\n%s", h, n, text[n])
			}
		}
	})
	t.Run("PageNumbers", func(t *testing.T) {
		for n := 1; n <= pages; n++ {
			want := fmt.Sprintf("Side %d av %d", n, pages)
			if !strings.Contains(text[n], want) {
				t.Errorf("page %d has no %q:\n%s", n, want, text[n])
			}
		}
	})
}

func TestPrinter_PrintPDF_English(t *testing.T) {
	p := sharedPrinter(t)
	out := mustPrint(t, p, report("en-GB"))
	if text := pageText(t, out, 1); !strings.Contains(text, "Page 1 of ") {
		t.Errorf("an English document's footer should read \"Page 1 of N\":\n%s", text)
	}
}

// TestPrinter_PrintPDF_NoNetwork checks that a document cannot make the
// server fetch a URL, on loopback or elsewhere.
func TestPrinter_PrintPDF_NoNetwork(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		t.Logf("the document fetched %s", r.URL)
	}))
	defer srv.Close()
	p := sharedPrinter(t)
	mustPrint(t, p, `<!doctype html><html lang="nb"><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="`+srv.URL+`/a.css"><img src="`+srv.URL+`/b.png" alt="">
<iframe src="`+srv.URL+`/c.html" title="c"></iframe><p>Hei</p></html>`)
	if n := hits.Load(); n != 0 {
		t.Fatalf("the document reached the network %d times", n)
	}
}

func TestPrinter_PrintPDF_Parallel(t *testing.T) {
	p := sharedPrinter(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			html := fmt.Sprintf(`<!doctype html><html lang="nb"><meta charset="utf-8"><title>t</title><p>Dokument nummer %d</p></html>`, i)
			out, err := p.PrintPDF(ctx, []byte(html))
			if err == nil && !strings.Contains(pageText(t, out, 1), fmt.Sprintf("Dokument nummer %d", i)) {
				err = fmt.Errorf("print %d has another document's text", i)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

func TestPrinter_PrintPDF_Canceled(t *testing.T) {
	p := sharedPrinter(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.PrintPDF(ctx, []byte(report("nb"))); !errors.Is(err, context.Canceled) {
		t.Fatalf("PrintPDF with a canceled context = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	if _, err := p.PrintPDF(ctx, []byte(report("nb"))); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("PrintPDF past its deadline = %v, want context.DeadlineExceeded", err)
	}
	mustPrint(t, p, report("nb")) // the browser is still there
}

// TestPrinter_PrintPDF_Restart checks that a printer whose browser died
// (killed here, as the kernel does when memory runs out) starts a new one.
func TestPrinter_PrintPDF_Restart(t *testing.T) {
	p := mustNew(t)
	p.mu.Lock()
	b := p.browser
	p.mu.Unlock()
	proc := chromedp.FromContext(b).Browser.Process()
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-b.Done():
	case <-time.After(30 * time.Second):
		t.Fatal("the printer did not notice that its browser died")
	}
	mustPrint(t, p, report("nb"))
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser == b {
		t.Fatal("the printer kept its dead browser")
	}
}

func TestPrinter_Close(t *testing.T) {
	p := mustNew(t)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.PrintPDF(context.Background(), []byte("<p>x</p>")); err == nil {
		t.Fatal("PrintPDF after Close succeeded")
	}
	if err := p.Close(); err != nil {
		t.Fatalf("a second Close: %v", err)
	}
}

func BenchmarkPrintPDF(b *testing.B) {
	p := sharedPrinter(b)
	html := []byte(report("nb"))
	ctx := context.Background()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := p.PrintPDF(ctx, html)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}
