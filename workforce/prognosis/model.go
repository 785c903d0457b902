package prognosis

import (
	"math"
	"strconv"
	"strings"
)

// Defaults used where a Model leaves a field at zero.
const (
	// DefaultEndYear is the last year projected, as in KS' model.
	DefaultEndYear = 2040
	// DefaultRetirementAge is the age at which the workforce leaves: the
	// general retirement age of the public pension schemes. KS uses the
	// actual average retirement age of each sector instead; set
	// Retirement.Age to it.
	DefaultRetirementAge = 67.0
)

// Model is what a projection needs besides the population: the base year,
// the retirement assumptions and the service areas. ReadConfig reads one
// from the JSON configuration described in the package documentation;
// the JSON keys are given beside each field.
type Model struct {
	BaseYear   int        // "basisar": the year of today's users and workforce
	EndYear    int        // "sluttar": the last year projected; 0 means DefaultEndYear
	Retirement Retirement // "pensjon": for every area without its own
	Areas      []*Area    // "omrader"

	// The configuration file and where each member starts in it, so that
	// faults found later, by Validate or Project, can be placed in it.
	file   string
	src    []byte
	places map[string]int64
}

// Area is one service area, such as "pleie_omsorg": its user groups and
// its workforce. Its årsverk per user is held at the base year's level,
// which is the demographic component of KS' prognosis model.
type Area struct {
	ID         string      // "id": a short key, e.g. "pleie_omsorg"
	Name       string      // "navn": e.g. "Pleie og omsorg"; "" shows the ID
	Arsverk    float64     // "arsverk": today's årsverk; 0 means the sum of Workforce
	Groups     []Group     // "brukergrupper"
	Workforce  []Cohort    // "arbeidsstyrke": today's workforce by age
	Retirement *Retirement // "pensjon": replaces the model's, when set
}

// Label returns the area's name, or its ID when it has none.
func (a *Area) Label() string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// Group is the users of an area in one age band, such as the 80–89 year
// olds in pleie og omsorg, given as today's number of users or as a
// coverage rate.
type Group struct {
	Name     string  // "navn"; "" shows the band
	Band     Band    // "fra", "til" (no "til": and older)
	Users    float64 // "brukere": users in the base year
	Coverage float64 // "dekningsgrad": users per inhabitant of the band; used instead of Users when set
}

// Label returns the group's name, or its band when it has none.
func (g Group) Label() string {
	if g.Name != "" {
		return g.Name
	}
	return g.Band.String()
}

// Cohort is the part of today's workforce in one age or age band. A band
// is spread evenly over its ages.
type Cohort struct {
	Band    Band    // "alder", or "fra" and "til"
	Arsverk float64 // "arsverk"
	Persons float64 // "personer": optional, projected alongside
}

// Retirement holds the assumptions on who leaves the workforce. Each
// year the workforce ages one year; of each age, first those at the
// retirement age leave, then the early leavers of that age among the
// rest, then the turnover share of what remains.
type Retirement struct {
	// Age is the retirement age ("alder"); 0 means DefaultRetirementAge.
	// It may be an average such as 64.5: then half of those turning 64
	// leave at 64 and the rest at 65, which gives that mean.
	Age float64
	// Early is the share leaving each year before the retirement age, by
	// the age reached that year ("tidlig_avgang"), such as AFP from 62.
	Early []Rate
	// Turnover is the share of the workforce leaving each year for other
	// reasons, at every age ("turnover"); 0 by default.
	Turnover float64
}

// Rate is a yearly share, from 0 to 1, for an age band.
type Rate struct {
	Band  Band    // "fra", "til"
	Share float64 // "andel"
}

// end returns the last year projected.
func (m *Model) end() int {
	if m.EndYear == 0 {
		return DefaultEndYear
	}
	return m.EndYear
}

// retirement returns the assumptions that apply to area a.
func (m *Model) retirement(a *Area) Retirement {
	r := m.Retirement
	if a.Retirement != nil {
		r = *a.Retirement
	}
	if r.Age == 0 {
		r.Age = DefaultRetirementAge
	}
	return r
}

// Validate checks the model without the population: years, numbers,
// bands and their overlaps. The error is Errors, each fault with the JSON
// path of its member, and its line and column when the model was read
// from a file.
func (m *Model) Validate() error {
	v := &validator{}
	v.model(m)
	return m.locate(v.errs).err()
}

// validator collects the faults of a model.
type validator struct{ errs Errors }

func (v *validator) fail(path string, err error) {
	v.errs = append(v.errs, &Error{Path: path, Err: err})
}

