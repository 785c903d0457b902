package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/peer"
)

// peerText is the comparison page's own interface text, bokmål then
// English.
var peerText = map[string][2]string{
	"title":      {"Sammenligning med andre kommuner", "Comparison with other municipalities"},
	"intro":      {"Tjenesteprofilen viser kommunen mot gjennomsnittet, lavest og høyest i sammenligningsgruppen. Indeksen måler kommunen mot snittet av de andre medlemmene (= 100), vektet der indikatoren er en brøk.", "The service profile shows the municipality against the average, lowest and highest of its peer group. The index measures it against the average of the other members (= 100), weighted where the indicator is a ratio."},
	"entity":     {"Kommune", "Municipality"},
	"group":      {"Sammenligningsgruppe", "Peer group"},
	"own":        {"Egen gruppe (velg medlemmer)", "Own group (choose members)"},
	"kostra":     {"KOSTRA-gruppen", "The KOSTRA group"},
	"stored":     {"Lagrede grupper", "Stored groups"},
	"ownname":    {"egen gruppe", "own group"},
	"members":    {"Medlemmer i egen gruppe (ID eller kommunenummer, kommaseparert)", "Members of own group (IDs or municipality numbers, comma-separated)"},
	"year":       {"År", "Year"},
	"compare":    {"Vis også", "Also show"},
	"none":       {"Ingen", "None"},
	"show":       {"Vis", "Show"},
	"backcalc":   {"Tilbakeregn sammenslåtte kommuner (summen av delene før sammenslåingen)", "Back-calculate merged municipalities (the sum of the parts before the merger)"},
	"profile":    {"Tjenesteprofil", "Service profile"},
	"against":    {"mot", "against"},
	"mean":       {"Snitt", "Average"},
	"weighted":   {"Vektet snitt", "Weighted average"},
	"lowest":     {"Lavest", "Lowest"},
	"highest":    {"Høyest", "Highest"},
	"rank":       {"Rang", "Rank"},
	"of":         {"av", "of"},
	"index":      {"Indeks", "Index"},
	"chart":      {"Indeks, snittet av de andre medlemmene = 100", "Index, average of the other members = 100"},
	"published":  {"Publiserte gruppetall: medlemmenes egne tall mangler i databasen.", "Published group figures: the members' own figures are not in the database."},
	"missing":    {"Ikke i katalogen: kommunenummer", "Not in the catalogue: municipality numbers"},
	"memberlist": {"Medlemmer", "Members"},
	"history":    {"Tidligere år viser kommunens egne verdier.", "Earlier years show the municipality's own values."},
}

// peersData is the comparison page.
type peersData struct {
	Lang        string
	Entities    []*virk.Entity // the municipalities to choose from
	Entity      string
	Group       string            // "asss", "kostra", a stored group's ID, or "egen"
	Stored      []*virk.PeerGroup // the stored groups to choose from
	KOSTRAName  string            // the entity's own KOSTRA group, if stored; "" hides the choice
	MemberText  string
	Year        string
	Compare     string
	BackCalc    bool         // merged municipalities' earlier years as the sum of their parts
	CSV, XLSX   template.URL // the profile's downloads
	Profile     *peer.Profile
	HistYears   []int
	Published   bool
	MemberNames string
	Chart       template.HTML
	Table       template.HTML
}

// L returns the page's text for key.
func (d *peersData) L(key string) string {
	t := peerText[key]
	if d.Lang == langEN {
		return t[1]
	}
	return t[0]
}

// peerExtreme formats the lowest or highest value and who holds it.
func (d *peersData) Extreme(x *peer.Extreme, unit string, decimals int) string {
	if x == nil {
		return ""
	}
	s := formatValue(&x.Value, unit, decimals)
	if x.Name != "" {
		s += " (" + strings.TrimSuffix(x.Name, " kommune") + ")"
	}
	return s
}

// Index formats an index without decimals.
func (d *peersData) Index(v *float64) string {
	if v == nil {
		return ""
	}
	return formatNumber(*v, 0)
}

// peerRequest reads the comparison page's query into its data and the
// profile request: /sammenligning?enhet=baerum&gruppe=asss&ar=2017&med=asker.
func (s *Server) peerRequest(r *http.Request) (*peersData, peer.Request, error) {
	ctx := r.Context()
	q := r.URL.Query()
	d := &peersData{Lang: language(r), Entity: q.Get("enhet"), Group: q.Get("gruppe"), Year: q.Get("ar"),
		Compare: q.Get("med"), MemberText: q.Get("medlemmer"), BackCalc: q.Get("tilbakeregn") != ""}
	kind := virk.KindMunicipality
	ents, _, err := s.store(r).FindEntities(ctx, virk.EntityFilter{Kind: &kind})
	if err != nil {
		return nil, peer.Request{}, err
	}
	d.Entities = ents
	if d.Entity == "" {
		switch {
		case s.Home != "" && containsEntity(ents, s.Home):
			d.Entity = s.Home
		case len(ents) > 0:
			d.Entity = ents[0].ID
		}
	}
	if d.Stored, err = s.store(r).FindPeerGroups(ctx); err != nil {
		return nil, peer.Request{}, err
	}
	var ent *virk.Entity
	for _, e := range ents {
		if e.ID == d.Entity {
			ent = e
		}
	}
	if ent != nil {
		// Offered when some year has one; the year asked for is checked below.
		if g, err := peer.OwnKOSTRA(d.Stored, ent, 0); err == nil {
			d.KOSTRAName = g.Name
		}
	}
	req := peer.Request{Entity: d.Entity, BackCalculate: d.BackCalc, Register: s.Register}
	if d.Year != "" {
		y, err := strconv.Atoi(d.Year)
		if err != nil || y < 1900 || y > 2200 {
			return nil, peer.Request{}, virk.Errorf(virk.EINVALID, "året «%s» er ugyldig", d.Year)
		}
		req.Year = y
	}
	switch d.Group {
	case "", "asss":
		d.Group = "asss"
		req.Group = peer.ASSS()
	case "egen":
		g := &peer.Group{ID: "egen", Name: d.L("ownname")}
		for _, m := range strings.Split(d.MemberText, ",") {
			if m = strings.TrimSpace(m); m != "" {
				g.Members = append(g.Members, peer.Member{Ref: m})
			}
		}
		if len(g.Members) == 0 {
			return nil, peer.Request{}, virk.Errorf(virk.EINVALID, "egen gruppe trenger minst ett medlem (medlemmer=…)")
		}
		req.Group = g
	case peer.OwnKOSTRAID:
		if ent == nil {
			return nil, peer.Request{}, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", d.Entity)
		}
		g, err := peer.OwnKOSTRA(d.Stored, ent, req.Year)
		if err != nil {
			return nil, peer.Request{}, err
		}
		req.Group = g
	default:
		g := peer.FindStored(d.Stored, d.Group)
		if g == nil {
			return nil, peer.Request{}, virk.Errorf(virk.EINVALID, "ukjent sammenligningsgruppe «%s» (forventet asss, kostra, egen eller en lagret gruppe)", d.Group)
		}
		req.Group = g
	}
	if d.Compare != "" && d.Compare != d.Entity {
		req.Compare = []string{d.Compare}
	}
	return d, req, nil
}

