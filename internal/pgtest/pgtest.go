// Package pgtest gives tests a throwaway PostgreSQL database. It starts a
// private server from the machine's own PostgreSQL binaries, listening on
// 127.0.0.1 only, with its data in a temporary directory, and creates a
// fresh database for each test. If VIRK_TEST_POSTGRES_URL is set, it uses
// that server instead and creates its throwaway databases there.
//
// When no server can be had, tests that ask for a database are skipped,
// except under CI=true, where they fail and say what is missing.
//
// A package uses it from TestMain:
//
//	var server *pgtest.Server
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m, &server)) }
//
//	func TestX(t *testing.T) { url := server.NewDatabase(t); … }
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points tests at an existing server, as a
// URL whose user may create databases: postgres://user:pw@host:port/db.
const EnvURL = "VIRK_TEST_POSTGRES_URL"

// Server is a PostgreSQL server that tests create databases on. The zero
// value and nil are valid and unusable: NewDatabase skips the test.
type Server struct {
	admin string // URL of a database to run CREATE DATABASE from
	err   error  // why there is no server

	local *process // the server this package started; nil for an external one

	mu sync.Mutex
	n  int // databases created so far
}

// Run starts a server, stores it in *srv, runs the tests and stops the
// server, even when tests fail, and returns the exit code for os.Exit.
// A server that cannot be started is not an error here: *srv then holds
// the reason, and the tests that need it skip or fail.
func Run(m *testing.M, srv **Server) int {
	s, err := Start()
	if err != nil {
		s = &Server{err: err}
	}
	*srv = s
	defer s.Stop()
	return m.Run()
}

// Start returns the server named by VIRK_TEST_POSTGRES_URL, after checking
// that it answers, or else starts a private one.
func Start() (*Server, error) {
	if u := os.Getenv(EnvURL); u != "" {
		s := &Server{admin: u}
		if err := s.ping(); err != nil {
			return nil, fmt.Errorf("pgtest: %s=%s: %w", EnvURL, redact(u), err)
		}
		return s, nil
	}
	p, err := startProcess()
	if err != nil {
		return nil, fmt.Errorf("pgtest: PostgreSQL is not available: %w; install PostgreSQL (initdb, postgres) or set %s", err, EnvURL)
	}
	return &Server{admin: p.url("postgres"), local: p}, nil
}

// Stop stops the server if this package started it, and removes its
// files. It is safe on nil and on an external server, which it leaves
// running.
func (s *Server) Stop() {
	if s != nil && s.local != nil {
		s.local.stop()
	}
}

// NewDatabase creates an empty database for the test, drops it when the
// test ends, and returns its URL. Without a server it skips the test, or
// fails it when the environment has CI=true.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	if s == nil || s.admin == "" {
		err := fmt.Errorf("pgtest: no server (call pgtest.Run from TestMain)")
		if s != nil && s.err != nil {
			err = s.err
		}
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%v (CI=true, so this is an error, not a skip)", err)
		}
		tb.Skip(err)
	}
	name := s.newName()
	if err := s.exec(`CREATE DATABASE ` + pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		// FORCE ends connections a failed test left open (PostgreSQL 13+).
		if err := s.exec(`DROP DATABASE IF EXISTS ` + pgx.Identifier{name}.Sanitize() + ` WITH (FORCE)`); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(s.admin)
	if err != nil {
		tb.Fatalf("pgtest: %s is not a URL: %v", redact(s.admin), err)
	}
	u.Path = "/" + name
	return u.String()
}

// newName returns a database name that no other test, process or machine
// sharing an external server uses.
func (s *Server) newName() string {
	s.mu.Lock()
	s.n++
	n := s.n
	s.mu.Unlock()
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("virk_test_%d_%d_%s", os.Getpid(), n, hex.EncodeToString(b[:]))
}

// exec runs one statement on the admin database.
func (s *Server) exec(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// ping checks that the admin database answers.
func (s *Server) ping() error { return s.exec("SELECT 1") }

// redact hides the password of a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
