package prognosis

import (
	"slices"
	"strconv"
)

// AndOlder, as Band.To, makes a band open upwards: "90 år og eldre".
const AndOlder = -1

// Band is a range of whole ages, both ends included: {67, 79} is 67–79
// år, {5, 5} is 5 år, and {90, AndOlder} is 90 år og eldre.
type Band struct {
	From int
	To   int // last age, or AndOlder
}

// Open reports whether the band has no upper end.
func (b Band) Open() bool { return b.To == AndOlder }

// Contains reports whether age falls in the band.
func (b Band) Contains(age int) bool {
	return age >= b.From && (b.Open() || age <= b.To)
}

// String writes the band the way Norwegian tables do: "67–79 år",
// "5 år", "90 år og eldre".
func (b Band) String() string {
	switch {
	case b.Open():
		return strconv.Itoa(b.From) + " år og eldre"
	case b.From == b.To:
		return strconv.Itoa(b.From) + " år"
	}
	return strconv.Itoa(b.From) + "–" + strconv.Itoa(b.To) + " år"
}

// check returns a fault when the band is not a range of ages: a negative
// start, or an end before the start.
func (b Band) check() error {
	switch {
	case b.From < 0:
		return errorf(ErrValue, "fra-alderen %d er negativ", b.From)
	case b.To < b.From && !b.Open():
		return errorf(ErrValue, "til-alderen %d er lavere enn fra-alderen %d", b.To, b.From)
	case b.From > maxAge || b.To > maxAge:
		return errorf(ErrValue, "aldersgruppen %s går over %d år", b, maxAge)
	}
	return nil
}

// maxAge is the oldest age a band may name. SSB's tables stop at 105
// ("105 år eller eldre"); the bound keeps the age vectors small whatever
// the input says.
const maxAge = 120

// overlaps returns, for bands that share an age with an earlier band of
// the list, the index of the band and of the earlier one. Bands that fail
// check are skipped: they already have a fault of their own.
func overlaps(bands []Band) [][2]int {
	idx := make([]int, 0, len(bands))
	for i, b := range bands {
		if b.check() == nil {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(i, j int) int { return bands[i].From - bands[j].From })
	// reach is the band, among those seen, that ends last: a band overlaps
	// some earlier one exactly when it starts at or before that end.
	var out [][2]int
	for k, reach := 1, 0; k < len(idx); k++ {
		prev, cur := bands[idx[reach]], bands[idx[k]]
		if prev.Open() || prev.To >= cur.From {
			out = append(out, [2]int{max(idx[k], idx[reach]), min(idx[k], idx[reach])})
		}
		if !prev.Open() && (cur.Open() || cur.To > prev.To) {
			reach = k
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// overlapError is the fault of band i overlapping band j of list.
func overlapError(list string, i, j int, bi, bj Band) error {
	return errorf(ErrOverlap, "%s overlapper med %s[%d] (%s)", bi, list, j, bj)
}
