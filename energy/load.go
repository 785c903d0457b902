package energy

import (
	"context"

	"github.com/virk-analyse/virk"
)

// Source is what Load reads from: a store's energy and observation services.
type Source interface {
	virk.EnergyService
	virk.ObservationService
}

// Load reads the input of Compute for the given buildings (all when ids
// is empty) from a store.
func Load(ctx context.Context, st Source, ids []string) (*Input, error) {
	in := &Input{Uses: map[string]*Use{}, Weather: map[string]*Weather{}, Normals: map[string]*Normals{},
		Areas: map[string]map[int]float64{}, Alerts: map[string][]*virk.Alert{}}
	all, err := st.FindBuildings(ctx)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var bids []string
	for _, b := range all {
		if len(ids) == 0 || want[b.EntityID] {
			in.Buildings = append(in.Buildings, b)
			bids = append(bids, b.EntityID)
		}
	}
	if len(in.Buildings) == 0 {
		return in, nil
	}
	if in.Meters, err = st.FindMeters(ctx, virk.MeterFilter{BuildingIDs: bids}); err != nil {
		return nil, err
	}
	var mids []string
	for _, m := range in.Meters {
		mids = append(mids, m.ID)
	}
	var blocks []*virk.ReadingBlock
	meter := ""
	flush := func() {
		if len(blocks) > 0 {
			in.Uses[meter] = MeterUse(blocks)
		}
		blocks = blocks[:0]
	}
	if len(mids) > 0 {
		err = st.FindReadings(ctx, virk.ReadingFilter{MeterIDs: mids}, func(b *virk.ReadingBlock) error {
			if b.MeterID != meter {
				flush()
				meter = b.MeterID
			}
			v := *b
			v.Values = append([]float64(nil), b.Values...)
			blocks = append(blocks, &v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		flush()
	}
	for _, b := range in.Buildings {
		if b.Station == "" || in.Weather[b.Station] != nil {
			continue
		}
		ts, err := st.FindTemperatures(ctx, virk.TemperatureFilter{Station: b.Station})
		if err != nil {
			return nil, err
		}
		in.Weather[b.Station] = NewWeather(ts)
		ns, err := st.FindNormals(ctx, b.Station, "")
		if err != nil {
			return nil, err
		}
		in.Normals[b.Station] = NewNormals(ns)
	}
	obs, err := st.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: []string{IndicatorArea}, EntityIDs: bids})
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		if o.Period.Freq != virk.Annual || !o.Status.HasValue() {
			continue
		}
		if in.Areas[o.EntityID] == nil {
			in.Areas[o.EntityID] = map[int]float64{}
		}
		in.Areas[o.EntityID][o.Period.Year] = o.Value
	}
	alerts, err := st.FindAlerts(ctx, virk.AlertFilter{BuildingIDs: bids, States: []virk.AlertState{virk.AlertResolved}})
	if err != nil {
		return nil, err
	}
	for _, a := range alerts {
		in.Alerts[a.MeterID] = append(in.Alerts[a.MeterID], a)
	}
	return in, nil
}
