package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/portfolio"
)

const portfolioSynopsis = "import|compute|rank|status|benefits [flagg] …"

// runPortfolio dispatches the portfolio commands.
func runPortfolio(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return usagef("bruk virk portfolio %s", portfolioSynopsis)
	}
	switch args[0] {
	case "import":
		return runPortfolioImport(ctx, m, args[1:], true)
	case "compute":
		return runPortfolioImport(ctx, m, args[1:], false)
	case "rank", "status", "benefits":
		return runPortfolioShow(ctx, m, args[0], args[1:])
	}
	return usagef("ukjent underkommando %q; bruk virk portfolio %s", args[0], portfolioSynopsis)
}

// portfolioFlags are the flags every portfolio command takes.
type portfolioFlags struct {
	year    *int
	weights *string
}

func addPortfolioFlags(fs interface {
	Int(string, int, string) *int
	String(string, string, string) *string
}) portfolioFlags {
	return portfolioFlags{
		year:    fs.Int("year", 0, "rapporteringsåret; standard er det siste året med prognose eller forbruk"),
		weights: fs.String("weights", "", "vektene i prioriteringen: prioritet,kritikalitet,gevinstpotensial, f.eks. 2,1,1; standard er de lagrede, ellers 1,1,1"),
	}
}

// runPortfolioImport reads project and benefit registers (import), or
// none (compute), computes the portfolio's figures over the stored
// register with the files laid over it, and stores both in one batch.
func runPortfolioImport(ctx context.Context, m *Main, args []string, files bool) error {
	c := m.config()
	name, usage := "portfolio compute", "[--year ÅR] [--weights P,K,G] [--dry-run] [--db DB]"
	if files {
		name, usage = "portfolio import", "[--year ÅR] [--weights P,K,G] [--dry-run] [--db DB] PROSJEKTER.csv [GEVINSTER.csv …]"
	}
	fs := m.newFlagSet(name, usage)
	addDBFlag(fs, &c)
	pf := addPortfolioFlags(fs)
	dryRun := fs.Bool("dry-run", false, "kontroller filene og vis hva som ville blitt lagret, uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case files && fs.NArg() == 0:
		return usagef("oppgi prosjektregisteret og eventuelt gevinstregisteret (CSV eller XLSX)")
	case !files && fs.NArg() > 0:
		return usagef("uventet argument %q; filer leses med virk portfolio import", fs.Arg(0))
	}
	st, err := m.openStoreFor(ctx, c.DB, *dryRun)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := storedCatalogue(ctx, st)
	if err != nil {
		return err
	}
	cs := &virk.ChangeSet{}
	if files {
		if cs, err = readPortfolioFiles(ctx, st, cat, fs.Args()); err != nil {
			return err
		}
	}
	w, err := portfolioWeights(ctx, st, *pf.weights)
	if err != nil {
		return err
	}
	in, res, err := computePortfolio(ctx, st, cs, *pf.year, w)
	if err != nil {
		return err
	}
	if res.RankErr != nil {
		return virk.Errorf(virk.EINVALID, "ingenting er lagret: %s", res.RankErr)
	}
	computed := res.ChangeSet(func(id string) bool { return cat.Indicator(id) != nil || hasIndicator(cs, id) })
	cs.Indicators = append(cs.Indicators, computed.Indicators...)
	cs.Observations = append(cs.Observations, computed.Observations...)
	ar, err := st.Apply(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User})
	if err != nil {
		return importError(err)
	}
	fmt.Fprintf(m.Stdout, "%d prosjekter og %d gevinster i registeret; tallene er beregnet for %d.\n%s\n\n",
		len(in.Projects), len(in.Benefits), res.Year, res.Summary)
	if err := writeImportResult(m.Stdout, ar, *dryRun); err != nil {
		return err
	}
	if *pf.weights != "" && !*dryRun {
		if err := st.UpdateSettings(ctx, map[string]string{virk.SettingPortfolioWeights: w.String()}); err != nil {
			return err
		}
	}
	what := strings.Join(fs.Args(), ", ")
	if !files {
		what = "porteføljeberegning"
	}
	return writeAudit(ctx, st, c, *virk.ImportEvent(what, ar, *dryRun))
}

func hasIndicator(cs *virk.ChangeSet, id string) bool {
	for _, ind := range cs.Indicators {
		if ind.ID == id {
			return true
		}
	}
	return false
}

// storedCatalogue returns the store's catalogue.
func storedCatalogue(ctx context.Context, st virk.Store) (*virk.Catalogue, error) {
	inds, _, err := st.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	return virk.NewCatalogue(inds, ents), nil
}

