package hrdemo

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/virk-analyse/virk"
)

// codes are the position codes by area and education (ufaglært,
// fagarbeider, høyskole).
var codes = [6][3]string{
	skole:     {"assistent", "fagarbeider", "lærer"},
	barnehage: {"assistent", "barne- og ungdomsarbeider", "barnehagelærer"},
	pleie:     {"pleiemedhjelper", "helsefagarbeider", "sykepleier"},
	helse:     {"miljøarbeider", "helsesekretær", "sosionom"},
	tekniske:  {"driftsmedarbeider", "fagarbeider", "ingeniør"},
	ovrige:    {"konsulent", "fagarbeider", "rådgiver"},
}

const (
	headerEmployments = "uttrekk;person;enhet;stilling_pst;stillingskode;ansettelse;utdanning;fodselsar;kjonn;innvandrer;laerling;fra;til\n"
	headerAbsences    = "person;fra;til;grad;type\n"
)

// ids gives the persons pseudonymous IDs D000001, D000002, … in an order
// that says nothing of who they are.
func (b *builder) ids() {
	perm := b.rng.Perm(len(b.people))
	for i, p := range b.people {
		p.id = perm[i] + 1
	}
}

func appendYesNo(w []byte, b bool) []byte {
	if b {
		return append(w, "ja"...)
	}
	return append(w, "nei"...)
}

// appendDate writes d as YYYY-MM-DD, and nothing for an open end.
func appendDate(w []byte, d virk.Day) []byte {
	if d == virk.NoDay {
		return w
	}
	y, m, dd := d.Date()
	return append(w, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
}

// appendID writes a person's pseudonymous ID.
func appendID(w []byte, id int) []byte {
	w = append(w, 'D')
	for k := 100000; k > 0; k /= 10 {
		w = append(w, byte('0'+id/k%10))
	}
	return w
}

var (
	typeNames = map[virk.EmploymentType]string{virk.EmploymentPermanent: "fast",
		virk.EmploymentTemporary: "midlertidig", virk.EmploymentHourly: "timelønnet"}
	eduNames = map[virk.Education]string{virk.EducationUnskilled: "ufaglært",
		virk.EducationSkilled: "fagarbeider", virk.EducationHigher: "høyskole"}
)

// employments writes the employment extract: each extract's rows, by
// person.
func (b *builder) employments() []byte {
	ps := slices.Clone(b.people)
	slices.SortFunc(ps, func(x, z *person) int { return cmp.Compare(x.id, z.id) })
	w := make([]byte, 0, 100*len(ps)*3)
	w = append(w, headerEmployments...)
	for y := range 3 {
		extract := appendDate(nil, periodTo[y])
		for _, p := range ps {
			if p.area[y] == absentAt {
				continue
			}
			row := func(pct int, code string, typ virk.EmploymentType, from virk.Day) {
				w = append(w, extract...)
				w = append(appendID(append(w, ';'), p.id), ';')
				w = append(append(w, p.unit(y)...), ';')
				w = append(strconv.AppendInt(w, int64(pct), 10), ';')
				w = append(append(w, code...), ';')
				w = append(append(w, typeNames[typ]...), ';')
				w = append(append(w, eduNames[p.edu]...), ';')
				w = append(strconv.AppendInt(w, int64(p.birth), 10), ';')
				if p.female {
					w = append(w, "K;"...)
				} else {
					w = append(w, "M;"...)
				}
				w = append(appendYesNo(w, p.imm), ';')
				w = append(appendYesNo(w, p.kind == apprentice), ';')
				w = append(appendDate(w, from), ';')
				w = append(appendDate(w, p.to[y]), '\n')
			}
			// Some permanent positions are split over two employments in
			// the unit, and some permanent staff also take hourly shifts:
			// both are rows that must count once per person.
			code := codes[p.area[y]][p.edu-1]
			switch {
			case p.kind == apprentice:
				code = "lærling"
			case p.typ[y] == virk.EmploymentHourly:
				code = "ekstrahjelp"
			case p.mover && y == 2 && p.edu == virk.EducationHigher:
				code = "barnevernspedagog"
			}
			if p.split && p.typ[y] == virk.EmploymentPermanent && p.pct[y] >= 40 {
				first := p.pct[y] * 3 / 5
				row(first, code, p.typ[y], p.from[y])
				row(p.pct[y]-first, code, p.typ[y], p.from[y])
			} else {
				row(p.pct[y], code, p.typ[y], p.from[y])
			}
			if p.side && p.typ[y] == virk.EmploymentPermanent {
				row(0, "ekstravakt", virk.EmploymentHourly, p.sideFrom())
			}
		}
	}
	return w
}

// sideFrom returns when the person's side job began: some time between
// their start and their first extract.
func (p *person) sideFrom() virk.Day {
	y := firstYear(p)
	span := float64(periodTo[y] - p.from[y])
	return p.from[y] + virk.Day(span*math.Mod(7*p.u, 1))
}

// absences writes the absence extract, by person and date.
func absences(spells []spell) []byte {
	slices.SortFunc(spells, func(x, z spell) int {
		return cmp.Or(cmp.Compare(x.p.id, z.p.id), cmp.Compare(x.from, z.from))
	})
	w := make([]byte, 0, 45*len(spells)+len(headerAbsences))
	w = append(w, headerAbsences...)
	for _, s := range spells {
		w = append(appendID(w, s.p.id), ';')
		w = append(appendDate(w, s.from), ';')
		w = append(appendDate(w, s.to), ';')
		w = append(strconv.AppendInt(w, int64(s.grade), 10), ';')
		if s.doctor {
			w = append(w, "legemeldt\n"...)
		} else {
			w = append(w, "egenmeldt\n"...)
		}
	}
	return w
}
