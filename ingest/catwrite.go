package ingest

import (
	"encoding/json"
	"io"

	"github.com/virk-analyse/virk"
)

// The JSON shapes of catalogue records, for writing. Field order follows
// the documented examples; empty optional fields are left out.
type (
	jsonCatalogue struct {
		Indicators  []jsonIndicator  `json:"indicators,omitempty"`
		Entities    []jsonEntity     `json:"entities,omitempty"`
		Annotations []jsonAnnotation `json:"annotations,omitempty"`
	}
	jsonIndicator struct {
		ID        string       `json:"id"`
		LabelNB   string       `json:"label_nb"`
		LabelEN   string       `json:"label_en,omitempty"`
		Unit      string       `json:"unit,omitempty"`
		Decimals  int          `json:"decimals,omitempty"`
		Direction int          `json:"direction,omitempty"`
		Category  string       `json:"category,omitempty"`
		Source    string       `json:"source,omitempty"`
		Kostra    *jsonKostra  `json:"kostra,omitempty"`
		Targets   []jsonTarget `json:"targets,omitempty"`
		Formula   string       `json:"formula,omitempty"`
		Rollup    string       `json:"rollup,omitempty"`
		Deflator  string       `json:"deflator,omitempty"`
		Note      string       `json:"note,omitempty"`
		Personnel bool         `json:"personnel,omitempty"`
	}
	jsonKostra struct {
		Table    string `json:"table,omitempty"`
		Function string `json:"function,omitempty"`
		Type     string `json:"type,omitempty"`
		Scope    string `json:"scope,omitempty"`
		Variable string `json:"variable,omitempty"`
	}
	jsonTarget struct {
		Kind     string  `json:"kind"`
		Value    float64 `json:"value"`
		BaseYear int     `json:"base_year,omitempty"`
		Year     int     `json:"year,omitempty"`
		Entity   string  `json:"entity,omitempty"`
		Note     string  `json:"note,omitempty"`
	}
	jsonEntity struct {
		ID     string     `json:"id"`
		Name   string     `json:"name"`
		NameEN string     `json:"name_en,omitempty"`
		Kind   string     `json:"kind"`
		Parent string     `json:"parent,omitempty"`
		Codes  []jsonCode `json:"codes,omitempty"`
	}
	jsonCode struct {
		Code string `json:"code"`
		From int    `json:"from,omitempty"`
		To   int    `json:"to,omitempty"`
	}
	jsonAnnotation struct {
		Kind      string `json:"kind"`
		Indicator string `json:"indicator"`
		Entity    string `json:"entity,omitempty"`
		Period    string `json:"period,omitempty"`
		Text      string `json:"text"`
		Author    string `json:"author,omitempty"`
	}
)

// WriteCatalogue writes f as a catalogue file that ReadCatalogue reads back
// to the same records: UTF-8 JSON, indented by two spaces, with the keys
// "indicators", "entities" and "annotations".
func WriteCatalogue(w io.Writer, f *CatalogueFile) error {
	var out jsonCatalogue
	for _, ind := range f.Indicators {
		j := jsonIndicator{ID: ind.ID, LabelNB: ind.LabelNB, LabelEN: ind.LabelEN,
			Unit: ind.Unit.Name, Decimals: ind.Unit.Decimals, Direction: int(ind.Direction),
			Category: ind.Category, Source: ind.Source, Formula: ind.Formula,
			Rollup: string(ind.Rollup), Deflator: ind.Deflator, Note: ind.Note, Personnel: ind.Personnel}
		if k := ind.Kostra; k != nil {
			j.Kostra = &jsonKostra{k.Table, k.Function, k.Type, k.Scope, k.Variable}
		}
		for _, t := range ind.Targets {
			j.Targets = append(j.Targets, jsonTarget{string(t.Kind), t.Value, t.BaseYear, t.Year, t.EntityID, t.Note})
		}
		out.Indicators = append(out.Indicators, j)
	}
	for _, e := range f.Entities {
		j := jsonEntity{ID: e.ID, Name: e.Name, NameEN: e.NameEN, Kind: string(e.Kind), Parent: e.ParentID}
		for _, c := range e.Codes {
			j.Codes = append(j.Codes, jsonCode(c))
		}
		out.Entities = append(out.Entities, j)
	}
	for _, a := range f.Annotations {
		out.Annotations = append(out.Annotations, jsonAnnotation{Kind: string(a.Kind),
			Indicator: a.IndicatorID, Entity: a.EntityID, Period: periodText(a.Period),
			Text: a.Text, Author: a.Author})
	}
	// HTML escaping would turn "<" in notes and formulas into \u003c,
	// which is valid but unreadable for the analysts who edit the file.
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func periodText(p virk.Period) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}
