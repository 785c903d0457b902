package sqlstore

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// FindPeerGroups returns the stored peer groups ordered by ID, with their
// members in stored order.
func (db *DB) FindPeerGroups(ctx context.Context) ([]*virk.PeerGroup, error) {
	return findPeerGroups(ctx, db)
}

// findPeerGroups reads every stored group. Groups are few (SSB has 17
// KOSTRA groups), so they are always read whole.
func findPeerGroups(ctx context.Context, q queryer) ([]*virk.PeerGroup, error) {
	var groups []*virk.PeerGroup
	byID := map[string]*virk.PeerGroup{}
	var g virk.PeerGroup
	err := queryEach(ctx, q, `SELECT id, name, source, note FROM peer_group ORDER BY id`, nil,
		[]any{&g.ID, &g.Name, &g.Source, &g.Note},
		func() error {
			v := g
			groups = append(groups, &v)
			byID[v.ID] = &v
			return nil
		})
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	var id string
	var m virk.PeerMember
	err = queryEach(ctx, q, `SELECT group_id, ref, valid_from, valid_to FROM peer_group_member ORDER BY group_id, pos`, nil,
		[]any{&id, &m.Ref, &m.From, &m.To},
		func() error {
			if g := byID[id]; g != nil {
				g.Members = append(g.Members, m)
			}
			return nil
		})
	return groups, err
}

// UpdatePeerGroups stores and deletes peer groups in one transaction,
// recorded as a batch by upd.User. Groups put that equal the stored ones
// are left alone; when nothing changes, nothing is written and the batch
// is nil, so the data version stays.
func (db *DB) UpdatePeerGroups(ctx context.Context, upd virk.PeerGroupUpdate) (*virk.Batch, error) {
	seen := map[string]bool{}
	for _, g := range upd.Put {
		if g == nil {
			return nil, virk.Errorf(virk.EINVALID, "sammenligningsgruppe mangler")
		}
		if err := g.Validate(); err != nil {
			return nil, err
		}
		if seen[g.ID] {
			return nil, virk.Errorf(virk.EINVALID, "sammenligningsgruppe %s: finnes to ganger i samme endring", g.ID)
		}
		seen[g.ID] = true
	}
	for _, id := range upd.Delete {
		if seen[id] {
			return nil, virk.Errorf(virk.EINVALID, "sammenligningsgruppe %s: kan ikke både lagres og slettes i samme endring", id)
		}
		seen[id] = true
	}

	tx, err := db.begin(ctx, txImport)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stored, err := findPeerGroups(ctx, tx)
	if err != nil {
		return nil, err
	}
	byID := map[string]*virk.PeerGroup{}
	for _, g := range stored {
		byID[g.ID] = g
	}
	for _, id := range upd.Delete {
		if byID[id] == nil {
			return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke sammenligningsgruppen «%s».", id)
		}
	}
	var put []*virk.PeerGroup
	for _, g := range upd.Put {
		if old := byID[g.ID]; old == nil || !samePeerGroup(old, g) {
			put = append(put, g)
		}
	}
	if len(put) == 0 && len(upd.Delete) == 0 {
		return nil, nil
	}

	b := &virk.Batch{User: upd.User, CreatedAt: tx.now}
	if b.ID, err = insertBatch(ctx, tx, upd.User); err != nil {
		return nil, err
	}
	for _, id := range upd.Delete {
		if err := deletePeerGroup(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	for _, g := range put {
		if err := deletePeerGroup(ctx, tx, g.ID); err != nil {
			return nil, err
		}
		if _, err := tx.exec(ctx, `INSERT INTO peer_group (id, name, source, note, batch_id) VALUES (?, ?, ?, ?, ?)`,
			g.ID, g.Name, g.Source, g.Note, b.ID); err != nil {
			return nil, err
		}
		for i, m := range g.Members {
			if _, err := tx.exec(ctx, `INSERT INTO peer_group_member (group_id, pos, ref, valid_from, valid_to)
				VALUES (?, ?, ?, ?, ?)`, g.ID, i, m.Ref, m.From, m.To); err != nil {
				return nil, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return b, nil
}

// deletePeerGroup removes a group and its members, if stored.
func deletePeerGroup(ctx context.Context, tx *Tx, id string) error {
	if _, err := tx.exec(ctx, `DELETE FROM peer_group_member WHERE group_id = ?`, id); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM peer_group WHERE id = ?`, id)
	return err
}

// samePeerGroup reports whether two groups would be stored alike.
func samePeerGroup(a, b *virk.PeerGroup) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Source == b.Source && a.Note == b.Note &&
		slices.Equal(a.Members, b.Members)
}
