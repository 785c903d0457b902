package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Error is one fault in a report folder, placed at a file and line:
// "03-administrasjon.md:41: ukjent indikator «sykefravar» …".
type Error struct {
	File string // the file name inside the report folder
	Line int    // 1-based; 0 when the fault concerns the whole file
	Col  int    // 1-based column, where known (rapport.json)
	Msg  string // what is wrong and what was expected, in bokmål
}

// Error returns the place and the message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every fault Build found, like a compiler's list: ordered by
// file and line, so that one run shows everything that needs fixing.
type Errors []*Error

// Error lists the faults one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the faults, so that errors.As finds each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// sort orders the faults by file, then line, keeping the order in which
// faults on the same line were found.
func (es Errors) sort() {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// errs collects faults while a report is read.
type errs struct{ list Errors }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func (c *errs) add(file string, line int, format string, args ...any) {
	c.list = append(c.list, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// quote puts a text from the report in Norwegian quotation marks, shortened
// so that a long line does not swamp the message.
func quote(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return "«" + s[:i] + "…»"
		}
		n++
	}
	return "«" + s + "»"
}

// orList joins alternatives the Norwegian way: "a, b eller c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " eller " + items[len(items)-1]
}

// suggest returns the candidate closest to s by edit distance, if it is
// close enough to be a likely typo, for "mente du …?" hints.
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
