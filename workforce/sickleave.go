package workforce

import (
	"slices"

	"github.com/virk-analyse/virk"
)

// ShortTermDays is the longest case counted as short-term absence: a case
// of 1–16 calendar days is korttidsfravær, a longer one langtidsfravær,
// as KS and the employer period of the National Insurance Act (16 days)
// divide them.
const ShortTermDays = 16

// Segment is a run of days of one person's absence with one grade: the
// absences of a person merged so that a day counts once, with the highest
// grade that covers it.
type Segment struct {
	From, To virk.Day // inclusive
	Grade    float64  // per cent
	Long     bool     // the day belongs to a case of more than ShortTermDays
	Doctor   bool     // legemeldt
}

// Segments merges a person's absences into disjoint segments, sorted by
// day. A case is a run of calendar days covered by absences that overlap
// or follow on the next day; its whole length decides whether all of its
// days are short- or long-term, also the days that fall in another month
// or year than the case's start. abs is reordered.
func Segments(abs []virk.Absence) []Segment {
	return appendSegments(nil, abs)
}

// appendSegments is Segments appending to out, so that a walk over many
// persons can reuse one slice.
func appendSegments(out []Segment, abs []virk.Absence) []Segment {
	slices.SortFunc(abs, func(a, b virk.Absence) int { return int(a.From) - int(b.From) })
	for i := 0; i < len(abs); {
		// The case: absences i..j-1.
		end := abs[i].To
		j := i + 1
		for j < len(abs) && abs[j].From <= end+1 {
			end = max(end, abs[j].To)
			j++
		}
		long := int(end-abs[i].From)+1 > ShortTermDays
		start := len(out)
		if j == i+1 {
			a := abs[i]
			out = append(out, Segment{a.From, a.To, a.Grade, long, a.Doctor})
		} else {
			out = appendCase(out, abs[i:j], long)
		}
		out = joinEqual(out, start)
		i = j
	}
	return out
}

// appendCase splits a case of several absences at every start and end and
// gives each piece the highest grade covering it; a piece is legemeldt
// when an absence with that grade is.
func appendCase(out []Segment, abs []virk.Absence, long bool) []Segment {
	cuts := make([]virk.Day, 0, 2*len(abs))
	for _, a := range abs {
		cuts = append(cuts, a.From, a.To+1)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]-1
		grade, doctor := 0.0, false
		for _, a := range abs {
			if a.From <= from && a.To >= to {
				switch {
				case a.Grade > grade:
					grade, doctor = a.Grade, a.Doctor
				case a.Grade == grade:
					doctor = doctor || a.Doctor
				}
			}
		}
		if grade > 0 {
			out = append(out, Segment{from, to, grade, long, doctor})
		}
	}
	return out
}

// joinEqual joins neighbouring segments from start on that continue each
// other with the same grade and type.
func joinEqual(out []Segment, start int) []Segment {
	w := start
	for r := start; r < len(out); r++ {
		if w > start && out[w-1].To+1 == out[r].From && out[w-1].Grade == out[r].Grade && out[w-1].Doctor == out[r].Doctor {
			out[w-1].To = out[r].To
			continue
		}
		out[w] = out[r]
		w++
	}
	return out[:w]
}

// Lost is the lost working days (tapte dagsverk) of an employment of pct
// per cent over the working days from a to b, split by class and type.
type Lost struct {
	Short, Long  float64
	Self, Doctor float64
}

// Total returns all lost days.
func (l Lost) Total() float64 { return l.Short + l.Long }

// LostDays adds to l the days lost from segs in [a, b] by an employment
// of pct per cent: working days × position share × grade.
func LostDays(l *Lost, cal *Calendar, segs []Segment, a, b virk.Day, pct float64) {
	for _, s := range segs {
		if s.To < a {
			continue
		}
		if s.From > b {
			break
		}
		n := cal.WorkingDays(max(a, s.From), min(b, s.To))
		if n == 0 {
			continue
		}
		v := float64(n) * pct / 100 * s.Grade / 100
		if s.Long {
			l.Long += v
		} else {
			l.Short += v
		}
		if s.Doctor {
			l.Doctor += v
		} else {
			l.Self += v
		}
	}
}
