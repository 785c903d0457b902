package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/peer"
	"github.com/xuri/excelize/v2"
)

// TestPeers_Demo prints Bærum's service profile on the demo data, which
// holds ASSS's published figures rather than the members' own.
func TestPeers_Demo(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "peers", "--entity", "baerum", "--year", "2017", "--compare", "asker",
		"--indicator", "politisk_styring_pr_innb,adm_brutto_pr_innb,eiendom_andel_netto_driftsutg")
	for _, want := range []string{
		"Tjenesteprofil 2017: Bærum kommune mot ASSS",
		"Brutto driftsutgifter til Politisk styring, pr. innb.",
		"2\u00a0998 *", "3\u00a0776", "9,8\u00a0%", "361",
		"* Publiserte gruppetall",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the profile lacks %q:\n%s", want, r.stdout)
		}
	}
	// Asker's profile over 2017–2020 notes the merger with Røyken and Hurum.
	asker := mustRun(t, env, "peers", "--entity", "asker", "--year", "2020", "--indicator", "politisk_styring_pr_innb")
	if !strings.Contains(asker.stdout, "Merk: Asker (0220), Røyken (0627) og Hurum (0628) ble slått sammen til Asker kommune (3025) fra 2020.") {
		t.Errorf("no merger note:\n%s", asker.stdout)
	}
	csv := mustRun(t, env, "peers", "--entity", "baerum", "--year", "2017", "--years", "0", "--format", "csv", "--indicator", "politisk_styring_pr_innb")
	if !strings.HasPrefix(csv.stdout, "\ufeffindikator;indikatornavn;") || !strings.Contains(csv.stdout, ";2017;269;281;;202;;376;;;1;281;95,") {
		t.Errorf("csv:\n%s", csv.stdout)
	}
}

// TestPeers_Members imports the ten ASSS members' own figures for 2017,
// named by their 2017 numbers, and checks the average, lowest and highest
// the seed prints (§2.2.4), the weighted average being absent for a
// stored indicator, and a user's group from a file.
func TestPeers_Members(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db"), "VIRK_USER": "test"}
	reg := peer.NewRegister(peer.KLASS131())
	type code struct {
		Code string `json:"code"`
		From int    `json:"from,omitempty"`
		To   int    `json:"to,omitempty"`
	}
	type entity struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Kind  string `json:"kind"`
		Codes []code `json:"codes"`
	}
	cat := map[string]any{"indicators": []map[string]any{{
		"id": "politisk_styring_pr_innb", "label_nb": "Politisk styring pr. innb.", "unit": "kr pr. innb.",
		"decimals": 0, "direction": -1, "category": peer.DefaultCategory,
	}}}
	var ents []entity
	seen := map[string]bool{}
	for _, c := range append(reg.Changes(), peer.Change{OldCode: "0301", Year: 2024}) {
		e := reg.Entity(c.OldCode, c.Year-1)
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		je := entity{ID: e.ID, Name: e.Name, Kind: string(e.Kind)}
		if e.ID == "k0301" {
			je.Name = "Oslo kommune"
		}
		for _, c := range e.Codes {
			je.Codes = append(je.Codes, code{c.Code, c.From, c.To})
		}
		ents = append(ents, je)
	}
	cat["entities"] = ents
	data, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	catFile := writeFile(t, filepath.Join(dir, "katalog.json"), data)
	fixture, err := os.ReadFile("../../peer/testdata/TestBuild_Seed/members.csv")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(fixture), "\n") {
		if strings.HasPrefix(l, "indikator;") || strings.HasPrefix(l, "politisk_styring_pr_innb;") {
			lines = append(lines, l)
		}
	}
	dataFile := writeFile(t, filepath.Join(dir, "data.csv"), []byte(strings.Join(lines, "\n")))
	mustRun(t, env, "import", catFile, dataFile)

	r := mustRun(t, env, "peers", "--entity", "k3201", "--year", "2017", "--compare", "k3203", "--format", "json")
	var p peer.Profile
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatal(err)
	}
	row := p.Rows[0]
	if len(p.Members) != 10 || *row.Value != 269 || *row.Mean != 281 || row.Min.Value != 202 || row.Max.Value != 376 ||
		row.Min.Name != "Bergen kommune" || row.Rank != 5 || *row.Compare[0].Value != 361 || row.Weighted != nil {
		t.Errorf("profile %+v, row %+v", p, row.Stats)
	}

	groups := writeFile(t, filepath.Join(dir, "grupper.csv"), []byte("kommune;gruppe;navn\n0219;naboer;Naboer\n0220;naboer;Naboer\n"))
	r = mustRun(t, env, "peers", "--entity", "k3201", "--year", "2017", "--group", "naboer", "--groups", groups)
	// Bærum 269 against Asker 361, the only other member: index 100 × 269 / 361 = 75.
	if !strings.Contains(r.stdout, "mot Naboer (2 medlemmer)") || !strings.Contains(r.stdout, "361 Asker  1 av 2      75") {
		t.Errorf("neighbours:\n%s", r.stdout)
	}
}

func TestPeers_Usage(t *testing.T) {
	_, env := demoDB(t)
	for name, args := range map[string][]string{
		"no entity":     {"peers"},
		"bad format":    {"peers", "--entity", "baerum", "--format", "pdf"},
		"unknown group": {"peers", "--entity", "baerum", "--group", "kostra99"},
	} {
		t.Run(name, func(t *testing.T) {
			if r := virkCmd(t, env, args...); r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %s", r.code, r.stderr)
			}
		})
	}
	bad := writeFile(t, filepath.Join(t.TempDir(), "klass.json"), []byte(`{"codeChanges":[{"oldCode":"1"}]}`))
	if r := virkCmd(t, env, "peers", "--entity", "baerum", "--klass", bad); r.code != 1 || !strings.Contains(r.stderr, "klass.json") {
		t.Errorf("bad Klass file: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := virkCmd(t, env, "peers", "--entity", "nope"); r.code != 1 || !strings.Contains(r.stderr, "ukjent enhet «nope»") {
		t.Errorf("unknown entity: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestPeers_XLSX writes the demo's ASSS profile as a workbook, numbers as
// numbers: Bærum's administration 2017 beside the published mean.
func TestPeers_XLSX(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "peers", "--entity", "baerum", "--year", "2017", "--years", "0", "--format", "xlsx")
	f, err := excelize.OpenReader(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tjenesteprofil", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var line []string
	at := 0
	for i, row := range rows {
		if len(row) > 6 && row[0] == "adm_brutto_pr_innb" {
			line, at = row, i+1
		}
	}
	if len(line) < 7 || line[4] != "2017" || line[5] != "3237" || line[6] != "2998" {
		t.Errorf("administration line %q, want 2017, 3237 and the mean 2998", line)
	}
	cell := fmt.Sprintf("F%d", at)
	if typ, err := f.GetCellType("Tjenesteprofil", cell); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s is of type %v, not a number", cell, typ)
	}
}
