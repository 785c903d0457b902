package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/portfolio"
)

// benefitsData is the data of /gevinster: the benefits added up by the
// unit where they land and by project, and every benefit.
type benefitsData struct {
	portfolioLang
	Year int
	AsOf string
	// Parts are the roll-ups: by receiving unit, then by project.
	Parts       []rollupPart
	All         []benefitView // the measurable ones
	List        benefitTable  // All as a table
	Qualitative []benefitView
}

// benefitTable is the table of measurable benefits (part_portfolio.html).
type benefitTable struct {
	portfolioLang
	CapID, Caption string
	WithProject    bool // a column for each benefit's project
	Rows           []benefitView
}

// rollupPart is one roll-up table pair: the counts and the changes.
type rollupPart struct {
	portfolioLang
	ID   string // "byunit" or "byproject", also the text key of its title
	Head string // the text key of the first column
	Rows []rollupView
}

// rollupView is a project's or a receiving unit's benefits added up.
type rollupView struct {
	ID, Name, Href                        string
	Measurable, Realised, OnTrack, Missed int
	NotMeasured, Qualitative              int
	Indicators                            []sumView
}

// sumView is the planned and realised change of one indicator.
type sumView struct {
	IndicatorID, Label, Measure string
	Benefits, Measured          int
	Planned, PlannedMeasured    string
	Realised                    string
}

func (s *Server) handleBenefits(w http.ResponseWriter, r *http.Request) {
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := language(r)
	d := &benefitsData{portfolioLang: portfolioLang{lang}, Year: c.res.Year, AsOf: dateText(c.res.AsOf)}
	d.Parts = []rollupPart{
		{portfolioLang: d.portfolioLang, ID: "byunit", Head: "unit", Rows: rollupViews(c, cat, c.res.ByUnit, "/enhet/", lang)},
		{portfolioLang: d.portfolioLang, ID: "byproject", Head: "project", Rows: rollupViews(c, cat, c.res.ByProject, "/prosjekt/", lang)},
	}
	for _, b := range c.res.Benefits {
		v := newBenefitView(c, cat, b, lang)
		if b.Benefit.Qualitative() {
			d.Qualitative = append(d.Qualitative, v)
		} else {
			d.All = append(d.All, v)
		}
	}
	d.List = benefitTable{portfolioLang: d.portfolioLang, CapID: "cap-list", WithProject: true, Rows: d.All,
		Caption: d.L("benefitscap") + ", " + fmt.Sprintf(d.L("asof"), d.AsOf)}
	p := &page{Nav: "portfolio", Data: d}
	p.Title = d.L("btitle")
	s.render(w, r, "portfolio_benefits", p)
}

// rollupViews formats roll-ups of benefits; href is the start of the
// links to the project or unit.
func rollupViews(c *portfolioCalc, cat *virk.Catalogue, rs []portfolio.Rollup, href, lang string) []rollupView {
	var out []rollupView
	for _, u := range rs {
		v := rollupView{ID: u.ID, Name: c.name(u.ID), Href: href + u.ID, Measurable: u.Measurable, Realised: u.Realised,
			OnTrack: u.OnTrack, Missed: u.Missed, NotMeasured: u.NotMeasured, Qualitative: u.Qualitative}
		if e := cat.Entity(u.ID); e != nil {
			v.Name = e.Label(lang)
		}
		for _, is := range u.Indicators {
			sv := sumView{IndicatorID: is.IndicatorID, Label: is.IndicatorID, Benefits: is.Benefits, Measured: is.Measured,
				Planned: signed(is.Planned, benefitDecimals)}
			if is.Measured > 0 {
				sv.PlannedMeasured, sv.Realised = signed(is.PlannedMeasured, benefitDecimals), signed(is.Realised, benefitDecimals)
			}
			if ind := cat.Indicator(is.IndicatorID); ind != nil {
				sv.Label, sv.Measure = indicatorLabel(lang, ind.LabelNB, ind.LabelEN), ind.Unit.Name
			}
			v.Indicators = append(v.Indicators, sv)
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b rollupView) int { return strings.Compare(a.Name, b.Name) })
	return out
}