func (v *validator) model(m *Model) {
	switch {
	case m.BaseYear < 1900 || m.BaseYear > 2200:
		v.fail("basisar", errorf(ErrValue, "basisåret %d er ikke et årstall mellom 1900 og 2200", m.BaseYear))
	case m.end() <= m.BaseYear:
		v.fail("sluttar", errorf(ErrValue, "sluttåret %d må være etter basisåret %d", m.end(), m.BaseYear))
	case m.end() > m.BaseYear+200:
		v.fail("sluttar", errorf(ErrValue, "sluttåret %d er mer enn 200 år etter basisåret", m.end()))
	}
	v.retirement(&m.Retirement, "pensjon")
	if len(m.Areas) == 0 {
		v.fail("omrader", errorf(ErrMissing, "modellen har ingen tjenesteområder"))
	}
	ids := map[string]int{}
	for i, a := range m.Areas {
		path := "omrader[" + strconv.Itoa(i) + "]"
		if a == nil {
			v.fail(path, errorf(ErrMissing, "området mangler"))
			continue
		}
		if j, dup := ids[a.ID]; dup {
			v.fail(path+".id", errorf(ErrField, "id %s er brukt også av omrader[%d]", quote(a.ID), j))
		}
		ids[a.ID] = i
		v.area(a, path)
	}
}

func (v *validator) area(a *Area, path string) {
	if strings.TrimSpace(a.ID) == "" {
		v.fail(path+".id", errorf(ErrMissing, "området mangler id"))
	}
	v.number(path+".arsverk", a.Arsverk)
	if len(a.Groups) == 0 {
		v.fail(path+".brukergrupper", errorf(ErrMissing, "området har ingen brukergrupper"))
	}
	bands := make([]Band, len(a.Groups))
	for i, g := range a.Groups {
		p := path + ".brukergrupper[" + strconv.Itoa(i) + "]"
		bands[i] = g.Band
		v.band(p, g.Band)
		v.number(p+".brukere", g.Users)
		v.number(p+".dekningsgrad", g.Coverage)
		if g.Users > 0 && g.Coverage > 0 {
			v.fail(p, errorf(ErrField, "oppgi enten brukere eller dekningsgrad, ikke begge"))
		}
	}
	v.overlaps(path+".brukergrupper", bands)
	bands = bands[:0]
	var total float64
	for i, c := range a.Workforce {
		p := path + ".arbeidsstyrke[" + strconv.Itoa(i) + "]"
		bands = append(bands, c.Band)
		v.band(p, c.Band)
		if c.Band.Open() {
			v.fail(p, errorf(ErrValue, "arbeidsstyrken må ha en øvre alder (%s)", c.Band))
		}
		v.number(p+".arsverk", c.Arsverk)
		v.number(p+".personer", c.Persons)
		total += c.Arsverk
	}
	v.overlaps(path+".arbeidsstyrke", bands)
	if a.Arsverk == 0 && total == 0 {
		v.fail(path+".arsverk", errorf(ErrMissing, "området har verken årsverk eller arbeidsstyrke"))
	}
	if a.Retirement != nil {
		v.retirement(a.Retirement, path+".pensjon")
	}
}

func (v *validator) retirement(r *Retirement, path string) {
	if r.Age != 0 && !(r.Age >= 18 && r.Age <= 100) {
		v.fail(path+".alder", errorf(ErrValue, "pensjonsalderen %v er ikke mellom 18 og 100 år", r.Age))
	}
	v.share(path+".turnover", r.Turnover)
	bands := make([]Band, len(r.Early))
	for i, e := range r.Early {
		p := path + ".tidlig_avgang[" + strconv.Itoa(i) + "]"
		bands[i] = e.Band
		v.band(p, e.Band)
		v.share(p+".andel", e.Share)
	}
	v.overlaps(path+".tidlig_avgang", bands)
}

// number checks a count: finite and not negative.
func (v *validator) number(path string, x float64) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.fail(path, errorf(ErrValue, "%v er ikke et tall", x))
	case x < 0:
		v.fail(path, errorf(ErrValue, "verdien %v er negativ", x))
	}
}

// share checks a yearly share: from 0 to 1.
func (v *validator) share(path string, x float64) {
	if !(x >= 0 && x <= 1) {
		v.fail(path, errorf(ErrValue, "andelen %v er ikke mellom 0 og 1", x))
	}
}

func (v *validator) band(path string, b Band) {
	if err := b.check(); err != nil {
		v.fail(path, err)
	}
}

func (v *validator) overlaps(list string, bands []Band) {
	for _, o := range overlaps(bands) {
		i, j := o[0], o[1]
		v.fail(list+"["+strconv.Itoa(i)+"]", overlapError(list, i, j, bands[i], bands[j]))
	}
}

// locate gives faults the file, line and column of their member, or of
// the nearest enclosing member found, when the model came from a file.
func (m *Model) locate(errs Errors) Errors {
	if m.places == nil {
		return errs
	}
	for _, e := range errs {
		e.File = m.file
		for p := e.Path; ; {
			if off, ok := m.places[p]; ok {
				e.Line, e.Column = position(m.src, off)
				break
			}
			i := strings.LastIndexAny(p, ".[")
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return errs
}
