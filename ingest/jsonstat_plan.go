package ingest

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

// jsPlan says what each dimension of one dataset is for.
type jsPlan struct {
	ds          *jsonstat.Dataset
	path        string // JSON path of the dataset in the document; "" at the top
	info        dsInfo
	period      int         // index of the period dimension; -1 with period_id
	fixedPeriod virk.Period // the period of every cell with period_id
	entity      int         // index of the entity dimension; -1 with entity_id
	ind         []int       // indicator dimensions, in the order of their codes
	keep        []int       // per dimension: the only coordinate imported, or -1
	// kostra holds the dimensions of the KOSTRA reference: function, type
	// (art), scope (regnskapsomfang) and variable; -1 where absent. It is
	// nil for tables that are not KOSTRA tables.
	kostra []int

	prefix, entPrefix, source string
	context                   string // single-category dimensions outside the indicator

	// Per dataset caches, filled as cells are read.
	indByCombo map[int]string   // indicator combination → ID; "" after an error
	entByCell  map[int64]entRef // category (or -1) and year → entity
	entFailed  map[int]bool     // categories already reported
	comboByInd map[string]comboAt
	// The last lookups: neighbouring cells usually differ only in the
	// period, which SSB lists last.
	lastInd lastInd
	lastEnt lastEnt
}

type lastInd struct {
	combo int
	id    string
	ok    bool
}

type lastEnt struct {
	key int64
	ref entRef
	ok  bool
}

// entRef is the entity a region category resolves to in a year.
type entRef struct {
	id string // "" after an error
	// inUse is false when the entity's code history says the file's code
	// was not in use that year, as SSB marks with "." the years before a
	// municipality number existed.
	inUse bool
}

// The KOSTRA dimensions are recognised by SSB's variable names.
const (
	kostraFunction = iota
	kostraType
	kostraScope
	kostraVariable
)

var kostraPrefixes = [...]string{"KOKfunksjon", "KOKart", "KOKregnskapsomfa"}

// dimIndex returns the position of a dimension in the dataset's id, or -1.
func dimIndex(ds *jsonstat.Dataset, id string) int {
	return slices.Index(ds.ID, id)
}

// plan decides the role of every dimension, from the mapping when there
// is one and from the dataset's roles otherwise. It reports what it cannot
// decide and returns false.
func (r *jsReader) plan(ds *jsonstat.Dataset, path string) (*jsPlan, bool) {
	m := r.m
	if m == nil {
		m = &JSONStatMapping{}
	}
	info := datasetInfo(ds)
	p := &jsPlan{ds: ds, path: path, info: info, entity: -1, keep: make([]int, len(ds.ID)),
		prefix: info.indicatorPrefix(ds), entPrefix: info.entityPrefix(), source: info.sourceName(ds.Source),
		indByCombo: map[int]string{}, comboByInd: map[string]comboAt{}, entByCell: map[int64]entRef{},
		entFailed: map[int]bool{}}
	for j := range p.keep {
		p.keep[j] = -1
	}
	n := len(r.errs)
	// mapped finds a dimension the mapping names, or reports it.
	mapped := func(key, id string) int {
		j := dimIndex(ds, id)
		if j < 0 {
			r.fail(m.fault(key, ErrHeader, "dimensjonen %s finnes ikke i %s (dimensjonene der er %s)",
				quote(id), r.name, quoteList(ds.ID)))
		}
		return j
	}
	for _, id := range sortedKeys(m.Fixed) {
		key := pathKey("fixed", id)
		if j := mapped(key, id); j >= 0 {
			dim := ds.Dimensions[j]
			c, ok := dim.CategoryPos(m.Fixed[id])
			if !ok {
				r.fail(m.fault(key, ErrHeader, "dimensjonen %s har ingen kategori %s (kategoriene er %s)",
					quote(id), quote(m.Fixed[id]), quoteList(dim.Category.IDs)))
				continue
			}
			p.keep[j] = c
		}
	}
	switch {
	case m.PeriodID != "" && m.Period != "":
		r.fail(m.fault("period_id", ErrHeader, "«period» og «period_id» kan ikke brukes sammen"))
	case m.PeriodID != "":
		per, err := virk.ParsePeriod(m.PeriodID)
		if err != nil {
			r.fail(m.fault("period_id", ErrPeriod, "%v", err))
		}
		p.period, p.fixedPeriod = -1, per
	case m.Period != "":
		p.period = mapped("period", m.Period)
	default:
		p.period = r.timeDim(p)
	}
	switch {
	case m.EntityID != "" && m.Entity != "":
		r.fail(m.fault("entity_id", ErrHeader, "«entity» og «entity_id» kan ikke brukes sammen"))
	case m.EntityID != "":
	case m.Entity != "":
		p.entity = mapped("entity", m.Entity)
		if p.entity >= 0 && p.entity == p.period {
			r.fail(m.fault("entity", ErrHeader, "dimensjonen %s kan ikke være både periode og enhet", quote(m.Entity)))
		}
	default:
		p.entity = r.geoDim(p)
	}
	if len(r.errs) == n && (p.period < 0 && m.PeriodID == "" || p.entity < 0 && m.EntityID == "") {
		r.fail(&Error{Path: pathKey(p.path, "role"), Err: errorf(ErrHeader, "role nevner en dimensjon som ikke finnes")})
	}
	if len(r.errs) > n {
		return nil, false
	}
	r.indicatorDims(p, m, mapped)
	if len(r.errs) > n {
		return nil, false
	}
	p.kostraDims()
	return p, true
}

