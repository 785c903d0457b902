package workforce

import (
	"fmt"
	"math"

	"github.com/virk-analyse/virk"
)

// ChangeSet turns a result into what a store applies: the observations,
// and the workforce indicators the catalogue lacks or holds as figures
// anyone may see. A catalogue's own definition keeps its labels and
// targets but is marked personnel data and set not to roll up, since its
// figures now come from persons. Indicators the catalogue computes by a
// formula are left to the formula, and told in the warnings.
func ChangeSet(cat *virk.Catalogue, res *Result, files []virk.File) (*virk.ChangeSet, []string) {
	cs := &virk.ChangeSet{Files: files}
	var warnings []string
	derived := map[string]bool{}
	for _, def := range Indicators() {
		ind := cat.Indicator(def.ID)
		switch {
		case ind == nil:
			cs.Indicators = append(cs.Indicators, def)
		case ind.Derived():
			derived[def.ID] = true
			warnings = append(warnings, fmt.Sprintf("indikatoren %s beregnes av katalogens formel %q; virk lagrer ikke HR-uttrekkets tall for den", def.ID, ind.Formula))
		case !ind.Personnel || ind.Rollup != virk.RollupNone:
			c := *ind
			c.Personnel, c.Rollup = true, virk.RollupNone
			cs.Indicators = append(cs.Indicators, &c)
		}
	}
	for _, o := range res.Observations {
		if !derived[o.IndicatorID] {
			// Six decimals are far finer than any figure is read at, and
			// keep every figure within the 15 digits a spreadsheet holds,
			// so that an export to XLSX reads back unchanged.
			o.Value = math.Round(o.Value*1e6) / 1e6
			cs.Observations = append(cs.Observations, o)
		}
	}
	return cs, warnings
}
