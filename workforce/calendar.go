package workforce

import (
	"time"

	"github.com/virk-analyse/virk"
)

// Holidays returns Norway's public holidays (helligdager) of year y: New
// Year's Day, Maundy Thursday, Good Friday, Easter Monday, 1 May, 17 May,
// Ascension Day, Whit Monday, Christmas Day and Boxing Day. Easter Sunday
// and Whit Sunday fall on Sundays and are not working days anyway.
func Holidays(y int) []virk.Day {
	e := Easter(y)
	return []virk.Day{
		virk.DayOf(y, time.January, 1),
		e - 3, e - 2, e + 1,
		virk.DayOf(y, time.May, 1),
		virk.DayOf(y, time.May, 17),
		e + 39, e + 50,
		virk.DayOf(y, time.December, 25),
		virk.DayOf(y, time.December, 26),
	}
}

// Easter returns Easter Sunday of year y in the Gregorian calendar, by
// the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(y int) virk.Day {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return virk.DayOf(y, time.Month(month), day)
}

// Calendar counts working days (Monday to Friday but public holidays) in
// constant time from a prefix sum over a span of years.
type Calendar struct {
	first virk.Day
	last  virk.Day
	sum   []int32 // sum[i] = working days in [first, first+i)
}

// NewCalendar covers the years from y0 to y1, both included.
func NewCalendar(y0, y1 int) *Calendar {
	c := &Calendar{first: virk.DayOf(y0, time.January, 1), last: virk.DayOf(y1, time.December, 31)}
	holiday := map[virk.Day]bool{}
	for y := y0; y <= y1; y++ {
		for _, d := range Holidays(y) {
			holiday[d] = true
		}
	}
	n := int(c.last-c.first) + 1
	c.sum = make([]int32, n+1)
	for i := 0; i < n; i++ {
		d := c.first + virk.Day(i)
		w := 0
		// 1 January 1970 was a Thursday: weekday 0 is Thursday here.
		if wd := (int(d)%7 + 7) % 7; wd != 2 && wd != 3 && !holiday[d] {
			w = 1
		}
		c.sum[i+1] = c.sum[i] + int32(w)
	}
	return c
}

// WorkingDays returns the working days from a to b, both included, within
// the calendar's span.
func (c *Calendar) WorkingDays(a, b virk.Day) int {
	a, b = max(a, c.first), min(b, c.last)
	if b < a {
		return 0
	}
	return int(c.sum[b-c.first+1] - c.sum[a-c.first])
}
