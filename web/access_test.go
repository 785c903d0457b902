package web_test

import (
	"bytes"
	"context"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/web"
)

// matrixRoles are the users of the access matrix: the public and one
// user for each role.
var matrixRoles = []struct {
	role  virk.Role
	grant virk.Grant
}{
	{virk.RolePublic, virk.Grant{}},
	{virk.RoleReader, virk.Grant{Role: virk.RoleReader}},
	{virk.RoleLeader, virk.Grant{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}}},
	{virk.RoleAnalyst, virk.Grant{Role: virk.RoleAnalyst}},
	{virk.RoleHR, virk.Grant{Role: virk.RoleHR}},
	{virk.RoleAdmin, virk.Grant{Role: virk.RoleAdmin}},
}

// example is a request that exercises a route. form, when set, is the
// body of a POST; "{csrf}" in it is replaced with the session's token.
type example struct {
	url       string
	form      string
	multipart bool
}

// examples has one request for every route of the router. A route added
// to the router without an example here fails TestAccessMatrix.
var examples = map[string]example{
	"GET /{$}":                   {url: "/"},
	"GET /indikator/{id}":        {url: "/indikator/sykefravaer?enhet=baerum"},
	"GET /indikator/{id}/{file}": {url: "/indikator/arsverk/data.csv"},
	"GET /enhet/{id}":            {url: "/enhet/osu"},
	"GET /sammenligning":         {url: "/sammenligning"},
	"GET /energi":                {url: "/energi"},
	"GET /medarbeidere":          {url: "/medarbeidere"},
	"GET /energi/bygg/{id}":      {url: "/energi/bygg/bekkestua_skole"},
	"POST /energi/varsel/{id}":   {url: "/energi/varsel/1", form: "csrf={csrf}&tilstand=under_arbeid&kommentar=matrise"},
	"GET /sammenligning/{file}":  {url: "/sammenligning/data.csv?enhet=baerum&gruppe=asss"},
	"GET /rapport":               {url: "/rapport"},
	"GET /rapport.html":          {url: "/rapport.html"},
	"GET /rapport.pdf":           {url: "/rapport.pdf"},
	"GET /rapport.xlsx":          {url: "/rapport.xlsx"},
	"GET /import":                {url: "/import"},
	"POST /import":               {url: "/import", multipart: true},
	"POST /import/{token}":       {url: "/import/ukjent", form: "csrf={csrf}"},
	"GET /logginn":               {url: "/logginn"},
	"POST /logginn":              {url: "/logginn", form: "csrf={csrf}&brukernavn=passordbruker&passord=riktig-passord-123"},
	"GET /logginn/lenke/{token}": {url: "/logginn/lenke/ukjent"},
	"GET /logginn/oidc":          {url: "/logginn/oidc"},
	"GET /logginn/oidc/tilbake":  {url: "/logginn/oidc/tilbake?state=x&code=y"},
	"POST /loggut":               {url: "/loggut", form: "csrf={csrf}"},
	"GET /admin/brukere":         {url: "/admin/brukere"},
	"POST /admin/brukere":        {url: "/admin/brukere", form: "csrf={csrf}&brukernavn=ny-{n}&roller=leser"},
	"POST /admin/brukere/{id}":   {url: "/admin/brukere/{target}", form: "csrf={csrf}&handling=logg-ut"},
	"GET /admin/logg":            {url: "/admin/logg"},
	"GET /admin/logg.csv":        {url: "/admin/logg.csv"},
	"GET /admin/innstillinger":   {url: "/admin/innstillinger"},
	"POST /admin/innstillinger":  {url: "/admin/innstillinger", form: "csrf={csrf}"},
	"GET /tilgjengelighet":       {url: "/tilgjengelighet"},
	"GET /static/":               {url: "/static/virk.css"},
	"/":                          {url: "/finnes-ikke"},
}

