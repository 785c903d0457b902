package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
	"github.com/virk-analyse/virk/nb"
	"golang.org/x/term"
)

const usersSynopsis = "[--db DB]\n" +
	"       virk users add BRUKERNAVN [--name NAVN] [--email EPOST] [--role ROLLE[:ENHET,…]]… [--password-stdin]\n" +
	"       virk users grant BRUKERNAVN ROLLE[:ENHET,…]…\n" +
	"       virk users revoke BRUKERNAVN ROLLE[:ENHET,…]\n" +
	"       virk users passwd|disable|enable|delete BRUKERNAVN"

// runUsers lists the users, or runs the subcommand that changes one.
// Every change is written to the audit log with the configured user
// (VIRK_USER) as the one who did it.
func runUsers(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runUsersAdd(ctx, m, args[1:])
		case "grant", "revoke":
			return runUsersRoles(ctx, m, args[0], args[1:])
		case "passwd":
			return runUsersPasswd(ctx, m, args[1:])
		case "disable", "enable":
			return runUsersDisable(ctx, m, args[0] == "disable", args[1:])
		case "delete":
			return runUsersDelete(ctx, m, args[1:])
		}
	}
	c := m.config()
	fs := m.newFlagSet("users", usersSynopsis)
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("ukjent underkommando %q; bruk add, grant, revoke, passwd, disable, enable eller delete", fs.Arg(0))
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
	return writeUsers(m.Stdout, users)
}

func writeUsers(w io.Writer, users []*virk.User) error {
	if len(users) == 0 {
		_, err := fmt.Fprintln(w, "Ingen brukere. Legg til en med «virk users add BRUKERNAVN --role administrator --password-stdin», "+
			"eller start «virk serve», som lager den første administratoren.")
		return err
	}
	t := &textTable{header: []string{"Brukernavn", "Navn", "Kilde", "Roller", "Sperret", "Sist innlogget"}}
	for _, u := range users {
		disabled, last := "", "aldri"
		if u.Disabled {
			disabled = "ja"
		}
		if !u.LastLogin.IsZero() {
			last = nb.DateTime(u.LastLogin.Local())
		}
		t.add(u.Login, u.Name, u.Source, grantsText(u.Grants), disabled, last)
	}
	return t.write(w)
}

// grantsText writes grants as the web's user page and audit log do:
// "leder:osu,digit; analytiker".
func grantsText(gs []virk.Grant) string {
	if len(gs) == 0 {
		return "ingen roller"
	}
	return virk.FormatGrants(gs)
}

// grantFlag collects repeated --role flags; each value is one grant, so
// the commas of "leder:osu,digit" separate units, not roles.
type grantFlag []string

func (g *grantFlag) String() string { return strings.Join(*g, " ") }

func (g *grantFlag) Set(s string) error { *g = append(*g, s); return nil }

// parseGrants reads grants given on the command line. A wrong role is a
// usage error, with the domain's message.
func parseGrants(args []string) ([]virk.Grant, error) {
	var gs []virk.Grant
	for _, a := range args {
		g, err := virk.ParseGrant(a)
		if err != nil {
			return nil, usagef("%s", virk.ErrorMessage(err))
		}
		if g.Role != virk.RoleLeader && len(g.Units) > 0 {
			return nil, usagef("rollen %s gjelder hele kommunen; oppgi den uten enheter (bare leder har enheter)", g.Role)
		}
		gs = virk.MergeGrants(gs, []virk.Grant{g})
	}
	return gs, nil
}

// removeGrant returns gs without role, or for a leder with units only
// without those units (a grant left with none goes), and whether
// anything was removed.
func removeGrant(gs []virk.Grant, role virk.Role, units []string) ([]virk.Grant, bool) {
	var out []virk.Grant
	removed := false
	for _, g := range gs {
		if g.Role != role {
			out = append(out, g)
			continue
		}
		if len(units) == 0 {
			removed = true
			continue
		}
		left := slices.DeleteFunc(slices.Clone(g.Units), func(u string) bool { return slices.Contains(units, u) })
		removed = removed || len(left) < len(g.Units)
		if len(left) > 0 {
			out = append(out, virk.Grant{Role: g.Role, Units: left})
		}
	}
	return out, removed
}

