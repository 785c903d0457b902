package web_test

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo/load"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// testClock is a server clock that a test moves on.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// spoolServer is the web app over the demo store with a spool folder of
// its own and a clock the test moves.
type spoolServer struct {
	URL   string
	Store virk.Store
	Srv   *web.Server
	Dir   string
	Clock *testClock
}

func newSpoolServer(t *testing.T, dir string) *spoolServer {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "virk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := load.Demo(ctx, st, "demo"); err != nil {
		t.Fatal(err)
	}
	// Two hours back, so that moving the clock past an upload's hour
	// leaves the test sessions (an hour of real time) valid.
	clk := &testClock{t: time.Now().Add(-2 * time.Hour)}
	s := &web.Server{Store: st, VersionTTL: -1, SpoolDir: dir, Now: clk.Now}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &spoolServer{URL: srv.URL, Store: st, Srv: s, Dir: dir, Clock: clk}
}

// spoolFiles lists the names in the spool folder.
func spoolFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// goodCSV is a file that changes one figure of the demo store.
func goodCSV(value string) string {
	return "indicator;entity;period;value\narsverk;digit;2019;" + value + "\n"
}

// check uploads a file for the user and returns the confirm path ("" when
// the page offers none), with the status.
func check(t *testing.T, a *spoolServer, c *http.Cookie, csrf, name, content string) (string, int, string) {
	t.Helper()
	r, body := postFile(t, a.URL+"/import", c, csrf, name, content)
	i := strings.Index(body, `action="/import/`)
	if i < 0 {
		return "", r.StatusCode, body
	}
	i += len(`action="`)
	return body[i : i+strings.IndexByte(body[i:], '"')], r.StatusCode, body
}

