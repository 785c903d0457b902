package load

import (
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/portfolio"
)

// addPortfolio adds the demo's project portfolio to cs, as `virk
// portfolio import` stores it: the projects as entities with their
// register and money, the benefits, and the figures computed for 2018
// with the benefits measured on cs's own figures. It runs after the
// other parts, since a benefit may be measured on a computed figure,
// such as the corrected energy use of eiendom.
func addPortfolio(cs *virk.ChangeSet, stored *virk.Catalogue) error {
	cat := merged(cs, stored)
	fileEnts := map[string]*virk.Entity{}
	projects := map[string]bool{}
	opts := ingest.PortfolioOptions{
		Entity: func(id string) *virk.Entity {
			if e := fileEnts[id]; e != nil {
				return e
			}
			return cat.Entity(id)
		},
		Indicator: func(id string) bool { return cat.Indicator(id) != nil },
		Project:   func(id string) bool { return projects[id] },
		Budget:    portfolio.IndicatorBudget, Forecast: portfolio.IndicatorForecast, Spent: portfolio.IndicatorSpent,
	}
	fsys := demo.Portfolio()
	for _, name := range []string{"prosjekter.csv", "gevinster.csv"} {
		data, file, err := read(fsys, "demo/portefolje", name)
		if err != nil {
			return err
		}
		pf, err := ingest.ReadPortfolio(file.Name, data, opts)
		if err != nil {
			return err
		}
		for _, e := range pf.Entities {
			fileEnts[e.ID] = e
		}
		for _, p := range pf.Projects {
			projects[p.ID] = true
		}
		cs.Files = append(cs.Files, file)
		cs.Entities = append(cs.Entities, pf.Entities...)
		cs.Projects = append(cs.Projects, pf.Projects...)
		cs.Benefits = append(cs.Benefits, pf.Benefits...)
		cs.Observations = append(cs.Observations, pf.Observations...)
	}
	for _, ind := range portfolio.Indicators() {
		if cat.Indicator(ind.ID) == nil {
			cs.Indicators = append(cs.Indicators, ind)
		}
	}
	cat = merged(cs, stored)
	obs := make([]*virk.Observation, len(cs.Observations))
	for i := range cs.Observations {
		obs[i] = &cs.Observations[i]
	}
	cube, err := kpi.NewCube(cat.Indicators, cat.Entities, obs)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, e := range cat.Entities {
		names[e.ID] = e.Name
	}
	res := portfolio.Compute(&portfolio.Input{
		Projects: cs.Projects, Benefits: cs.Benefits, Names: names, Observations: cs.Observations,
		Value: cube.LatestAnnual, Year: 2018,
	})
	if res.RankErr != nil {
		return res.RankErr
	}
	cs.Observations = append(cs.Observations, res.Observations...)
	return nil
}