// readPortfolioFiles reads the registers into one change set, with the
// money indicators the catalogue lacks. A benefit register may come
// before the project register it refers to: a file that fails is read
// again once every other file's projects are known.
func readPortfolioFiles(ctx context.Context, st virk.Store, cat *virk.Catalogue, names []string) (*virk.ChangeSet, error) {
	files, hashes, err := readFiles(names)
	if err != nil {
		return nil, err
	}
	stored, err := st.FindProjects(ctx, virk.ProjectFilter{})
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, p := range stored {
		known[p.ID] = true
	}
	fileEnts := map[string]*virk.Entity{}
	opts := ingest.PortfolioOptions{
		Entity: func(id string) *virk.Entity {
			if e := fileEnts[id]; e != nil {
				return e
			}
			return cat.Entity(id)
		},
		Indicator: func(id string) bool { return cat.Indicator(id) != nil },
		Project:   func(id string) bool { return known[id] },
		Budget:    portfolio.IndicatorBudget, Forecast: portfolio.IndicatorForecast, Spent: portfolio.IndicatorSpent,
	}
	read := make([]*ingest.Portfolio, len(files))
	var firstErr error // of the files in the order given
	for round := 0; round < 2; round++ {
		firstErr = nil
		for i, f := range files {
			if read[i] != nil {
				continue
			}
			pf, err := ingest.ReadPortfolio(f.name, f.data, opts)
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			read[i] = pf
			for _, p := range pf.Projects {
				known[p.ID] = true
			}
			for _, e := range pf.Entities {
				fileEnts[e.ID] = e
			}
		}
		if firstErr == nil {
			break
		}
	}
	if firstErr != nil {
		return nil, importError(firstErr)
	}
	cs := &virk.ChangeSet{Files: hashes}
	for _, pf := range read {
		cs.Entities = append(cs.Entities, pf.Entities...)
		cs.Projects = append(cs.Projects, pf.Projects...)
		cs.Benefits = append(cs.Benefits, pf.Benefits...)
		cs.Observations = append(cs.Observations, pf.Observations...)
	}
	for _, ind := range portfolio.Indicators() {
		if cat.Indicator(ind.ID) == nil && (ind.ID == portfolio.IndicatorBudget || ind.ID == portfolio.IndicatorForecast || ind.ID == portfolio.IndicatorSpent) {
			cs.Indicators = append(cs.Indicators, ind)
		}
	}
	return cs, nil
}

// portfolioWeights returns the weights given, or else the stored ones, or
// else the defaults.
func portfolioWeights(ctx context.Context, st virk.Store, given string) (portfolio.Weights, error) {
	if given != "" {
		w, err := portfolio.ParseWeights(given)
		if err != nil {
			return w, usagef("--weights: %v", err)
		}
		return w, nil
	}
	set, err := st.FindSettings(ctx)
	if err != nil {
		return portfolio.Weights{}, err
	}
	return portfolio.StoredWeights(set), nil
}