func runUsersAdd(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("users add", "BRUKERNAVN [--name NAVN] [--email EPOST] [--role ROLLE[:ENHET,…]]… [--password-stdin] [--db DB]")
	addDBFlag(fs, &c)
	name := fs.String("name", "", "fullt navn, som vises i toppen av sidene og i revisjonsloggen")
	email := fs.String("email", "", "e-postadresse")
	var roles grantFlag
	fs.Var(&roles, "role", "en rolle: leser, leder:ENHET,…, analytiker, hr eller administrator; kan gjentas")
	pwStdin := fs.Bool("password-stdin", false, "les passordet fra standard inn (uten: brukeren logger inn med en lenke eller etter «virk users passwd»)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi ett brukernavn")
	}
	grants, err := parseGrants(roles)
	if err != nil {
		return err
	}
	u := &virk.User{Login: fs.Arg(0), Name: strings.TrimSpace(*name), Email: strings.TrimSpace(*email),
		Source: virk.UserLocal, Grants: grants}
	if err := u.Validate(); err != nil {
		return err
	}
	if *pwStdin {
		pw, err := m.readPassword()
		if err != nil {
			return err
		}
		if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, c.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	detail := "opprettet med " + grantsText(u.Grants)
	if u.PasswordHash != "" {
		detail += ", med passord"
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditUser, Object: u.Login, Detail: detail}); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Brukeren %s er opprettet med %s.\n", u.Login, grantsText(u.Grants))
	if u.PasswordHash == "" {
		fmt.Fprintf(m.Stdout, "Brukeren har ikke passord: sett et med «virk users passwd %s».\n", u.Login)
	}
	return nil
}

// userArgs parses the flags of a subcommand that changes one user, named
// by the first argument, and opens the store with the user. want is the
// number of arguments after the user's name, -1 for one or more.
func (m *Main) userArgs(ctx context.Context, sub, synopsis string, args []string, want int) (Config, virk.Store, *virk.User, []string, error) {
	c := m.config()
	fs := m.newFlagSet("users "+sub, synopsis+" [--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return c, nil, nil, nil, err
	}
	rest := fs.Args()
	switch {
	case len(rest) == 0:
		return c, nil, nil, nil, usagef("oppgi brukernavnet (se «virk users»)")
	case want < 0 && len(rest) < 2:
		return c, nil, nil, nil, usagef("oppgi minst én rolle etter brukernavnet")
	case want >= 0 && len(rest) != 1+want:
		return c, nil, nil, nil, usagef("bruk: virk users %s %s", sub, synopsis)
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return c, nil, nil, nil, err
	}
	u, err := st.FindUserByLogin(ctx, rest[0])
	if err != nil {
		st.Close()
		if virk.ErrorCode(err) == virk.ENOTFOUND {
			err = virk.Errorf(virk.ENOTFOUND, "ukjent bruker «%s» (se «virk users»)", rest[0])
		}
		return c, nil, nil, nil, err
	}
	return c, st, u, rest[1:], nil
}

// runUsersRoles gives a user roles (grant) or takes them away (revoke).
func runUsersRoles(ctx context.Context, m *Main, sub string, args []string) error {
	synopsis, want := "BRUKERNAVN ROLLE[:ENHET,…]…", -1
	if sub == "revoke" {
		synopsis, want = "BRUKERNAVN ROLLE[:ENHET,…]", 1
	}
	c, st, u, rest, err := m.userArgs(ctx, sub, synopsis, args, want)
	if err != nil {
		return err
	}
	defer st.Close()
	var grants []virk.Grant
	if sub == "grant" {
		add, err := parseGrants(rest)
		if err != nil {
			return err
		}
		grants = virk.MergeGrants(u.Grants, add)
	} else {
		name, list, _ := strings.Cut(rest[0], ":")
		role, err := virk.ParseRole(name)
		if err != nil {
			return usagef("%s", virk.ErrorMessage(err))
		}
		var units []string
		(*listFlag)(&units).Set(list)
		var removed bool
		if grants, removed = removeGrant(u.Grants, role, units); !removed {
			return virk.Errorf(virk.EINVALID, "brukeren %s har ikke rollen %s", u.Login, rest[0])
		}
	}
	if u.Source == virk.UserOIDC {
		fmt.Fprintln(m.Stderr, "Merk: brukeren kommer fra identitetstilbyderen, som setter rollene på nytt ved hver innlogging.")
	}
	if _, err := st.UpdateUser(ctx, u.ID, virk.UserUpdate{Grants: &grants}); err != nil {
		return err
	}
	change := grantsText(u.Grants) + " → " + grantsText(grants)
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditRole, Object: u.Login, Detail: change}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "Rollene til %s: %s.\n", u.Login, change)
	return err
}

