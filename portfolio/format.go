package portfolio

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// num formats v with dec decimals the bokmål way: a decimal comma, a
// non-breaking space between thousands and a minus sign (U+2212).
func num(v float64, dec int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

// date formats a date the Norwegian way, 30.09.2021.
func date(d virk.Date) string { return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year) }

// months writes a number of months with its noun: «1 måned», «5 måneder».
func months(n int) string {
	if n == 1 || n == -1 {
		return num(float64(n), 0) + " måned"
	}
	return num(float64(n), 0) + " måneder"
}

// list joins items the bokmål way: «A», «A og B», «A, B og C».
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}
