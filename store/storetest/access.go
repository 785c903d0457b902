package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// hashOf makes a 64-character hex hash from a short name.
func hashOf(s string) string { return fmt.Sprintf("%064x", []byte(s)) }

// mustUser stores a user and fails the test if that fails.
func mustUser(tb testing.TB, s virk.Store, u *virk.User) *virk.User {
	tb.Helper()
	if err := s.CreateUser(context.Background(), u); err != nil {
		tb.Fatal(err)
	}
	return u
}

func testUserCreateFind(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Catalogue(), virk.ApplyOptions{})
	u := mustUser(t, s, &virk.User{Login: "kari", Name: "Kari", Email: "kari@kommune.no", Source: virk.UserLocal,
		PasswordHash: "$argon2id$x", Grants: []virk.Grant{
			{Role: virk.RoleLeader, Units: []string{"oppvekst", "skole-a"}}, {Role: virk.RoleAnalyst},
		}})
	if u.ID == 0 || u.CreatedAt.IsZero() || !u.UpdatedAt.Equal(u.CreatedAt) {
		t.Fatalf("CreateUser set ID %d, created %v, updated %v", u.ID, u.CreatedAt, u.UpdatedAt)
	}
	mustUser(t, s, &virk.User{Login: "anne", Source: virk.UserOIDC})
	got, err := s.FindUserByLogin(ctx, "kari")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, u) {
		t.Errorf("FindUserByLogin:\n got %+v\nwant %+v", got, u)
	}
	if byID, err := s.FindUserByID(ctx, u.ID); err != nil || byID.Login != "kari" {
		t.Errorf("FindUserByID = %v, %v", byID, err)
	}
	users, n, err := s.FindUsers(ctx, virk.UserFilter{})
	if err != nil || n != 2 || users[0].Login != "anne" || users[1].Login != "kari" {
		t.Errorf("FindUsers: %d users, %v; want anne, kari", n, err)
	}
	oidc := virk.UserOIDC
	if users, n, _ := s.FindUsers(ctx, virk.UserFilter{Source: &oidc}); n != 1 || users[0].Login != "anne" {
		t.Errorf("FindUsers(oidc) = %d", n)
	}
	t.Run("ErrConflict", func(t *testing.T) {
		err := s.CreateUser(ctx, &virk.User{Login: "kari", Source: virk.UserLocal})
		if virk.ErrorCode(err) != virk.ECONFLICT || virk.ErrorMessage(err) != "Brukeren «kari» finnes fra før." {
			t.Errorf("duplicate login: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.FindUserByLogin(ctx, "ola"); virk.ErrorCode(err) != virk.ENOTFOUND {
			t.Errorf("unknown login: %v", err)
		}
		if _, err := s.FindUserByID(ctx, 9999); virk.ErrorCode(err) != virk.ENOTFOUND {
			t.Errorf("unknown id: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, u := range []*virk.User{
			{Login: "", Source: virk.UserLocal},
			{Login: "a b", Source: virk.UserLocal},
			{Login: "x", Source: "ldap"},
			{Login: "x", Source: virk.UserLocal, Grants: []virk.Grant{{Role: virk.RoleLeader}}},
			{Login: "x", Source: virk.UserLocal, Grants: []virk.Grant{{Role: virk.RoleLeader, Units: []string{"finnes-ikke"}}}},
		} {
			if err := s.CreateUser(ctx, u); virk.ErrorCode(err) != virk.EINVALID {
				t.Errorf("CreateUser(%+v) = %v, want EINVALID", u, err)
			}
		}
		if _, n, _ := s.FindUsers(ctx, virk.UserFilter{}); n != 2 {
			t.Errorf("refused users were stored: %d users", n)
		}
	})
}

func testUserUpdate(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Catalogue(), virk.ApplyOptions{})
	u := mustUser(t, s, &virk.User{Login: "kari", Source: virk.UserLocal, Grants: []virk.Grant{{Role: virk.RoleReader}}})
	grants := []virk.Grant{{Role: virk.RoleHR}, {Role: virk.RoleLeader, Units: []string{"3201", "oppvekst"}}}
	hash, name, off := "$argon2id$ny", "Kari Nordmann", true
	last := time.Date(2026, 12, 1, 8, 30, 0, 123456000, time.UTC)
	got, err := s.UpdateUser(ctx, u.ID, virk.UserUpdate{Name: &name, PasswordHash: &hash, Grants: &grants, Disabled: &off, LastLogin: &last})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.FindUserByID(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, again) {
		t.Errorf("UpdateUser returned %+v, the store holds %+v", got, again)
	}
	if again.Name != name || again.PasswordHash != hash || !again.Disabled || !again.LastLogin.Equal(last) ||
		!reflect.DeepEqual(again.Grants, grants) {
		t.Errorf("after update: %+v", again)
	}
	// A field left nil stays.
	email := "k@n.no"
	if got, err := s.UpdateUser(ctx, u.ID, virk.UserUpdate{Email: &email}); err != nil || got.Name != name || len(got.Grants) != 2 {
		t.Errorf("partial update: %+v, %v", got, err)
	}
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := []virk.Grant{{Role: virk.RoleLeader, Units: []string{"finnes-ikke"}}}
		_, err := s.UpdateUser(ctx, u.ID, virk.UserUpdate{Grants: &bad})
		if virk.ErrorCode(err) != virk.EINVALID || !strings.Contains(virk.ErrorMessage(err), "«finnes-ikke» finnes ikke") {
			t.Errorf("unknown unit: %v", err)
		}
		if after, _ := s.FindUserByID(ctx, u.ID); !reflect.DeepEqual(after.Grants, grants) {
			t.Errorf("a refused update changed the grants: %v", after.Grants)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.UpdateUser(ctx, 9999, virk.UserUpdate{Name: &name}); virk.ErrorCode(err) != virk.ENOTFOUND {
			t.Errorf("unknown user: %v", err)
		}
	})
}

