// Package export writes stored observations in the formats analysts and
// other programs read: tidy CSV for spreadsheets, JSON-stat 2.0 and XLSX.
// Each writer takes a Data value and an io.Writer.
package export

import (
	"slices"

	"github.com/virk-analyse/virk"
)

// Data is what an export writes: observations with the catalogue entries
// they refer to.
type Data struct {
	Indicators   []*virk.Indicator // in display order
	Entities     []*virk.Entity
	Observations []*virk.Observation
}

// used returns the indicators, entities and periods that have observations,
// in catalogue order (periods in time order).
func (d *Data) used() (inds []*virk.Indicator, ents []*virk.Entity, periods []virk.Period) {
	hasInd, hasEnt, hasPer := map[string]bool{}, map[string]bool{}, map[virk.Period]bool{}
	for _, o := range d.Observations {
		hasInd[o.IndicatorID], hasEnt[o.EntityID] = true, true
		if !hasPer[o.Period] {
			hasPer[o.Period] = true
			periods = append(periods, o.Period)
		}
	}
	for _, ind := range d.Indicators {
		if hasInd[ind.ID] {
			inds = append(inds, ind)
		}
	}
	for _, e := range d.Entities {
		if hasEnt[e.ID] {
			ents = append(ents, e)
		}
	}
	slices.SortFunc(periods, func(a, b virk.Period) int {
		if a.Before(b) {
			return -1
		} else if b.Before(a) {
			return 1
		}
		return 0
	})
	return inds, ents, periods
}
