package sqlstore

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// FindEntityByID returns the entity with the given id, or ENOTFOUND.
func (db *DB) FindEntityByID(ctx context.Context, id string) (*virk.Entity, error) {
	ents, _, err := db.FindEntities(ctx, virk.EntityFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke enheten «%s».", id)
	}
	return ents[0], nil
}

// FindEntities returns the matching entities with their codes ordered by
// the year they took effect, ordered by id, and how many there are.
func (db *DB) FindEntities(ctx context.Context, filter virk.EntityFilter) ([]*virk.Entity, int, error) {
	var w where
	if filter.ID != nil {
		w.add("e.id = ?", *filter.ID)
	}
	w.in("e.id", filter.IDs)
	if filter.Kind != nil {
		w.add("e.kind = ?", string(*filter.Kind))
	}
	if filter.ParentID != nil {
		if *filter.ParentID == "" {
			w.add("e.parent_sid IS NULL")
		} else {
			w.add("e.parent_sid = (SELECT sid FROM entity WHERE id = ?)", *filter.ParentID)
		}
	}
	ents, _, err := findEntities(ctx, db, w)
	if err != nil {
		return nil, 0, err
	}
	return ents, len(ents), nil
}

// findEntities reads the entities matching w, ordered by id, with their
// codes, and also returns their surrogate keys.
func findEntities(ctx context.Context, q queryer, w where) ([]*virk.Entity, []int64, error) {
	var ents []*virk.Entity
	var sids []int64
	bySID := make(map[int64]*virk.Entity)
	var e virk.Entity
	var sid int64
	err := queryEach(ctx, q, `SELECT e.sid, e.id, e.name, e.name_en, e.kind, COALESCE(p.id, '')
		FROM entity e LEFT JOIN entity p ON p.sid = e.parent_sid`+w.String()+` ORDER BY e.id`, w.args,
		[]any{&sid, &e.ID, &e.Name, &e.NameEN, &e.Kind, &e.ParentID},
		func() error {
			v := e
			ents, sids = append(ents, &v), append(sids, sid)
			bySID[sid] = &v
			return nil
		})
	if err != nil || len(ents) == 0 {
		return nil, nil, err
	}
	var c virk.Code
	err = queryEach(ctx, q, `SELECT c.entity_sid, c.code, c.valid_from, c.valid_to
		FROM entity_code c JOIN entity e ON e.sid = c.entity_sid`+w.String()+
		` ORDER BY c.entity_sid, c.valid_from, c.pos`, w.args,
		[]any{&sid, &c.Code, &c.From, &c.To},
		func() error {
			if e := bySID[sid]; e != nil {
				e.Codes = append(e.Codes, c)
			}
			return nil
		})
	return ents, sids, err
}

// sortedCodes returns the codes ordered by the year they took effect, the
// order in which they are stored and read back.
func sortedCodes(codes []virk.Code) []virk.Code {
	return slices.SortedStableFunc(slices.Values(codes), func(a, b virk.Code) int { return a.From - b.From })
}

// sameEntity reports whether a and b are the same, codes and parent
// included. b's codes must be sorted.
func sameEntity(a, b *virk.Entity) bool {
	return a.ID == b.ID && a.Name == b.Name && a.NameEN == b.NameEN && a.Kind == b.Kind &&
		a.ParentID == b.ParentID && slices.Equal(sortedCodes(a.Codes), b.Codes)
}

// writeEntity inserts (sid 0) or updates an entity with its codes and
// returns its surrogate key. The parent is set separately by setParent, as
// it may be an entity of the same change set that is not stored yet.
func writeEntity(ctx context.Context, tx *Tx, sid int64, e *virk.Entity, batchID int64) (int64, error) {
	if sid == 0 {
		var err error
		sid, err = tx.insertID(ctx, `INSERT INTO entity (id, name, name_en, kind, batch_id)
			VALUES (?, ?, ?, ?, ?) RETURNING sid`, e.ID, e.Name, e.NameEN, string(e.Kind), batchID)
		if err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.exec(ctx, `UPDATE entity SET name = ?, name_en = ?, kind = ?, batch_id = ?
			WHERE sid = ?`, e.Name, e.NameEN, string(e.Kind), batchID, sid); err != nil {
			return 0, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM entity_code WHERE entity_sid = ?`, sid); err != nil {
			return 0, err
		}
	}
	for i, c := range sortedCodes(e.Codes) {
		if _, err := tx.exec(ctx, `INSERT INTO entity_code (entity_sid, pos, code, valid_from, valid_to)
			VALUES (?, ?, ?, ?, ?)`, sid, i, c.Code, c.From, c.To); err != nil {
			return 0, err
		}
	}
	return sid, nil
}

// setParent points an entity at its parent (0 for none).
func setParent(ctx context.Context, tx *Tx, sid, parentSID int64) error {
	var parent any
	if parentSID != 0 {
		parent = parentSID
	}
	_, err := tx.exec(ctx, `UPDATE entity SET parent_sid = ? WHERE sid = ?`, parent, sid)
	return err
}
