package jsonstat

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDecode decodes the largest official sample, us-labor.json
// (12,880 cells, 245 kB, mostly county metadata), and reports cells/op
// and cells/s.
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(samplesDir, "us-labor.json"))
	if err != nil {
		b.Skipf("sample not available: %v", err)
	}
	benchDecode(b, data)
}

// BenchmarkDecodeValues decodes a synthetic dataset of one million cells
// with little metadata, the shape of a large SSB extraction, to measure
// the value scanner itself.
func BenchmarkDecodeValues(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"version":"2.0","class":"dataset","id":["region","year"],"size":[1000,1000],"dimension":{`)
	for j, name := range []string{"region", "year"} {
		if j > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `%q:{"category":{"index":[`, name)
		for c := range 1000 {
			if c > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `"%s%d"`, name, c)
		}
		sb.WriteString(`]}}`)
	}
	sb.WriteString(`},"value":[`)
	for p := range 1000 * 1000 {
		if p > 0 {
			sb.WriteByte(',')
		}
		if p%17 == 0 {
			sb.WriteString("null")
		} else {
			fmt.Fprintf(&sb, "%d.%d", p%100000, p%10)
		}
	}
	sb.WriteString(`],"status":{"0":".","17":":"}}`)
	benchDecode(b, []byte(sb.String()))
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cells := 0
	for b.Loop() {
		doc, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		cells = doc.Dataset.Len()
	}
	b.ReportMetric(float64(cells), "cells/op")
	b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

// BenchmarkAll iterates over every cell of us-labor.json; it should not
// allocate per cell.
func BenchmarkAll(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(samplesDir, "us-labor.json"))
	if err != nil {
		b.Skipf("sample not available: %v", err)
	}
	doc, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	ds := doc.Dataset
	b.ReportAllocs()
	for b.Loop() {
		sum := 0.0
		for _, o := range ds.All() {
			sum += o.Value.Num
		}
		_ = sum
	}
	b.ReportMetric(float64(ds.Len())*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}
