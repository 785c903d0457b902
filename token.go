package virk

import (
	"context"
	"time"
)

// Token kinds.
const (
	// TokenAPI authenticates the command line and scheduled jobs as its
	// user with an "Authorization: Bearer" header, until revoked.
	TokenAPI = "api"
	// TokenLoginLink logs its user in once, from the loopback interface:
	// the link "virk serve" prints for the first administrator.
	TokenLoginLink = "login"
)

// Token is a secret that acts as a user without a password. The secret is
// shown once when it is made; the store keeps its hash.
type Token struct {
	ID        int64
	UserID    int64
	Kind      string // TokenAPI or TokenLoginLink
	Name      string // what it is for, e.g. "nattlig KOSTRA-import"
	Hash      string // hex SHA-256 of the secret
	Prefix    string // the secret's first characters, to tell tokens apart
	CreatedAt time.Time
	ExpiresAt time.Time // zero: does not expire
	LastUsed  time.Time // zero: never used
	RevokedAt time.Time // zero: not revoked
}

// Valid reports whether the token may be used at now.
func (t *Token) Valid(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// TokenFilter selects tokens. Nil fields do not filter.
type TokenFilter struct {
	UserID *int64
	Kind   *string
}

// TokenService keeps API tokens and login links.
type TokenService interface {
	// CreateToken stores a token and sets its ID.
	CreateToken(ctx context.Context, t *Token) error
	// FindTokenByHash returns the token with this hash, revoked or not,
	// or ENOTFOUND.
	FindTokenByHash(ctx context.Context, hash string) (*Token, error)
	// FindTokens returns the matching tokens, newest first.
	FindTokens(ctx context.Context, filter TokenFilter) ([]*Token, error)
	// UseToken records that the token was used at now. A login link is
	// used once: UseToken revokes it, and gives ECONFLICT if it was
	// revoked already, so that two requests cannot both use it.
	UseToken(ctx context.Context, id int64, now time.Time) error
	// RevokeToken revokes a token; ENOTFOUND if unknown.
	RevokeToken(ctx context.Context, id int64) error
}