// handlePeers shows a municipality's service profile against a peer
// group: /sammenligning?enhet=baerum&gruppe=asss&ar=2017&med=asker. The
// group is ASSS, the municipality's own KOSTRA group (gruppe=kostra), a
// stored group by ID, or the user's own (gruppe=egen&medlemmer=…).
func (s *Server) handlePeers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, req, err := s.peerRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &page{Nav: "peers", Data: d}
	p.Title = d.L("title")
	if d.Entity == "" {
		s.render(w, r, "peers", p)
		return
	}
	prof, err := peer.Load(ctx, s.store(r), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Profile = prof
	// Re-encoded, the query cannot leave the fixed path it is put after.
	q := "?" + r.URL.Query().Encode()
	d.CSV, d.XLSX = template.URL("/sammenligning/data.csv"+q), template.URL("/sammenligning/data.xlsx"+q)
	d.Year = strconv.Itoa(prof.Year)
	var names []string
	for _, m := range prof.Members {
		names = append(names, strings.TrimSuffix(m.Name, " kommune"))
	}
	d.MemberNames = strings.Join(names, ", ")
	if len(prof.Rows) > 0 {
		for _, h := range prof.Rows[0].History {
			d.HistYears = append(d.HistYears, h.Year)
		}
	}
	for _, row := range prof.Rows {
		d.Published = d.Published || row.Published
	}
	d.Chart, d.Table = peerChart(d, prof)
	p.Title = d.L("profile") + " " + strconv.Itoa(prof.Year) + ": " + prof.EntityName
	s.render(w, r, "peers", p)
}

// handlePeersData serves the profile of the comparison page's query as
// CSV or XLSX: /sammenligning/data.csv?enhet=baerum&gruppe=asss.
func (s *Server) handlePeersData(w http.ResponseWriter, r *http.Request) {
	write := map[string]struct {
		mime  string
		write func(io.Writer, *peer.Profile) error
	}{
		"data.csv":  {"text/csv; charset=utf-8", export.WriteProfileCSV},
		"data.xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.WriteProfileXLSX},
	}[r.PathValue("file")]
	if write.write == nil {
		s.handleNotFound(w, r)
		return
	}
	d, req, err := s.peerRequest(r)
	if err == nil && d.Entity == "" {
		err = virk.Errorf(virk.ENOTFOUND, "ingen kommune å sammenligne (enhet=…)")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	prof, err := peer.Load(r.Context(), s.store(r), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := write.write(&buf, prof); err != nil {
		s.fail(w, r, err)
		return
	}
	ext := strings.TrimPrefix(r.PathValue("file"), "data")
	w.Header().Set("Content-Type", write.mime)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tjenesteprofil-%s-%s-%d%s"`, prof.Entity, prof.Group, prof.Year, ext))
	w.Write(buf.Bytes())
}

func containsEntity(ents []*virk.Entity, id string) bool {
	for _, e := range ents {
		if e.ID == id {
			return true
		}
	}
	return false
}

// peerChart draws the index of each indicator against the reference 100,
// with the table of the indexes. Values of different units become
// comparable only as indexes, so the chart gets indexes, not values.
func peerChart(d *peersData, p *peer.Profile) (svg, table template.HTML) {
	c := &chart.Chart{
		Kind: chart.PeerIndex, ID: "ch-peer", Title: d.L("chart") + ", " + p.EntityName + " " + strconv.Itoa(p.Year),
		CategoryTitle: tr(d.Lang, "col.indicator"),
	}
	idx := chart.Series{Name: strings.TrimSuffix(p.EntityName, " kommune")}
	ref := chart.Series{Name: d.L("mean") + " " + p.GroupName}
	any := false
	for _, r := range p.Rows {
		c.Categories = append(c.Categories, indicatorLabel(d.Lang, r.Label, r.LabelEN))
		v := math.NaN()
		if r.Index != nil {
			v, any = *r.Index, true
		}
		idx.Values = append(idx.Values, v)
		ref.Values = append(ref.Values, 100)
	}
	if !any {
		return "", ""
	}
	c.Series = []chart.Series{idx, ref}
	return render(c)
}
