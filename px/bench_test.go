package px

import "testing"

// BenchmarkParse parses the largest file of ../shared/data/px, SSB's
// Transmengde.px (27 300 cells, 6 760 DATANOTECELLs), reporting the time
// per cell.
func BenchmarkParse(b *testing.B) {
	data := readShared(b, "pxweb-example/Transmengde.px")
	b.SetBytes(int64(len(data)))
	var cells int
	for b.Loop() {
		f, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		cells = len(f.Cells)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cells), "ns/cell")
}
