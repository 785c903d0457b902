package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnergy_BadInput feeds each energy format a file with one fault: the
// command fails, the message names the file, the line and the fault, and
// the database is byte for byte as before. The good readings then go in.
func TestEnergy_BadInput(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	h := "Målepunkt-ID;Fra;Til;Volum (kWh)\n"
	row := func(meter, from, to, v string) string { return meter + ";" + from + ";" + to + ";" + v + "\n" }
	good := h + row("hosle_skole-el", "01.01.2019 00:00", "01.01.2019 01:00", "12,5") +
		row("hosle_skole-el", "01.01.2019 01:00", "01.01.2019 02:00", "11,75")
	for _, tc := range []struct {
		cmd, file, data, want string
	}{
		{"import", "kolonner.csv", "meter;når;kWh\nhosle_skole-el;1;2\n", "kolonner.csv:1: mangler tidskolonnen"},
		{"import", "tall.csv", h + row("hosle_skole-el", "01.01.2019 00:00", "01.01.2019 01:00", "12,5,1"), "tall.csv:2:4: verdien «12,5,1» er ikke et tall"},
		{"import", "bakover.csv", h + row("hosle_skole-el", "01.01.2019 01:00", "01.01.2019 02:00", "1") + row("hosle_skole-el", "01.01.2019 00:00", "01.01.2019 01:00", "1"),
			"bakover.csv:3:2: tiden går bakover: måleren hosle_skole-el har 2019-01-01 00:00 etter 2019-01-01 01:00 på linje 2"},
		{"import", "ukjent.csv", h + row("skolen-el", "01.01.2019 00:00", "01.01.2019 01:00", "1"), "ukjent.csv:2:1: måleren «skolen-el» er ukjent"},
		{"import", "overlapp.csv", h + row("hosle_skole-el", "01.01.2019 00:00", "01.01.2019 01:00", "1") + row("hosle_skole-el", "01.01.2019 00:30", "01.01.2019 01:30", "1"),
			"overlapp.csv:3:2: intervallet 2019-01-01 00:30–2019-01-01 01:30 overlapper"},
		{"import", "sommertid.csv", h + row("hosle_skole-el", "31.03.2019 02:00", "31.03.2019 03:00", "1"), "sommertid.csv:2:2: tidspunktet «31.03.2019 02:00» er ugyldig (klokkeslettet finnes ikke den dagen"},
		{"weather", "temp.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;01.01.2019;-3,1\nOslo;SN18700;02.01.2019;kaldt\n", "temp.csv:3: temperaturen «kaldt» er ikke et tall"},
		{"buildings", "malere.csv", "måler;bygg;energibærer;hovedmåler\nny-el;hosle_skole;kull;ja\n", "malere.csv:2:3: energibæreren \"kull\" er ukjent"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			bad := writeFile(t, filepath.Join(dir, tc.file), []byte(tc.data))
			before := readFile(t, db)
			r := virkCmd(t, env, "energy", tc.cmd, bad)
			if r.code != 1 || !strings.Contains(r.stderr, "ingenting er lagret") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want 1 with %q\nstderr: %s", r.code, tc.want, r.stderr)
			}
			if after := readFile(t, db); !bytes.Equal(before, after) {
				t.Errorf("the failed import changed the database")
			}
		})
	}
	r := mustRun(t, env, "energy", "import", "--no-compute", writeFile(t, filepath.Join(dir, "god.csv"), []byte(good)))
	if !strings.Contains(r.stdout, "Lagret som batch") || !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "Verdier 2 0 0") {
		t.Errorf("good readings:\n%s", r.stdout)
	}
}

// TestEnergy_Commands runs the commands on the demo: the list of yearly
// figures, degree days, alerts and an alert's change of state, which the
// audit log records.
func TestEnergy_Commands(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "energy")
	if !strings.Contains(r.stdout, "hosle_skole") || !strings.Contains(r.stdout, "modell") {
		t.Errorf("energy list:\n%.600s", r.stdout)
	}
	r = mustRun(t, env, "energy", "degreedays", "--station", "SN18700", "--year", "2020")
	// January and February 2020 at Blindern, from the real file: 20.08.2019–25.02.2020.
	if !strings.Contains(r.stdout, "2020-01") || !strings.Contains(r.stdout, "31 av 31") || !strings.Contains(r.stdout, "25 av 29") {
		t.Errorf("degree days:\n%s", r.stdout)
	}
	r = mustRun(t, env, "energy", "alerts", "--building", "radhuset")
	if !strings.Contains(r.stdout, "sprang") || !strings.Contains(r.stdout, "2017-03-06") {
		t.Fatalf("the stuck heating valve of 2017 is not found:\n%s", r.stdout)
	}
	id := strings.Fields(strings.Split(strings.TrimSpace(r.stdout), "\n")[2])[0]
	r = mustRun(t, env, "energy", "alert", "--state", "løst", "--comment", "ventilen er skiftet", id)
	if !strings.Contains(r.stdout, "løst") {
		t.Errorf("alert: %s", r.stdout)
	}
	if r := mustRun(t, env, "audit", "--action", "alert"); !strings.Contains(r.stdout, "ventilen er skiftet") {
		t.Errorf("the audit log lacks the alert's change:\n%s", r.stdout)
	}
	// Computing again keeps the user's state and adds nothing.
	r = mustRun(t, env, "energy", "compute")
	if !strings.Contains(r.stdout, "0 nye og 0 oppdaterte avviksvarsler") {
		t.Errorf("compute again: %s", r.stdout)
	}
	if r := mustRun(t, env, "energy", "alerts", "--state", "løst"); !strings.Contains(r.stdout, "radhuset") {
		t.Errorf("resolved alerts:\n%s", r.stdout)
	}
}
