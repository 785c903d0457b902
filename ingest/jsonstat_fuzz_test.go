package ingest

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/virk-analyse/virk"
)

// jsonStatSeeds adds the real SSB responses, the official JSON-stat
// samples under 16 kB (mutating larger inputs slows the fuzzer to a crawl)
// and this package's fixtures to a fuzz corpus.
func jsonStatSeeds(f *testing.F) {
	for _, name := range []string{file07459, file12367, file12191, file08655} {
		for _, dir := range ssbDirs {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				f.Add(data)
				break
			}
		}
	}
	var paths []string
	for _, dir := range []string{"../../shared/data/jsonstat/samples", "testdata/jsonstat"} {
		p, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		paths = append(paths, p...)
	}
	for _, path := range paths {
		if data, err := os.ReadFile(path); err == nil && len(data) < 16<<10 {
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{"version": "2.0", "class": "dataset", "id": ["Region", "Tid"], "size": [2, 2],
		  "dimension": {"Region": {"category": {"index": ["K-0219", "K-3024"], "label": {"K-0219": "0219 Bærum (-2019)", "K-3024": "3024 Bærum (2020-)"}}},
		  "Tid": {"category": {"index": ["2019", "2020"]}}}, "role": {"time": ["Tid"], "geo": ["Region"]},
		  "value": {"0": 1, "3": "2,5"}, "status": {"1": ".", "2": "."}}`,
		`{"version": "2.0", "class": "dataset", "id": ["KOKkommuneregion0000", "ContentsCode", "Tid"], "size": [1, 2, 1],
		  "dimension": {"KOKkommuneregion0000": {"category": {"index": {"EAK": 0}}}, "ContentsCode": {"category": {"index": ["a", "A"],
		  "unit": {"a": {"decimals": 9}, "A": {"base": "x"}}}}, "Tid": {"category": {"index": ["2020K1"]}}},
		  "role": {"time": ["Tid"], "metric": ["ContentsCode"]}, "value": [null, "-"], "status": ["-", "*"]}`,
		`{"version": "2.0", "class": "collection", "link": {"item": [{"class": "dataset", "id": ["Tid", "Region"], "size": [1, 1],
		  "dimension": {"Tid": {"category": {"index": ["2021M13"]}}, "Region": {"category": {"index": ["ssb-3001"]}}}, "value": [1]}]}}`,
		`{"a": {"dimension": {"Tid": {"category": {"index": ["2020"]}}}, "id": ["Tid"], "size": [1], "value": [1]}}`,
		`{"period": "Tid", "entity_id": "baerum"}`,
	} {
		f.Add([]byte(s))
	}
}

// fuzzCatalogue is the stored catalogue the fuzz tests import against.
func fuzzCatalogue(tb testing.TB) ([]*virk.Indicator, []*virk.Entity) {
	cat := mappingCatalogue(tb)
	var inds []*virk.Indicator
	var ents []*virk.Entity
	for _, e := range cat.inds {
		inds = append(inds, e.ind)
	}
	for _, e := range cat.ents {
		ents = append(ents, e.ent)
	}
	return inds, ents
}

// checkJSONStat fails unless the result of a JSONStatFunc is usable: on
// error only placed Errors of known kinds; otherwise observations that
// name known or returned records, with valid periods and figures, and
// valid new records.
func checkJSONStat(t *testing.T, cat *Catalogue, obs []virk.Observation, inds []*virk.Indicator, ents []*virk.Entity, err error) {
	t.Helper()
	if err != nil {
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 || obs != nil || inds != nil || ents != nil {
			t.Fatalf("error %T %v with %d observations", err, err, len(obs))
		}
		for _, e := range errs {
			checkError(t, e)
		}
		return
	}
	newInd := map[string]bool{}
	for _, ind := range inds {
		if err := ind.Validate(); err != nil || cat.Indicator(ind.ID) != nil || newInd[ind.ID] {
			t.Fatalf("returned indicator %+v: %v", ind, err)
		}
		newInd[ind.ID] = true
	}
	newEnt := map[string]bool{}
	for _, e := range ents {
		if err := e.Validate(); err != nil || cat.Entity(e.ID) != nil || newEnt[e.ID] || len(e.Codes) != 1 {
			t.Fatalf("returned entity %+v: %v", e, err)
		}
		newEnt[e.ID] = true
	}
	for _, o := range obs {
		switch {
		case cat.Indicator(o.IndicatorID) == nil && !newInd[o.IndicatorID],
			cat.Entity(o.EntityID) == nil && !newEnt[o.EntityID],
			o.Period.IsZero() || o.Period.String() == "",
			o.Status == "" || !o.Status.HasValue() && o.Value != 0,
			math.IsNaN(o.Value) || math.IsInf(o.Value, 0):
			t.Fatalf("observation %+v", o)
		}
	}
}

// FuzzJSONStat feeds arbitrary documents to the importer, with and without
// a mapping. Nothing may panic, every fault must be a placed Error, and a
// second import with the catalogue the first one left must read the same
// observations and create nothing.
func FuzzJSONStat(f *testing.F) {
	jsonStatSeeds(f)
	baseInds, baseEnts := fuzzCatalogue(f)
	m, err := ReadJSONStatMapping("m.json", []byte(`{"fixed": {"KOKregnskapsomfa0000": "A"}, "entities": {"EAK": "norge"}}`))
	if err != nil {
		f.Fatal(err)
	}
	readers := []JSONStatFunc{JSONStat, (&JSONStatMapping{EntityID: "baerum"}).Func(), m.Func()}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i, read := range readers {
			cat := NewCatalogue(baseInds, baseEnts)
			obs, inds, ents, err := read("f.json", data, cat)
			checkJSONStat(t, cat, obs, inds, ents, err)
			if err != nil {
				continue
			}
			again := NewCatalogue(append(baseInds[:len(baseInds):len(baseInds)], inds...), append(baseEnts[:len(baseEnts):len(baseEnts)], ents...))
			obs2, inds2, ents2, err := read("f.json", data, again)
			if err != nil || len(inds2) > 0 || len(ents2) > 0 || !reflect.DeepEqual(obs, obs2) {
				t.Fatalf("reader %d: the second import differs: %v, %d new indicators, %d new entities", i, err, len(inds2), len(ents2))
			}
		}
		im := &Importer{Catalogue: NewCatalogue(baseInds, baseEnts), JSONStat: JSONStat}
		if err := im.Add("f.json", data); err != nil {
			t.Fatal(err)
		}
		if _, err := im.ChangeSet(); err != nil {
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("ChangeSet error %T %v", err, err)
			}
			for _, e := range errs {
				checkError(t, e)
			}
		}
	})
}

// FuzzJSONStatMapping feeds arbitrary mapping files to the reader and
// applies those that read to table 12367.
func FuzzJSONStatMapping(f *testing.F) {
	f.Add(readFile(f, "jsonstat/12367-omfang-a.mapping.json"))
	for _, s := range []string{
		`{"indicator": ["ContentsCode", "KOKfunksjon0000", "KOKart0000"], "fixed": {"KOKregnskapsomfa0000": "B"}}`,
		`{"period": "KOKkommuneregion0000", "entity": "Tid", "indicators": {"KOSbelop0000.A.100.AGD4": "adm_netto"}}`,
		`{"entity_id": "norge", "indicator": [], "fixed": {"Tid": "2020"}}`,
		`{"entities": {"K-3001": "3024", "": ""}, "perod": 1}`,
	} {
		f.Add([]byte(s))
	}
	var data []byte
	for _, dir := range ssbDirs {
		if d, err := os.ReadFile(filepath.Join(dir, file12367)); err == nil {
			data = d
			break
		}
	}
	baseInds, baseEnts := fuzzCatalogue(f)
	f.Fuzz(func(t *testing.T, mapping []byte) {
		m, err := ReadJSONStatMapping("m.json", mapping)
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 || m != nil {
				t.Fatalf("error %T %v", err, err)
			}
			for _, e := range errs {
				checkError(t, e)
				if e.File != "m.json" || e.Line < 1 && !errors.Is(e, ErrEncoding) {
					t.Fatalf("error without a place: %v", e)
				}
			}
			return
		}
		if data == nil {
			return
		}
		cat := NewCatalogue(baseInds, baseEnts)
		obs, inds, ents, err := m.Func()("ssb.json", data, cat)
		checkJSONStat(t, cat, obs, inds, ents, err)
	})
}
