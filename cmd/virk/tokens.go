package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
	"github.com/virk-analyse/virk/nb"
)

const tokensSynopsis = "[--user BRUKERNAVN] [--db DB]\n" +
	"       virk tokens create BRUKERNAVN --name NAVN [--expires 90d] [--db DB]\n" +
	"       virk tokens revoke NR [--db DB]"

// tokenPrefix begins every API token, so that one found in a script or
// a log is recognised as virk's (and by secret scanners).
const tokenPrefix = "virk_"

// runTokens lists the API tokens and login links, or creates or revokes
// an API token.
func runTokens(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "create":
			return runTokensCreate(ctx, m, args[1:])
		case "revoke":
			return runTokensRevoke(ctx, m, args[1:])
		}
	}
	c := m.config()
	fs := m.newFlagSet("tokens", tokensSynopsis)
	addDBFlag(fs, &c)
	login := fs.String("user", "", "bare tokenene til denne brukeren")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("ukjent underkommando %q; bruk «virk tokens», «virk tokens create» eller «virk tokens revoke»", fs.Arg(0))
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	users, _, err := st.FindUsers(ctx, virk.UserFilter{})
	if err != nil {
		return err
	}
	logins := map[int64]string{}
	var f virk.TokenFilter
	for _, u := range users {
		logins[u.ID] = u.Login
		if u.Login == *login {
			f.UserID = &u.ID
		}
	}
	if *login != "" && f.UserID == nil {
		return virk.Errorf(virk.ENOTFOUND, "ukjent bruker «%s» (se «virk users»)", *login)
	}
	ts, err := st.FindTokens(ctx, f)
	if err != nil {
		return err
	}
	return writeTokens(m.Stdout, ts, logins)
}

func writeTokens(w io.Writer, ts []*virk.Token, logins map[int64]string) error {
	if len(ts) == 0 {
		_, err := fmt.Fprintln(w, "Ingen tokener. Lag et med «virk tokens create BRUKERNAVN --name NAVN».")
		return err
	}
	t := &textTable{header: []string{"Nr.", "Bruker", "Type", "Navn", "Prefiks", "Opprettet", "Utløper", "Sist brukt", "Tilbakekalt"},
		right: []bool{true}}
	when := func(tm time.Time, zero string) string {
		if tm.IsZero() {
			return zero
		}
		return nb.DateTime(tm.Local())
	}
	for _, tk := range ts {
		t.add(strconv.FormatInt(tk.ID, 10), logins[tk.UserID], tk.Kind, tk.Name, tk.Prefix+"…",
			when(tk.CreatedAt, ""), when(tk.ExpiresAt, "aldri"), when(tk.LastUsed, "aldri"), when(tk.RevokedAt, ""))
	}
	return t.write(w)
}

// runTokensCreate makes an API token for a user and prints its secret on
// standard output, alone, so that a script can capture it; the store
// keeps only the hash, so the secret is never shown again.
func runTokensCreate(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("tokens create", "BRUKERNAVN --name NAVN [--expires 90d] [--db DB]")
	addDBFlag(fs, &c)
	name := fs.String("name", "", "hva tokenet er til, f.eks. «nattlig KOSTRA-import»")
	expires := fs.String("expires", "90d", "hvor lenge tokenet virker: 90d, 2w, 12h, eller 0 for til det tilbakekalles")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi brukeren tokenet skal virke som")
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("oppgi med --name hva tokenet er til")
	}
	ttl, err := parseExpires(*expires)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.FindUserByLogin(ctx, fs.Arg(0))
	if virk.ErrorCode(err) == virk.ENOTFOUND {
		return virk.Errorf(virk.ENOTFOUND, "ukjent bruker «%s» (se «virk users»)", fs.Arg(0))
	} else if err != nil {
		return err
	}
	if u.Disabled {
		return virk.Errorf(virk.EINVALID, "brukeren %s er sperret; åpne den først med «virk users enable %s»", u.Login, u.Login)
	}
	secret, hash, shown := auth.NewSecret(tokenPrefix)
	now := time.Now()
	tk := &virk.Token{UserID: u.ID, Kind: virk.TokenAPI, Name: strings.TrimSpace(*name), Hash: hash, Prefix: shown, CreatedAt: now}
	until := "til det tilbakekalles"
	if ttl > 0 {
		tk.ExpiresAt = now.Add(ttl)
		until = "til " + nb.DateTime(tk.ExpiresAt.Local())
	}
	if err := st.CreateToken(ctx, tk); err != nil {
		return err
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditToken, Object: u.Login,
		Detail: fmt.Sprintf("API-token %d «%s» (%s…) opprettet, gyldig %s", tk.ID, tk.Name, tk.Prefix, until)}); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, secret)
	fmt.Fprintf(m.Stderr, "API-token %d «%s» for %s, gyldig %s.\n"+
		"Ta vare på tokenet nå: det kan ikke vises igjen, for virk lagrer bare en hash av det.\n"+
		"Bruk det i overskriften «Authorization: Bearer TOKEN».\n", tk.ID, tk.Name, u.Login, until)
	return nil
}

// parseExpires reads --expires: days (90d), weeks (2w), a Go duration
// (12h), or 0 for a token that does not expire.
func parseExpires(s string) (time.Duration, error) {
	bad := usagef("--expires %q: oppgi for eksempel 90d, 2w eller 12h, eller 0 for et token som ikke utløper", s)
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	var d time.Duration
	if n, unit := strings.TrimRight(s, "dw"), strings.TrimLeft(s, "0123456789"); unit == "d" || unit == "w" {
		days, err := strconv.Atoi(n)
		if err != nil || days <= 0 || days > 100*365 {
			return 0, bad
		}
		if d = time.Duration(days) * 24 * time.Hour; unit == "w" {
			d *= 7
		}
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d <= 0 {
			return 0, bad
		}
	}
	return d, nil
}

// runTokensRevoke revokes a token; the web and the API refuse it from
// then on.
func runTokensRevoke(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("tokens revoke", "NR [--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi nummeret til tokenet (se «virk tokens»)")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return usagef("%q er ikke et tokennummer (se «virk tokens»)", fs.Arg(0))
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, err := st.FindTokens(ctx, virk.TokenFilter{})
	if err != nil {
		return err
	}
	var tk *virk.Token
	for _, t := range ts {
		if t.ID == id {
			tk = t
		}
	}
	if tk == nil {
		return virk.Errorf(virk.ENOTFOUND, "ukjent token %d (se «virk tokens»)", id)
	}
	if !tk.RevokedAt.IsZero() {
		_, err := fmt.Fprintf(m.Stdout, "Token %d var allerede tilbakekalt %s.\n", id, nb.DateTime(tk.RevokedAt.Local()))
		return err
	}
	if err := st.RevokeToken(ctx, id); err != nil {
		return err
	}
	login := "?"
	if u, err := st.FindUserByID(ctx, tk.UserID); err == nil {
		login = u.Login
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditToken, Object: login,
		Detail: fmt.Sprintf("token %d «%s» (%s…) tilbakekalt", tk.ID, tk.Name, tk.Prefix)}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "Token %d «%s» for %s er tilbakekalt.\n", id, tk.Name, login)
	return err
}