// TestAccessMatrix sends every route's example as every role and checks
// the answer against the route's rule: allowed gets the page (or the
// route's own answer, such as 404 for an unknown file), denied gets 403
// or the way to the login page, and a denied answer holds nothing of the
// page.
func TestAccessMatrix(t *testing.T) {
	srv, st, s := accessServer(t)
	rules := s.Rules()
	var patterns []string
	for _, rule := range rules {
		patterns = append(patterns, rule.Pattern)
		if _, ok := examples[rule.Pattern]; !ok {
			t.Errorf("route %q has no example in the access matrix: add one", rule.Pattern)
		}
		if len(rule.Roles) == 0 {
			t.Errorf("route %q has no roles", rule.Pattern)
		}
	}
	for p := range examples {
		if !slices.Contains(patterns, p) {
			t.Errorf("example for %q, which the router does not have", p)
		}
	}
	ctx := context.Background()
	hash, err := auth.HashPassword("riktig-passord-123")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser(ctx, &virk.User{Login: "passordbruker", Source: virk.UserLocal, PasswordHash: hash,
		Grants: []virk.Grant{{Role: virk.RoleReader}}}); err != nil {
		t.Fatal(err)
	}
	target, err := st.FindUserByLogin(ctx, "passordbruker")
	if err != nil {
		t.Fatal(err)
	}

	n := 0
	for _, rule := range rules {
		ex := examples[rule.Pattern]
		method := "GET"
		if m, _, ok := strings.Cut(rule.Pattern, " "); ok {
			method = m
		}
		for _, mr := range matrixRoles {
			n++
			allowed := slices.Contains(rule.Roles, virk.RolePublic) || slices.Contains(rule.Roles, mr.role)
			t.Run(rule.Pattern+"/"+string(mr.role), func(t *testing.T) {
				var c *http.Cookie
				csrf := ""
				if mr.role != virk.RolePublic {
					c, csrf = signIn(t, st, "matrise-"+string(mr.role), mr.grant)
				}
				url := srv.URL + strings.ReplaceAll(ex.url, "{target}", strconv.FormatInt(target.ID, 10))
				var resp *http.Response
				var body string
				switch {
				case ex.multipart:
					resp, body = postFile(t, url, c, csrf, "tom.csv", "indicator;entity;period;value\n")
				case method == "POST":
					if c == nil {
						// The public's form token comes with the login page.
						c, csrf = formCookie(t, srv.URL)
					}
					form := strings.NewReplacer("{csrf}", csrf, "{n}", strconv.Itoa(n)).Replace(ex.form)
					resp, body = do(t, method, url, c, form)
				default:
					resp, body = do(t, method, url, c, "")
				}
				denied := resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized ||
					(resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/logginn?neste="))
				if resp.StatusCode == http.StatusUnauthorized && rule.Pattern == "POST /logginn" {
					denied = false // a wrong password is the login's own answer
				}
				if denied == allowed {
					t.Fatalf("%s %s as %s: status %d (Location %q); want allowed=%v",
						method, ex.url, mr.role, resp.StatusCode, resp.Header.Get("Location"), allowed)
				}
				if denied {
					for _, leak := range []string{"<table", "7,3", "Sykefravær", "sykefravaer;"} {
						if strings.Contains(body, leak) {
							t.Errorf("denied answer holds %q", leak)
						}
					}
				}
			})
		}
	}
}

// accessServer is the demo behind the bare handler: no test session.
func accessServer(t *testing.T) (*httptest.Server, virk.Store, *web.Server) {
	t.Helper()
	_, st := demoServer(t)
	s := &web.Server{Store: st, Report: demo.Report(), VersionTTL: -1}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv, st, s
}

// formCookie fetches the login page as the public and returns its form
// cookie and token.
func formCookie(t *testing.T, base string) (*http.Cookie, string) {
	t.Helper()
	resp, body := do(t, "GET", base+"/logginn", nil, "")
	var c *http.Cookie
	for _, k := range resp.Cookies() {
		if k.Name == "virk_skjema" {
			c = k
		}
	}
	if c == nil {
		t.Fatal("the login page sets no form cookie")
	}
	if !strings.Contains(body, `name="csrf" value="`+c.Value+`"`) {
		t.Fatal("the login form does not carry the cookie's token")
	}
	return c, c.Value
}

// postFile posts one file to the import page with the form token.
func postFile(t *testing.T, url string, c *http.Cookie, csrf, name, content string) (*http.Response, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("files", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", url, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return send(t, req, c)
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestAccessMatrixGolden writes the role × route matrix of the router as
// a table and compares it with testdata/access-matrix.md, so that a
// change of who may use a route is a visible, reviewed change of that
// file (go test ./web -run AccessMatrixGolden -update).
func TestAccessMatrixGolden(t *testing.T) {
	s := &web.Server{}
	var b strings.Builder
	b.WriteString("| route |")
	for _, mr := range matrixRoles {
		b.WriteString(" " + string(mr.role) + " |")
	}
	b.WriteString(" public page |\n|---|")
	for range matrixRoles {
		b.WriteString(":-:|")
	}
	b.WriteString("---|\n")
	for _, rule := range s.Rules() {
		b.WriteString("| `" + rule.Pattern + "` |")
		for _, mr := range matrixRoles {
			cell := " – |"
			if slices.Contains(rule.Roles, virk.RolePublic) || slices.Contains(rule.Roles, mr.role) {
				cell = " ja |"
			} else if mr.role == virk.RolePublic && rule.PublicPage != "" {
				cell = " valgfritt |"
			}
			b.WriteString(cell)
		}
		b.WriteString(" " + rule.PublicPage + " |\n")
	}
	golden := filepath.Join("testdata", "access-matrix.md")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("the access matrix changed; if that is meant, run with -update and review the diff.\ngot:\n%s", b.String())
	}
}

// TestRoutesOnlyFromTable checks that the web package registers handlers
// in one place, the loop over the route table, so that no route can
// bypass its rule.
func TestRoutesOnlyFromTable(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var calls []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Handle" || sel.Sel.Name == "HandleFunc") {
				calls = append(calls, fset.Position(sel.Pos()).String())
			}
			return true
		})
	}
	if len(calls) != 1 || !strings.HasPrefix(calls[0], "routes.go:") {
		t.Errorf("handlers registered at %v; want exactly one place, in routes.go's mount", calls)
	}
}

