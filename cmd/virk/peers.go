package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/peer"
)

const peersSynopsis = "--entity ID [--group asss|kostra|ID] [--groups FIL] [--klass FIL] [--year ÅR] [--indicator ID,…] [--compare ID,…] [--years N] [--backcalc] [--format table|json|csv|xlsx]"

// runPeers prints a service profile (tjenesteprofil): a municipality
// against a peer group, as in the seed's §2.2.4 and §5.2.2.
func runPeers(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("peers", peersSynopsis)
	addDBFlag(fs, &c)
	var req peer.Request
	fs.StringVar(&req.Entity, "entity", "", "kommunen som sammenlignes (ID)")
	group := fs.String("group", "asss", "sammenligningsgruppen: asss, kostra (kommunens egen KOSTRA-gruppe), en lagret gruppe (se «virk groups») eller en gruppe fra --groups")
	groups := fs.String("groups", "", "CSV-fil med grupper (kommune;gruppe;navn;fra;til), f.eks. KOSTRA-grupper eller nabokommuner")
	klass := fs.String("klass", "", "JSON-fil med endringer i kommunenummer fra SSBs Klass 131 (standard: de innebygde for ASSS)")
	fs.IntVar(&req.Year, "year", 0, "året (standard: siste år med tall)")
	fs.Var((*listFlag)(&req.Indicators), "indicator", "indikatorene (standard: kategorien "+peer.DefaultCategory+")")
	fs.Var((*listFlag)(&req.Compare), "compare", "enheter som vises ved siden av, f.eks. en nabokommune")
	fs.IntVar(&req.Years, "years", 3, "antall tidligere år som vises ved siden av")
	fs.BoolVar(&req.BackCalculate, "backcalc", false, "vis sammenslåtte kommuners år før sammenslåingen som summen av delene")
	format := fs.String("format", "table", "utdataformat: table, json, csv eller xlsx (regneark til en fil)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("uventet argument %q", fs.Arg(0))
	case req.Entity == "":
		return usagef("--entity mangler: hvilken kommune skal sammenlignes?")
	case !slices.Contains([]string{"table", "json", "csv", "xlsx"}, *format):
		return usagef("--format %q er ukjent (forventet table, json, csv eller xlsx)", *format)
	case req.Years < 0:
		return usagef("--years kan ikke være negativ")
	}
	if req.Years == 0 {
		req.Years = -1 // none; peer's 0 means the default three
	}
	if *klass != "" {
		reg, err := loadRegister(*klass)
		if err != nil {
			return err
		}
		req.Register = reg
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if req.Group, err = findGroup(ctx, st, *group, *groups, req.Entity, req.Year); err != nil {
		return err
	}
	p, err := peer.Load(ctx, st, req)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		bw := bufio.NewWriter(m.Stdout)
		enc := json.NewEncoder(bw)
		if m.IsTerminal {
			enc.SetIndent("", "  ")
		}
		if err := enc.Encode(p); err != nil {
			return err
		}
		return bw.Flush()
	case "csv":
		return export.WriteProfileCSV(m.Stdout, p)
	case "xlsx":
		if m.IsTerminal {
			return usagef("--format xlsx skriver et regneark: send det til en fil (> profil.xlsx)")
		}
		return export.WriteProfileXLSX(m.Stdout, p)
	}
	return writeProfileTable(m.Stdout, p)
}

// findGroup returns the group id names: one of the file, the built-in
// ASSS, the entity's own KOSTRA group ("kostra", in year y when y is not
// 0), or a stored group. A group of the file wins, since the user named
// the file for this run.
func findGroup(ctx context.Context, st virk.Store, id, file, entity string, y int) (*peer.Group, error) {
	var gs []*peer.Group
	if file != "" {
		var err error
		if gs, err = readGroupFile(file); err != nil {
			return nil, err
		}
	}
	known := []string{"asss"}
	for _, g := range gs {
		if strings.EqualFold(g.ID, id) {
			return g, nil
		}
		known = append(known, g.ID)
	}
	if strings.EqualFold(id, "asss") {
		return peer.ASSS(), nil
	}
	stored, err := st.FindPeerGroups(ctx)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(id, peer.OwnKOSTRAID) {
		ent, err := st.FindEntityByID(ctx, entity)
		if err != nil {
			return nil, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", entity)
		}
		return peer.OwnKOSTRA(stored, ent, y)
	}
	if g := peer.FindStored(stored, id); g != nil {
		return g, nil
	}
	for _, g := range stored {
		if g.Source == virk.PeerSourceKOSTRA && !slices.Contains(known, peer.OwnKOSTRAID) {
			known = append(known, peer.OwnKOSTRAID)
		}
		known = append(known, g.ID)
	}
	return nil, errNoGroup(id, known)
}

