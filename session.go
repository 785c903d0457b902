package virk

import (
	"context"
	"time"
)

// Session is a logged-in browser. The cookie holds a random secret; the
// store keeps only its hash, so a copy of the database does not let anyone
// take over a session.
type Session struct {
	ID        string // hex SHA-256 of the cookie's secret
	UserID    int64
	CSRF      string // the token every form of this session carries
	Address   string // where the login came from
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionService keeps sessions in the store, so that several server
// processes on one database share them.
type SessionService interface {
	// CreateSession stores a session; an ID that exists gives ECONFLICT.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session, or ENOTFOUND when it does not
	// exist or expired before now.
	FindSession(ctx context.Context, id string, now time.Time) (*Session, error)
	// DeleteSession ends a session; an unknown ID is not an error.
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of a user.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}
