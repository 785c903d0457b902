package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// TestWorkforcePage_Demo: hr sees the demo's chapter 6 on /medarbeidere,
// computed from its HR extract: the seed's sick leave for Bærum (7,3 %,
// with 2,6 % short-term and 4,7 % long-term) and the minority table with
// the seed's figures for oppvekst barnehage, while the made-up district
// Vest, with 3 men of minority background in 2018, shows «:» for them.
func TestWorkforcePage_Demo(t *testing.T) {
	srv, st, _ := accessServer(t)
	hr, _ := signIn(t, st, "hr", virk.Grant{Role: virk.RoleHR})
	r, body := do(t, "GET", srv.URL+"/medarbeidere", hr, "")
	if r.StatusCode != 200 {
		t.Fatalf("status %d", r.StatusCode)
	}
	sick := tableRows(t, section(t, body, "h-sick"))
	// previous year, year, H1, H2, target, short, long
	if got := sick["Bærum kommune"]; len(got) != 7 || got[0] != "7,5\u00a0%" || got[1] != "7,3\u00a0%" || got[5] != "2,6\u00a0%" || got[6] != "4,7\u00a0%" {
		t.Errorf("sick leave of Bærum: %q, want 7,5 and 7,3 %%, short 2,6 and long 4,7 %%", got)
	}
	if got := sick["Pleie og omsorg"]; len(got) != 7 || got[0] != "9,8\u00a0%" || got[1] != "9,0\u00a0%" {
		t.Errorf("sick leave of pleie og omsorg: %q, want 9,8 and 9,0 %%", got)
	}
	min := tableRows(t, section(t, body, "h-minority"))
	// 2017 and 2018: årsverk, men, women, share
	if got := min["Oppvekst barnehage"]; len(got) != 8 || got[1] != "9" || got[2] != "90" || got[5] != "8" || got[6] != "95" {
		t.Errorf("minority in oppvekst barnehage: %q, want men 9 and 8, women 90 and 95", got)
	}
	vest := min["Barnehage vest (demo)"]
	if len(vest) != 8 || vest[5] != ":" {
		t.Errorf("minority in Barnehage vest: %q, want «:» for the 3 men of 2018", vest)
	}
	// The half-years of 2017 and 2018 as a chart, Bærum and the areas
	// against the target; its table has Bærum's 2. halvår 2018, 7,2 %.
	i := strings.Index(body, `id="ch-sick`)
	if i < 0 {
		t.Fatal("no sick-leave chart")
	}
	chart := body[i:]
	for _, want := range []string{"1. halvår 2017", "2. halvår 2018", "Pleie og omsorg", "7,2\u00a0%"} {
		if !strings.Contains(chart, want) {
			t.Errorf("the sick-leave chart lacks %q", want)
		}
	}
	for _, row := range [][]string{min["Barnehage vest (demo)"], min["Barnehage øst (demo)"]} {
		for _, c := range row {
			if c == "3" {
				t.Errorf("a district row shows 3: %q", row)
			}
		}
	}
}

// section returns the HTML of the section headed by the heading with id.
func section(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no section %s", id)
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

var (
	rowRE  = regexp.MustCompile(`(?s)<tr>\s*<th scope="row"[^>]*>(.*?)</th>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`(?s)<td class="num">(.*?)</td>`)
	tagRE  = regexp.MustCompile(`<[^>]+>`)
)

// tableRows returns the cells of each body row by the row's heading.
func tableRows(t *testing.T, html string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range rowRE.FindAllStringSubmatch(html, -1) {
		name := strings.TrimSpace(tagRE.ReplaceAllString(m[1], ""))
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, strings.TrimSpace(c[1]))
		}
		out[name] = cells
	}
	if len(out) == 0 {
		t.Fatal("no rows")
	}
	return out
}
