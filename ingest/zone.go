package ingest

import (
	"errors"
	"time"

	"github.com/virk-analyse/virk"
)

// zoneCache turns Norwegian wall-clock times into instants quickly: on all
// but the two days a year when summer time begins or ends, the offset is
// the same all day, and it is looked up once per day.
type zoneCache struct {
	loc    *time.Location // nil for Norwegian time
	day    int            // y*10000+m*100+d of the cached day; 0 for none
	offset time.Duration
	change bool // the day has a change of offset
}

var errTime = errors.New("forventet f.eks. 2019-03-31 01:00, 2019-03-31T01:00:00+01:00 eller 31.03.2019 01:00")

// parse reads a time written 2006-01-02 15:04[:05], with T or a space, with
// or without an offset (Z, +01:00, +0100), or 02.01.2006 15:04[:05]. A time
// without an offset is Norwegian time; when the clock shows it twice (the
// hour after 02:00 on the last Sunday of October), prefer picks the one
// equal to it if any, else the earlier one. A time the clock skips (02:00
// to 03:00 on the last Sunday of March) is a fault.
func (z *zoneCache) parse(b []byte, prefer time.Time) (time.Time, error) {
	b = trimBytes(b)
	var y, mo, d, h, mi, s int
	var rest []byte
	switch {
	case len(b) >= 16 && b[4] == '-' && b[7] == '-' && (b[10] == ' ' || b[10] == 'T') && b[13] == ':':
		y, mo, d, h, mi = digits(b[0:4]), digits(b[5:7]), digits(b[8:10]), digits(b[11:13]), digits(b[14:16])
		rest = b[16:]
	case len(b) >= 16 && b[2] == '.' && b[5] == '.' && b[10] == ' ' && b[13] == ':':
		d, mo, y, h, mi = digits(b[0:2]), digits(b[3:5]), digits(b[6:10]), digits(b[11:13]), digits(b[14:16])
		rest = b[16:]
	default:
		return time.Time{}, errTime
	}
	if len(rest) >= 3 && rest[0] == ':' {
		s, rest = digits(rest[1:3]), rest[3:]
		if len(rest) > 0 && rest[0] == '.' { // fractions of a second
			i := 1
			for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				i++
			}
			rest = rest[i:]
		}
	}
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 59 {
		return time.Time{}, errTime
	}
	if d > daysInMonth(mo) || mo == 2 && d == 29 && !leap(y) {
		return time.Time{}, errors.New("dagen finnes ikke")
	}
	wall := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
	if len(rest) > 0 {
		off, ok := parseOffset(rest)
		if !ok {
			return time.Time{}, errTime
		}
		return wall.Add(-off), nil
	}
	key := y*10000 + mo*100 + d
	if key != z.day {
		z.load(y, time.Month(mo), d, key)
	}
	if !z.change {
		return wall.Add(-z.offset), nil
	}
	// The day summer time begins or ends: try both Norwegian offsets.
	var cands [2]time.Time
	n := 0
	for _, off := range []time.Duration{z.offset + time.Hour, z.offset, z.offset - time.Hour} {
		c := wall.Add(-off)
		if cw := c.In(z.location()); n < 2 && cw.Hour() == wall.Hour() && cw.Minute() == wall.Minute() && cw.Day() == wall.Day() {
			cands[n] = c
			n++
		}
	}
	switch {
	case n == 0:
		return time.Time{}, errors.New("klokkeslettet finnes ikke den dagen: klokken stilles frem en time")
	case n == 2 && cands[1].Equal(prefer):
		return cands[1], nil
	}
	return cands[0], nil
}

// later returns the second instant of a wall-clock time that occurs twice.
func (z *zoneCache) later(t time.Time) (time.Time, bool) {
	l := t.In(z.location())
	t2 := t.Add(time.Hour).In(z.location())
	if t2.Hour() == l.Hour() && t2.Minute() == l.Minute() {
		return t2, true
	}
	return t, false
}

func (z *zoneCache) location() *time.Location {
	if z.loc == nil {
		return virk.Oslo()
	}
	return z.loc
}

func (z *zoneCache) load(y int, m time.Month, d, key int) {
	start := time.Date(y, m, d, 0, 0, 0, 0, z.location())
	_, off0 := start.Zone()
	_, off1 := time.Date(y, m, d+1, 0, 0, 0, 0, z.location()).Zone()
	z.day, z.offset, z.change = key, time.Duration(off0)*time.Second, off0 != off1
}

func parseOffset(b []byte) (time.Duration, bool) {
	if len(b) == 1 && (b[0] == 'Z' || b[0] == 'z') {
		return 0, true
	}
	if len(b) != 6 && len(b) != 5 || b[0] != '+' && b[0] != '-' {
		return 0, false
	}
	h, m := digits(b[1:3]), -1
	if len(b) == 6 && b[3] == ':' {
		m = digits(b[4:6])
	} else if len(b) == 5 {
		m = digits(b[3:5])
	}
	if h < 0 || h > 14 || m < 0 || m > 59 {
		return 0, false
	}
	off := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if b[0] == '-' {
		off = -off
	}
	return off, true
}

// digits reads a run of ASCII digits, −1 if any byte is not one.
func digits(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func trimBytes(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '"') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '"' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
