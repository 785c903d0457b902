package report_test

import (
	"context"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/report"
)

// TestServiceProfile builds the §2.2.4 administration profile as a
// service-profile block. The demo holds no member figures, only the
// network's published ones, so the group columns are the seed's: ASSS
// average 2 998, lowest 2 191, highest 3 776 for administration per
// inhabitant in 2017, against Bærum's 3 237 and Asker's 3 010.
func TestServiceProfile(t *testing.T) {
	st := mustOpenDemo(t)
	chapter := "# Tjenesteprofil\n\n```virk service-profile\ntitle: Tjenesteprofil administrasjon\nindicators: adm_brutto_pr_innb, politisk_styring_pr_innb\ncompare: asker\nyear: 2017\n```\n"
	doc, err := report.Build(context.Background(), folder(`{"title": "Test", "entity": "baerum", "year": 2017}`, chapter), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(doc.Tables))
	}
	tab := doc.Tables[0]
	if tab.Caption != "Tjenesteprofil administrasjon 2017" {
		t.Errorf("caption %q", tab.Caption)
	}
	var texts []string
	for _, c := range tab.Body[0].Cells {
		texts = append(texts, c.Text)
	}
	got := strings.Join(texts, " | ")
	for _, want := range []string{"3\u00a0237", "2\u00a0998", "2\u00a0191", "3\u00a0776", "3\u00a0010"} {
		if !strings.Contains(got, want) {
			t.Errorf("the administration row lacks %q: %s", want, got)
		}
	}
	if notes := strings.Join(tab.Notes, " "); !strings.Contains(notes, "publiserte") {
		t.Errorf("no note that the group figures are the published ones: %q", notes)
	}

	_, err = report.Build(context.Background(), folder(`{"title": "Test", "entity": "baerum", "year": 2017}`,
		"# K\n\n```virk service-profile\ntitle: T\nindicators: adm_brutto_pr_innb\ngroup: naboer\n```\n"), st)
	if err == nil || !strings.Contains(err.Error(), "01-kapittel.md:6:") || !strings.Contains(err.Error(), "«naboer»") {
		t.Errorf("unknown group: %v", err)
	}

	// A stored group: Bærum and Asker as neighbours.
	_, err = st.UpdatePeerGroups(context.Background(), virk.PeerGroupUpdate{Put: []*virk.PeerGroup{{ID: "naboer", Name: "Naboer",
		Source: virk.PeerSourceOwn, Members: []virk.PeerMember{{Ref: "baerum"}, {Ref: "asker"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err = report.Build(context.Background(), folder(`{"title": "Test", "entity": "baerum", "year": 2017}`,
		"# K\n\n```virk service-profile\ntitle: T\nindicators: adm_brutto_pr_innb\ngroup: naboer\n```\n"), st)
	if err != nil {
		t.Fatal(err)
	}
	texts = nil
	for _, c := range doc.Tables[0].Head[0].Cells {
		texts = append(texts, c.Text)
	}
	for _, c := range doc.Tables[0].Body[0].Cells {
		texts = append(texts, c.Text)
	}
	got = strings.Join(texts, " | ")
	// Lower is better for administration costs: Bærum is second of two,
	// and 3 237 against Asker's 3 010 is index 108.
	for _, want := range []string{"Snitt Naboer", "3\u00a0124", "3\u00a0010 (Asker kommune)", "3\u00a0237 (Bærum kommune)", "2 av 2", "| 108"} {
		if !strings.Contains(got, want) {
			t.Errorf("the profile against the stored group lacks %q: %s", want, got)
		}
	}
	_, err = report.Build(context.Background(), folder(`{"title": "Test", "entity": "baerum", "year": 2017}`,
		"# K\n\n```virk service-profile\ntitle: T\nindicators: adm_brutto_pr_innb\ngroup: kostra\n```\n"), st)
	if err == nil || !strings.Contains(err.Error(), "01-kapittel.md:6:") || !strings.Contains(err.Error(), "virk kostra groups") {
		t.Errorf("no stored KOSTRA group: %v", err)
	}
}
