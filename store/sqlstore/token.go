package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/virk-analyse/virk"
)

// CreateToken stores a token and sets its ID.
func (db *DB) CreateToken(ctx context.Context, t *virk.Token) error {
	if t == nil || len(t.Hash) != 64 || t.UserID == 0 {
		return virk.Errorf(virk.EINVALID, "tokenet mangler bruker eller hash")
	}
	if t.Kind != virk.TokenAPI && t.Kind != virk.TokenLoginLink {
		return virk.Errorf(virk.EINVALID, "tokentypen %q er ukjent (forventet api eller login)", t.Kind)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = tx.now
	}
	t.CreatedAt = t.CreatedAt.UTC().Truncate(time.Microsecond)
	id, err := tx.insertID(ctx, `INSERT INTO token (user_id, kind, name, hash, prefix, created_at, expires_at, last_used, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		t.UserID, t.Kind, t.Name, t.Hash, t.Prefix, t.CreatedAt, timeArg(t.ExpiresAt), timeArg(t.LastUsed), timeArg(t.RevokedAt))
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	t.ID = id
	return nil
}

// FindTokenByHash returns the token with the hash, or ENOTFOUND.
func (db *DB) FindTokenByHash(ctx context.Context, hash string) (*virk.Token, error) {
	var w where
	w.add("hash = ?", hash)
	ts, err := findTokens(ctx, db, w)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Tokenet finnes ikke.")
	}
	return ts[0], nil
}

// FindTokens returns the matching tokens, newest first.
func (db *DB) FindTokens(ctx context.Context, filter virk.TokenFilter) ([]*virk.Token, error) {
	var w where
	if filter.UserID != nil {
		w.add("user_id = ?", *filter.UserID)
	}
	if filter.Kind != nil {
		w.add("kind = ?", *filter.Kind)
	}
	return findTokens(ctx, db, w)
}

func findTokens(ctx context.Context, q queryer, w where) ([]*virk.Token, error) {
	var out []*virk.Token
	var t virk.Token
	var expires, used, revoked sql.NullTime
	err := queryEach(ctx, q, `SELECT id, user_id, kind, name, hash, prefix, created_at, expires_at, last_used, revoked_at
		FROM token`+w.String()+` ORDER BY id DESC`, w.args,
		[]any{&t.ID, &t.UserID, &t.Kind, &t.Name, &t.Hash, &t.Prefix, &t.CreatedAt, &expires, &used, &revoked},
		func() error {
			v := t
			v.CreatedAt = v.CreatedAt.UTC()
			v.ExpiresAt, v.LastUsed, v.RevokedAt = nullTime(expires), nullTime(used), nullTime(revoked)
			out = append(out, &v)
			return nil
		})
	return out, err
}

// UseToken records a use. A login link is revoked by its use, in the
// same statement, so that of two requests with one link only one gets
// through.
func (db *DB) UseToken(ctx context.Context, id int64, now time.Time) error {
	now = now.UTC().Truncate(time.Microsecond)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE token SET last_used = ?,
		revoked_at = CASE WHEN kind = 'login' THEN ? ELSE revoked_at END
		WHERE id = ? AND (kind = 'api' OR revoked_at IS NULL)`, now, now, id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		var w where
		w.add("id = ?", id)
		ts, err := findTokens(ctx, tx, w)
		if err != nil {
			return err
		}
		if len(ts) == 0 {
			return virk.Errorf(virk.ENOTFOUND, "Tokenet finnes ikke.")
		}
		return virk.Errorf(virk.ECONFLICT, "Engangslenken er allerede brukt.")
	}
	return tx.Commit()
}

// RevokeToken revokes a token; revoking it again keeps the first time.
func (db *DB) RevokeToken(ctx context.Context, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, tx.now, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return virk.Errorf(virk.ENOTFOUND, "Fant ikke tokenet %d.", id)
	}
	return tx.Commit()
}
