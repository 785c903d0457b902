package prognosis

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk/jsonstat"
)

// readJSONStat reads the JSON-stat form; see PopulationReader.
func (pr *PopulationReader) readJSONStat(data []byte) (*Population, error) {
	doc, err := jsonstat.Decode(data)
	if err != nil {
		var ve *jsonstat.ValidationError
		if !errors.As(err, &ve) {
			return nil, Errors{pr.fail(0, 0, "", errorf(ErrSyntax, "kan ikke lese JSON-stat: %v", err))}
		}
		var errs Errors
		for _, f := range ve.Findings.Errors() {
			errs = append(errs, pr.fail(f.Line, f.Column, f.Path,
				errorf(ErrSyntax, "ugyldig JSON-stat: %s (%s)", f.Message, f.Code)))
		}
		return nil, errs
	}
	sets := doc.Datasets()
	if len(sets) != 1 {
		return nil, Errors{pr.fail(0, 0, "", errorf(ErrSyntax, "forventet ett JSON-stat-datasett, fant %d", len(sets)))}
	}
	return pr.dataset(sets[0])
}

// maxPopulationCells bounds the cells read for one region: 121 ages
// for 100 years of two sexes is 24 200.
const maxPopulationCells = 1_000_000

// cube is how one dataset maps onto a population: for each dimension,
// the coordinates to visit, and for Alder and Tid what each stands for.
type cube struct {
	ds       *jsonstat.Dataset
	pick     [][]int // per dimension, the coordinates summed over
	age, tid int     // dimension index of Alder and Tid
	sex      int     // dimension index of Kjonn; -1 when there is none
	ages     []int   // per Alder coordinate
	years    []int   // per Tid coordinate
}

