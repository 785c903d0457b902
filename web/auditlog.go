package web

import (
	"bufio"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
)

// auditRows is how many lines one page of the audit log shows.
const auditRows = 100

// auditData is the audit log page: the filter and one page of events.
type auditData struct {
	Actor, Action, From, To string
	Actions                 []string
	Events                  []*virk.AuditEvent
	Total, Page, Pages      int
	Query                   string // the filter as a query string, for the pager and the CSV link
}

// auditActions are the actions the filter offers.
var auditActions = []string{
	virk.AuditLogin, virk.AuditLoginFailed, virk.AuditLogout, virk.AuditImport, virk.AuditImportDryRun,
	virk.AuditCatalogue, virk.AuditTarget, virk.AuditGroup, virk.AuditUser, virk.AuditRole,
	virk.AuditToken, virk.AuditSetting, virk.AuditAlert, virk.AuditExportPersonal,
}

// auditFilter reads the filter from the query: actor, action, and dates
// from and to (both days included).
func auditFilter(q url.Values) (*auditData, virk.AuditFilter, error) {
	d := &auditData{Actor: q.Get("bruker"), Action: q.Get("handling"), From: q.Get("fra"), To: q.Get("til"), Actions: auditActions}
	var f virk.AuditFilter
	if d.Actor != "" {
		f.Actor = &d.Actor
	}
	if d.Action != "" {
		f.Action = &d.Action
	}
	for _, x := range []struct {
		s    string
		t    *time.Time
		days int
	}{{d.From, &f.From, 0}, {d.To, &f.To, 1}} {
		if x.s == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, x.s, time.Local)
		if err != nil {
			return nil, f, virk.Errorf(virk.EINVALID, "datoen «%s» må skrives ÅÅÅÅ-MM-DD", x.s)
		}
		*x.t = t.AddDate(0, 0, x.days)
	}
	v := url.Values{}
	for k, s := range map[string]string{"bruker": d.Actor, "handling": d.Action, "fra": d.From, "til": d.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	d.Query = v.Encode()
	return d, f, nil
}

func (s *Server) handleAuditLog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d, f, err := auditFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Page = 1
	if n, err := strconv.Atoi(q.Get("side")); err == nil && n > 1 {
		d.Page = n
	}
	f.Offset, f.Limit = (d.Page-1)*auditRows, auditRows
	if d.Events, d.Total, err = s.Store.FindAudit(r.Context(), f); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Pages = max(1, (d.Total+auditRows-1)/auditRows)
	w.Header().Set("Cache-Control", "no-store")
	p := &page{Nav: "admin", Data: d}
	p.Title = tr(language(r), "admin.log")
	s.render(w, r, "admin_log", p)
}

// handleAuditCSV downloads the filtered audit log for a spreadsheet.
func (s *Server) handleAuditCSV(w http.ResponseWriter, r *http.Request) {
	_, f, err := auditFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	events, _, err := s.Store.FindAudit(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="virk-logg.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	cw, err := export.NewSheetCSV(bw)
	if err != nil {
		return
	}
	cw.Write([]string{"tid", "bruker", "adresse", "handling", "objekt", "batch", "detaljer"})
	for _, e := range events {
		batch := ""
		if e.BatchID != 0 {
			batch = strconv.FormatInt(e.BatchID, 10)
		}
		cw.Write([]string{e.Time.Local().Format(time.RFC3339), e.Actor, e.Address, e.Action, e.Object, batch, e.Detail})
	}
	cw.Flush()
	bw.Flush()
}
