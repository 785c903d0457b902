package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// userColumns are the columns findUsers reads, from table alias u.
const userColumns = `u.id, u.login, u.name, u.email, u.source, u.password_hash, u.disabled,
	u.created_at, u.updated_at, u.last_login`

// FindUserByID returns the user, or ENOTFOUND.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*virk.User, error) {
	users, _, err := db.FindUsers(ctx, virk.UserFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke brukeren %d.", id)
	}
	return users[0], nil
}

// FindUserByLogin returns the user, or ENOTFOUND.
func (db *DB) FindUserByLogin(ctx context.Context, login string) (*virk.User, error) {
	users, _, err := db.FindUsers(ctx, virk.UserFilter{Login: &login})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke brukeren «%s».", login)
	}
	return users[0], nil
}

// FindUsers returns the matching users with their grants, ordered by
// login.
func (db *DB) FindUsers(ctx context.Context, filter virk.UserFilter) ([]*virk.User, int, error) {
	var w where
	if filter.ID != nil {
		w.add("u.id = ?", *filter.ID)
	}
	if filter.Login != nil {
		w.add("u.login = ?", *filter.Login)
	}
	if filter.Source != nil {
		w.add("u.source = ?", *filter.Source)
	}
	users, err := findUsers(ctx, db, w)
	return users, len(users), err
}

// findUsers reads the users matching w (on alias u), ordered by login,
// with their grants in order.
func findUsers(ctx context.Context, q queryer, w where) ([]*virk.User, error) {
	var users []*virk.User
	byID := map[int64]*virk.User{}
	var u virk.User
	var last sql.NullTime
	err := queryEach(ctx, q, `SELECT `+userColumns+` FROM app_user u`+w.String()+` ORDER BY u.login`, w.args,
		[]any{&u.ID, &u.Login, &u.Name, &u.Email, &u.Source, &u.PasswordHash, &u.Disabled,
			&u.CreatedAt, &u.UpdatedAt, &last},
		func() error {
			v := u
			v.CreatedAt, v.UpdatedAt, v.LastLogin = v.CreatedAt.UTC(), v.UpdatedAt.UTC(), nullTime(last)
			users = append(users, &v)
			byID[v.ID] = &v
			return nil
		})
	if err != nil || len(users) == 0 {
		return nil, err
	}
	var id int64
	var role, units string
	err = queryEach(ctx, q, `SELECT g.user_id, g.role, g.units FROM user_grant g
		JOIN app_user u ON u.id = g.user_id`+w.String()+` ORDER BY g.user_id, g.pos`, w.args,
		[]any{&id, &role, &units},
		func() error {
			if u := byID[id]; u != nil {
				g := virk.Grant{Role: virk.Role(role)}
				if units != "" {
					g.Units = strings.Split(units, ",")
				}
				u.Grants = append(u.Grants, g)
			}
			return nil
		})
	return users, err
}

// CreateUser stores a new user with its grants and sets its ID and times.
func (db *DB) CreateUser(ctx context.Context, u *virk.User) error {
	if u == nil {
		return virk.Errorf(virk.EINVALID, "bruker mangler")
	}
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkGrantUnits(ctx, tx, u.Grants); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO app_user (login, name, email, source, password_hash, disabled,
		created_at, updated_at, last_login) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		u.Login, u.Name, u.Email, u.Source, u.PasswordHash, u.Disabled, tx.now, tx.now, timeArg(u.LastLogin))
	if virk.ErrorCode(err) == virk.ECONFLICT {
		return virk.Errorf(virk.ECONFLICT, "Brukeren «%s» finnes fra før.", u.Login)
	}
	if err != nil {
		return err
	}
	if err := writeGrants(ctx, tx, id, u.Grants); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	u.ID, u.CreatedAt, u.UpdatedAt = id, tx.now, tx.now
	return nil
}

// UpdateUser changes the fields upd sets and returns the user.
//
// It reads the user, changes it and writes every column back, so it first
// takes the row's write lock with an UPDATE: PostgreSQL's READ COMMITTED
// would otherwise let a login's UpdateUser (last login) read the user
// before an administrator's (disabled) commits and then write the old
// value back. SQLite's BEGIN IMMEDIATE serialises writers anyway.
func (db *DB) UpdateUser(ctx context.Context, id int64, upd virk.UserUpdate) (*virk.User, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE app_user SET updated_at = ? WHERE id = ?`, tx.now, id)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke brukeren %d.", id)
	}
	var w where
	w.add("u.id = ?", id)
	users, err := findUsers(ctx, tx, w)
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "Fant ikke brukeren %d.", id)
	}
	u := users[0]
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.Email != nil {
		u.Email = *upd.Email
	}
	if upd.PasswordHash != nil {
		u.PasswordHash = *upd.PasswordHash
	}
	if upd.Disabled != nil {
		u.Disabled = *upd.Disabled
	}
	if upd.LastLogin != nil {
		u.LastLogin = upd.LastLogin.UTC().Truncate(time.Microsecond)
	}
	if upd.Grants != nil {
		u.Grants = *upd.Grants
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE app_user SET name = ?, email = ?, password_hash = ?, disabled = ?,
		updated_at = ?, last_login = ? WHERE id = ?`,
		u.Name, u.Email, u.PasswordHash, u.Disabled, tx.now, timeArg(u.LastLogin), id); err != nil {
		return nil, err
	}
	if upd.Grants != nil {
		if err := checkGrantUnits(ctx, tx, u.Grants); err != nil {
			return nil, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM user_grant WHERE user_id = ?`, id); err != nil {
			return nil, err
		}
		if err := writeGrants(ctx, tx, id, u.Grants); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	u.UpdatedAt = tx.now
	return u, nil
}

// DeleteUser removes a user; its grants, sessions and tokens go with it
// (ON DELETE CASCADE), the audit log stays.
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `DELETE FROM app_user WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return virk.Errorf(virk.ENOTFOUND, "Fant ikke brukeren %d.", id)
	}
	return tx.Commit()
}

// writeGrants stores a user's grants in order; the caller removes the old
// ones first. A grant's units are stored comma-separated, which is safe
// because virk.ValidateID allows no comma in an ID.
func writeGrants(ctx context.Context, tx *Tx, userID int64, grants []virk.Grant) error {
	for i, g := range grants {
		if _, err := tx.exec(ctx, `INSERT INTO user_grant (user_id, pos, role, units) VALUES (?, ?, ?, ?)`,
			userID, i, string(g.Role), strings.Join(g.Units, ",")); err != nil {
			return err
		}
	}
	return nil
}

// checkGrantUnits checks that the units of leder grants are stored
// entities.
func checkGrantUnits(ctx context.Context, tx *Tx, grants []virk.Grant) error {
	for _, g := range grants {
		for _, unit := range g.Units {
			var n int
			if err := tx.tx.QueryRowContext(ctx, tx.db.dialect.rebind(`SELECT COUNT(*) FROM entity WHERE id = ?`), unit).Scan(&n); err != nil {
				return tx.db.dialect.formatError(err)
			}
			if n == 0 {
				return virk.Errorf(virk.EINVALID, "rolle %s: enheten «%s» finnes ikke", g.Role, unit)
			}
		}
	}
	return nil
}

// timeArg binds a time that may be unset: NULL for the zero time.
func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// nullTime reads a time that may be NULL as the zero time.
func nullTime(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