// dataset reads the population out of a decoded dataset.
func (pr *PopulationReader) dataset(ds *jsonstat.Dataset) (*Population, error) {
	pop := NewPopulation()
	pop.Region, pop.Source = pr.Region, ds.Label
	c := &cube{ds: ds, pick: make([][]int, len(ds.ID)), age: -1, tid: -1, sex: -1}
	var errs Errors
	fail := func(path string, kind error, format string, args ...any) {
		errs = append(errs, pr.fail(0, 0, path, errorf(kind, format, args...)))
	}
	region := roleDim(ds, "Region", ds.Role.Geo)
	contents := roleDim(ds, "ContentsCode", ds.Role.Metric)
	for j, id := range ds.ID {
		dim := ds.Dimensions[j]
		path := "dimension." + id
		switch {
		case id == "Alder":
			c.age = j
			c.ages, errs = pr.categoryNumbers(dim, path, true, errs)
		case id == "Tid" || id == roleDim(ds, "Tid", ds.Role.Time):
			c.tid = j
			c.years, errs = pr.categoryNumbers(dim, path, false, errs)
		case id == "Kjonn":
			c.sex, c.pick[j] = j, sexes(dim)
		case id == region:
			k, err := choose(dim, pr.Region, "K-", "")
			if err != nil {
				fail(path, ErrMissing, "region: %v", err)
				continue
			}
			c.pick[j] = []int{k}
			pop.Region, pop.Label = dim.CategoryID(k), dim.CategoryLabel(dim.CategoryID(k))
		case id == contents:
			k, err := choose(dim, pr.Contents, "", "MMMM")
			if err != nil {
				fail(path, ErrMissing, "statistikkvariabel: %v", err)
				continue
			}
			c.pick[j] = []int{k}
			pop.Contents = dim.CategoryLabel(dim.CategoryID(k))
		case dim.Len() == 1:
			c.pick[j] = []int{0}
		default:
			fail(path, ErrField, "ukjent dimensjon %s med %d kategorier: forventet Region, Kjonn, Alder, ContentsCode og Tid", quote(id), dim.Len())
		}
	}
	if c.age < 0 {
		fail("id", ErrField, "dimensjonen Alder mangler")
	}
	if c.tid < 0 {
		fail("id", ErrField, "dimensjonen Tid mangler")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// A forged sparse document can describe a huge cube in a few bytes;
	// one region's ages, years and sexes are a few ten thousand cells.
	if n := len(c.ages) * len(c.years) * max(len(c.pick[max(c.sex, 0)]), 1); n > maxPopulationCells {
		return nil, Errors{pr.fail(0, 0, "size", errorf(ErrValue, "tabellen har %d celler for én region, over grensen %d: hent bare regionen og alternativet som trengs", n, maxPopulationCells))}
	}
	if errs = pr.fill(c, pop); len(errs) > 0 {
		return nil, errs
	}
	return pop, nil
}

// roleDim returns the dimension id to use for a role: the SSB name when
// the dataset has it, or else the first dimension with the role.
func roleDim(ds *jsonstat.Dataset, ssb string, role []string) string {
	if ds.Dimension(ssb) != nil || len(role) == 0 {
		return ssb
	}
	return role[0]
}

// categoryNumbers parses the category ids of Alder ("000" to "105+") or
// Tid ("2024") as numbers.
func (pr *PopulationReader) categoryNumbers(dim *jsonstat.Dimension, path string, age bool, errs Errors) ([]int, Errors) {
	out := make([]int, dim.Len())
	seen := map[int]bool{}
	for i := range out {
		id := dim.CategoryID(i)
		s := id
		if age {
			s = strings.TrimSuffix(s, "+")
		}
		n, err := strconv.Atoi(s)
		switch {
		case err != nil || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+"):
			err = errorf(ErrValue, "%s er ikke et heltall", quote(id))
		case age && n > maxAge:
			err = errorf(ErrValue, "alderen %d er over %d", n, maxAge)
		case !age && (n < 1 || n > 9999):
			err = errorf(ErrValue, "%s er ikke et årstall", quote(id))
		case seen[n]:
			err = errorf(ErrField, "%s står to ganger", quote(id))
		}
		if err != nil {
			errs = append(errs, pr.fail(0, 0, path+".category.index["+strconv.Quote(id)+"]", err))
			continue
		}
		seen[n], out[i] = true, n
	}
	return out, errs
}

// sexes returns the Kjonn coordinates to sum: all of them, or only the
// total ("0", "Begge kjønn") when the table has one, so that a table with
// both the total and men and women is not counted twice.
func sexes(dim *jsonstat.Dimension) []int {
	all := make([]int, dim.Len())
	for i := range all {
		id := dim.CategoryID(i)
		if id == "0" || strings.HasPrefix(strings.ToLower(dim.CategoryLabel(id)), "begge") {
			return []int{i}
		}
		all[i] = i
	}
	return all
}

// choose finds the category that want names, by id, by id with prefix,
// or by label. With want empty it takes the only category, or the one
// whose id or label contains fallback.
func choose(dim *jsonstat.Dimension, want, prefix, fallback string) (int, error) {
	n := dim.Len()
	if want == "" {
		if n == 1 {
			return 0, nil
		}
		for i := range n {
			id := dim.CategoryID(i)
			if fallback != "" && (strings.Contains(id, fallback) || strings.Contains(dim.CategoryLabel(id), fallback)) {
				return i, nil
			}
		}
		return 0, errorf(ErrMissing, "filen har %d kategorier (%s); velg én", n, listCategories(dim))
	}
	for i := range n {
		id := dim.CategoryID(i)
		if id == want || (prefix != "" && (id == prefix+want || strings.TrimPrefix(id, prefix) == want)) {
			return i, nil
		}
	}
	for i := range n {
		if strings.EqualFold(dim.CategoryLabel(dim.CategoryID(i)), want) {
			return i, nil
		}
	}
	return 0, errorf(ErrMissing, "fant ikke %s blant %s", quote(want), listCategories(dim))
}

// listCategories names the first categories of a dimension for a message.
func listCategories(dim *jsonstat.Dimension) string {
	const shown = 5
	var ids []string
	for i := range min(dim.Len(), shown) {
		ids = append(ids, dim.CategoryID(i))
	}
	s := strings.Join(ids, ", ")
	if dim.Len() > shown {
		s += " …"
	}
	return s
}

// fill adds the chosen cells to pop: for every age and year, the sum over
// the picked categories of the other dimensions. A null cell (SSB status
// ".." or ":") makes that age and year unknown, so that a band built on it
// fails instead of coming out too small.
func (pr *PopulationReader) fill(c *cube, pop *Population) Errors {
	ds := c.ds
	c.pick[c.age] = seq(len(c.ages))
	c.pick[c.tid] = seq(len(c.years))
	var errs Errors
	coords := make([]int, len(ds.ID))
	var walk func(j int)
	walk = func(j int) {
		if j == len(coords) {
			pos := ds.Pos(coords)
			v, _ := ds.Cell(pos)
			n, ok := v.Float()
			switch {
			case v.IsNull():
				n = math.NaN()
			case !ok:
				errs = append(errs, pr.fail(0, 0, "value["+strconv.Itoa(pos)+"]", errorf(ErrValue, "%s er ikke et tall", quote(v.Str))))
				return
			case n < 0 || math.IsInf(n, 0):
				errs = append(errs, pr.fail(0, 0, "value["+strconv.Itoa(pos)+"]", errorf(ErrValue, "antallet %v er ugyldig", n)))
				return
			}
			pop.Add(c.years[coords[c.tid]], c.ages[coords[c.age]], n)
			return
		}
		for _, k := range c.pick[j] {
			coords[j] = k
			walk(j + 1)
		}
	}
	walk(0)
	return errs
}

// seq returns 0, 1, …, n−1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
