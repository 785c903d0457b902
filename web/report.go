package web

import "net/http"

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	p := &page{Nav: "report", Messages: []string{tr(language(r), "report.none")}}
	p.Title = tr(language(r), "report.title")
	s.render(w, r, "error", p)
}

func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request)  { s.handleReport(w, r) }
func (s *Server) handleReportXLSX(w http.ResponseWriter, r *http.Request) { s.handleReport(w, r) }