// computePortfolio computes the portfolio over the stored register with
// cs laid over it, for year (0: the latest year with a forecast or spent
// amount).
func computePortfolio(ctx context.Context, st virk.Store, cs *virk.ChangeSet, year int, w portfolio.Weights) (*portfolio.Input, *portfolio.Result, error) {
	in, err := portfolio.Load(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	in.Overlay(cs)
	in.Weights, in.Year = w, year
	if in.Year == 0 {
		in.Year = portfolio.LatestYear(in.Observations)
	}
	if in.Year == 0 {
		in.Year = time.Now().Year()
	}
	inds, ents := in.Measured()
	value, err := kpi.LatestAnnualOf(ctx, st, inds, ents)
	if err != nil {
		return nil, nil, err
	}
	in.Value = value
	return in, portfolio.Compute(in), nil
}

// runPortfolioShow prints the ranking, the investment status or the
// benefits, computed from the store.
func runPortfolioShow(ctx context.Context, m *Main, what string, args []string) error {
	c := m.config()
	fs := m.newFlagSet("portfolio "+what, "[--year ÅR] [--weights P,K,G] [--db DB]")
	addDBFlag(fs, &c)
	pf := addPortfolioFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := portfolioWeights(ctx, st, *pf.weights)
	if err != nil {
		return err
	}
	in, res, err := computePortfolio(ctx, st, &virk.ChangeSet{}, *pf.year, w)
	if err != nil {
		return err
	}
	name := func(id string) string {
		if n := in.Names[id]; n != "" {
			return n
		}
		return id
	}
	switch what {
	case "rank":
		return writeRanking(m.Stdout, res, name)
	case "status":
		return writeStatus(m.Stdout, res, name)
	}
	return writeBenefits(m.Stdout, res, name)
}

func writeRanking(w io.Writer, res *portfolio.Result, name func(string) string) error {
	if res.RankErr != nil {
		return virk.Errorf(virk.EINVALID, "%s", res.RankErr)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Prioriterte digitaliseringsprosjekter %d. Vekter: prioritet %s, kritikalitet %s, gevinstpotensial %s.\n",
		res.Year, nb.Number(res.Weights.Priority, -1), nb.Number(res.Weights.Criticality, -1), nb.Number(res.Weights.Gain, -1))
	b.WriteString("Poeng = vekt × (6 − sektorens prioritet) + vekt × kritikalitet + vekt × gevinstpotensial; et prosjekt kommer aldri før et prosjekt det avhenger av.\n\n")
	t := &textTable{header: []string{"Plass", "Prosjekt", "Poeng", "Prioritet", "Kritikalitet", "Gevinstpotensial", "Venter på"},
		right: []bool{true, false, true, true, true, true, false}}
	for _, r := range res.Ranked {
		var held []string
		for _, id := range r.HeldBy {
			held = append(held, name(id))
		}
		t.add(fmt.Sprint(r.Place), name(r.Project.ID), nb.Number(r.Score, 1), score(r.Project.Priority),
			score(r.Project.Criticality), score(r.Project.GainPotential), strings.Join(held, ", "))
	}
	if err := t.write(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func score(v int) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprint(v)
}

func writeStatus(w io.Writer, res *portfolio.Result, name func(string) string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Prosjektstatus %d (mill. kr)\n\n", res.Year)
	t := &textTable{header: []string{"Prosjekt", "Fase", "Budsjett", "Prognose", "Avvik", "Avvik %", "Forbruk", "Planlagt ferdig", "Forventet ferdig", "Forsinkelse (mnd)"},
		right: []bool{false, false, true, true, true, true, true, true, true, true}}
	opt := func(v float64, ok bool, dec int) string {
		if !ok {
			return "–"
		}
		return nb.Number(v, dec)
	}
	date := func(d virk.Date) string {
		if d.IsZero() {
			return "–"
		}
		return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year)
	}
	for _, s := range res.Status {
		t.add(name(s.ProjectID), string(s.Phase), opt(s.Budget, s.HasBudget, 1), opt(s.Forecast, !s.ForecastPeriod.IsZero(), 1),
			opt(s.Deviation, s.HasDeviation, 1), opt(s.DeviationPct, s.HasDeviationPct, 1), opt(s.Spent, !s.SpentPeriod.IsZero(), 1),
			date(s.PlannedEnd), date(s.ExpectedEnd), opt(float64(s.Delay), s.HasDelay, 0))
	}
	if err := t.write(&b); err != nil {
		return err
	}
	b.WriteString("\n")
	if len(res.Deviations) == 0 {
		b.WriteString("Avvik: ingen.\n")
	} else {
		b.WriteString("Avvik:\n")
		for _, d := range res.Deviations {
			fmt.Fprintf(&b, "  %s: %s\n", name(d.ProjectID), strings.Join(d.Reasons, "; "))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", res.Summary)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeBenefits(w io.Writer, res *portfolio.Result, name func(string) string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Gevinster per %02d.%02d.%04d\n\n", res.AsOf.Day, res.AsOf.Month, res.AsOf.Year)
	t := &textTable{header: []string{"Gevinst", "Prosjekt", "Enhet", "Indikator", "Basis", "Mål", "Frist", "Siste verdi", "Realisert", "Status"},
		right: []bool{false, false, false, false, true, true, true, true, true, false}}
	for _, r := range res.Benefits {
		if r.Benefit.Qualitative() {
			t.add(r.Benefit.ID, name(r.Benefit.ProjectID), name(r.Benefit.EntityID), "–", "", "", "", "", "", string(r.Status)+": "+r.Benefit.Text)
			continue
		}
		last, share := "–", "–"
		if r.Measured {
			last = nb.Number(r.Value, 2) + " (" + fmt.Sprint(r.ValueYear) + ")"
		}
		if r.HasShare {
			share = nb.Percent(r.Share, 0)
		}
		t.add(r.Benefit.ID, name(r.Benefit.ProjectID), name(r.Benefit.EntityID), r.Benefit.IndicatorID,
			nb.Number(r.Benefit.Baseline, 2), nb.Number(r.Benefit.Target, 2),
			fmt.Sprintf("%02d.%02d.%04d", r.Benefit.Due.Day, r.Benefit.Due.Month, r.Benefit.Due.Year), last, share, string(r.Status))
	}
	if err := t.write(&b); err != nil {
		return err
	}
	for _, part := range []struct {
		title string
		rows  []portfolio.Rollup
	}{{"Etter prosjekt", res.ByProject}, {"Etter enheten gevinsten kommer i", res.ByUnit}} {
		fmt.Fprintf(&b, "\n%s\n", part.title)
		rt := &textTable{header: []string{"", "Målbare", "Realisert", "På vei", "Ikke nådd", "Ikke målt", "Kvalitative", "Planlagt og realisert endring"},
			right: []bool{false, true, true, true, true, true, true, false}}
		for _, r := range part.rows {
			var sums []string
			for _, is := range r.Indicators {
				sums = append(sums, fmt.Sprintf("%s %s / %s", is.IndicatorID, nb.Number(is.Planned, 2), nb.Number(is.Realised, 2)))
			}
			rt.add(name(r.ID), fmt.Sprint(r.Measurable), fmt.Sprint(r.Realised), fmt.Sprint(r.OnTrack), fmt.Sprint(r.Missed),
				fmt.Sprint(r.NotMeasured), fmt.Sprint(r.Qualitative), strings.Join(sums, "; "))
		}
		if err := rt.write(&b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
