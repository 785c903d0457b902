package portfolio

import (
	"fmt"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/nb"
)

// num formats v with dec decimals the bokmål way.
func num(v float64, dec int) string { return nb.Number(v, dec) }

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