// runUsersPasswd sets a local user's password from standard input and
// ends the user's sessions, so that whoever knew the old one is logged
// out.
func runUsersPasswd(ctx context.Context, m *Main, args []string) error {
	c, st, u, _, err := m.userArgs(ctx, "passwd", "BRUKERNAVN", args, 0)
	if err != nil {
		return err
	}
	defer st.Close()
	if u.Source != virk.UserLocal {
		return virk.Errorf(virk.EINVALID, "brukeren %s logger inn hos identitetstilbyderen; passordet settes der", u.Login)
	}
	pw, err := m.readPassword()
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if _, err := st.UpdateUser(ctx, u.ID, virk.UserUpdate{PasswordHash: &hash}); err != nil {
		return err
	}
	if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
		return err
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditUser, Object: u.Login, Detail: "nytt passord; alle økter avsluttet"}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "Nytt passord for %s er lagret, og brukerens økter er avsluttet.\n", u.Login)
	return err
}

// runUsersDisable blocks a user, ending its sessions, or opens it again.
// A blocked user's API tokens are refused while it is blocked and work
// again when it is opened.
func runUsersDisable(ctx context.Context, m *Main, disable bool, args []string) error {
	sub := map[bool]string{true: "disable", false: "enable"}[disable]
	c, st, u, _, err := m.userArgs(ctx, sub, "BRUKERNAVN", args, 0)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.UpdateUser(ctx, u.ID, virk.UserUpdate{Disabled: &disable}); err != nil {
		return err
	}
	detail, msg := "åpnet", fmt.Sprintf("Brukeren %s er åpnet igjen.\n", u.Login)
	if disable {
		if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		detail = "sperret; alle økter avsluttet"
		msg = fmt.Sprintf("Brukeren %s er sperret, og øktene er avsluttet. API-tokenene virker ikke så lenge brukeren er sperret.\n", u.Login)
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditUser, Object: u.Login, Detail: detail}); err != nil {
		return err
	}
	_, err = io.WriteString(m.Stdout, msg)
	return err
}

// runUsersDelete removes a user with its sessions and tokens; the audit
// log keeps what the user did.
func runUsersDelete(ctx context.Context, m *Main, args []string) error {
	c, st, u, _, err := m.userArgs(ctx, "delete", "BRUKERNAVN", args, 0)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.DeleteUser(ctx, u.ID); err != nil {
		return err
	}
	if err := writeAudit(ctx, st, c, virk.AuditEvent{Action: virk.AuditUser, Object: u.Login, Detail: "slettet"}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "Brukeren %s er slettet med økter og API-tokener. Revisjonsloggen beholder det brukeren har gjort.\n", u.Login)
	return err
}

// readPassword reads a new password: at a terminal asked twice without
// echo, else the first line of standard input, so that a script can
// pipe it in without it showing in the process list.
func (m *Main) readPassword() (string, error) {
	if f, ok := m.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ask := func(prompt string) (string, error) {
			fmt.Fprint(m.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(m.Stderr)
			return string(b), err
		}
		pw, err := ask("Nytt passord: ")
		if err != nil {
			return "", fmt.Errorf("les passordet: %w", err)
		}
		again, err := ask("Gjenta passordet: ")
		if err != nil {
			return "", fmt.Errorf("les passordet: %w", err)
		}
		if pw != again {
			return "", virk.Errorf(virk.EINVALID, "passordene er ikke like; ingenting er endret")
		}
		return pw, nil
	}
	if m.Stdin == nil {
		return "", virk.Errorf(virk.EINVALID, "fant ikke noe passord på standard inn")
	}
	line, err := bufio.NewReader(m.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("les passordet fra standard inn: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", virk.Errorf(virk.EINVALID, "fant ikke noe passord på standard inn; send det inn på første linje")
	}
	return pw, nil
}
