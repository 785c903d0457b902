package web_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/store/storetest"
)

// TestUpload_WhileAnotherImports: a check answers while another import
// holds the store, and a confirmation that cannot get the store in time
// is not an internal error: the user is asked to try again, the upload is
// kept under a new address, and once the other import is done it stores.
func TestUpload_WhileAnotherImports(t *testing.T) {
	a := newSpoolServer(t, filepath.Join(t.TempDir(), "virk-opplasting"))
	a.Srv.ImportWait = 300 * time.Millisecond
	c, csrf := signIn(t, a.Store, "anna", virk.Grant{Role: virk.RoleAnalyst})
	db := a.Store.(*sqlite.DB)

	// Another import, held just before its commit.
	held, release := make(chan struct{}), make(chan struct{})
	db.SetTestHook(func(point string) {
		if point == "commit" {
			close(held)
			<-release
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := db.Apply(context.Background(), &virk.ChangeSet{Observations: []virk.Observation{storetest.Obs("arsverk", "digit", "2020", 111)}}, virk.ApplyOptions{})
		done <- err
	}()
	<-held
	db.SetTestHook(nil)

	action, status, body := check(t, a, c, csrf, "ny.csv", goodCSV("110,5"))
	if action == "" || status != 200 {
		t.Fatalf("the check during another import: status %d\n%s", status, body)
	}
	r, body := do(t, "POST", a.URL+action, c, "csrf="+csrf)
	if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "En annen import pågår fortsatt, så filene er ikke lagret ennå.") {
		t.Fatalf("the confirmation during another import: status %d\n%s", r.StatusCode, body)
	}
	i := strings.Index(body, `action="/import/`)
	if i < 0 {
		t.Fatalf("no new confirmation offered:\n%s", body)
	}
	i += len(`action="`)
	again := body[i : i+strings.IndexByte(body[i:], '"')]
	if again == action {
		t.Error("the upload kept its old address")
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if r, _ := do(t, "POST", a.URL+again, c, "csrf="+csrf); r.StatusCode != 200 {
		t.Fatalf("the confirmation after the other import: status %d", r.StatusCode)
	}
	obs, err := a.Store.FindObservations(context.Background(), virk.ObservationFilter{IndicatorIDs: []string{"arsverk"}, EntityIDs: []string{"digit"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, o := range obs {
		got[o.Period.String()] = o.Value
	}
	if got["2019"] != 110.5 || got["2020"] != 111 {
		t.Errorf("stored %v, want 2019 = 110,5 from the upload and 2020 = 111 from the other import", got)
	}
	if names := spoolFiles(t, a.Dir); len(names) != 0 {
		t.Errorf("the spool folder holds %v", names)
	}
}
