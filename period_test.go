package virk_test

import (
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func TestParsePeriod(t *testing.T) {
	valid := []struct {
		in   string
		want virk.Period
		str  string
	}{
		{"2018", virk.Period{Year: 2018, Freq: virk.Annual}, "2018"},
		{" 2018 ", virk.Period{Year: 2018, Freq: virk.Annual}, "2018"},
		{"2018H2", virk.Period{Year: 2018, Freq: virk.HalfYear, N: 2}, "2018H2"},
		{"2018K1", virk.Period{Year: 2018, Freq: virk.Quarterly, N: 1}, "2018Q1"},
		{"2018q4", virk.Period{Year: 2018, Freq: virk.Quarterly, N: 4}, "2018Q4"},
		{"2021M09", virk.Period{Year: 2021, Freq: virk.Monthly, N: 9}, "2021M09"},
		{"2021M9", virk.Period{Year: 2021, Freq: virk.Monthly, N: 9}, "2021M09"},
		{"2021-09", virk.Period{Year: 2021, Freq: virk.Monthly, N: 9}, "2021M09"},
		{"2023U29", virk.Period{Year: 2023, Freq: virk.Weekly, N: 29}, "2023W29"},
		{"2023w5", virk.Period{Year: 2023, Freq: virk.Weekly, N: 5}, "2023W05"},
		{"2020-W53", virk.Period{Year: 2020, Freq: virk.Weekly, N: 53}, "2020W53"},
		{"2026W53", virk.Period{Year: 2026, Freq: virk.Weekly, N: 53}, "2026W53"},
	}
	for _, tt := range valid {
		p, err := virk.ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if p != tt.want || p.String() != tt.str {
			t.Errorf("ParsePeriod(%q) = %+v (%s), want %+v (%s)", tt.in, p, p, tt.want, tt.str)
		}
	}
	for _, in := range []string{"", "18", "2018-", "2018x", "2018H3", "2018K0", "2018K5", "2018M13", "2018M001", "999", "abcd", "2018H", "20181",
		"2018M+1", "2018W00", "2018W54", "2021W53", "2023U", "2023W123"} {
		p, err := virk.ParsePeriod(in)
		if err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", in, p)
			continue
		}
		if !strings.Contains(err.Error(), "er ikke en periode") {
			t.Errorf("ParsePeriod(%q): message %q does not say what is wrong", in, err)
		}
	}
}

func TestPeriod_Order(t *testing.T) {
	p := virk.MustParsePeriod
	if got := p("2018Q4").Add(1); got != p("2019Q1") {
		t.Errorf("2018Q4 + 1 = %v", got)
	}
	if got := p("2018M01").Add(-1); got != p("2017M12") {
		t.Errorf("2018M01 − 1 = %v", got)
	}
	if got := p("2018").Add(-3); got != p("2015") {
		t.Errorf("2018 − 3 = %v", got)
	}
	// ISO weeks: 2020 and 2026 have 53, 2019 and 2021 have 52.
	weeks := []struct {
		from string
		n    int
		want string
	}{
		{"2020W53", 1, "2021W01"},
		{"2021W01", -1, "2020W53"},
		{"2019W52", 1, "2020W01"},
		{"2018W01", 52, "2019W01"},
		{"2026W01", 52, "2026W53"},
		{"1500W10", -1, "1500W09"},
		{"2023W29", -52, "2022W29"},
	}
	for _, w := range weeks {
		if got := p(w.from).Add(w.n); got != p(w.want) {
			t.Errorf("%s + %d = %v, want %s", w.from, w.n, got, w.want)
		}
	}
	// Every week of two centuries follows the one before, one index apart.
	prev := p("1899W52")
	for y := 1900; y <= 2100; y++ {
		for w := 1; w <= virk.ISOWeeks(y); w++ {
			q := virk.Period{Year: y, Freq: virk.Weekly, N: w}
			if prev.Add(1) != q || q.Index()-prev.Index() != 1 || !prev.Before(q) {
				t.Fatalf("%v does not follow %v (index %d, %d)", q, prev, q.Index(), prev.Index())
			}
			prev = q
		}
	}
	if !p("2017").Before(p("2018")) || p("2018").Before(p("2017")) || !p("2018H1").Before(p("2018H2")) {
		t.Error("Before orders periods wrongly")
	}
}

// FuzzParsePeriod checks that no input panics and that every accepted
// period prints as a string that parses back to it.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2018", "2018H1", "2018K3", "2018Q2", "2018M07", "2018-07", "2018-", "2018\xff", "2023U29", "2020W53"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := virk.ParsePeriod(s)
		if err != nil {
			return
		}
		q, err := virk.ParsePeriod(p.String())
		if err != nil || q != p {
			t.Fatalf("%q → %v → %v, %v", s, p, q, err)
		}
	})
}
