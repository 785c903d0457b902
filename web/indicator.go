package web

import (
	"bufio"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/kpi"
)

// indicatorData is the indicator page.
type indicatorData struct {
	Ind       *virk.Indicator
	Entity    string // the selected entity, "" for all
	Holders   []*virk.Entity
	Rows      []*kpi.Row
	Chart     template.HTML
	Table     template.HTML
	Updated   time.Time
	Back      *backcalcData // the merged municipality's series back in time
	Revisions []*virk.Revision
	Users     map[int64]string
	Query     string // "?enhet=…" for the download links
}

// maxEntitiesShown is how many entities the indicator page shows at once
// without a choice: as many as a chart tells apart.
const maxEntitiesShown = 8

func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	entity := r.URL.Query().Get("enhet")
	_, allInds, allEnts, err := s.rowIndex(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := kpi.Query{IndicatorIDs: []string{id}}
	l, err := kpi.LoadWith(ctx, s.store(r), q, allInds, allEnts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &indicatorData{Ind: l.Indicators[0], Entity: entity}
	holders := map[string]bool{}
	for _, eid := range l.Cube.Entities(id) {
		holders[eid] = true
	}
	for _, e := range l.Entities {
		if holders[e.ID] {
			d.Holders = append(d.Holders, e)
		}
	}
	// All entities fit on one page and in one chart only when they are
	// few; with national data the page starts at the home municipality.
	if entity == "" && len(d.Holders) > maxEntitiesShown {
		entity = d.Holders[0].ID
		if home := homeEntity(l.Entities, s.Home); holders[home] {
			entity = home
		}
		d.Entity = entity
	}
	ents := l.Entities[:0:0]
	for _, e := range d.Holders {
		if entity == "" || e.ID == entity {
			ents = append(ents, e)
		}
	}
	if entity != "" {
		if len(ents) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "indikatoren «%s» har ingen verdier for enheten «%s»", id, entity))
			return
		}
		d.Query = "?enhet=" + entity
	}
	sc, err := kpi.Build(l.Cube, l.Indicators, ents, l.Annotations, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Rows = sc.Rows
	lang := language(r)
	var extra []*kpi.Row
	if entity != "" {
		if d.Back = s.backcalc(lang, l, d.Ind, ents[0]); d.Back != nil && d.Back.row != nil {
			extra = append(extra, d.Back.row)
		}
	}
	d.Chart, d.Table = indicatorChart(lang, d.Ind, d.Rows, extra...)

	f := virk.ObservationFilter{IndicatorIDs: []string{id}}
	if entity != "" {
		f.EntityIDs = []string{entity}
	}
	if d.Revisions, err = s.store(r).FindRevisions(ctx, f); err != nil {
		s.fail(w, r, err)
		return
	}
	batches, err := s.store(r).FindBatches(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	obs, err := s.store(r).FindObservations(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var last int64
	for _, o := range obs {
		last = max(last, o.BatchID)
	}
	d.Users = map[int64]string{}
	for _, b := range batches {
		d.Users[b.ID] = b.User
		if b.ID == last {
			d.Updated = b.CreatedAt
		}
	}
	p := &page{Nav: "scorecard", Data: d}
	p.Title = indicatorLabel(lang, d.Ind.LabelNB, d.Ind.LabelEN)
	s.render(w, r, "indicator", p)
}

// handleIndicatorData serves an indicator's stored observations as CSV,
// XLSX or JSON-stat.
func (s *Server) handleIndicatorData(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	format, ok := strings.CutPrefix(r.PathValue("file"), "data.")
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	type writer struct {
		mime  string
		write func(w *bufio.Writer, d *export.Data) error
	}
	formats := map[string]writer{
		"csv":  {"text/csv; charset=utf-8", func(w *bufio.Writer, d *export.Data) error { return export.WriteCSV(w, d) }},
		"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", func(w *bufio.Writer, d *export.Data) error { return export.WriteXLSX(w, d) }},
		"json": {"application/json; charset=utf-8", func(w *bufio.Writer, d *export.Data) error { return export.WriteJSONStat(w, d, s.Now()) }},
	}
	fw, ok := formats[format]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	inds, _, err := s.store(r).FindIndicators(ctx, virk.IndicatorFilter{IDs: []string{id}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(inds) == 0 {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent indikator «%s»", id))
		return
	}
	f := virk.ObservationFilter{IndicatorIDs: []string{id}}
	if e := r.URL.Query().Get("enhet"); e != "" {
		f.EntityIDs = []string{e}
	}
	d := &export.Data{Indicators: inds}
	if d.Entities, _, err = s.store(r).FindEntities(ctx, virk.EntityFilter{}); err != nil {
		s.fail(w, r, err)
		return
	}
	if inds[0].Derived() {
		// A derived indicator is never stored: its download holds the
		// computed values.
		d.Observations, err = s.computed(r, inds[0], f.EntityIDs)
	} else {
		d.Observations, err = s.store(r).FindObservations(ctx, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if inds[0].Personnel && len(d.Observations) > 0 {
		// Each download of personnel figures is in the audit log, so it
		// is never served from the cache.
		if err := s.audit(r, &virk.AuditEvent{Actor: actor(r), Action: virk.AuditExportPersonal,
			Object: id + "." + format, Detail: personnelDetail(d.Observations)}); err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Header().Set("Content-Type", fw.mime)
	w.Header().Set("Content-Disposition", `attachment; filename="`+id+`.`+format+`"`)
	bw := bufio.NewWriter(w)
	if err := fw.write(bw, d); err != nil {
		s.Logger.Error("download", "indicator", id, "err", err)
		return
	}
	bw.Flush()
}

// computed returns the values of a derived indicator as observations, with
// the formula as their source.
func (s *Server) computed(r *http.Request, ind *virk.Indicator, entityIDs []string) ([]*virk.Observation, error) {
	_, allInds, allEnts, err := s.rowIndex(r)
	if err != nil {
		return nil, err
	}
	l, err := kpi.LoadWith(r.Context(), s.store(r), kpi.Query{IndicatorIDs: []string{ind.ID}, EntityIDs: entityIDs}, allInds, allEnts)
	if err != nil {
		return nil, err
	}
	sc, err := kpi.Build(l.Cube, l.Indicators, l.Entities, nil, kpi.Options{})
	if err != nil {
		return nil, err
	}
	var obs []*virk.Observation
	for _, row := range sc.Rows {
		for _, v := range row.Values {
			p, err := virk.ParsePeriod(v.Period)
			if err != nil {
				return nil, err
			}
			st, err := virk.ParseStatus(v.Status)
			if err != nil {
				return nil, err
			}
			o := &virk.Observation{IndicatorID: ind.ID, EntityID: row.Entity, Period: p, Status: st, Source: "beregnet: " + ind.Formula}
			if v.Value != nil {
				o.Value = *v.Value
			}
			obs = append(obs, o)
		}
	}
	return obs, nil
}

// personnelDetail names the units of downloaded personnel figures.
func personnelDetail(obs []*virk.Observation) string {
	var ents []string
	for _, o := range obs {
		if !slices.Contains(ents, o.EntityID) {
			ents = append(ents, o.EntityID)
		}
	}
	return fmt.Sprintf("%d verdier for %s", len(obs), strings.Join(ents, ", "))
}
