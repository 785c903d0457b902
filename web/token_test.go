package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// TestAPIToken: a job calls with "Authorization: Bearer", needs no form
// token, and stops the moment the token is revoked.
func TestAPIToken(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	u := addPasswordUser(t, st, "jobb", "et-langt-passord-5", virk.Grant{Role: virk.RoleAnalyst})
	secret, hash, prefix := auth.NewSecret("virk_")
	tok := &virk.Token{UserID: u.ID, Kind: virk.TokenAPI, Name: "nattlig import", Hash: hash, Prefix: prefix}
	if err := st.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	call := func(method, path string, body *bytes.Buffer, ctype, bearer string) (int, string) {
		t.Helper()
		if body == nil {
			body = &bytes.Buffer{}
		}
		req, _ := http.NewRequest(method, srv.URL+path, body)
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req.Header.Set("Authorization", "Bearer "+bearer)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	if code, body := call("GET", "/enhet/osu", nil, "", secret); code != 200 || !strings.Contains(body, "657,7") {
		t.Fatalf("GET with token: %d", code)
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("files", "jobb.csv")
	fw.Write([]byte("indicator;entity;period;value\narsverk;digit;2030;1\n"))
	mw.Close()
	if code, body := call("POST", "/import", &form, mw.FormDataContentType(), secret); code != 200 || !strings.Contains(body, "Kontroll") {
		t.Errorf("import check with token, no form token: %d", code)
	}
	if got, _ := st.FindTokenByHash(ctx, hash); got.LastUsed.IsZero() {
		t.Error("the token's last use was not recorded")
	}
	if events, _, _ := st.FindAudit(ctx, virk.AuditFilter{Actor: ptr("jobb")}); len(events) != 1 || events[0].Action != virk.AuditImportDryRun {
		t.Errorf("audit for the job: %v", events)
	}
	// The token gives the user's roles, no more.
	if code, _ := call("GET", "/admin/logg", nil, "", secret); code != http.StatusForbidden {
		t.Errorf("admin page with an analytiker's token: %d, want 403", code)
	}
	for name, bearer := range map[string]string{"unknown": "virk_feil", "empty": ""} {
		if code, body := call("GET", "/enhet/osu", nil, "", bearer); code != http.StatusUnauthorized || strings.Contains(body, "657,7") {
			t.Errorf("%s token: %d, want 401 without the page", name, code)
		}
	}
	if err := st.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if code, _ := call("GET", "/enhet/osu", nil, "", secret); code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", code)
	}
}

// TestUploadLimits: a form over 1 MB and an upload over the import limit
// are refused with a message that says so, and nothing is stored.
func TestUploadLimits(t *testing.T) {
	srv, st, _ := accessServer(t)
	c, csrf := signIn(t, st, "stor", virk.Grant{Role: virk.RoleAdmin}, virk.Grant{Role: virk.RoleAnalyst})
	before, _ := st.DataVersion(context.Background())
	r, body := do(t, "POST", srv.URL+"/admin/innstillinger", c, "csrf="+csrf+"&x="+strings.Repeat("a", 1<<20))
	if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Skjemaet er for stort (mer enn 1 MB).") {
		t.Errorf("big form: %d", r.StatusCode)
	}
	r, body = postFile(t, srv.URL+"/import", c, csrf, "stor.csv", "indicator;entity;period;value\n"+strings.Repeat("arsverk;digit;2030;1\n", 13<<20))
	if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Filene er for store (mer enn 256 MB til sammen).") {
		t.Errorf("big upload: %d", r.StatusCode)
	}
	if after, _ := st.DataVersion(context.Background()); after != before {
		t.Errorf("a refused upload changed the data version %d → %d", before, after)
	}
}
