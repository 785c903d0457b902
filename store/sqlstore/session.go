package sqlstore

import (
	"context"
	"time"

	"github.com/virk-analyse/virk"
)

// CreateSession stores a session. A zero CreatedAt becomes the
// transaction's time; both times are kept to the microsecond, and s is
// set to what is stored.
func (db *DB) CreateSession(ctx context.Context, s *virk.Session) error {
	if s == nil || len(s.ID) < 32 || s.CSRF == "" || s.UserID == 0 {
		return virk.Errorf(virk.EINVALID, "økten mangler id, bruker eller skjemanøkkel")
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	created, expires := s.CreatedAt, s.ExpiresAt.UTC().Truncate(time.Microsecond)
	if created.IsZero() {
		created = tx.now
	}
	created = created.UTC().Truncate(time.Microsecond)
	if !expires.After(created) {
		return virk.Errorf(virk.EINVALID, "økten utløper før den begynner")
	}
	if _, err := tx.exec(ctx, `INSERT INTO session (id, user_id, csrf, address, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, s.ID, s.UserID, s.CSRF, s.Address, created, expires); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.CreatedAt, s.ExpiresAt = created, expires
	return nil
}

// FindSession returns the session with id that has not expired at now.
func (db *DB) FindSession(ctx context.Context, id string, now time.Time) (*virk.Session, error) {
	var s virk.Session
	found := false
	err := queryEach(ctx, db, `SELECT id, user_id, csrf, address, created_at, expires_at FROM session
		WHERE id = ? AND expires_at > ?`, []any{id, now.UTC()},
		[]any{&s.ID, &s.UserID, &s.CSRF, &s.Address, &s.CreatedAt, &s.ExpiresAt},
		func() error { found = true; return nil })
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, virk.Errorf(virk.ENOTFOUND, "Økten er utløpt eller finnes ikke.")
	}
	s.CreatedAt, s.ExpiresAt = s.CreatedAt.UTC(), s.ExpiresAt.UTC()
	return &s, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.execTx(ctx, `DELETE FROM session WHERE id = ?`, id)
	return err
}

// DeleteUserSessions ends every session of a user.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := db.execTx(ctx, `DELETE FROM session WHERE user_id = ?`, userID)
	return err
}

// DeleteExpiredSessions removes the sessions that expired before now.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	n, err := db.execTx(ctx, `DELETE FROM session WHERE expires_at <= ?`, now.UTC())
	return int(n), err
}

// execTx runs one statement in a write transaction of its own and
// returns the rows it affected.
func (db *DB) execTx(ctx context.Context, q string, args ...any) (int64, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}
