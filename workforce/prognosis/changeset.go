package prognosis

import (
	"math"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Indicator IDs of a projection's figures. Each area's figures are
// observations of these for the area's entity, one a year, so that the
// scorecard, report blocks and downloads show them as any other
// indicator.
const (
	// IndicatorNeeded is the årsverk needed to give the base year's
	// service to the year's population: Year.Needed.
	IndicatorNeeded = "prognose_arsverk_behov"
	// IndicatorRemaining is the årsverk left of the base year's
	// workforce: Year.Remaining.
	IndicatorRemaining = "prognose_arsverk_gjenvaerende"
	// IndicatorRetirements is the årsverk leaving that year at the
	// retirement age or early: Year.Retirements.
	IndicatorRetirements = "prognose_pensjonering"
	// IndicatorTurnover is the årsverk leaving that year for other
	// reasons: Year.Turnover.
	IndicatorTurnover = "prognose_turnover"
	// IndicatorRecruitmentNeed is the årsverk to be recruited by that
	// year since the base year: Year.RecruitmentNeed.
	IndicatorRecruitmentNeed = "prognose_rekrutteringsbehov"
	// IndicatorRecruitment is that year's part of the recruitment need:
	// Year.Recruitment.
	IndicatorRecruitment = "prognose_rekruttering"
)

// Source is the source of the projection's indicators and observations.
const Source = "KS-modell / SSB 14288"

// Indicators returns the definitions of the projection's indicators, in
// the order of Columns. They are planning figures computed from a
// population projection and a model, not figures about employees, so
// unlike the workforce statistics they are not personnel data: anyone
// who may see the scorecard may see them. None rolls up: the model's
// areas need not partition the municipality, and a parent has no
// projection of its own.
func Indicators() []*virk.Indicator {
	fte := virk.Unit{Name: "årsverk", Decimals: 1}
	ind := func(id, nb, en, note string) *virk.Indicator {
		return &virk.Indicator{ID: id, LabelNB: nb, LabelEN: en, Unit: fte, Direction: virk.Neutral,
			Category: "Medarbeidere", Source: Source, Rollup: virk.RollupNone, Note: note}
	}
	return []*virk.Indicator{
		ind(IndicatorNeeded, "Framskrevet årsverksbehov", "Projected FTE need",
			"Årsverk som trengs for å gi dagens tjeneste til årets befolkning: dekningsgrad og årsverk per bruker holdes på basisårets nivå (KS' prognosemodell, demografisk komponent). Forutsetningene står i merknadene."),
		ind(IndicatorRemaining, "Gjenværende av dagens arbeidsstyrke", "Remaining of today's workforce",
			"Basisårets arbeidsstyrke eldet år for år, etter pensjonering, tidlig avgang og turnover."),
		ind(IndicatorRetirements, "Framskrevet pensjonering", "Projected retirements",
			"Årsverk som går av det året ved pensjonsalderen eller ved tidlig avgang (AFP). Første år er året etter basisåret."),
		ind(IndicatorTurnover, "Framskrevet avgang ved turnover", "Projected turnover",
			"Årsverk som slutter det året av andre grunner enn pensjonering. Første år er året etter basisåret."),
		ind(IndicatorRecruitmentNeed, "Framskrevet rekrutteringsbehov", "Projected recruitment need",
			"Behov minus gjenværende årsverk: årsverk som må rekrutteres fra basisåret til og med året, erstatning og vekst samlet."),
		ind(IndicatorRecruitment, "Framskrevet rekruttering i året", "Projected recruitment in the year",
			"Endringen i rekrutteringsbehovet fra året før. Første år er året etter basisåret."),
	}
}

// ChangeSet turns a projection into what a store applies: the
// projection's indicators, and for each area the observations of its
// entity from the base year to the end year, with the assumptions as a
// comment on each of the area's series. Needed, remaining and the
// recruitment need start in the base year (today's årsverk, today's
// workforce and the gap between them); the year's flows — retirements,
// turnover and recruitment — start the year after, since the model does
// not know the base year's own.
//
// unit reports whether an ID is an entity of the catalogue that can hold
// figures: an area whose ID is not one is a fault placed at the area's
// "id" in the configuration file, and no change set is returned. files
// are recorded on the batch: the population and configuration files.
func ChangeSet(res *Result, unit func(id string) bool, files []virk.File) (*virk.ChangeSet, error) {
	var errs Errors
	for i, ar := range res.Areas {
		if !unit(ar.ID) {
			errs = append(errs, &Error{Path: "omrader[" + strconv.Itoa(i) + "].id",
				Err: errorf(ErrField, "området %s finnes ikke som enhet i katalogen: id må være en enhet, for eksempel pleie_omsorg", quote(ar.ID))})
		}
	}
	if len(errs) > 0 {
		if res.model != nil {
			errs = res.model.locate(errs)
		}
		return nil, errs
	}
	cs := &virk.ChangeSet{Files: files, Indicators: Indicators()}
	for _, ar := range res.Areas {
		add := func(id string, p virk.Period, v float64) {
			cs.Observations = append(cs.Observations, virk.Observation{
				IndicatorID: id, EntityID: ar.ID, Period: p, Value: round(v),
				Status: virk.StatusFinal, Source: Source,
			})
		}
		b := virk.YearPeriod(res.BaseYear)
		add(IndicatorNeeded, b, ar.Base.Needed)
		add(IndicatorRemaining, b, ar.Base.Remaining)
		add(IndicatorRecruitmentNeed, b, ar.Base.RecruitmentNeed)
		for _, y := range ar.Years {
			p := virk.YearPeriod(y.Year)
			add(IndicatorNeeded, p, y.Needed)
			add(IndicatorRemaining, p, y.Remaining)
			add(IndicatorRetirements, p, y.Retirements)
			add(IndicatorTurnover, p, y.Turnover)
			add(IndicatorRecruitmentNeed, p, y.RecruitmentNeed)
			add(IndicatorRecruitment, p, y.Recruitment)
		}
		// One comment per series with every assumption, rather than one
		// per assumption: annotations are only ever added, so when a
		// later run changes an assumption, the old set stays beside the
		// new one as a whole and can be told apart, instead of single
		// sentences contradicting each other.
		text := "Forutsetninger for framskrivingen: " + strings.Join(ar.Assumptions, " ")
		for _, ind := range cs.Indicators {
			cs.Annotations = append(cs.Annotations, &virk.Annotation{
				Kind: virk.AnnotationComment, IndicatorID: ind.ID, EntityID: ar.ID, Text: text,
			})
		}
	}
	return cs, nil
}

// round keeps four decimals: far more than the one shown, and few enough
// that a figure computed again on another machine, where the compiler
// may fuse a multiply and an add, is stored as the same value and a
// second run changes nothing.
func round(v float64) float64 {
	r := math.Round(v*1e4) / 1e4
	if r == 0 {
		return 0 // no −0
	}
	return r
}
