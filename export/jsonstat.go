package export

import (
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// jsDataset is the JSON-stat 2.0 dataset that WriteJSONStat writes.
type jsDataset struct {
	Version   string                 `json:"version"`
	Class     string                 `json:"class"`
	Label     string                 `json:"label"`
	Source    string                 `json:"source"`
	Updated   string                 `json:"updated"`
	ID        []string               `json:"id"`
	Size      []int                  `json:"size"`
	Role      map[string][]string    `json:"role"`
	Dimension map[string]jsDimension `json:"dimension"`
	Value     any                    `json:"value"`
	Status    map[string]string      `json:"status,omitempty"`
	Extension *jsExtension           `json:"extension,omitempty"`
}

// jsExtension carries what JSON-stat has no place for: each cell's
// source, by position, so that an import of the export loses nothing.
type jsExtension struct {
	Virk struct {
		Source map[string]string `json:"source,omitempty"`
	} `json:"virk"`
}

type jsDimension struct {
	Label    string     `json:"label"`
	Category jsCategory `json:"category"`
}

type jsCategory struct {
	Index []string          `json:"index"`
	Label map[string]string `json:"label"`
	Unit  map[string]jsUnit `json:"unit,omitempty"`
}

type jsUnit struct {
	Label    string `json:"label"`
	Decimals int    `json:"decimals"`
}

// WriteJSONStat writes the observations as one JSON-stat 2.0 dataset with
// the dimensions indicator (role metric, with units), entity (role geo) and
// period (role time). Statuses other than final are written with SSB's
// symbols ("p", ":", ".", ".."). Sparse data is written as a value object.
// Each cell's source goes in extension.virk.source, keyed by position.
func WriteJSONStat(w io.Writer, d *Data, now time.Time) error {
	inds, ents, periods := d.used()
	ds := jsDataset{
		Version: "2.0", Class: "dataset", Label: "virk", Source: "virk",
		Updated: now.UTC().Format(time.RFC3339),
		ID:      []string{"indicator", "entity", "period"},
		Size:    []int{len(inds), len(ents), len(periods)},
		Role:    map[string][]string{"metric": {"indicator"}, "geo": {"entity"}, "time": {"period"}},
		Dimension: map[string]jsDimension{
			"indicator": {Label: "Indikator", Category: jsCategory{Label: map[string]string{}, Unit: map[string]jsUnit{}}},
			"entity":    {Label: "Enhet", Category: jsCategory{Label: map[string]string{}}},
			"period":    {Label: "Periode", Category: jsCategory{Label: map[string]string{}}},
		},
	}
	ip, ep, pp := map[string]int{}, map[string]int{}, map[string]int{}
	dim := ds.Dimension["indicator"]
	for i, ind := range inds {
		ip[ind.ID] = i
		dim.Category.Index = append(dim.Category.Index, ind.ID)
		dim.Category.Label[ind.ID] = ind.LabelNB
		dim.Category.Unit[ind.ID] = jsUnit{Label: ind.Unit.Name, Decimals: ind.Unit.Decimals}
	}
	ds.Dimension["indicator"] = dim
	dim = ds.Dimension["entity"]
	for i, e := range ents {
		ep[e.ID] = i
		dim.Category.Index = append(dim.Category.Index, e.ID)
		dim.Category.Label[e.ID] = e.Name
	}
	ds.Dimension["entity"] = dim
	dim = ds.Dimension["period"]
	for i, p := range periods {
		pp[p.String()] = i
		dim.Category.Index = append(dim.Category.Index, p.String())
		dim.Category.Label[p.String()] = p.String()
	}
	ds.Dimension["period"] = dim
	n := len(inds) * len(ents) * len(periods)
	sparse := len(d.Observations)*2 < n
	dense := make([]*float64, 0)
	if !sparse {
		dense = make([]*float64, n)
	}
	obj := map[string]*float64{}
	for _, o := range d.Observations {
		pos := (ip[o.IndicatorID]*len(ents)+ep[o.EntityID])*len(periods) + pp[o.Period.String()]
		var v *float64
		if o.Status.HasValue() {
			x := o.Value
			v = &x
		}
		if sparse {
			obj[strconv.Itoa(pos)] = v
		} else {
			dense[pos] = v
		}
		if o.Source != "" {
			if ds.Extension == nil {
				ds.Extension = &jsExtension{}
				ds.Extension.Virk.Source = map[string]string{}
			}
			ds.Extension.Virk.Source[strconv.Itoa(pos)] = o.Source
		}
		if sym := o.Status.Symbol(); sym != "" {
			if ds.Status == nil {
				ds.Status = map[string]string{}
			}
			ds.Status[strconv.Itoa(pos)] = sym
		}
	}
	ds.Value = dense
	if sparse {
		ds.Value = obj
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(ds)
}
