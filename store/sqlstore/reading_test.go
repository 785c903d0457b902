package sqlstore

import (
	"math"
	"testing"
)

func TestReadingsRoundTrip(t *testing.T) {
	in := []float64{12.345, 12.346, math.NaN(), 0, 1e6, 0.001, 3.5, math.NaN()}
	data := encodeReadings(nil, in)
	// 1 format byte; 12345 Wh → zigzag 24690+1 in 3 bytes; +1 Wh in 1; NaN 1;
	// −12346 in 3; +1e9 in 5; −(1e9−1) in 5; +3499 in 2; NaN 1.
	if len(data) != 1+3+1+1+3+5+5+2+1 {
		t.Errorf("encoded in %d bytes", len(data))
	}
	out, err := decodeReadings(nil, data, len(in))
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if in[i] != out[i] && !(math.IsNaN(in[i]) && math.IsNaN(out[i])) {
			t.Errorf("value %d: %v, want %v", i, out[i], in[i])
		}
	}
	if _, err := decodeReadings(nil, data, len(in)+1); err == nil {
		t.Error("a short block decoded")
	}
	if _, err := decodeReadings(nil, data[:len(data)-1], len(in)); err == nil {
		t.Error("a truncated block decoded")
	}
}
