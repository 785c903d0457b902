package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/web"
)

// clock is a settable time for a server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestSession_TwoServers runs two server processes' worth of handlers on
// one store. A logout on one ends the session on the other once its
// session cache (one second) has passed; a block by the administrator
// ends the session on the same server at once.
func TestSession_TwoServers(t *testing.T) {
	_, st := demoServer(t)
	clk := &clock{t: time.Now()}
	a := httptest.NewServer((&web.Server{Store: st, VersionTTL: -1}).Handler())
	b := httptest.NewServer((&web.Server{Store: st, VersionTTL: -1, Now: clk.now}).Handler())
	t.Cleanup(a.Close)
	t.Cleanup(b.Close)
	c, csrf := signIn(t, st, "kari", virk.Grant{Role: virk.RoleReader})
	for _, srv := range []*httptest.Server{a, b} {
		if r, _ := do(t, "GET", srv.URL+"/enhet/osu", c, ""); r.StatusCode != 200 {
			t.Fatalf("logged in: %d", r.StatusCode)
		}
	}
	if r, _ := do(t, "POST", a.URL+"/loggut", c, "csrf="+csrf); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on A: %d", r.StatusCode)
	}
	if r, _ := do(t, "GET", a.URL+"/enhet/osu", c, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("A after its own logout: %d, want 303 to the login", r.StatusCode)
	}
	clk.add(1100 * time.Millisecond)
	if r, _ := do(t, "GET", b.URL+"/enhet/osu", c, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("B a second after the logout on A: %d, want 303 to the login", r.StatusCode)
	}

	// Blocked by the administrator on the same server: out at once.
	ola, _ := signIn(t, st, "ola", virk.Grant{Role: virk.RoleReader})
	admin, adminCSRF := signIn(t, st, "sjef", virk.Grant{Role: virk.RoleAdmin})
	if r, _ := do(t, "GET", a.URL+"/enhet/osu", ola, ""); r.StatusCode != 200 {
		t.Fatalf("ola logged in: %d", r.StatusCode)
	}
	u, err := st.FindUserByLogin(context.Background(), "ola")
	if err != nil {
		t.Fatal(err)
	}
	form := "csrf=" + adminCSRF + "&handling=sperr"
	if r, _ := do(t, "POST", a.URL+"/admin/brukere/"+strconv.FormatInt(u.ID, 10), admin, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("block: %d", r.StatusCode)
	}
	if r, _ := do(t, "GET", a.URL+"/enhet/osu", ola, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("blocked user on the same server: %d, want 303", r.StatusCode)
	}
}
