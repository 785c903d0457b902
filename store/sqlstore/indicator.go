package sqlstore

import (
	"context"
	"database/sql"

	"github.com/virk-analyse/virk"
)

// indicatorColumns are the columns findIndicators reads, from table alias i.
const indicatorColumns = `i.sid, i.id, i.label_nb, i.label_en, i.unit, i.decimals, i.direction,
	i.category, i.source, i.kostra_table, i.kostra_function, i.kostra_type, i.kostra_scope,
	i.kostra_variable, i.formula, i.rollup, i.deflator, i.note, i.personnel`

// FindIndicatorByID returns the indicator with the given id, or ENOTFOUND.
func (db *DB) FindIndicatorByID(ctx context.Context, id string) (*virk.Indicator, error) {
	inds, _, err := db.FindIndicators(ctx, virk.IndicatorFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(inds) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke indikatoren «%s».", id)
	}
	return inds[0], nil
}

// FindIndicators returns the matching indicators with their targets,
// ordered by category and id, and how many there are.
func (db *DB) FindIndicators(ctx context.Context, filter virk.IndicatorFilter) ([]*virk.Indicator, int, error) {
	var w where
	if filter.ID != nil {
		w.add("i.id = ?", *filter.ID)
	}
	w.in("i.id", filter.IDs)
	if filter.Category != nil {
		w.add("i.category = ?", *filter.Category)
	}
	inds, _, err := findIndicators(ctx, db, w)
	if err != nil {
		return nil, 0, err
	}
	return inds, len(inds), nil
}

// findIndicators reads the indicators matching w, ordered by category and
// id, and also returns their surrogate keys.
func findIndicators(ctx context.Context, q queryer, w where) ([]*virk.Indicator, []int64, error) {
	var inds []*virk.Indicator
	var sids []int64
	bySID := make(map[int64]*virk.Indicator)
	var ind virk.Indicator
	var sid int64
	var direction int
	var table, function, typ, scope, variable sql.NullString
	err := queryEach(ctx, q, `SELECT `+indicatorColumns+` FROM indicator i`+w.String()+
		` ORDER BY i.category, i.id`, w.args,
		[]any{&sid, &ind.ID, &ind.LabelNB, &ind.LabelEN, &ind.Unit.Name, &ind.Unit.Decimals, &direction,
			&ind.Category, &ind.Source, &table, &function, &typ, &scope, &variable,
			&ind.Formula, &ind.Rollup, &ind.Deflator, &ind.Note, &ind.Personnel},
		func() error {
			v := ind
			v.Direction = virk.Direction(direction)
			if table.Valid {
				v.Kostra = &virk.KostraRef{Table: table.String, Function: function.String,
					Type: typ.String, Scope: scope.String, Variable: variable.String}
			}
			inds, sids = append(inds, &v), append(sids, sid)
			bySID[sid] = &v
			return nil
		})
	if err != nil || len(inds) == 0 {
		return nil, nil, err
	}
	var t virk.Target
	err = queryEach(ctx, q, `SELECT t.indicator_sid, t.kind, t.value, t.base_year, t.year, t.entity_id, t.note
		FROM indicator_target t JOIN indicator i ON i.sid = t.indicator_sid`+w.String()+
		` ORDER BY t.indicator_sid, t.pos`, w.args,
		[]any{&sid, &t.Kind, &t.Value, &t.BaseYear, &t.Year, &t.EntityID, &t.Note},
		func() error {
			if ind := bySID[sid]; ind != nil {
				ind.Targets = append(ind.Targets, t)
			}
			return nil
		})
	return inds, sids, err
}

// sameIndicator reports whether a and b hold the same catalogue entry,
// every field and target included.
func sameIndicator(a, b *virk.Indicator) bool {
	if a.ID != b.ID || a.LabelNB != b.LabelNB || a.LabelEN != b.LabelEN || a.Unit != b.Unit ||
		a.Direction != b.Direction || a.Category != b.Category || a.Source != b.Source ||
		a.Formula != b.Formula || a.Rollup != b.Rollup || a.Deflator != b.Deflator || a.Note != b.Note ||
		a.Personnel != b.Personnel {
		return false
	}
	if (a.Kostra == nil) != (b.Kostra == nil) || a.Kostra != nil && *a.Kostra != *b.Kostra {
		return false
	}
	if len(a.Targets) != len(b.Targets) {
		return false
	}
	for i := range a.Targets {
		if a.Targets[i] != b.Targets[i] {
			return false
		}
	}
	return true
}

// writeIndicator inserts (sid 0) or updates an indicator with its targets
// and returns its surrogate key.
func writeIndicator(ctx context.Context, tx *Tx, sid int64, ind *virk.Indicator, batchID int64) (int64, error) {
	var table, function, typ, scope, variable any
	if k := ind.Kostra; k != nil {
		table, function, typ, scope, variable = k.Table, k.Function, k.Type, k.Scope, k.Variable
	}
	args := []any{ind.ID, ind.LabelNB, ind.LabelEN, ind.Unit.Name, ind.Unit.Decimals,
		int(ind.Direction), ind.Category, ind.Source, table, function, typ, scope, variable,
		ind.Formula, string(ind.Rollup), ind.Deflator, ind.Note, ind.Personnel, batchID}
	if sid == 0 {
		var err error
		sid, err = tx.insertID(ctx, `INSERT INTO indicator (id, label_nb, label_en, unit,
			decimals, direction, category, source, kostra_table, kostra_function, kostra_type,
			kostra_scope, kostra_variable, formula, rollup, deflator, note, personnel, batch_id)
			VALUES (`+placeholders(len(args))+`) RETURNING sid`, args...)
		if err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.exec(ctx, `UPDATE indicator SET id = ?, label_nb = ?, label_en = ?,
			unit = ?, decimals = ?, direction = ?, category = ?, source = ?, kostra_table = ?,
			kostra_function = ?, kostra_type = ?, kostra_scope = ?, kostra_variable = ?,
			formula = ?, rollup = ?, deflator = ?, note = ?, personnel = ?, batch_id = ? WHERE sid = ?`,
			append(args, sid)...); err != nil {
			return 0, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM indicator_target WHERE indicator_sid = ?`, sid); err != nil {
			return 0, err
		}
	}
	for i, t := range ind.Targets {
		if _, err := tx.exec(ctx, `INSERT INTO indicator_target (indicator_sid, pos, kind, value,
			base_year, year, entity_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			sid, i, string(t.Kind), t.Value, t.BaseYear, t.Year, t.EntityID, t.Note); err != nil {
			return 0, err
		}
	}
	return sid, nil
}
