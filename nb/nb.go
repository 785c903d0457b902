// Package nb formats numbers, percentages and dates the way Norwegian bokmål
// text writes them: a non-breaking space between thousands, a decimal comma,
// the minus sign U+2212 and a space before the percent sign — "1 422,3",
// "−16,2 %". These are the CLDR conventions for the locale "nb", written out
// by hand because formatting sits on every hot path of tables and reports.
package nb

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Characters of the bokmål number format.
const (
	GroupSep = "\u00a0" // no-break space between thousands
	Minus    = "\u2212" // minus sign
	DecSep   = ","
)

// Round rounds v to the given number of decimals, halves away from zero, as
// a spreadsheet's ROUND does: 2,25 → 2,3 and 1,005 → 1,01. A plain
// math.Round(v*100)/100 gets the second wrong, because 1,005 is stored as
// 1,00499999…; nudging by one part in 10¹² repairs that without moving any
// value that is not a printed half.
func Round(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow10(decimals)
	return math.Round(v*p*(1+1e-12)) / p
}

// Number formats v with the given decimals and thousands grouping:
// Number(1422.34, 1) = "1 422,3", Number(-237.7, 0) = "−238".
func Number(v float64, decimals int) string {
	return format(v, decimals, true)
}

// Decimal formats v with a decimal comma and no grouping, the form that
// spreadsheets set to Norwegian read as a number: "1422,3". Negative
// decimals keep every significant digit.
func Decimal(v float64, decimals int) string {
	return format(v, decimals, false)
}

// Percent formats a value already in percent: Percent(3.8, 1) = "3,8 %".
func Percent(v float64, decimals int) string {
	return Number(v, decimals) + GroupSep + "%"
}

func format(v float64, decimals int, group bool) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return Minus + "∞"
	}
	r := v
	if decimals >= 0 {
		r = Round(v, decimals)
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', decimals, 64)
	neg := r < 0 && strings.Trim(s, "0.") != "" // no "−0,0"
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + 8)
	if neg {
		b.WriteString(Minus)
	}
	if group {
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(GroupSep)
			}
			b.WriteRune(c)
		}
	} else {
		b.WriteString(intPart)
	}
	if frac != "" {
		b.WriteString(DecSep)
		b.WriteString(frac)
	}
	return b.String()
}

// Date formats a date as "25.11.2026".
func Date(t time.Time) string { return t.Format("02.01.2006") }

// DateTime formats a time as "25.11.2026 kl. 14:05".
func DateTime(t time.Time) string { return t.Format("02.01.2006 kl. 15:04") }
