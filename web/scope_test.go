package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// TestUnitScope checks that sick leave, a personnel figure, reaches a
// leader for the leader's units only, hr for every unit and a reader for
// none, on every page and download, also when pages come from the cache.
// The demo has sick leave for Bærum (7,3 % in 2018), pleie og omsorg
// (9,0 %) and oppvekst barnehage (8,1 %), computed from its HR extract
// (downloads give the stored value to six decimals).
func TestUnitScope(t *testing.T) {
	srv, st, _ := accessServer(t)
	leader, _ := signIn(t, st, "leder-po", virk.Grant{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}})
	other, _ := signIn(t, st, "leder-bhg", virk.Grant{Role: virk.RoleLeader, Units: []string{"oppvekst_barnehage"}})
	reader, _ := signIn(t, st, "leser", virk.Grant{Role: virk.RoleReader})
	hr, _ := signIn(t, st, "hr", virk.Grant{Role: virk.RoleHR})

	const (
		linkPO   = `href="/indikator/sykefravaer?enhet=pleie_omsorg"`
		linkBhg  = `href="/indikator/sykefravaer?enhet=oppvekst_barnehage"`
		linkTop  = `href="/indikator/sykefravaer?enhet=baerum"`
		linkFTE  = `href="/indikator/arsverk?enhet=osu"`
		csvPO    = "sykefravaer;pleie_omsorg;2018;8,999991"
		csvBhg   = "sykefravaer;oppvekst_barnehage;2018;8,099989"
		csvTop   = "sykefravaer;baerum;2018;7,299912"
		fteValue = "657,7"
	)
	type check struct {
		path        string
		status      int
		has, hasNot []string
	}
	cases := []struct {
		who    string
		c      any
		checks []check
	}{
		{"leader of pleie og omsorg", leader, []check{
			{"/?enhet=alle&kategori=Medarbeidere", 200, []string{linkPO}, []string{linkBhg, linkTop}},
			{"/?enhet=alle&kategori=%C3%85rsverk", 200, []string{linkFTE}, nil},
			{"/indikator/sykefravaer?enhet=pleie_omsorg", 200, []string{"9,0\u00a0%"}, []string{"8,1\u00a0%", "7,3\u00a0%"}},
			{"/indikator/sykefravaer?enhet=oppvekst_barnehage", 404, nil, []string{"8,1"}},
			{"/indikator/sykefravaer?enhet=baerum", 404, nil, []string{"7,3"}},
			{"/indikator/sykefravaer/data.csv", 200, []string{csvPO}, []string{csvBhg, csvTop}},
			{"/enhet/osu", 200, []string{fteValue}, nil},
			{"/medarbeidere", 200, []string{"9,0\u00a0%"}, []string{"8,1\u00a0%", "7,3\u00a0%"}},
		}},
		{"leader of barnehage", other, []check{
			{"/?enhet=alle&kategori=Medarbeidere", 200, []string{linkBhg}, []string{linkPO, linkTop}},
			{"/indikator/sykefravaer/data.csv", 200, []string{csvBhg}, []string{csvPO, csvTop}},
		}},
		{"reader", reader, []check{
			{"/?enhet=alle&kategori=%C3%85rsverk", 200, []string{linkFTE}, nil},
			{"/?enhet=alle&kategori=Medarbeidere", 200, nil, []string{linkPO, linkBhg, linkTop}},
			{"/indikator/sykefravaer?enhet=baerum", 404, nil, []string{"7,3"}},
			{"/indikator/sykefravaer/data.csv", 200, nil, []string{csvPO, csvBhg, csvTop}},
			{"/medarbeidere", 200, nil, []string{"9,0\u00a0%", "8,1\u00a0%", "7,3\u00a0%"}},
		}},
		{"hr", hr, []check{
			{"/?enhet=alle&kategori=Medarbeidere", 200, []string{linkPO, linkBhg, linkTop}, nil},
			{"/indikator/sykefravaer/data.csv", 200, []string{csvPO, csvBhg, csvTop}, nil},
			{"/medarbeidere", 200, []string{"9,0\u00a0%", "8,1\u00a0%", "7,3\u00a0%"}, nil},
		}},
	}
	// Twice: the second round is served from the page cache, which must
	// keep the viewers apart.
	for round := 1; round <= 2; round++ {
		for _, tc := range cases {
			for _, ch := range tc.checks {
				r, body := do(t, "GET", srv.URL+ch.path, tc.c.(*http.Cookie), "")
				if r.StatusCode != ch.status {
					t.Errorf("round %d, %s, %s: status %d, want %d", round, tc.who, ch.path, r.StatusCode, ch.status)
				}
				for _, w := range ch.has {
					if !strings.Contains(body, w) {
						t.Errorf("round %d, %s, %s: lacks %q", round, tc.who, ch.path, w)
					}
				}
				for _, w := range ch.hasNot {
					if strings.Contains(body, w) {
						t.Errorf("round %d, %s, %s: shows %q", round, tc.who, ch.path, w)
					}
				}
			}
		}
	}
	// Every download of personnel figures is in the audit log: the
	// leader's two, not the reader's empty ones.
	events, _, err := st.FindAudit(context.Background(), virk.AuditFilter{Action: ptr(virk.AuditExportPersonal)})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range events {
		count[e.Actor]++
	}
	if count["leder-po"] != 2 || count["leder-bhg"] != 2 || count["hr"] != 2 || count["leser"] != 0 {
		t.Errorf("personnel downloads in the audit log: %v, want leder-po 2, leder-bhg 2, hr 2, leser 0", count)
	}
}

// TestUnitScope_ReportDraft: the demo report has no publication date, so
// it is a draft, and its figures follow the viewer: sick leave shows as
// «:» where the viewer may not see it, in the page and the standalone
// document alike.
func TestUnitScope_ReportDraft(t *testing.T) {
	srv, st, _ := accessServer(t)
	reader, _ := signIn(t, st, "leser", virk.Grant{Role: virk.RoleReader})
	hr, _ := signIn(t, st, "hr", virk.Grant{Role: virk.RoleHR})
	leader, _ := signIn(t, st, "leder-po", virk.Grant{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}})
	for _, path := range []string{"/rapport", "/rapport.html"} {
		long := `data-virk="verdi sykefravaer_langtid baerum 2018">`
		for _, tc := range []struct {
			who  string
			c    *http.Cookie
			want string
		}{
			{"public", nil, long + ":"},
			{"reader", reader, long + ":"},
			{"leader of pleie og omsorg", leader, long + ":"},
			{"hr", hr, long + "4,7 %"},
		} {
			r, body := do(t, "GET", srv.URL+path, tc.c, "")
			if r.StatusCode != 200 || !strings.Contains(strings.Join(strings.Fields(body), " "), tc.want) {
				t.Errorf("%s %s: status %d, lacks %q", tc.who, path, r.StatusCode, tc.want)
			}
		}
	}
}
