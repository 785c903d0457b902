package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
)

// syncBuffer is a bytes.Buffer that the server goroutine and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var linkRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/logginn/lenke/virk_lenke_[A-Za-z0-9_-]+`)

// TestServe_FirstStart starts "virk serve" on a new database: it loads
// the demo, creates the administrator and prints a one-time login link
// that logs in once; a second start prints none.
func TestServe_FirstStart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db, "VIRK_USER": "drift"}
	start := func() (string, func()) {
		ctx, cancel := context.WithCancel(context.Background())
		out := &syncBuffer{}
		m := &Main{Stdin: strings.NewReader(""), Stdout: out, Stderr: &syncBuffer{}, Getenv: func(k string) string { return env[k] }}
		done := make(chan int)
		go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}) }()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(out.String(), "virk kjører på") {
			if time.Now().After(deadline) {
				t.Fatalf("serve did not start:\n%s", out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
		return out.String(), func() { cancel(); <-done }
	}
	out, stop := start()
	link := linkRE.FindString(out)
	if link == "" {
		stop()
		t.Fatalf("no login link printed:\n%s", out)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "virk_sesjon" && c.Value != "" {
			session = c
		}
	}
	if resp.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("login link: status %d, session %v; want 303 with a session", resp.StatusCode, session)
	}
	base := link[:strings.Index(link, "/logginn")]
	req, _ := http.NewRequest("GET", base+"/admin/brukere", nil)
	req.AddCookie(session)
	if resp, err := client.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the administrator's page after the link: %v %v", resp.StatusCode, err)
	} else {
		resp.Body.Close()
	}
	if resp, err := client.Get(link); err != nil || resp.StatusCode != http.StatusGone {
		t.Errorf("the link used twice: status %v, want 410", resp.StatusCode)
	} else {
		resp.Body.Close()
	}
	stop()

	out, stop = start()
	stop()
	if linkRE.MatchString(out) {
		t.Errorf("a second start printed a login link:\n%s", out)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.FindUserByLogin(context.Background(), "admin")
	if err != nil || !u.Has(virk.RoleAdmin) || u.PasswordHash != "" {
		t.Errorf("first administrator: %+v, %v", u, err)
	}
	events, _, err := st.FindAudit(context.Background(), virk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Actor+":"+e.Action)
	}
	if got := strings.Join(actions, " "); got != ":login.failed admin:login drift:user" {
		t.Errorf("audit log %q, want the creation by drift, the login, and the refused second use", got)
	}
}
