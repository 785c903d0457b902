package virk

import (
	"context"
	"slices"
	"time"
)

// User sources: where a user's identity and roles come from.
const (
	// UserLocal is a user with a password kept by virk.
	UserLocal = "local"
	// UserOIDC is a user of the municipality's identity provider, whose
	// roles are set from the provider's claims at every login.
	UserOIDC = "oidc"
)

// User is a person or a job that may log in to virk.
type User struct {
	ID int64
	// Login is unique: a local user's name, or for OIDC users the
	// provider's subject qualified by the issuer ("oidc:ISSUER#SUB").
	Login  string
	Name   string // shown in the header and the audit log
	Email  string
	Source string // UserLocal or UserOIDC
	// PasswordHash is the encoded password hash of a local user (see
	// package auth); "" means the user cannot log in with a password.
	PasswordHash string
	Grants       []Grant
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	LastLogin    time.Time // zero until the first login
}

// Has reports whether the user holds role r in any grant.
func (u *User) Has(r Role) bool {
	if u == nil || u.Disabled {
		return false
	}
	return slices.ContainsFunc(u.Grants, func(g Grant) bool { return g.Role == r })
}

// Validate checks the fields that do not need the store to check.
func (u *User) Validate() error {
	if u.Login == "" || len(u.Login) > 200 {
		return Errorf(EINVALID, "bruker: brukernavnet må være 1–200 tegn")
	}
	for _, r := range u.Login {
		if r <= ' ' || r == 0x7f {
			return Errorf(EINVALID, "bruker %q: brukernavnet kan ikke ha mellomrom eller kontrolltegn", u.Login)
		}
	}
	switch u.Source {
	case UserLocal, UserOIDC:
	default:
		return Errorf(EINVALID, "bruker %s: kilden %q er ukjent (forventet local eller oidc)", u.Login, u.Source)
	}
	for _, g := range u.Grants {
		if err := g.Validate(); err != nil {
			return Errorf(EINVALID, "bruker %s: %s", u.Login, ErrorMessage(err))
		}
	}
	return nil
}

// UserFilter selects users. Nil fields do not filter.
type UserFilter struct {
	ID     *int64
	Login  *string
	Source *string
}

// UserUpdate changes a user; nil fields stay as they are.
type UserUpdate struct {
	Name         *string
	Email        *string
	PasswordHash *string
	Grants       *[]Grant
	Disabled     *bool
	LastLogin    *time.Time
}

// UserService keeps the users and their roles.
type UserService interface {
	// FindUserByID returns the user, or ENOTFOUND.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByLogin returns the user, or ENOTFOUND.
	FindUserByLogin(ctx context.Context, login string) (*User, error)
	// FindUsers returns the matching users ordered by login, and how
	// many there are.
	FindUsers(ctx context.Context, filter UserFilter) ([]*User, int, error)
	// CreateUser stores a new user and sets its ID and times; a login
	// that exists gives ECONFLICT.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser changes a user and returns it; ENOTFOUND if unknown.
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	// DeleteUser removes a user with its sessions and tokens. The audit
	// log keeps what the user did, by login.
	DeleteUser(ctx context.Context, id int64) error
}
