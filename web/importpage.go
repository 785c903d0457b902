package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
)

// maxUpload is the largest upload the import page takes.
const maxUpload = 256 << 20

// importData is the import page in each of its states: the form, the
// result of the check with a confirm button, the stored result, or the
// errors.
type importData struct {
	Token   string   // set after a successful check: confirm stores it
	Files   []string // names of the uploaded files
	Result  *virk.ApplyResult
	Stored  bool
	Errors  []string
	Message string
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	s.renderImport(w, r, &importData{}, 0)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, d *importData, status int) {
	p := &page{Nav: "import", Data: d, Status: status}
	p.Title = tr(language(r), "import.title")
	s.render(w, r, "import", p)
}

// handleImportUpload reads the uploaded files and runs a dry run; the
// files wait in memory for the confirmation.
func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		msg := tr(lang, "import.nofiles")
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			msg = "Filene er for store (mer enn 256 MB til sammen)."
		}
		s.renderImport(w, r, &importData{Message: msg}, http.StatusBadRequest)
		return
	}
	defer r.MultipartForm.RemoveAll()
	var files []ingest.NamedFile
	for _, fh := range r.MultipartForm.File["files"] {
		f, err := fh.Open()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		files = append(files, ingest.NamedFile{Name: fh.Filename, Data: data})
	}
	if len(files) == 0 {
		s.renderImport(w, r, &importData{Message: tr(lang, "import.nofiles")}, http.StatusBadRequest)
		return
	}
	d := &importData{}
	for _, f := range files {
		d.Files = append(d.Files, f.Name)
	}
	res, err := ingest.Load(r.Context(), s.Store, files, ingest.LoadOptions{
		ApplyOptions: virk.ApplyOptions{DryRun: true, User: s.User, MaxChanges: 50},
	})
	if err != nil {
		s.importFailed(w, r, d, err)
		return
	}
	d.Result = res
	if res.Summary.Changes() > 0 {
		d.Token = s.uploads.put(files)
	}
	s.renderImport(w, r, d, 0)
}

// handleImportConfirm stores an upload that was checked.
func (s *Server) handleImportConfirm(w http.ResponseWriter, r *http.Request) {
	files, ok := s.uploads.take(r.PathValue("token"))
	if !ok {
		s.renderImport(w, r, &importData{Message: tr(language(r), "import.expired")}, http.StatusGone)
		return
	}
	d := &importData{Stored: true}
	for _, f := range files {
		d.Files = append(d.Files, f.Name)
	}
	res, err := ingest.Load(r.Context(), s.Store, files, ingest.LoadOptions{
		ApplyOptions: virk.ApplyOptions{User: s.User, MaxChanges: 50},
	})
	if err != nil {
		s.importFailed(w, r, d, err)
		return
	}
	d.Result = res
	s.forgetVersion()
	s.renderImport(w, r, d, 0)
}

// importFailed shows the faults of an import: each with its file and
// place.
func (s *Server) importFailed(w http.ResponseWriter, r *http.Request, d *importData, err error) {
	d.Stored = false
	var es ingest.Errors
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			d.Errors = append(d.Errors, e.Error())
		}
	case errors.Is(err, ingest.ErrNotMine):
		d.Errors = []string{err.Error()}
	case virk.ErrorCode(err) != virk.EINTERNAL:
		d.Errors = []string{virk.ErrorMessage(err)}
	default:
		s.serverError(w, r, err)
		return
	}
	s.renderImport(w, r, d, http.StatusUnprocessableEntity)
}
