package virk

import (
	"fmt"
	"strconv"
	"strings"
)

// Freq is the frequency of a period.
type Freq byte

// Frequencies, from the coarsest. The byte values are the letters used in the
// canonical text form ("2018", "2018H1", "2018Q3", "2018M07").
const (
	Annual    Freq = 'A'
	HalfYear  Freq = 'H'
	Quarterly Freq = 'Q'
	Monthly   Freq = 'M'
)

// PerYear returns how many periods of the frequency make a year.
func (f Freq) PerYear() int {
	switch f {
	case HalfYear:
		return 2
	case Quarterly:
		return 4
	case Monthly:
		return 12
	}
	return 1
}

// Period is a year, half-year, quarter or month. The zero value is invalid.
// Period is comparable and can be used as a map key.
type Period struct {
	Year int
	Freq Freq
	N    int // 1-based number within the year; 0 for annual periods
}

// YearPeriod returns the annual period of year y.
func YearPeriod(y int) Period { return Period{Year: y, Freq: Annual} }

// IsZero reports whether p is the zero (invalid) period.
func (p Period) IsZero() bool { return p.Freq == 0 }

// String returns the canonical form: "2018", "2018H1", "2018Q3" or "2018M07".
func (p Period) String() string {
	switch p.Freq {
	case Annual:
		return strconv.Itoa(p.Year)
	case HalfYear, Quarterly:
		return fmt.Sprintf("%d%c%d", p.Year, p.Freq, p.N)
	case Monthly:
		return fmt.Sprintf("%dM%02d", p.Year, p.N)
	}
	return ""
}

// Index returns a number that increases by one from each period to the next
// of the same frequency, so that differences count periods.
func (p Period) Index() int { return p.Year*p.Freq.PerYear() + max(p.N, 1) - 1 }

// Add returns the period n periods after p (before, for negative n).
func (p Period) Add(n int) Period {
	if p.Freq == Annual {
		return Period{Year: p.Year + n, Freq: Annual}
	}
	per := p.Freq.PerYear()
	i := p.Index() + n
	y, k := i/per, i%per
	if k < 0 {
		y, k = y-1, k+per
	}
	return Period{Year: y, Freq: p.Freq, N: k + 1}
}

// Before reports whether p comes before q. Periods of different frequencies
// are ordered by year, then by frequency, then by number.
func (p Period) Before(q Period) bool {
	if p.Year != q.Year {
		return p.Year < q.Year
	}
	if p.Freq != q.Freq {
		return freqRank(p.Freq) < freqRank(q.Freq)
	}
	return p.N < q.N
}

func freqRank(f Freq) int {
	switch f {
	case Annual:
		return 0
	case HalfYear:
		return 1
	case Quarterly:
		return 2
	}
	return 3
}

// ParsePeriod reads a period written the ways Norwegian sources write them:
// "2018"; half-years "2018H1", "2018-H1"; quarters "2018Q1", "2018K1" (SSB's
// kvartal), "2018-Q1"; months "2018M01", "2018M1", "2018-01". Letters may be
// lower case.
func ParsePeriod(s string) (Period, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if len(t) < 4 {
		return Period{}, fmt.Errorf("%q er ikke en periode (forventet et år som 2018, eller 2018H1, 2018K1, 2018M01)", s)
	}
	y, err := strconv.Atoi(t[:4])
	if err != nil || y < 1000 {
		return Period{}, fmt.Errorf("%q er ikke en periode: den må begynne med et firesifret år", s)
	}
	rest := strings.TrimPrefix(t[4:], "-")
	switch {
	case len(t) == 4:
		return YearPeriod(y), nil
	case rest == "": // "2018-"
		return Period{}, fmt.Errorf("%q er ikke en periode (forventet 2018, 2018H1–H2, 2018K1–K4 eller 2018M01–M12)", s)
	}
	var f Freq
	switch rest[0] {
	case 'H':
		f, rest = HalfYear, rest[1:]
	case 'Q', 'K':
		f, rest = Quarterly, rest[1:]
	case 'M':
		f, rest = Monthly, rest[1:]
	default:
		if t[4] == '-' { // 2018-01
			f = Monthly
		}
	}
	n, err := strconv.Atoi(rest)
	if f == 0 || err != nil || n < 1 || n > f.PerYear() || len(rest) > 2 {
		return Period{}, fmt.Errorf("%q er ikke en periode (forventet 2018, 2018H1–H2, 2018K1–K4 eller 2018M01–M12)", s)
	}
	return Period{Year: y, Freq: f, N: n}, nil
}

// MustParsePeriod is ParsePeriod for literals in code and tests; it panics
// on a malformed period and must never see user input.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}