// timeDim finds the period dimension: the one with role "time", or "Tid".
func (r *jsReader) timeDim(p *jsPlan) int {
	ds := p.ds
	switch len(ds.Role.Time) {
	case 0:
		if j := dimIndex(ds, "Tid"); j >= 0 {
			return j
		}
		r.fail(&Error{Path: pathKey(p.path, "role"), Err: errorf(ErrHeader,
			"fant ingen tidsdimensjon (role.time eller en dimensjon «Tid»): lag en kartleggingsfil som sier hvilken dimensjon som er perioden («period»); dimensjonene er %s",
			quoteList(ds.ID))})
	case 1:
		return dimIndex(ds, ds.Role.Time[0])
	default:
		r.fail(&Error{Path: pathKey(pathKey(p.path, "role"), "time"), Err: errorf(ErrHeader,
			"datasettet har flere tidsdimensjoner (%s): lag en kartleggingsfil som sier hvilken som er perioden («period»)",
			quoteList(ds.Role.Time))})
	}
	return -1
}

// geoDim finds the entity dimension: the one with role "geo"; without
// one, as in SSB's KOSTRA tables, one linked to the KLASS classifications
// of municipalities (131) or KOSTRA regions (231); and last one whose id
// starts like SSB's region dimensions, "Region…" or "KOKkommuneregion…".
func (r *jsReader) geoDim(p *jsPlan) int {
	ds := p.ds
	if len(ds.Role.Geo) > 1 {
		r.fail(&Error{Path: pathKey(pathKey(p.path, "role"), "geo"), Err: errorf(ErrHeader,
			"datasettet har flere regiondimensjoner (%s): lag en kartleggingsfil som sier hvilken som er enheten («entity»)",
			quoteList(ds.Role.Geo))})
		return -1
	}
	if len(ds.Role.Geo) == 1 {
		j := dimIndex(ds, ds.Role.Geo[0])
		if j == p.period {
			r.fail(&Error{Path: pathKey(pathKey(p.path, "role"), "geo"), Err: errorf(ErrHeader,
				"dimensjonen %s har både rollen time og geo: lag en kartleggingsfil som sier hva som er periode og enhet",
				quote(ds.Role.Geo[0]))})
			return -1
		}
		return j
	}
	tests := []func(j int) bool{
		func(j int) bool { return klassRegion(ds.Dimensions[j]) },
		func(j int) bool {
			return strings.HasPrefix(ds.ID[j], "Region") || strings.HasPrefix(ds.ID[j], "KOKkommuneregion")
		},
	}
	for _, test := range tests {
		var found []int
		for j := range ds.ID {
			if j != p.period && !slices.Contains(ds.Role.Metric, ds.ID[j]) && test(j) {
				found = append(found, j)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0]
		}
		ids := make([]string, len(found))
		for i, j := range found {
			ids[i] = ds.ID[j]
		}
		r.fail(&Error{Path: pathKey(p.path, "dimension"), Err: errorf(ErrHeader,
			"flere dimensjoner kan være regionen (%s): lag en kartleggingsfil som sier hvilken som er enheten («entity»)",
			quoteList(ids))})
		return -1
	}
	r.fail(&Error{Path: pathKey(p.path, "role"), Err: errorf(ErrHeader,
		"fant ingen regiondimensjon (role.geo, en kobling til KLASS 131/231 eller en id som begynner med Region eller KOKkommuneregion): "+
			"lag en kartleggingsfil med «entity» (dimensjonen med enhetene) eller «entity_id» (én enhet for alle cellene); dimensjonene er %s",
		quoteList(ds.ID))})
	return -1
}

