package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/energy"
)

// heatmapDays is how many of the last days with hourly readings the heat
// map shows: twelve weeks, enough to see a fault come and go.
const heatmapDays = 84

func (s *Server) handleEnergyBuilding(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := s.store(r)
	id := r.PathValue("id")
	d := &energyData{Lang: language(r), States: []virk.AlertState{virk.AlertNew, virk.AlertWorking, virk.AlertResolved, virk.AlertCommented}}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := energy.Load(ctx, st, []string{id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(in.Buildings) == 0 || cat.Entity(id) == nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "bygget «%s» er ikke i energioppfølgingen", id))
		return
	}
	d.Building, d.Attrs, d.Meters = cat.Entity(id), in.Buildings[0], in.Meters
	d.Category = cat.Entity(d.Building.ParentID)
	if d.Category != nil {
		d.Root = cat.Entity(d.Category.ParentID)
	}
	d.MayUpdate = accessFollowUp.allows(virk.ViewerFromContext(ctx), false)
	p := &page{Nav: "energy", Data: d}
	p.Title = d.L("title") + ": " + d.Building.Label(d.Lang)

	res := energy.Analyse(in)
	br := res.Buildings[0]
	var latest *energy.Correction
	for i := range br.Corrections {
		c := br.Corrections[i]
		if !c.Complete {
			continue
		}
		row := energyBuildingYear{Correction: c}
		if a, ok := energyArea(in.Areas[id], c.Year); ok {
			row.Area = &a
			v := c.Actual / a
			row.Intensity = &v
			if c.Corrected == c.Corrected {
				v := c.Corrected / a
				row.CorrIntensity = &v
			}
		}
		d.Rows = append(d.Rows, row)
		latest = &br.Corrections[i]
	}
	w2 := in.Weather[d.Attrs.Station]
	if latest != nil && w2 != nil {
		d.SigTitle = d.L("signature") + " " + strconv.Itoa(latest.Year)
		d.Signature, d.SigTable = signatureChart(d, br.Use, w2, latest)
	}
	// The heat map adds up the main meters with hourly readings; heat
	// meters are often read by the day.
	var hourly []*energy.Use
	for _, m := range in.Meters {
		if u := in.Uses[m.ID]; m.Main && u != nil && u.Hourly != nil {
			hourly = append(hourly, u)
		}
	}
	if u := energy.Combine(hourly); u.Hourly != nil {
		d.HeatTitle, d.Heatmap, d.HeatTable = heatmapChart(d, u)
		if len(hourly) < countMain(in.Meters) {
			d.HeatTitle += " (" + d.L("hourlymeters") + ")"
		}
	}

	alerts, err := st.FindAlerts(ctx, virk.AlertFilter{BuildingIDs: []string{id}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, a := range alerts {
		h, err := st.FindAlertHistory(ctx, a.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Alerts = append(d.Alerts, energyAlert{Alert: a, Building: d.Building.Label(d.Lang), History: h})
	}
	s.render(w, r, "energy_building", p)
}

func countMain(ms []*virk.Meter) int {
	n := 0
	for _, m := range ms {
		if m.Main {
			n++
		}
	}
	return n
}

// energyArea returns a building's area in year y: the latest given.
func energyArea(areas map[int]float64, y int) (float64, bool) {
	best, v, ok := 0, 0.0, false
	for yy, a := range areas {
		if yy <= y && (!ok || yy > best) {
			best, v, ok = yy, a, true
		}
	}
	return v, ok && v > 0
}

// handleAlertUpdate sets an alert's state and comment from the building
// page's form, and logs it.
func (s *Server) handleAlertUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent varsel «%s»", r.PathValue("id")))
		return
	}
	found, err := s.Store.FindAlerts(ctx, virk.AlertFilter{ID: &id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(found) == 0 {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "Fant ikke varsel %d.", id))
		return
	}
	upd := virk.AlertUpdate{User: actor(r)}
	if st := r.PostFormValue("tilstand"); st != "" {
		state, err := virk.ParseAlertState(st)
		if err != nil {
			s.fail(w, r, virk.Errorf(virk.EINVALID, "%v", err))
			return
		}
		upd.State = &state
	}
	if _, ok := r.PostForm["kommentar"]; ok {
		c := strings.TrimSpace(r.PostFormValue("kommentar"))
		upd.Comment = &c
	}
	a, err := s.Store.UpdateAlert(ctx, id, upd)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e := virk.AlertEvent(a)
	e.Actor = actor(r)
	if err := s.audit(r, &e); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/energi/bygg/"+a.BuildingID+"#varsel-"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}
