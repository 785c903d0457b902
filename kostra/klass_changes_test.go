package kostra

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/peer"
)

// TestKlass_Changes fetches a change list in the documented shape of
// KLASS's /classifications/131/changes (a constructed example, not SSB's
// data) and reads it into the register's changes; a malformed answer is
// an error that names the address.
func TestKlass_Changes(t *testing.T) {
	const doc = `{"codeChanges": [
 {"oldCode": "0220", "oldName": "Asker", "newCode": "3025", "newName": "Asker", "changeOccurred": "2020-01-01"},
 {"oldCode": "0627", "oldName": "Røyken", "newCode": "3025", "newName": "Asker", "changeOccurred": "2020-01-01"},
 {"oldCode": "3025", "oldName": "Asker", "newCode": "3203", "newName": "Asker", "changeOccurred": "2024-01-01"}]}`
	var asked []string
	body := doc
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path+"?"+r.URL.RawQuery)
		w.Write([]byte(body))
	}))
	defer srv.Close()
	k := &Klass{BaseURL: srv.URL, Client: &Client{Pace: -1, Retries: -1}}
	got, err := k.Changes(t.Context(), "131", 2000, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/classifications/131/changes.json?from=2000-01-01&to=2027-01-01"}; !reflect.DeepEqual(asked, want) {
		t.Errorf("asked for %v, want %v", asked, want)
	}
	want := []peer.Change{
		{OldCode: "0220", OldName: "Asker", NewCode: "3025", NewName: "Asker", Year: 2020},
		{OldCode: "0627", OldName: "Røyken", NewCode: "3025", NewName: "Asker", Year: 2020},
		{OldCode: "3025", OldName: "Asker", NewCode: "3203", NewName: "Asker", Year: 2024},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes %+v, want %+v", got, want)
	}
	if m, ok := peer.NewRegister(got).Merger("3203", 2024); !ok || m.Year != 2020 || len(m.Parts) != 2 {
		t.Errorf("the register from the fetched changes has no merger into Asker 2020: %+v", m)
	}

	body = `{"codeChanges": [{"oldCode": "0220", "changeOccurred": "1. januar"}]}`
	if _, err := k.Changes(t.Context(), "131", 2000, 2027); err == nil || !strings.Contains(err.Error(), "/classifications/131/changes.json") ||
		!strings.Contains(err.Error(), "ÅÅÅÅ-MM-DD") {
		t.Errorf("a malformed change list: %v", err)
	}
	if _, err := k.Changes(t.Context(), "131", 2027, 2000); err == nil || !strings.Contains(err.Error(), "2027–2000") {
		t.Errorf("a backwards span: %v", err)
	}
}