// klassRegion reports whether a dimension is described by SSB's KLASS
// classification of municipalities (131) or of KOSTRA regions (231). SSB
// puts the URNs in link.describedby[].extension, several separated by
// spaces: "urn:ssb:classification:klass:104 urn:ssb:classification:klass:131".
func klassRegion(dim *jsonstat.Dimension) bool {
	for _, l := range dim.Link["describedby"] {
		var ext map[string]string
		if json.Unmarshal(l.Extension, &ext) != nil {
			continue
		}
		for _, urns := range ext {
			for _, urn := range strings.Fields(urns) {
				if urn == "urn:ssb:classification:klass:131" || urn == "urn:ssb:classification:klass:231" {
					return true
				}
			}
		}
	}
	return false
}

// indicatorDims decides the indicator dimensions and checks that every
// other dimension has one category to import, since cells that differ
// only there would otherwise be the same observation.
func (r *jsReader) indicatorDims(p *jsPlan, m *JSONStatMapping, mapped func(key, id string) int) {
	ds := p.ds
	used := func(j int) bool { return j == p.period || j == p.entity || slices.Contains(p.ind, j) }
	if m.Indicator != nil {
		for i, id := range m.Indicator {
			key := pathIndex("indicator", i)
			j := mapped(key, id)
			switch {
			case j < 0:
			case j == p.period || j == p.entity:
				r.fail(m.fault(key, ErrHeader, "dimensjonen %s er allerede perioden eller enheten", quote(id)))
			case !slices.Contains(p.ind, j):
				p.ind = append(p.ind, j)
			}
		}
	} else {
		for _, id := range ds.Role.Metric {
			if j := dimIndex(ds, id); j >= 0 && !used(j) {
				p.ind = append(p.ind, j)
			}
		}
		for j := range ds.ID {
			if !used(j) {
				p.ind = append(p.ind, j)
			}
		}
	}
	var context []string
	for j, id := range ds.ID {
		if used(j) {
			continue
		}
		dim := ds.Dimensions[j]
		c := p.keep[j]
		if c < 0 && dim.Len() > 1 {
			r.fail(m.fault("indicator", ErrHeader,
				"dimensjonen %s har %d kategorier, men er verken periode, enhet eller del av indikatoren: ta den med i «indicator» eller velg én kategori i «fixed»",
				quote(id), dim.Len()))
			continue
		}
		if c < 0 {
			c = 0
		}
		if code := dim.CategoryID(c); code != "" {
			context = append(context, dimLabel(dim)+" = "+dim.CategoryLabel(code))
		}
	}
	p.context = strings.Join(context, "; ")
}

// dimLabel is a dimension's label, or its id.
func dimLabel(dim *jsonstat.Dimension) string {
	if dim.Label != "" {
		return dim.Label
	}
	return dim.ID
}

// kostraDims finds the dimensions of a KOSTRA reference. SSB names every
// classification variable of its KOSTRA tables "KOK…", so a table with
// such a dimension and a table number is a KOSTRA table. It leaves kostra
// nil when the reference would not identify the indicator.
func (p *jsPlan) kostraDims() {
	ds := p.ds
	if p.info.table == "" || !slices.ContainsFunc(ds.ID, func(id string) bool { return strings.HasPrefix(id, "KOK") }) {
		return
	}
	p.kostra = []int{-1, -1, -1, -1}
	for j, id := range ds.ID {
		for f, prefix := range kostraPrefixes {
			if strings.HasPrefix(id, prefix) && p.kostra[f] < 0 {
				p.kostra[f] = j
			}
		}
	}
	if len(ds.Role.Metric) > 0 {
		p.kostra[kostraVariable] = dimIndex(ds, ds.Role.Metric[0])
	} else {
		p.kostra[kostraVariable] = dimIndex(ds, "ContentsCode")
	}
	// A reference names one series only when the indicator varies in
	// nothing else: with the regions in the indicator (entity_id), or a
	// dimension such as sex, many indicators would share it, and a later
	// import could not tell them apart.
	for _, j := range p.ind {
		if ds.Size[j] > 1 && p.keep[j] < 0 && !slices.Contains(p.kostra, j) {
			p.kostra = nil
			return
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
