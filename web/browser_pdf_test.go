package web_test

// The report's PDF download, printed by a real Chromium through package
// pdf, as `virk serve` wires it.

import (
	"context"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/report"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/pdf"
)

// brPoppler runs a poppler-utils program (pdfinfo, pdftotext) on a PDF.
func brPoppler(tb testing.TB, doc []byte, prog string, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		brNeedTool(tb, "%s mangler: installer poppler-utils («sudo apt-get install poppler-utils»)", prog)
	}
	file := filepath.Join(tb.TempDir(), "rapport.pdf")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		tb.Fatal(err)
	}
	args = append(args, file)
	if prog == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(prog, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s: %v\n%s", prog, err, out)
	}
	return string(out)
}

// brGet fetches url and returns the status, the content type and the body.
func brGet(tb testing.TB, url string) (int, string, []byte) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// TestBrowser_ReportPDF downloads the demo report as PDF: a tagged A4
// document with the report's title, its text in Norwegian and numbered
// pages. Without a printer, the link explains why instead.
func TestBrowser_ReportPDF(t *testing.T) {
	t.Run("Unavailable", func(t *testing.T) {
		a := brSharedDemo(t)
		status, _, body := brGet(t, a.URL+"/rapport.pdf")
		if status != http.StatusServiceUnavailable || !strings.Contains(string(body), brNoPDF) {
			t.Errorf("without a printer: status %d, want 503 with the reason %q", status, brNoPDF)
		}
	})
	t.Run("OK", func(t *testing.T) {
		path, err := pdf.Find()
		if err != nil {
			brNeedTool(t, "%s", virk.ErrorMessage(err))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		p, err := pdf.New(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		a, err := brOpenDemo(t.TempDir(), p)
		if err != nil {
			t.Fatal(err)
		}
		defer a.close()

		status, ctype, doc := brGet(t, a.URL+"/rapport.pdf")
		if status != http.StatusOK || ctype != "application/pdf" || !strings.HasPrefix(string(doc), "%PDF-") {
			t.Fatalf("status %d, %s, %.40q: want a PDF", status, ctype, doc)
		}
		info := map[string]string{}
		for _, line := range strings.Split(brPoppler(t, doc, "pdfinfo"), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				info[k] = strings.TrimSpace(v)
			}
		}
		pages, _ := strconv.Atoi(info["Pages"])
		if info["Tagged"] != "yes" || !strings.HasPrefix(info["Title"], "Virksomhetsanalyse") || pages < 2 || !strings.HasPrefix(info["Page size"], "595.") {
			t.Errorf("pdfinfo: Tagged %q, Title %q, Pages %q, Page size %q; want a tagged A4 report of several pages", info["Tagged"], info["Title"], info["Pages"], info["Page size"])
		}
		text := brPoppler(t, doc, "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1")
		for _, want := range []string{"Virksomhetsanalyse", "Bærum", "Side 1 av " + info["Pages"]} {
			if !strings.Contains(text, want) {
				t.Errorf("page 1 has no %q:\n%s", want, text)
			}
		}

		// Done means 3: every table of the report, which regenerates
		// every table of the seed, is in the PDF as text, with the
		// seed's figures.
		all := brFlatten(brPoppler(t, doc, "pdftotext", "-enc", "UTF-8"))
		rep, err := report.Build(ctx, demo.Report(), a.Store)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Tables) < 17 {
			t.Errorf("the report has %d tables, want at least the seed's 17", len(rep.Tables))
		}
		for _, tb := range rep.Tables {
			if !strings.Contains(all, brFlatten(tb.Caption)) {
				t.Errorf("the PDF lacks the table %q", tb.Caption)
			}
		}
		// Figures the seed prints, from demo/expected.md: FTE sums and
		// changes (§2.2.2, §3.2.1, §4.2.1, §5.2.1), finance and shares
		// (§2.2.1), 2017 kroner (§2.2.4), energy (§5.2.2), LDIP trends
		// (§2.2.5, §5.2.3) and the minority totals (§6.1.6).
		for _, want := range []string{
			"559,6", "657,7", "3,4 %", "1 422,3", "−967,6", "32 %", "68 %", "76 %",
			"342,2", "−0,5 %", "21,7 %", "−47,4 %", "66,1 %", "15,2 %", "2,4 %",
			"3 237", "−16,2 %", "212,7", "−5,5 %", "−238", "13 %", "−1,7 %", "1 052,9", "1 070,6",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("the PDF lacks the figure %q", want)
			}
		}
	})
}

// brFlatten makes text from a PDF and from HTML comparable: no-break
// spaces become spaces, and runs of white space one space.
func brFlatten(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
