package ingest

import (
	"os"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
	"github.com/virk-analyse/virk/px"
)

// The benchmarks below compare the whole import (Importer.Add and
// ChangeSet: decoding, parsing, resolving, duplicate checks) of PC-Axis
// and JSON-stat per cell of the cube:
//
//	go test -run '^$' -bench 'PX|JSONStatImport' -count 5 ./ingest/
//
// Transmengde.px is the largest file of ../shared/data/px (475 828 bytes,
// 27 300 cells; a real SSB file); px-x-0602000000_107.px has the most
// cells (60 800). SSB's 12367 is the JSON-stat file of the jsonstat tests.

// BenchmarkPXImport_Transmengde imports the largest PX file.
func BenchmarkPXImport_Transmengde(b *testing.B) {
	benchPX(b, "pxweb-example/Transmengde.px")
}

// BenchmarkPXImport_FSO imports the PX file with the most cells.
func BenchmarkPXImport_FSO(b *testing.B) {
	benchPX(b, "pyaxis/px-x-0602000000_107.px")
}

func benchPX(b *testing.B, rel string) {
	data := pxData(b, rel)
	f, err := px.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	m := &JSONStatMapping{EntityID: "norge"}
	benchImport(b, "t.px", data, f.Len(), func(im *Importer) { im.PXMapping = m })
}

// BenchmarkJSONStatImport_12367 imports SSB's KOSTRA table 12367.
func BenchmarkJSONStatImport_12367(b *testing.B) {
	data, err := os.ReadFile("../jsonstat/testdata/ssb/" + file12367)
	if err != nil {
		b.Skip(err)
	}
	doc, err := jsonstat.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	benchImport(b, "t.json", data, doc.Dataset.Len(), func(im *Importer) { im.JSONStat = JSONStat })
}

// benchImport imports a file into a fresh catalogue per round and
// reports the time per cell of its cube.
func benchImport(b *testing.B, name string, data []byte, cells int, set func(*Importer)) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		im := &Importer{Catalogue: NewCatalogue(nil, []*virk.Entity{{ID: "norge", Name: "Norge", Kind: virk.KindGroup}})}
		set(im)
		if err := im.Add(name, data); err != nil {
			b.Fatal(err)
		}
		if _, err := im.ChangeSet(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cells), "ns/cell")
	b.ReportMetric(float64(cells), "cells")
}
