package sqlstore

import (
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
)

func TestPeriodCode(t *testing.T) {
	tests := []struct {
		period string
		code   int64
	}{
		{"2018", 2018000},
		{"2018H1", 2018101},
		{"2018H2", 2018102},
		{"2018Q3", 2018203},
		{"2018M07", 2018307},
		{"2018M12", 2018312},
		{"9999M12", 9999312},
		{"2023W29", 2023429},
		{"2020W53", 2020453},
	}
	for _, tt := range tests {
		t.Run(tt.period, func(t *testing.T) {
			p := virk.MustParsePeriod(tt.period)
			if got := periodCode(p); got != tt.code {
				t.Errorf("periodCode = %d, want %d", got, tt.code)
			}
			if got := periodFromCode(tt.code); got != p {
				t.Errorf("periodFromCode = %+v, want %+v", got, p)
			}
		})
	}
	t.Run("OKOrder", func(t *testing.T) {
		// Integer order is the order of Period.Before.
		ps := []string{"2017M12", "2018", "2018H1", "2018H2", "2018Q1", "2018Q4", "2018M01", "2018M12", "2018W01", "2018W52", "2019"}
		for i := 1; i < len(ps); i++ {
			a, b := virk.MustParsePeriod(ps[i-1]), virk.MustParsePeriod(ps[i])
			if !a.Before(b) || periodCode(a) >= periodCode(b) {
				t.Errorf("%s and %s are out of order", a, b)
			}
		}
	})
}

func TestValidPeriod(t *testing.T) {
	tests := []struct {
		name string
		p    virk.Period
		want bool
	}{
		{"OKYear", virk.YearPeriod(2020), true},
		{"OKMonth", virk.Period{Year: 2020, Freq: virk.Monthly, N: 12}, true},
		{"ErrZero", virk.Period{}, false},
		{"ErrYearWithN", virk.Period{Year: 2020, Freq: virk.Annual, N: 1}, false},
		{"ErrQuarter5", virk.Period{Year: 2020, Freq: virk.Quarterly, N: 5}, false},
		{"ErrMonth0", virk.Period{Year: 2020, Freq: virk.Monthly}, false},
		{"ErrYear999", virk.YearPeriod(999), false},
		{"OKWeek53", virk.Period{Year: 2020, Freq: virk.Weekly, N: 53}, true},
		{"ErrWeek53", virk.Period{Year: 2021, Freq: virk.Weekly, N: 53}, false},
		{"ErrFreq", virk.Period{Year: 2020, Freq: 'D', N: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validPeriod(tt.p); got != tt.want {
				t.Errorf("validPeriod(%+v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestDialect_rebind(t *testing.T) {
	tests := []struct {
		name   string
		dollar bool
		in     string
		want   string
	}{
		{"OKQuestion", false, "a = ? AND b IN (?, ?)", "a = ? AND b IN (?, ?)"},
		{"OKDollar", true, "a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{"OKNone", true, "SELECT 1", "SELECT 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dialect{Dollar: tt.dollar}
			if got := d.rebind(tt.in); got != tt.want {
				t.Errorf("rebind = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSortRows(t *testing.T) {
	rows := []obsRow{
		{ent: 1, ind: 0, per: 2, idx: 0}, {ent: 0, ind: 1, per: 1, idx: 1}, {ent: 1, ind: 0, per: 1, idx: 2},
		{ent: 0, ind: 0, per: 1, idx: 3}, {ent: 2, ind: 0, per: 1, idx: 4}, {ent: 0, ind: 1, per: 1, idx: 5},
	}
	order := []int32{0, 1, 2, 3, 4, 5}
	got := sortOrder(order, 3, func(i int32) (int32, uint64) {
		return rows[i].ent, uint64(rows[i].ind)<<32 | uint64(rows[i].per)
	})
	want := []int32{3, 1, 5, 2, 0, 4}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}
