package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// tidyData generates a tidy CSV of n rows over 50 indicators, 1 000
// entities and as many years as needed, with Norwegian number formats and
// an occasional status, and the catalogue it needs.
func tidyData(n int) ([]byte, *Catalogue) {
	const nInd, nEnt = 50, 1000
	var inds []*virk.Indicator
	var ents []*virk.Entity
	for i := range nInd {
		inds = append(inds, &virk.Indicator{ID: fmt.Sprintf("indikator_%02d", i), LabelNB: "I"})
	}
	for i := range nEnt {
		ents = append(ents, &virk.Entity{ID: fmt.Sprintf("enhet_%04d", i), Name: "E", Kind: virk.KindUnit})
	}
	var b bytes.Buffer
	b.WriteString("\ufeffindikator;enhet;periode;verdi;status\n")
	for r := range n {
		ind, ent, year := r%nInd, r/nInd%nEnt, 1900+r/(nInd*nEnt)
		switch {
		case r%97 == 0:
			fmt.Fprintf(&b, "indikator_%02d;enhet_%04d;%d;;..\n", ind, ent, year)
		case r%13 == 0:
			fmt.Fprintf(&b, "indikator_%02d;enhet_%04d;%d;%d\u00a0%03d,%d;p\n", ind, ent, year, r%999+1, r%997, r%10)
		default:
			fmt.Fprintf(&b, "indikator_%02d;enhet_%04d;%d;%d,%d;\n", ind, ent, year, r%100000, r%10)
		}
	}
	return b.Bytes(), NewCatalogue(inds, ents)
}

// BenchmarkTidyCSV imports a tidy CSV of 1 million rows: decoding, parsing,
// resolving and duplicate checking, as Importer.ChangeSet does it.
func BenchmarkTidyCSV(b *testing.B) {
	const rows = 1_000_000
	data, cat := tidyData(rows)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		im := &Importer{Catalogue: cat}
		if err := im.Add("data.csv", data); err != nil {
			b.Fatal(err)
		}
		cs, err := im.ChangeSet()
		if err != nil {
			b.Fatal(err)
		}
		if len(cs.Observations) != rows {
			b.Fatalf("got %d observations, want %d", len(cs.Observations), rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReader reads the same file with a Reader alone.
func BenchmarkReader(b *testing.B) {
	const rows = 1_000_000
	data, cat := tidyData(rows)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		r := newBytesReader(data)
		r.Catalogue = cat
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestTidyCSV_Large imports 3.6 million rows, the size of the largest
// expected file, and requires it to take well under 10 s. It allocates a
// few GB, so it runs only with VIRK_TEST_LARGE=1.
func TestTidyCSV_Large(t *testing.T) {
	if os.Getenv("VIRK_TEST_LARGE") == "" {
		t.Skip("set VIRK_TEST_LARGE=1 to import 3.6 million rows")
	}
	const rows = 3_600_000
	data, cat := tidyData(rows)
	start := time.Now()
	im := &Importer{Catalogue: cat}
	if err := im.Add("data.csv", data); err != nil {
		t.Fatal(err)
	}
	cs, err := im.ChangeSet()
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	t.Logf("%d rows, %d MB in %v (%.0f rows/s)", len(cs.Observations), len(data)>>20, elapsed, rows/elapsed.Seconds())
	if len(cs.Observations) != rows || elapsed > 7*time.Second {
		t.Errorf("got %d observations in %v", len(cs.Observations), elapsed)
	}
}