func testUserDelete(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	u := mustUser(t, s, &virk.User{Login: "kari", Source: virk.UserLocal})
	now := time.Now().UTC()
	if err := s.CreateSession(ctx, &virk.Session{ID: hashOf("s"), UserID: u.ID, CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateToken(ctx, &virk.Token{UserID: u.ID, Kind: virk.TokenAPI, Hash: hashOf("t")}); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendAudit(ctx, &virk.AuditEvent{Actor: "kari", Action: virk.AuditLogin}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSession(ctx, hashOf("s"), now); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("session of a deleted user: %v", err)
	}
	if _, err := s.FindTokenByHash(ctx, hashOf("t")); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("token of a deleted user: %v", err)
	}
	if _, n, _ := s.FindAudit(ctx, virk.AuditFilter{}); n != 1 {
		t.Errorf("audit log after delete: %d events, want 1", n)
	}
	if err := s.DeleteUser(ctx, u.ID); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
}

func testSession(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	a := mustUser(t, s, &virk.User{Login: "a", Source: virk.UserLocal})
	b := mustUser(t, s, &virk.User{Login: "b", Source: virk.UserLocal})
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	sessions := []*virk.Session{
		{ID: hashOf("a1"), UserID: a.ID, CSRF: "c1", Address: "10.0.0.1", CreatedAt: t0, ExpiresAt: t0.Add(8 * time.Hour)},
		{ID: hashOf("a2"), UserID: a.ID, CSRF: "c2", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)},
		{ID: hashOf("b1"), UserID: b.ID, CSRF: "c3", CreatedAt: t0, ExpiresAt: t0.Add(2 * time.Hour)},
	}
	for _, x := range sessions {
		if err := s.CreateSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.FindSession(ctx, hashOf("a1"), t0.Add(time.Minute))
	if err != nil || !reflect.DeepEqual(got, sessions[0]) {
		t.Errorf("FindSession = %+v, %v; want %+v", got, err, sessions[0])
	}
	if _, err := s.FindSession(ctx, hashOf("a2"), t0.Add(time.Hour)); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("expired session: %v, want ENOTFOUND", err)
	}
	if err := s.CreateSession(ctx, sessions[0]); virk.ErrorCode(err) != virk.ECONFLICT {
		t.Errorf("same id twice: %v, want ECONFLICT", err)
	}
	// Half a second past the hour: the stored time keeps its fraction,
	// and comparisons see it (SQLite compares times as text).
	half := &virk.Session{ID: hashOf("a3"), UserID: a.ID, CSRF: "c4", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour + 500*time.Millisecond)}
	if err := s.CreateSession(ctx, half); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSession(ctx, half.ID, t0.Add(time.Hour)); err != nil {
		t.Errorf("session with half a second left: %v", err)
	}
	if _, err := s.FindSession(ctx, half.ID, t0.Add(time.Hour+500*time.Millisecond)); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("session at its expiry: %v, want ENOTFOUND", err)
	}
	if n, err := s.DeleteExpiredSessions(ctx, t0.Add(90*time.Minute)); err != nil || n != 2 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 2", n, err)
	}
	if _, err := s.FindSession(ctx, hashOf("a1"), t0.Add(90*time.Minute)); err != nil {
		t.Errorf("DeleteExpiredSessions removed a live session: %v", err)
	}
	// A session without a start time starts at the store's now.
	now := time.Now().UTC()
	fresh := &virk.Session{ID: hashOf("b2"), UserID: b.ID, CSRF: "c5", ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateSession(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FindSession(ctx, fresh.ID, now); err != nil || got.CreatedAt.IsZero() || !got.CreatedAt.Equal(fresh.CreatedAt) {
		t.Errorf("session without start: stored %+v, %v; CreateSession set %v", got, err, fresh.CreatedAt)
	}
	if err := s.DeleteSession(ctx, hashOf("b1")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSession(ctx, hashOf("b1"), t0); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("deleted session: %v", err)
	}
	if err := s.DeleteSession(ctx, hashOf("ukjent")); err != nil {
		t.Errorf("deleting an unknown session: %v", err)
	}
	if err := s.DeleteUserSessions(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSession(ctx, hashOf("a1"), t0); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("session after DeleteUserSessions: %v", err)
	}
}

func testToken(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	u := mustUser(t, s, &virk.User{Login: "jobb", Source: virk.UserLocal})
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	api := &virk.Token{UserID: u.ID, Kind: virk.TokenAPI, Name: "nattlig", Hash: hashOf("api"), Prefix: "virk_abc", CreatedAt: t0,
		ExpiresAt: t0.AddDate(0, 3, 0)}
	link := &virk.Token{UserID: u.ID, Kind: virk.TokenLoginLink, Hash: hashOf("lenke"), CreatedAt: t0.Add(time.Second)}
	for _, x := range []*virk.Token{api, link} {
		if err := s.CreateToken(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.FindTokenByHash(ctx, hashOf("api"))
	if err != nil || !reflect.DeepEqual(got, api) {
		t.Errorf("FindTokenByHash = %+v, %v; want %+v", got, err, api)
	}
	all, err := s.FindTokens(ctx, virk.TokenFilter{UserID: &u.ID})
	if err != nil || len(all) != 2 || all[0].ID != link.ID || all[1].ID != api.ID {
		t.Errorf("FindTokens: %v, %v; want the link, then the API token", all, err)
	}
	kind := virk.TokenAPI
	if only, _ := s.FindTokens(ctx, virk.TokenFilter{Kind: &kind}); len(only) != 1 || only[0].ID != api.ID {
		t.Errorf("FindTokens(api) = %v", only)
	}
	// An API token may be used again and again.
	for i := 1; i <= 2; i++ {
		if err := s.UseToken(ctx, api.ID, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.FindTokenByHash(ctx, hashOf("api")); !got.LastUsed.Equal(t0.Add(2*time.Minute)) || !got.RevokedAt.IsZero() {
		t.Errorf("used API token: last used %v, revoked %v", got.LastUsed, got.RevokedAt)
	}
	// A login link once: of eight at the same time, exactly one.
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, conflicts := 0, 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.UseToken(ctx, link.ID, t0.Add(time.Hour))
			mu.Lock()
			defer mu.Unlock()
			switch virk.ErrorCode(err) {
			case "":
				ok++
			case virk.ECONFLICT:
				conflicts++
			default:
				t.Errorf("UseToken: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok != 1 || conflicts != 7 {
		t.Errorf("login link used %d times, %d refused; want 1 and 7", ok, conflicts)
	}
	if got, _ := s.FindTokenByHash(ctx, hashOf("lenke")); got.Valid(t0.Add(2 * time.Hour)) {
		t.Error("a used login link is still valid")
	}
	if err := s.RevokeToken(ctx, api.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindTokenByHash(ctx, hashOf("api")); got.RevokedAt.IsZero() || got.Valid(t0) {
		t.Errorf("revoked token: %+v", got)
	}
	if err := s.RevokeToken(ctx, 9999); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("revoking an unknown token: %v", err)
	}
	if err := s.UseToken(ctx, 9999, t0); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("using an unknown token: %v", err)
	}
	if err := s.CreateToken(ctx, &virk.Token{UserID: u.ID, Kind: "x", Hash: hashOf("x")}); virk.ErrorCode(err) != virk.EINVALID {
		t.Errorf("unknown kind: %v", err)
	}
}

func testAudit(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	events := []*virk.AuditEvent{
		{Time: t0, Actor: "kari", Address: "10.0.0.1", Action: virk.AuditLogin},
		{Time: t0.Add(time.Minute + 123456789), Actor: "kari", Address: "10.0.0.1", Action: virk.AuditImport, Object: "data.csv", BatchID: 7, Detail: "3 nye"},
		{Time: t0.Add(2 * time.Minute), Actor: "ola", Address: "10.0.0.2", Action: virk.AuditLoginFailed, Detail: "feil passord"},
		{Time: t0.AddDate(0, 0, 1), Actor: "kari", Action: virk.AuditLogout},
	}
	for _, e := range events {
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Both backends keep microseconds.
	if want := t0.Add(time.Minute + 123456000); !events[1].Time.Equal(want) {
		t.Errorf("AppendAudit set the time to %v, want %v", events[1].Time, want)
	}
	all, n, err := s.FindAudit(ctx, virk.AuditFilter{})
	if err != nil || n != 4 || len(all) != 4 {
		t.Fatalf("FindAudit: %d of %d, %v", len(all), n, err)
	}
	if !reflect.DeepEqual(all[2], events[1]) || all[0].Action != virk.AuditLogout {
		t.Errorf("newest first, round trip: got %+v", all[2])
	}
	kari, login := "kari", virk.AuditLogin
	tests := []struct {
		name  string
		f     virk.AuditFilter
		ids   []int64
		total int
	}{
		{"actor", virk.AuditFilter{Actor: &kari}, []int64{events[3].ID, events[1].ID, events[0].ID}, 3},
		{"action", virk.AuditFilter{Action: &login}, []int64{events[0].ID}, 1},
		{"from-to", virk.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []int64{events[2].ID, events[1].ID}, 2},
		{"from-exact", virk.AuditFilter{From: events[1].Time, To: t0.Add(2 * time.Minute)}, []int64{events[1].ID}, 1},
		{"from-after", virk.AuditFilter{From: events[1].Time.Add(time.Microsecond), To: t0.Add(2 * time.Minute)}, nil, 0},
		{"to-before-fraction", virk.AuditFilter{To: t0.Add(time.Minute)}, []int64{events[0].ID}, 1},
		{"page", virk.AuditFilter{Offset: 1, Limit: 2}, []int64{events[2].ID, events[1].ID}, 4},
		{"offset", virk.AuditFilter{Offset: 3}, []int64{events[0].ID}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.FindAudit(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, e := range got {
				ids = append(ids, e.ID)
			}
			if !reflect.DeepEqual(ids, tt.ids) || total != tt.total {
				t.Errorf("ids %v of %d, want %v of %d", ids, total, tt.ids, tt.total)
			}
		})
	}
	if err := s.AppendAudit(ctx, &virk.AuditEvent{Actor: "x"}); virk.ErrorCode(err) != virk.EINVALID {
		t.Errorf("event without action: %v", err)
	}
	// Newest first means by time, not by the order of appending: an event
	// that arrives late with an earlier time sorts after the later ones.
	ola := "ola"
	late := &virk.AuditEvent{Time: t0.Add(-time.Hour), Actor: ola, Action: virk.AuditLogout}
	if err := s.AppendAudit(ctx, late); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.FindAudit(ctx, virk.AuditFilter{Actor: &ola}); len(got) != 2 || got[0].ID != events[2].ID || got[1].ID != late.ID {
		t.Errorf("ola's events %v, want %d then %d", got, events[2].ID, late.ID)
	}
	if got, _, _ := s.FindAudit(ctx, virk.AuditFilter{Offset: 4, Limit: 1}); len(got) != 1 || got[0].ID != late.ID {
		t.Errorf("last page %v, want the late event %d", got, late.ID)
	}
	// Append-only: the database refuses changes made past the store.
	db, ok := s.(interface{ SQL() *sql.DB })
	if !ok {
		t.Skip("the store gives no SQL handle to try a change past it")
	}
	for _, q := range []string{`UPDATE audit_event SET actor = 'mallory'`, `DELETE FROM audit_event`} {
		if _, err := db.SQL().ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "revisjonsloggen kan ikke endres") {
			t.Errorf("%s: %v, want refused", q, err)
		}
	}
	if _, n, _ := s.FindAudit(ctx, virk.AuditFilter{Actor: &kari}); n != 3 {
		t.Errorf("after refused changes kari has %d events, want 3", n)
	}
}

func testSetting(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if m, err := s.FindSettings(ctx); err != nil || len(m) != 0 {
		t.Fatalf("new store settings %v, %v", m, err)
	}
	if err := s.UpdateSettings(ctx, map[string]string{"public_pages": "scorecard,peers", "b": "1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSettings(ctx, map[string]string{"b": "", "public_pages": "unit"}); err != nil {
		t.Fatal(err)
	}
	m, err := s.FindSettings(ctx)
	if err != nil || !reflect.DeepEqual(m, map[string]string{"public_pages": "unit"}) {
		t.Errorf("settings %v, %v; want only public_pages=unit", m, err)
	}
	if err := s.UpdateSettings(ctx, map[string]string{"": "x"}); virk.ErrorCode(err) != virk.EINVALID {
		t.Errorf("empty key: %v", err)
	}
}

func testIndicatorPersonnel(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	cs := Catalogue()
	cs.Indicators[0].Personnel = true
	MustApply(t, s, cs, virk.ApplyOptions{})
	ind, err := s.FindIndicatorByID(ctx, cs.Indicators[0].ID)
	if err != nil || !ind.Personnel {
		t.Fatalf("personnel flag not kept: %+v, %v", ind, err)
	}
	if other, _ := s.FindIndicatorByID(ctx, cs.Indicators[1].ID); other.Personnel {
		t.Error("an indicator not marked came back as personnel data")
	}
	// Changing only the flag is a change of the indicator.
	cs2 := Catalogue()
	res := MustApply(t, s, cs2, virk.ApplyOptions{})
	if res.Summary.Indicators.Changed != 1 {
		t.Errorf("unmarking: %d indicators changed, want 1", res.Summary.Indicators.Changed)
	}
	if ind, _ := s.FindIndicatorByID(ctx, cs.Indicators[0].ID); ind.Personnel {
		t.Error("the flag stayed after the catalogue dropped it")
	}
	// And marking one that was not: a dry run counts it, Apply stores it.
	cs3 := Catalogue()
	cs3.Indicators[2].Personnel = true
	if res := MustApply(t, s, cs3, virk.ApplyOptions{DryRun: true}); res.Summary.Indicators.Changed != 1 {
		t.Errorf("dry run of marking: %+v, want 1 changed", res.Summary.Indicators)
	}
	res = MustApply(t, s, cs3, virk.ApplyOptions{})
	if c := res.Summary.Indicators; c.Changed != 1 || c.Unchanged != len(cs3.Indicators)-1 {
		t.Errorf("marking: %+v, want 1 changed and the rest unchanged", c)
	}
	inds, _, err := s.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range inds {
		if want := ind.ID == cs3.Indicators[2].ID; ind.Personnel != want {
			t.Errorf("FindIndicators: %s personnel %v, want %v", ind.ID, ind.Personnel, want)
		}
	}
}

// testUserUpdateConcurrent changes one user from eight goroutines at once,
// each a different field, as a login (last login) and an administrator
// (disabled, roles) may: every update succeeds and none undoes another.
func testUserUpdateConcurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Catalogue(), virk.ApplyOptions{})
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	hr := []virk.Grant{{Role: virk.RoleHR}, {Role: virk.RoleLeader, Units: []string{"oppvekst"}}}
	analyst := []virk.Grant{{Role: virk.RoleAnalyst}}
	for round := range 4 {
		u := mustUser(t, s, &virk.User{Login: fmt.Sprintf("u%d", round), Source: virk.UserLocal,
			Grants: []virk.Grant{{Role: virk.RoleReader}}})
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var upd virk.UserUpdate
				switch i {
				case 0:
					off := true
					upd.Disabled = &off
				case 1:
					upd.Grants = &hr
				case 2:
					upd.Grants = &analyst
				default:
					last := t0.Add(time.Duration(i) * time.Minute)
					upd.LastLogin = &last
				}
				_, err := s.UpdateUser(ctx, u.ID, upd)
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("round %d: UpdateUser: %v", round, err)
			}
		}
		got, err := s.FindUserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Disabled || got.LastLogin.Before(t0.Add(3*time.Minute)) ||
			!reflect.DeepEqual(got.Grants, hr) && !reflect.DeepEqual(got.Grants, analyst) {
			t.Errorf("round %d: an update was lost: disabled %v, last login %v, grants %v",
				round, got.Disabled, got.LastLogin, got.Grants)
		}
	}
}

// testSettingConcurrent writes one setting from eight goroutines at once,
// as server processes that start together make the session key: every
// write succeeds and one value wins.
func testSettingConcurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.UpdateSettings(ctx, map[string]string{virk.SettingSessionKey: fmt.Sprint("k", i), "other": "x"})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("UpdateSettings: %v", err)
		}
	}
	m, err := s.FindSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if k := m[virk.SettingSessionKey]; len(m) != 2 || len(k) != 2 || k[0] != 'k' {
		t.Errorf("settings after concurrent writes: %v", m)
	}
}