// TestPublicPages opens the scorecard to the public: it is then served
// without login, without the personnel figures, while the other pages
// still need a login.
func TestPublicPages(t *testing.T) {
	srv, st, _ := accessServer(t)
	if r, _ := do(t, "GET", srv.URL+"/?enhet=alle", nil, ""); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("scorecard before it is public: %d, want 303 to the login", r.StatusCode)
	}
	if err := st.UpdateSettings(context.Background(), map[string]string{virk.SettingPublicPages: "scorecard"}); err != nil {
		t.Fatal(err)
	}
	r, body := do(t, "GET", srv.URL+"/?enhet=alle&kategori=%C3%85rsverk", nil, "")
	if r.StatusCode != http.StatusOK || !strings.Contains(body, `href="/indikator/arsverk?enhet=osu"`) {
		t.Fatalf("public scorecard: status %d, or no FTE row", r.StatusCode)
	}
	// The employees' category, where sick leave would be on the first
	// page were it shown.
	r, body = do(t, "GET", srv.URL+"/?enhet=alle&kategori=Medarbeidere", nil, "")
	if r.StatusCode != http.StatusOK || strings.Contains(body, `href="/indikator/sykefravaer`) || strings.Contains(body, `href="/import"`) {
		t.Errorf("the public scorecard shows sick leave or the import link (status %d)", r.StatusCode)
	}
	if !strings.Contains(body, `href="/indikator/prognose_arsverk_behov?enhet=pleie_omsorg"`) {
		t.Error("the public scorecard lacks the workforce projection, which is not personnel data")
	}
	if r, _ := do(t, "GET", srv.URL+"/enhet/osu", nil, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("unit page, not public: %d, want 303", r.StatusCode)
	}
}

// TestPublicOnly is "virk serve --public": the published report and the
// accessibility statement, nothing else, no login.
func TestPublicOnly(t *testing.T) {
	_, st := demoServer(t)
	srv := httptest.NewServer((&web.Server{Store: st, Report: demo.Report(), PublicOnly: true}).Handler())
	t.Cleanup(srv.Close)
	c, _ := signIn(t, st, "hr", virk.Grant{Role: virk.RoleHR})
	for path, want := range map[string]int{
		"/rapport": 200, "/rapport.html": 200, "/tilgjengelighet": 200, "/static/virk.css": 200,
		"/": 404, "/logginn": 404, "/admin/brukere": 404, "/import": 404, "/indikator/sykefravaer": 404,
	} {
		// A session cookie changes nothing: nobody logs in here.
		r, body := do(t, "GET", srv.URL+path, c, "")
		if r.StatusCode != want {
			t.Errorf("%s: status %d, want %d", path, r.StatusCode, want)
		}
		if want == 404 && strings.Contains(body, "<table") {
			t.Errorf("%s: the 404 page holds a table", path)
		}
	}
	if r, body := do(t, "GET", srv.URL+"/rapport", c, ""); r.StatusCode == 200 && strings.Contains(body, "Logg ut") {
		t.Error("the public mode shows a logged-in header")
	}
}

// TestTemplates_FormsCarryToken checks every form that posts: each must
// carry the CSRF token, or protectForms refuses it.
func TestTemplates_FormsCarryToken(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range strings.Split(string(b), "<form")[1:] {
			form, _, _ = strings.Cut(form, "</form>")
			if !strings.Contains(form, `method="post"`) {
				continue
			}
			n++
			if !strings.Contains(form, `name="csrf" value="{{`) {
				t.Errorf("%s: a form that posts without the csrf field: <form%.80s…", f, form)
			}
		}
	}
	if n < 8 {
		t.Errorf("found %d forms that post; the templates have at least 8", n)
	}
}
