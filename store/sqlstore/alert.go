package sqlstore

import (
	"context"
	"strings"

	"github.com/virk-analyse/virk"
)

const alertColumns = `id, building_id, meter_id, kind, start_day, end_day, excess_kwh, excess_nok, detail,
	state, comment, resolved_on, avoided_kwh, updated_by, updated_at`

// scanAlerts reads alerts matching w.
func findAlerts(ctx context.Context, q queryer, w where) ([]*virk.Alert, error) {
	var out []*virk.Alert
	var a virk.Alert
	var kind, state string
	var start, end, resolved int
	err := queryEach(ctx, q, `SELECT `+alertColumns+` FROM energy_alert`+w.String()+` ORDER BY start_day DESC, id DESC`, w.args,
		[]any{&a.ID, &a.BuildingID, &a.MeterID, &kind, &start, &end, &a.ExcessKWh, &a.ExcessNOK, &a.Detail,
			&state, &a.Comment, &resolved, &a.AvoidedKWh, &a.UpdatedBy, &a.UpdatedAt},
		func() error {
			v := a
			v.Kind, v.State = virk.AlertKind(kind), virk.AlertState(state)
			v.Start, v.End, v.ResolvedOn = dayOf(start), dayOf(end), dayOf(resolved)
			v.UpdatedAt = v.UpdatedAt.UTC()
			out = append(out, &v)
			return nil
		})
	return out, err
}

// FindAlerts returns the matching alerts, the latest first.
func (db *DB) FindAlerts(ctx context.Context, filter virk.AlertFilter) ([]*virk.Alert, error) {
	var w where
	if filter.ID != nil {
		w.add("id = ?", *filter.ID)
	}
	w.in("building_id", filter.BuildingIDs)
	states := make([]string, len(filter.States))
	for i, s := range filter.States {
		states[i] = string(s)
	}
	w.in("state", states)
	return findAlerts(ctx, db, w)
}

// PutAlerts stores what detection found; see virk.EnergyService.
func (db *DB) PutAlerts(ctx context.Context, alerts []*virk.Alert) (added, updated int, err error) {
	tx, err := db.begin(ctx, txImport)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	byMeter := map[string][]*virk.Alert{}
	for _, a := range alerts {
		if a == nil || a.MeterID == "" || a.BuildingID == "" || a.Kind == "" || a.Start.IsZero() {
			return 0, 0, virk.Errorf(virk.EINVALID, "varsel mangler måler, bygg, type eller start")
		}
		stored, ok := byMeter[a.MeterID]
		if !ok {
			var w where
			w.add("meter_id = ?", a.MeterID)
			if stored, err = findAlerts(ctx, tx, w); err != nil {
				return 0, 0, err
			}
			byMeter[a.MeterID] = stored
		}
		var match *virk.Alert
		for _, s := range stored {
			if s.Kind == a.Kind && overlaps(s, a) {
				match = s
				break
			}
		}
		if match == nil {
			id, err := tx.insertID(ctx, `INSERT INTO energy_alert (building_id, meter_id, kind, start_day, end_day,
				excess_kwh, excess_nok, detail, state, comment, resolved_on, avoided_kwh, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, '', ?) RETURNING id`,
				a.BuildingID, a.MeterID, string(a.Kind), dayKey(a.Start), dayKey(a.End), a.ExcessKWh, a.ExcessNOK, a.Detail,
				string(virk.AlertNew), a.AvoidedKWh, tx.now)
			if err != nil {
				return 0, 0, err
			}
			v := *a
			v.ID, v.State = id, virk.AlertNew
			byMeter[a.MeterID] = append(byMeter[a.MeterID], &v)
			added++
			continue
		}
		if match.Start == a.Start && match.End == a.End && match.ExcessKWh == a.ExcessKWh &&
			match.ExcessNOK == a.ExcessNOK && match.Detail == a.Detail && match.AvoidedKWh == a.AvoidedKWh {
			continue
		}
		start := match.Start
		if a.Start.Before(start) {
			start = a.Start
		}
		if _, err := tx.exec(ctx, `UPDATE energy_alert SET start_day = ?, end_day = ?, excess_kwh = ?, excess_nok = ?,
			detail = ?, avoided_kwh = ? WHERE id = ?`,
			dayKey(start), dayKey(a.End), a.ExcessKWh, a.ExcessNOK, a.Detail, a.AvoidedKWh, match.ID); err != nil {
			return 0, 0, err
		}
		match.Start, match.End = start, a.End
		updated++
	}
	return added, updated, tx.Commit()
}

// overlaps reports whether two alerts share a day; an open alert lasts.
func overlaps(a, b *virk.Alert) bool {
	aEnd, bEnd := a.End, b.End
	if aEnd.IsZero() {
		aEnd = virk.Date{Year: 9999, Month: 12, Day: 31}
	}
	if bEnd.IsZero() {
		bEnd = virk.Date{Year: 9999, Month: 12, Day: 31}
	}
	return !aEnd.Before(b.Start) && !bEnd.Before(a.Start)
}

// UpdateAlert sets an alert's state and comment, and records the change.
func (db *DB) UpdateAlert(ctx context.Context, id int64, upd virk.AlertUpdate) (*virk.Alert, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var w where
	w.add("id = ?", id)
	as, err := findAlerts(ctx, tx, w)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke varsel %d.", id)
	}
	a := as[0]
	if upd.State != nil {
		if _, err := virk.ParseAlertState(string(*upd.State)); err != nil {
			return nil, virk.Errorf(virk.EINVALID, "%v", err)
		}
		if *upd.State == virk.AlertResolved && a.State != virk.AlertResolved {
			a.ResolvedOn = virk.DateOf(tx.now.In(virk.Oslo()))
		} else if *upd.State != virk.AlertResolved {
			a.ResolvedOn = virk.Date{}
		}
		a.State = *upd.State
	}
	if upd.Comment != nil {
		c := strings.TrimSpace(*upd.Comment)
		if len(c) > 4000 {
			return nil, virk.Errorf(virk.EINVALID, "kommentaren er over 4000 tegn")
		}
		a.Comment = c
	}
	a.UpdatedBy, a.UpdatedAt = upd.User, tx.now
	if _, err := tx.exec(ctx, `UPDATE energy_alert SET state = ?, comment = ?, resolved_on = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
		string(a.State), a.Comment, dayKey(a.ResolvedOn), a.UpdatedBy, a.UpdatedAt, id); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO energy_alert_change (alert_id, state, comment, username, at) VALUES (?, ?, ?, ?, ?)`,
		id, string(a.State), a.Comment, upd.User, tx.now); err != nil {
		return nil, err
	}
	return a, tx.Commit()
}

// FindAlertHistory returns an alert's changes, newest first.
func (db *DB) FindAlertHistory(ctx context.Context, id int64) ([]virk.AlertChange, error) {
	var out []virk.AlertChange
	var c virk.AlertChange
	var state string
	err := queryEach(ctx, db, `SELECT alert_id, state, comment, username, at FROM energy_alert_change WHERE alert_id = ? ORDER BY sid DESC`,
		[]any{id}, []any{&c.AlertID, &state, &c.Comment, &c.User, &c.At},
		func() error {
			c.State = virk.AlertState(state)
			c.At = c.At.UTC()
			out = append(out, c)
			return nil
		})
	return out, err
}
