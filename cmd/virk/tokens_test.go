package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// TestTokens creates an API token, checks that the store holds its hash
// and nowhere the secret, lists it and revokes it.
func TestTokens(t *testing.T) {
	db, env := demoDB(t)
	mustRun(t, env, "users", "add", "ola", "--role", "analytiker")
	if r := mustRun(t, env, "tokens"); !strings.HasPrefix(r.stdout, "Ingen tokener.") {
		t.Fatalf("empty list:\n%s", r.stdout)
	}

	r := mustRun(t, env, "tokens", "create", "ola", "--name", "nattlig import", "--expires", "30d")
	secret := strings.TrimSuffix(r.stdout, "\n")
	if !strings.HasPrefix(secret, "virk_") || strings.ContainsAny(secret, "\n ") || len(secret) != len("virk_")+43 {
		t.Fatalf("stdout is not the secret alone: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "API-token 1 «nattlig import» for ola, gyldig til ") ||
		!strings.Contains(r.stderr, "det kan ikke vises igjen") {
		t.Errorf("no note that the secret is shown once:\n%s", r.stderr)
	}

	st, err := openStore(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := st.FindTokens(context.Background(), virk.TokenFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("%d tokens stored, want 1", len(ts))
	}
	tk := ts[0]
	if tk.Hash != auth.HashSecret(secret) || tk.Prefix != secret[:12] || tk.Kind != virk.TokenAPI || tk.Name != "nattlig import" {
		t.Errorf("stored %+v for the secret %s", tk, secret)
	}
	if d := time.Until(tk.ExpiresAt); d < 29*24*time.Hour || d > 30*24*time.Hour {
		t.Errorf("expires in %s, want 30 days", d)
	}
	if got, err := st.FindTokenByHash(context.Background(), auth.HashSecret(secret)); err != nil || got.ID != tk.ID {
		t.Errorf("FindTokenByHash(hash of the secret) = %v, %v", got, err)
	}
	st.Close()
	// The secret is nowhere in the database files, the write-ahead log
	// included; the hash is, which shows the files were read.
	var all []byte
	files, _ := filepath.Glob(db + "*")
	for _, f := range files {
		all = append(all, readFile(t, f)...)
	}
	if bytes.Contains(all, []byte(secret)) || bytes.Contains(all, []byte(secret[12:])) {
		t.Errorf("the secret is stored in %v", files)
	}
	if !bytes.Contains(all, []byte(tk.Hash)) {
		t.Errorf("the hash is not in %v: the test read the wrong files", files)
	}

	r = mustRun(t, env, "tokens", "--user", "ola")
	lines := strings.Split(r.stdout, "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "Nr.  Bruker  Type  Navn            Prefiks        Opprettet") ||
		!strings.HasPrefix(lines[2], "  1  ola     api   nattlig import  "+secret[:12]+"…  ") || !strings.HasSuffix(strings.TrimRight(lines[2], " "), "  aldri") {
		t.Errorf("list:\n%s", r.stdout)
	}

	r = mustRun(t, env, "tokens", "revoke", "1")
	if r.stdout != "Token 1 «nattlig import» for ola er tilbakekalt.\n" {
		t.Errorf("revoke:\n%s", r.stdout)
	}
	st = mustOpen(t, db)
	if tk, err := st.FindTokenByHash(context.Background(), auth.HashSecret(secret)); err != nil || tk.Valid(time.Now()) {
		t.Errorf("after revoke: %+v, %v", tk, err)
	}
	if r := mustRun(t, env, "tokens"); strings.HasSuffix(strings.TrimRight(strings.Split(r.stdout, "\n")[2], " "), "  aldri") {
		t.Errorf("the list does not show the revocation:\n%s", r.stdout)
	}
	if r := mustRun(t, env, "tokens", "revoke", "1"); !strings.HasPrefix(r.stdout, "Token 1 var allerede tilbakekalt") {
		t.Errorf("second revoke:\n%s", r.stdout)
	}

	mustRun(t, env, "tokens", "create", "ola", "--name", "for alltid", "--expires", "0")
	st.Close()
	st = mustOpen(t, db)
	if ts, _ := st.FindTokens(context.Background(), virk.TokenFilter{}); len(ts) != 2 || !ts[0].ExpiresAt.IsZero() {
		t.Errorf("--expires 0 stored an expiry")
	}
}

func TestTokens_Refused(t *testing.T) {
	_, env := demoDB(t)
	mustRun(t, env, "users", "add", "ola", "--role", "leser")
	mustRun(t, env, "users", "add", "per", "--role", "leser")
	mustRun(t, env, "users", "disable", "per")
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoName", []string{"tokens", "create", "ola"}, 2, "virk tokens: oppgi med --name hva tokenet er til\n"},
		{"BadExpiry", []string{"tokens", "create", "ola", "--name", "x", "--expires", "snart"}, 2,
			"virk tokens: --expires \"snart\": oppgi for eksempel 90d, 2w eller 12h, eller 0 for et token som ikke utløper\n"},
		{"UnknownUser", []string{"tokens", "create", "kari", "--name", "x"}, 1, "virk tokens: ukjent bruker «kari» (se «virk users»)\n"},
		{"Disabled", []string{"tokens", "create", "per", "--name", "x"}, 1,
			"virk tokens: brukeren per er sperret; åpne den først med «virk users enable per»\n"},
		{"RevokeUnknown", []string{"tokens", "revoke", "99"}, 1, "virk tokens: ukjent token 99 (se «virk tokens»)\n"},
		{"RevokeNotNumber", []string{"tokens", "revoke", "abc"}, 2, "virk tokens: \"abc\" er ikke et tokennummer (se «virk tokens»)\n"},
		{"ListUnknownUser", []string{"tokens", "--user", "kari"}, 1, "virk tokens: ukjent bruker «kari» (se «virk users»)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := virkCmd(t, env, tt.args...)
			if r.code != tt.code || r.stderr != tt.want {
				t.Errorf("exit %d, stderr %q; want exit %d, %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
}

func TestParseExpires(t *testing.T) {
	day := 24 * time.Hour
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * day, true},
		{"2w", 14 * day, true},
		{"12h", 12 * time.Hour, true},
		{"0", 0, true},
		{"", 0, false},
		{"d", 0, false},
		{"0d", 0, false},
		{"-5d", 0, false},
		{"90dd", 0, false},
		{"-1h", 0, false},
		{"99999d", 0, false},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseExpires(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseExpires(%q) = %s, %v; want %s, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}
