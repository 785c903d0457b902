package energy

import (
	"context"

	"github.com/virk-analyse/virk"
)

// Store is what Run reads from and writes to.
type Store interface {
	Source
	virk.IndicatorService
	virk.ImportService
}

// Stored tells what Run kept.
type Stored struct {
	Observations  virk.Counts
	Batch         *virk.Batch // nil when no figure changed
	AlertsAdded   int
	AlertsUpdated int
}

// Run computes everything from what st holds and keeps the result: the
// yearly figures as observations of the energy indicators, in one batch by
// user (with the indicators the catalogue lacks), and the alerts.
func Run(ctx context.Context, st Store, user string) (*Result, *Stored, error) {
	in, err := Load(ctx, st, nil)
	if err != nil {
		return nil, nil, err
	}
	res := Compute(in)
	cs := &virk.ChangeSet{Observations: res.Observations}
	for _, ind := range Indicators() {
		if _, err := st.FindIndicatorByID(ctx, ind.ID); virk.ErrorCode(err) == virk.ENOTFOUND {
			cs.Indicators = append(cs.Indicators, ind)
		} else if err != nil {
			return nil, nil, err
		}
	}
	out := &Stored{}
	if len(cs.Observations) > 0 || len(cs.Indicators) > 0 {
		ar, err := st.Apply(ctx, cs, virk.ApplyOptions{User: user})
		if err != nil {
			return nil, nil, err
		}
		out.Observations, out.Batch = ar.Summary.Observations, ar.Batch
	}
	if len(res.Alerts) > 0 {
		if out.AlertsAdded, out.AlertsUpdated, err = st.PutAlerts(ctx, res.Alerts); err != nil {
			return nil, nil, err
		}
	}
	return res, out, nil
}