func observations(t *testing.T, st virk.Store) int {
	t.Helper()
	obs, err := st.FindObservations(context.Background(), virk.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(obs)
}

// TestUpload_SpooledThenConfirmed: a checked upload is one file in the
// spool folder, readable by the server's user only, and memory keeps no
// content of it; confirming stores it and removes the file.
func TestUpload_SpooledThenConfirmed(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	before := observations(t, a.Store)

	content := goodCSV("110,5")
	action, status, body := check(t, a, c, csrf, "ny.csv", content)
	if status != http.StatusOK || action == "" {
		t.Fatalf("check: status %d, confirm %q\n%s", status, action, body)
	}
	names := spoolFiles(t, a.Dir)
	if len(names) != 1 {
		t.Fatalf("spool folder holds %v, want one file", names)
	}
	path := filepath.Join(a.Dir, names[0])
	if data, _ := os.ReadFile(path); string(data) != content {
		t.Errorf("the spool file holds %q, want the upload", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("spool file mode %v, want 0600", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(a.Dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("spool folder mode %v, want 0700", fi.Mode().Perm())
	}

	ps := web.PendingUploads(a.Srv)
	if len(ps) != 1 {
		t.Fatalf("%d uploads in memory, want 1", len(ps))
	}
	for tok, p := range ps {
		if !strings.HasSuffix(action, "/"+tok) || p.Owner != "anna" || len(p.Paths) != 1 || p.Paths[0] != path ||
			p.Names[0] != "ny.csv" || p.Size != int64(len(content)) {
			t.Errorf("pending %s: %+v", tok, p)
		}
		if len(tok) != 32 {
			t.Errorf("token %q: want 128 random bits in hex", tok)
		}
	}
	// What memory keeps can hold no file content: by its type, only
	// strings, numbers, times, a fixed-size hash and lists of those.
	if why := holdsData(web.PendingUploadType); why != "" {
		t.Errorf("the pending upload can hold file content: %s", why)
	}

	r, body := do(t, "POST", a.URL+action, c, "csrf="+csrf)
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "Lagret (batch 2)") {
		t.Fatalf("confirm: status %d\n%s", r.StatusCode, body)
	}
	if n := observations(t, a.Store); n != before+1 {
		t.Errorf("after confirming: %d observations, want %d", n, before+1)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("after confirming the spool folder holds %v", names)
	}
	if n := len(web.PendingUploads(a.Srv)); n != 0 {
		t.Errorf("after confirming %d uploads in memory", n)
	}

	// A file with a fault, and one with nothing new, wait for nothing.
	if _, status, _ := check(t, a, c, csrf, "feil.csv", goodCSV("x")); status != http.StatusUnprocessableEntity {
		t.Errorf("bad file: status %d", status)
	}
	if action, status, body := check(t, a, c, csrf, "ny.csv", content); status != 200 || action != "" || !strings.Contains(body, "Ingen endringer") {
		t.Errorf("the stored file again: status %d, confirm %q", status, action)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("a refused and an unchanged check leave %v", names)
	}
}

// holdsData says why values of typ could hold an upload's content: a
// byte slice, an interface (an io.Reader, a file), a map, a pointer, an
// ingest.NamedFile. "" when they cannot.
func holdsData(typ reflect.Type) string {
	switch {
	case typ == reflect.TypeOf(time.Time{}):
		return ""
	case typ == reflect.TypeOf(ingest.NamedFile{}):
		return "ingest.NamedFile"
	}
	switch typ.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Uint64:
		return ""
	case reflect.Array:
		if typ.Len() > 64 {
			return typ.String() + " is large"
		}
		return holdsData(typ.Elem())
	case reflect.Uint8:
		return ""
	case reflect.Slice:
		if typ.Elem().Kind() == reflect.Uint8 {
			return typ.String()
		}
		return holdsData(typ.Elem())
	case reflect.Struct:
		for i := range typ.NumField() {
			if why := holdsData(typ.Field(i).Type); why != "" {
				return typ.Field(i).Name + ": " + why
			}
		}
		return ""
	}
	return typ.String()
}

// TestUpload_Expire: after its hour an upload is gone from memory and
// its file from the spool folder, and its confirmation answers 410.
func TestUpload_Expire(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	before := observations(t, a.Store)
	action, _, _ := check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	if action == "" || len(spoolFiles(t, a.Dir)) != 1 {
		t.Fatal("the check keeps no upload")
	}

	a.Clock.Add(web.UploadTTL - time.Second)
	web.ExpireUploads(a.Srv)
	if len(web.PendingUploads(a.Srv)) != 1 || len(spoolFiles(t, a.Dir)) != 1 {
		t.Fatal("an upload is gone before its hour")
	}
	a.Clock.Add(time.Second)
	web.ExpireUploads(a.Srv) // as the server's timer does
	if n := len(web.PendingUploads(a.Srv)); n != 0 {
		t.Errorf("after the hour %d uploads in memory", n)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("after the hour the spool folder holds %v", names)
	}
	r, body := do(t, "POST", a.URL+action, c, "csrf="+csrf)
	if r.StatusCode != http.StatusGone || !strings.Contains(body, "Opplastingen er utløpt") {
		t.Errorf("confirming an expired upload: status %d", r.StatusCode)
	}
	if n := observations(t, a.Store); n != before {
		t.Errorf("an expired upload was stored: %d → %d", before, n)
	}

	// Without the timer, the next visit of the import page expires too.
	check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	a.Clock.Add(web.UploadTTL)
	do(t, "GET", a.URL+"/import", c, "")
	if n, names := len(web.PendingUploads(a.Srv)), spoolFiles(t, a.Dir); n != 0 || len(names) != 0 {
		t.Errorf("after the hour and a visit: %d in memory, files %v", n, names)
	}
}

// TestUpload_PerUser: a login keeps at most MaxUploadsPerUser checked
// uploads; a further check replaces its own oldest, never another
// login's.
func TestUpload_PerUser(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	anna, annaCSRF := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	bob, bobCSRF := signIn(t, a.Store, "bob", virk.Grant{Role: virk.RoleAnalyst})

	bobs, _, _ := check(t, a, bob, bobCSRF, "bob.csv", goodCSV("99"))
	var actions []string
	for i := range web.MaxUploadsPerUser + 1 {
		a.Clock.Add(time.Second)
		action, status, _ := check(t, a, anna, annaCSRF, fmt.Sprintf("anna%d.csv", i), goodCSV(fmt.Sprintf("110,%d", i)))
		if status != http.StatusOK || action == "" {
			t.Fatalf("check %d: status %d", i, status)
		}
		actions = append(actions, action)
	}
	owners := map[string]int{}
	for _, p := range web.PendingUploads(a.Srv) {
		owners[p.Owner]++
	}
	if owners["anna"] != web.MaxUploadsPerUser || owners["bob"] != 1 {
		t.Errorf("uploads in memory by login: %v, want anna %d and bob 1", owners, web.MaxUploadsPerUser)
	}
	if n := len(spoolFiles(t, a.Dir)); n != web.MaxUploadsPerUser+1 {
		t.Errorf("%d files in the spool folder, want %d", n, web.MaxUploadsPerUser+1)
	}
	// The oldest is gone; the newest and bob's can be stored.
	if r, body := do(t, "POST", a.URL+actions[0], anna, "csrf="+annaCSRF); r.StatusCode != http.StatusGone || !strings.Contains(body, "Last opp filene på nytt") {
		t.Errorf("the replaced upload: status %d, want 410", r.StatusCode)
	}
	if r, body := do(t, "POST", a.URL+actions[len(actions)-1], anna, "csrf="+annaCSRF); r.StatusCode != 200 || !strings.Contains(body, "Lagret") {
		t.Errorf("the newest upload: status %d", r.StatusCode)
	}
	if r, body := do(t, "POST", a.URL+bobs, bob, "csrf="+bobCSRF); r.StatusCode != 200 || !strings.Contains(body, "Lagret") {
		t.Errorf("bob's upload: status %d", r.StatusCode)
	}
}

// TestUpload_OtherUser: only the login that checked an upload may
// confirm or discard it; another's attempt leaves it as it was.
func TestUpload_OtherUser(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	anna, annaCSRF := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	bob, bobCSRF := signIn(t, a.Store, "bob", virk.Grant{Role: virk.RoleAnalyst}, virk.Grant{Role: virk.RoleAdmin})
	before := observations(t, a.Store)
	action, _, _ := check(t, a, anna, annaCSRF, "ny.csv", goodCSV("110,5"))

	for _, form := range []string{"csrf=" + bobCSRF, "csrf=" + bobCSRF + "&avbryt=1"} {
		if r, _ := do(t, "POST", a.URL+action, bob, form); r.StatusCode != http.StatusGone {
			t.Errorf("bob posts %q to anna's upload: status %d, want 410", form, r.StatusCode)
		}
	}
	if n := observations(t, a.Store); n != before {
		t.Fatalf("bob stored anna's upload: %d → %d", before, n)
	}
	if len(web.PendingUploads(a.Srv)) != 1 || len(spoolFiles(t, a.Dir)) != 1 {
		t.Fatal("bob's attempt removed anna's upload")
	}
	if r, body := do(t, "POST", a.URL+action, anna, "csrf="+annaCSRF); r.StatusCode != 200 || !strings.Contains(body, "Lagret (batch 2)") {
		t.Errorf("anna confirms: status %d", r.StatusCode)
	}
}

// TestUpload_Cancel: "avbryt" discards the upload and its file; nothing
// is stored and the token is spent.
func TestUpload_Cancel(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	before := observations(t, a.Store)
	action, _, _ := check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	r, body := do(t, "POST", a.URL+action, c, "csrf="+csrf+"&avbryt=1")
	if r.StatusCode != 200 || !strings.Contains(body, "Opplastingen er forkastet. Ingenting er lagret.") || !strings.Contains(body, `type="file"`) {
		t.Errorf("cancel: status %d\n%s", r.StatusCode, body)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 || len(web.PendingUploads(a.Srv)) != 0 {
		t.Errorf("after cancelling the spool folder holds %v", names)
	}
	if r, _ := do(t, "POST", a.URL+action, c, "csrf="+csrf); r.StatusCode != http.StatusGone {
		t.Errorf("confirm after cancel: status %d, want 410", r.StatusCode)
	}
	if n := observations(t, a.Store); n != before {
		t.Errorf("a cancelled upload was stored: %d → %d", before, n)
	}
}

// TestUpload_ChangedOnDisk: a spool file changed after the check is not
// stored: what is stored is what was checked.
func TestUpload_ChangedOnDisk(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	before := observations(t, a.Store)
	action, _, _ := check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	names := spoolFiles(t, a.Dir)
	if len(names) != 1 {
		t.Fatalf("spool folder holds %v", names)
	}
	if err := os.WriteFile(filepath.Join(a.Dir, names[0]), []byte(goodCSV("999,5")), 0o600); err != nil {
		t.Fatal(err)
	}
	r, body := do(t, "POST", a.URL+action, c, "csrf="+csrf)
	if r.StatusCode != http.StatusConflict || !strings.Contains(body, "Filene er endret på serveren etter kontrollen") {
		t.Errorf("confirm a changed file: status %d", r.StatusCode)
	}
	if n := observations(t, a.Store); n != before {
		t.Errorf("a changed file was stored: %d → %d", before, n)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("the changed file stays: %v", names)
	}
}

// TestUpload_LeftoversRemovedAtStart: a new server removes the spool
// files of an earlier run, which no one can confirm, and nothing else in
// the folder; a public server, which takes no uploads, touches nothing.
func TestUpload_LeftoversRemovedAtStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "virk-opplasting")
	write := func(name string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("gammel"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("upload-123456")
	write("notat.txt")
	(&web.Server{Store: nil, PublicOnly: true, SpoolDir: dir}).Handler()
	if got := spoolFiles(t, dir); len(got) != 2 {
		t.Errorf("a public server changed the spool folder: %v", got)
	}
	a := newSpoolServer(t, dir)
	if got := spoolFiles(t, dir); len(got) != 1 || got[0] != "notat.txt" {
		t.Errorf("after start the spool folder holds %v, want only notat.txt", got)
	}
	// The new server's own uploads work as before.
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	if action, _, _ := check(t, a, c, csrf, "ny.csv", goodCSV("110,5")); action == "" {
		t.Error("no upload after start")
	}
}

// TestUpload_SharedDefaultFolder: without a SpoolDir the server uses a
// folder of its user under os.TempDir(), which other servers and test
// runs share: at start only files older than an upload's hour go.
func TestUpload_SharedDefaultFolder(t *testing.T) {
	a := newSpoolServer(t, "")
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	action, _, _ := check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	ps := web.PendingUploads(a.Srv)
	if len(ps) != 1 {
		t.Fatalf("%d uploads in memory", len(ps))
	}
	var path string
	for _, p := range ps {
		path = p.Paths[0]
	}
	dir := filepath.Dir(path)
	if filepath.Dir(dir) != filepath.Clean(os.TempDir()) || !strings.HasPrefix(filepath.Base(dir), "virk-opplasting") {
		t.Errorf("default spool folder %s", dir)
	}
	stamp := fmt.Sprint(time.Now().UnixNano())
	old, young := filepath.Join(dir, "upload-test-old-"+stamp), filepath.Join(dir, "upload-test-young-"+stamp)
	for _, p := range []string{old, young} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(p) })
	}
	os.Chtimes(old, time.Now().Add(-web.UploadTTL-time.Minute), time.Now().Add(-web.UploadTTL-time.Minute))

	newSpoolServer(t, "") // another server on the same folder starts
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("a file older than an hour stays (%v)", err)
	}
	for _, p := range []string{young, path} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s, younger than an hour, is gone: %v", filepath.Base(p), err)
		}
	}
	if r, _ := do(t, "POST", a.URL+action, c, "csrf="+csrf); r.StatusCode != 200 {
		t.Errorf("the first server's upload after the second started: status %d", r.StatusCode)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the confirmed upload's file stays (%v)", err)
	}
}

// TestUpload_TooLarge: an upload over the limit is refused with its
// message while it is read, and leaves nothing in the spool folder. The
// body is streamed, so the test holds little of it.
func TestUpload_TooLarge(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		mw.WriteField("csrf", csrf)
		fw, _ := mw.CreateFormFile("files", "stor.csv")
		io.WriteString(fw, "indicator;entity;period;value\n")
		line := []byte(strings.Repeat("arsverk;digit;2030;1\n", 1<<12))
		var err error
		for n := 0; n <= web.MaxUpload && err == nil; n += len(line) {
			_, err = fw.Write(line)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", a.URL+"/import", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	r, body := send(t, req, c)
	pr.Close()
	if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Filene er for store (mer enn 256 MB til sammen).") {
		t.Errorf("too large: status %d", r.StatusCode)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("a refused upload leaves %v", names)
	}
	if n := len(web.PendingUploads(a.Srv)); n != 0 {
		t.Errorf("a refused upload is kept: %d", n)
	}
}
