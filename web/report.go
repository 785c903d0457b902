package web

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/report"
)

// reportData is the report page in the app: the chapters with links to
// the published forms.
type reportData struct {
	Doc    *report.Document
	Errors []string
}

// buildReport builds the report from the current data. Faults in the
// report's files come back as a list of placed messages.
func (s *Server) buildReport(r *http.Request) (*report.Document, []string, error) {
	if s.Report == nil {
		return nil, nil, virk.Errorf(virk.ENOTFOUND, "%s", tr(language(r), "report.none"))
	}
	// A report with a publication date is the publication: everyone
	// reads what its author put in it. A draft shows each viewer the
	// figures the viewer may see, personnel figures outside its scope
	// as «:».
	doc, err := report.Build(r.Context(), s.Report, s.Store)
	if err == nil && doc.Published.IsZero() {
		if limited := s.store(r); limited != s.Store {
			cat, cerr := s.catalogue(r)
			if cerr != nil {
				return nil, nil, cerr
			}
			v := virk.ViewerFromContext(r.Context())
			doc, err = report.BuildWith(r.Context(), s.Report, limited, report.BuildOptions{
				Withheld: func(ind, ent string) bool { return withheld(v, cat, ind, ent, 0) },
			})
		}
	}
	var es report.Errors
	if errors.As(err, &es) {
		var msgs []string
		for _, e := range es {
			msgs = append(msgs, e.Error())
		}
		return nil, msgs, nil
	}
	return doc, nil, err
}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	doc, msgs, err := s.buildReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &page{Nav: "report", Data: &reportData{Doc: doc, Errors: msgs}}
	p.Title = tr(language(r), "report.title")
	if doc != nil {
		p.Title = doc.Title
	} else {
		p.Status = http.StatusInternalServerError
	}
	s.render(w, r, "report", p)
}

// handleReportHTML serves the report as the standalone document that is
// published and printed.
func (s *Server) handleReportHTML(w http.ResponseWriter, r *http.Request) {
	b, ok := s.reportHTML(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	allowStyleOf(w.Header(), b)
	w.Write(b)
}

func (s *Server) reportHTML(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	doc, msgs, err := s.buildReport(r)
	if err == nil && doc == nil {
		err = virk.Errorf(virk.EINVALID, "rapporten har feil:\n%s", joinLines(msgs))
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	var b bytes.Buffer
	if err := doc.WriteHTML(&b, report.HTMLOptions{}); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return b.Bytes(), true
}

func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request) {
	if s.PDF == nil {
		msg := s.PDFUnavailable
		if msg == "" {
			msg = "PDF er ikke satt opp på denne serveren."
		}
		p := &page{Nav: "report", Status: http.StatusServiceUnavailable, Messages: []string{msg}}
		p.Title = tr(language(r), "report.nopdf")
		s.render(w, r, "error", p)
		return
	}
	html, ok := s.reportHTML(w, r)
	if !ok {
		return
	}
	pdf, err := s.PDF.PrintPDF(r.Context(), html)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="virksomhetsanalyse.pdf"`)
	w.Write(pdf)
}

func (s *Server) handleReportXLSX(w http.ResponseWriter, r *http.Request) {
	doc, msgs, err := s.buildReport(r)
	if err == nil && doc == nil {
		err = virk.Errorf(virk.EINVALID, "rapporten har feil:\n%s", joinLines(msgs))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := doc.WriteXLSX(&b); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="virksomhetsanalyse.xlsx"`)
	b.WriteTo(w)
}

func joinLines(ss []string) string {
	var b bytes.Buffer
	for i, s := range ss {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
	}
	return b.String()
}

// withheld reports whether v may not see the figure of ind for ent: ind
// is personnel data outside v's scope, or a formula that reads one, such
// as the share of 80 % or more from the part-time share of the HR
// extract.
func withheld(v *virk.Viewer, cat *virk.Catalogue, ind, ent string, depth int) bool {
	def := cat.Indicator(ind)
	if !v.Sees(def, ent) {
		return true
	}
	if def == nil || !def.Derived() || depth > 20 {
		return false
	}
	f, err := kpi.ParseFormula(def.Formula)
	if err != nil {
		return false
	}
	for _, ref := range f.Refs() {
		if withheld(v, cat, ref, ent, depth+1) {
			return true
		}
	}
	return false
}
