package virk

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// ObservationRows gives back what was appended, across chunks, with
// invalid statuses and periods kept as they were, and Keep keeps order.
func TestObservationRows(t *testing.T) {
	var want []Observation
	var rows ObservationRows
	n := 3*rowChunkLen + 17
	for i := range n {
		o := Observation{IndicatorID: fmt.Sprintf("ind%d", i/1000), EntityID: fmt.Sprintf("e%d", i%7),
			Period: Period{Year: 2000 + i%13, Freq: Annual}, Value: float64(i) / 3, Status: StatusFinal,
			Source: "fil.csv"}
		switch {
		case i%11 == 0:
			o.Status, o.Value = StatusMissing, 0
		case i%97 == 0:
			o.Status = Status(fmt.Sprintf("ukjent %d", i)) // 300-odd distinct: past the table
		case i%101 == 0:
			o.Period, o.Value, o.Source = Period{Year: 12345, Freq: Monthly, N: 13}, math.NaN(), ""
		}
		want = append(want, o)
		rows.Append(o)
	}
	if rows.Len() != n {
		t.Fatalf("Len %d, want %d", rows.Len(), n)
	}
	same := func(t *testing.T, got, want []Observation) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d", len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if math.IsNaN(w.Value) && math.IsNaN(g.Value) {
				g.Value, w.Value = 0, 0
			}
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("row %d: %+v, want %+v", i, g, w)
			}
		}
	}
	same(t, rows.Observations(), want)
	if len(rows.Statuses()) != oddStatusIndex || len(rows.Indicators()) != n/1000+1 || len(rows.Entities()) != 7 {
		t.Errorf("tables: %d statuses, %d indicators, %d entities", len(rows.Statuses()), len(rows.Indicators()), len(rows.Entities()))
	}
	w := rows.Row(5)
	if rows.Indicators()[w.Indicator] != "ind0" || rows.Entities()[w.Entity] != "e5" || rows.Periods()[w.Period].Year != 2005 ||
		rows.Sources()[w.Source] != "fil.csv" || rows.StatusOf(5, w.Status) != StatusFinal || w.Value != 5.0/3 {
		t.Errorf("Row(5) = %+v", w)
	}

	t.Run("Keep", func(t *testing.T) {
		keep := func(i int) bool { return i%3 != 0 && i < n-rowChunkLen }
		var kept []Observation
		for i, o := range want {
			if keep(i) {
				kept = append(kept, o)
			}
		}
		rows.Keep(keep)
		same(t, rows.Observations(), kept)
		o := Observation{IndicatorID: "ny", EntityID: "e1", Period: YearPeriod(2020), Status: StatusSuppressed}
		rows.Append(o)
		if got := rows.At(rows.Len() - 1); !reflect.DeepEqual(got, o) {
			t.Errorf("appended after Keep: %+v", got)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		var rows ObservationRows
		if rows.Len() != 0 || len(rows.Observations()) != 0 {
			t.Error("zero value not empty")
		}
		cs := &ChangeSet{Observations: want[:2]}
		cs.Rows.Append(want[2])
		if cs.ObservationCount() != 3 {
			t.Errorf("ObservationCount %d", cs.ObservationCount())
		}
	})
}

// BenchmarkObservationRows_Append appends rows as an import of a tidy
// file does: runs of one indicator and entity, periods cycling.
func BenchmarkObservationRows_Append(b *testing.B) {
	obs := make([]Observation, 10000)
	for i := range obs {
		obs[i] = Observation{IndicatorID: "kostra_0001", EntityID: fmt.Sprint("k", i/10),
			Period: YearPeriod(2014 + i%10), Value: float64(i), Status: StatusFinal, Source: "data.csv"}
	}
	b.ReportAllocs()
	for b.Loop() {
		var rows ObservationRows
		for i := range obs {
			rows.Append(obs[i])
		}
	}
}
