package virk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Freq is the frequency of a period.
type Freq byte

// Frequencies, from the coarsest. The byte values are the letters used in the
// canonical text form ("2018", "2018H1", "2018Q3", "2018M07", "2018W05").
const (
	Annual    Freq = 'A'
	HalfYear  Freq = 'H'
	Quarterly Freq = 'Q'
	Monthly   Freq = 'M'
	Weekly    Freq = 'W'
)

// PerYear returns how many periods of the frequency make a year. For
// weeks it is 52, so that "a year earlier" is the same weekday 52 weeks
// back, as weekly statistics compare.
func (f Freq) PerYear() int {
	switch f {
	case HalfYear:
		return 2
	case Quarterly:
		return 4
	case Monthly:
		return 12
	case Weekly:
		return 52
	}
	return 1
}

// Period is a year, half-year, quarter, month or ISO 8601 week. The zero
// value is invalid. Period is comparable and can be used as a map key.
//
// A week's Year is its ISO week-numbering year, which differs from the
// calendar year around New Year: 2020W53 ends on 3 January 2021, and
// 2025W01 begins on 30 December 2024.
type Period struct {
	Year int
	Freq Freq
	N    int // 1-based number within the year; 0 for annual periods
}

// YearPeriod returns the annual period of year y.
func YearPeriod(y int) Period { return Period{Year: y, Freq: Annual} }

// IsZero reports whether p is the zero (invalid) period.
func (p Period) IsZero() bool { return p.Freq == 0 }

// String returns the canonical form: "2018", "2018H1", "2018Q3", "2018M07"
// or "2018W05".
func (p Period) String() string {
	switch p.Freq {
	case Annual:
		return strconv.Itoa(p.Year)
	case HalfYear, Quarterly:
		return fmt.Sprintf("%d%c%d", p.Year, p.Freq, p.N)
	case Monthly, Weekly:
		return fmt.Sprintf("%d%c%02d", p.Year, p.Freq, p.N)
	}
	return ""
}

// Valid reports whether p is a period: a known frequency with a number
// within its year (weeks 1 to 52, or 53 in years that have it).
func (p Period) Valid() bool {
	switch p.Freq {
	case Annual:
		return p.N == 0
	case HalfYear, Quarterly, Monthly:
		return p.N >= 1 && p.N <= p.Freq.PerYear()
	case Weekly:
		return p.N >= 1 && p.N <= ISOWeeks(p.Year)
	}
	return false
}

// Index returns a number that increases by one from each period to the next
// of the same frequency, so that differences count periods. Weeks count
// from the Monday of 29 December 1969.
func (p Period) Index() int {
	if p.Freq == Weekly {
		return weekIndex(p.Year, p.N)
	}
	return p.Year*p.Freq.PerYear() + max(p.N, 1) - 1
}

// Add returns the period n periods after p (before, for negative n).
func (p Period) Add(n int) Period {
	switch p.Freq {
	case Annual:
		return Period{Year: p.Year + n, Freq: Annual}
	case Weekly:
		y, w := weekOf(p.Index() + n)
		return Period{Year: y, Freq: Weekly, N: w}
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
	case Monthly:
		return 3
	}
	return 4
}

// ISOWeeks returns the number of ISO 8601 weeks of year y: 53 when the
// year's 28 December falls in week 53, else 52.
func ISOWeeks(y int) int {
	_, w := time.Date(y, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// weekEpoch is the Monday that weekIndex counts from.
var weekEpoch = time.Date(1969, time.December, 29, 12, 0, 0, 0, time.UTC)

// weekIndex counts the weeks from weekEpoch to week w of ISO year y.
func weekIndex(y, w int) int {
	// 4 January is always in week 1; its week's Monday starts the year.
	jan4 := time.Date(y, time.January, 4, 12, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
	// Exact: both are Mondays at noon UTC, a whole number of weeks apart.
	return int((monday.Unix() - weekEpoch.Unix()) / (7 * 86400))
}

// weekOf is the inverse of weekIndex.
func weekOf(i int) (year, week int) {
	return weekEpoch.AddDate(0, 0, 7*i).ISOWeek()
}

// ParsePeriod reads a period written the ways Norwegian sources write them:
// "2018"; half-years "2018H1", "2018-H1"; quarters "2018Q1", "2018K1" (SSB's
// kvartal), "2018-Q1"; months "2018M01", "2018M1", "2018-01"; ISO weeks
// "2023W29", "2023U29" (SSB's uke), "2023-W29". Letters may be lower case.
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
		return Period{}, fmt.Errorf("%q er ikke en periode (forventet 2018, 2018H1–H2, 2018K1–K4, 2018M01–M12 eller 2018W01–W53)", s)
	}
	var f Freq
	switch rest[0] {
	case 'H':
		f, rest = HalfYear, rest[1:]
	case 'Q', 'K':
		f, rest = Quarterly, rest[1:]
	case 'M':
		f, rest = Monthly, rest[1:]
	case 'W', 'U':
		f, rest = Weekly, rest[1:]
	default:
		if t[4] == '-' { // 2018-01
			f = Monthly
		}
	}
	n, err := strconv.Atoi(rest)
	p := Period{Year: y, Freq: f, N: n}
	if f == 0 || err != nil || len(rest) > 2 || !isDigit(rest[0]) || !p.Valid() {
		if f == Weekly && err == nil && n == 53 {
			return Period{}, fmt.Errorf("%q er ikke en periode: %d har bare 52 uker", s, y)
		}
		return Period{}, fmt.Errorf("%q er ikke en periode (forventet 2018, 2018H1–H2, 2018K1–K4, 2018M01–M12 eller 2018W01–W53)", s)
	}
	return p, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// MustParsePeriod is ParsePeriod for literals in code and tests; it panics
// on a malformed period and must never see user input.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}
