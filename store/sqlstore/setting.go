package sqlstore

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// FindSettings returns every stored setting.
func (db *DB) FindSettings(ctx context.Context) (map[string]string, error) {
	m := map[string]string{}
	var k, v string
	err := queryEach(ctx, db, `SELECT key, value FROM setting`, nil, []any{&k, &v},
		func() error { m[k] = v; return nil })
	return m, err
}

// UpdateSettings stores settings in one transaction; an empty value
// removes the setting.
func (db *DB) UpdateSettings(ctx context.Context, set map[string]string) error {
	keys := make([]string, 0, len(set))
	for k := range set {
		if k == "" || len(k) > 100 {
			return virk.Errorf(virk.EINVALID, "innstillingen mangler navn eller har for langt navn")
		}
		keys = append(keys, k)
	}
	slices.Sort(keys) // one order, so two writers lock rows alike
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, k := range keys {
		if set[k] == "" {
			if _, err := tx.exec(ctx, `DELETE FROM setting WHERE key = ?`, k); err != nil {
				return err
			}
			continue
		}
		// An upsert, not DELETE and INSERT: two processes that make the
		// same setting at once would otherwise collide on the key in
		// PostgreSQL, where the loser's INSERT fails instead of waiting.
		if _, err := tx.exec(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, set[k]); err != nil {
			return err
		}
	}
	return tx.Commit()
}