func prefixed(pre, s string) string {
	if s == "" {
		return ""
	}
	return pre + s
}

// shortName drops " kommune" for narrow columns.
func shortName(s string) string { return strings.TrimSuffix(s, " kommune") }

func fmtPtr(v *float64, unit string, decimals int) string {
	if v == nil {
		return ""
	}
	return formatValue(*v, unit, decimals)
}

// writeProfileTable prints the profile: one row per indicator with the
// municipality, the group's average, lowest and highest, rank, index and
// the years before.
func writeProfileTable(w io.Writer, p *peer.Profile) error {
	if len(p.Rows) == 0 {
		_, err := fmt.Fprintln(w, "Ingen indikatorer å vise.")
		return err
	}
	t := &textTable{header: []string{"Indikator", shortName(p.EntityName), "Snitt " + p.GroupName, "Vektet snitt",
		"Lavest", "Høyest", "Rang", "Indeks"}}
	t.right = []bool{false, true, true, true, true, true, true, true}
	var hist []int
	for _, h := range p.Rows[0].History {
		hist = append(hist, h.Year)
		t.header = append(t.header, strconv.Itoa(h.Year))
		t.right = append(t.right, true)
	}
	for _, c := range p.Rows[0].Compare {
		t.header = append(t.header, shortName(c.Name))
		t.right = append(t.right, true)
	}
	published := false
	for _, r := range p.Rows {
		label := r.Label
		if r.Unit != "%" && r.Unit != "" {
			label += " (" + r.Unit + ")"
		}
		ext := func(x *peer.Extreme) string {
			if x == nil {
				return ""
			}
			s := formatValue(x.Value, r.Unit, r.Decimals)
			if x.Name != "" {
				s += " " + shortName(x.Name)
			}
			return s
		}
		rank := ""
		if r.Rank > 0 {
			rank = fmt.Sprintf("%d av %d", r.Rank, r.N)
		}
		idx := ""
		if r.Index != nil {
			idx = nb.Number(*r.Index, 0)
		}
		mean := fmtPtr(r.Mean, r.Unit, r.Decimals)
		if r.Published {
			mean += " *"
			published = true
		}
		cells := []string{label, fmtPtr(r.Value, r.Unit, r.Decimals), mean, fmtPtr(r.Weighted, r.Unit, r.Decimals),
			ext(r.Min), ext(r.Max), rank, idx}
		for _, h := range r.History {
			cells = append(cells, fmtPtr(h.Value, r.Unit, r.Decimals))
		}
		for _, c := range r.Compare {
			cells = append(cells, fmtPtr(c.Value, r.Unit, r.Decimals))
		}
		t.add(cells...)
	}
	var names []string
	for _, m := range p.Members {
		names = append(names, shortName(m.Name))
	}
	fmt.Fprintf(w, "Tjenesteprofil %d: %s mot %s (%d medlemmer)\n\n", p.Year, p.EntityName, p.GroupName, len(p.Members))
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nIndeks: %s mot snittet av de andre medlemmene (= 100); vektet der indikatoren er en brøk (sum tellere / sum nevnere).\n", shortName(p.EntityName))
	if len(hist) > 0 {
		fmt.Fprintf(w, "Tidligere år: verdiene til %s.\n", shortName(p.EntityName))
	}
	fmt.Fprintf(w, "Medlemmer %d: %s.\n", p.Year, strings.Join(names, ", "))
	if published {
		fmt.Fprintln(w, "* Publiserte gruppetall: medlemmenes egne tall mangler i databasen.")
	}
	if len(p.Missing) > 0 {
		fmt.Fprintf(w, "Ikke i katalogen: kommunenummer %s.\n", strings.Join(p.Missing, ", "))
	}
	for _, n := range p.Notes {
		fmt.Fprintln(w, "Merk: "+n)
	}
	return nil
}
