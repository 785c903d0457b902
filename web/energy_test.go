package web_test

import (
	"strings"
	"testing"
)

// TestEnergyPages checks the portfolio and a building page of the demo.
func TestEnergyPages(t *testing.T) {
	srv, _ := demoServer(t)
	code, body := get(t, srv.URL+"/energi")
	if code != 200 {
		t.Fatalf("/energi: %d\n%s", code, body)
	}
	// The seed's corrected kWh/m², from meter readings: 212,7 215,1 211,6 212,3 200,7.
	for _, want := range []string{"212,7", "215,1", "211,6", "212,3", "200,7", "Bekkestua skole", `href="/energi/bygg/bekkestua_skole"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/energi lacks %q", want)
		}
	}
	code, body = get(t, srv.URL+"/energi/bygg/bekkestua_skole")
	if code != 200 {
		t.Fatalf("building page: %d\n%s", code, body)
	}
	for _, want := range []string{"Bekkestua skole", "energisignatur", "nattlast over normalen"} {
		if !strings.Contains(body, want) {
			t.Errorf("building page lacks %q", want)
		}
	}
	if code, _ := get(t, srv.URL+"/energi/bygg/finnes_ikke"); code != 404 {
		t.Errorf("unknown building: %d", code)
	}
}
