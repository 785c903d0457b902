package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
)

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
	s.uploads.expire() // an "Avbryt" comes here: a good moment to tidy
	s.renderImport(w, r, &importData{}, 0)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, d *importData, status int) {
	p := &page{Nav: "import", Data: d, Status: status}
	p.Title = tr(language(r), "import.title")
	s.render(w, r, "import", p)
}

// actor is the login of the request's user, recorded on import batches
// and in the audit log; "" for the public.
func actor(r *http.Request) string {
	if u := virk.ViewerFromContext(r.Context()).User; u != nil {
		return u.Login
	}
	return ""
}

// handleImportUpload copies the uploaded files to the spool folder and
// runs a dry run on them; the files wait there for the confirmation.
// protectForms has parsed the form within the upload limit.
func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	var fhs []*multipart.FileHeader
	if r.MultipartForm != nil {
		fhs = r.MultipartForm.File["files"]
	}
	if len(fhs) == 0 {
		s.renderImport(w, r, &importData{Message: tr(lang, "import.nofiles")}, http.StatusBadRequest)
		return
	}
	files, err := s.spoolFiles(fhs)
	if errors.Is(err, errTooBig) {
		s.renderImport(w, r, &importData{Message: tr(lang, "import.toobig")}, http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	kept := false
	defer func() {
		if !kept {
			s.uploads.discard(files)
		}
	}()
	d := &importData{}
	for _, f := range files {
		d.Files = append(d.Files, f.name)
	}
	res, err := s.loadSpooled(r, files, true)
	if err != nil {
		s.importFailed(w, r, d, err)
		return
	}
	s.auditDryRun(r, d.Files, res)
	d.Result = s.hideChanges(r, res)
	if res.Summary.Changes() > 0 {
		d.Token = s.uploads.put(files, actor(r))
		kept = true
	}
	s.renderImport(w, r, d, 0)
}

// spoolFiles copies the uploaded files to the spool folder, within
// maxUpload bytes together.
func (s *Server) spoolFiles(fhs []*multipart.FileHeader) ([]spooled, error) {
	var files []spooled
	left := int64(maxUpload)
	for _, fh := range fhs {
		f, err := fh.Open()
		if err != nil {
			s.uploads.discard(files)
			return nil, err
		}
		sp, err := s.uploads.spool(fh.Filename, f, left)
		f.Close()
		if err != nil {
			s.uploads.discard(files)
			return nil, err
		}
		files = append(files, sp)
		left -= sp.size
	}
	return files, nil
}

// loadSpooled reads spooled files from disk and loads them: as a dry run
// for the check, into the store for the confirmation. Their content is
// held only while they are loaded.
func (s *Server) loadSpooled(r *http.Request, files []spooled, dryRun bool) (*virk.ApplyResult, error) {
	named, err := readSpooled(files)
	if err != nil {
		return nil, err
	}
	return ingest.Load(r.Context(), s.Store, named, ingest.LoadOptions{
		ApplyOptions: virk.ApplyOptions{DryRun: dryRun, User: actor(r), MaxChanges: 50},
	})
}

// handleImportConfirm stores an upload that was checked, or with the
// field avbryt discards it. Either way its files leave the spool folder.
func (s *Server) handleImportConfirm(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	up, ok := s.uploads.take(r.PathValue("token"), actor(r))
	if !ok {
		s.renderImport(w, r, &importData{Message: tr(lang, "import.expired")}, http.StatusGone)
		return
	}
	kept := false
	defer func() {
		if !kept {
			s.uploads.discard(up.files)
		}
	}()
	if r.PostFormValue("avbryt") != "" {
		s.renderImport(w, r, &importData{Message: tr(lang, "import.cancelled")}, 0)
		return
	}
	d := &importData{Stored: true}
	for _, f := range up.files {
		d.Files = append(d.Files, f.name)
	}
	// Another import may hold the store: wait for it, but not past the
	// server's write timeout, and then keep the upload for another try.
	wait := s.ImportWait
	if wait <= 0 {
		wait = 90 * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), wait)
	defer cancel()
	res, err := s.loadSpooled(r.WithContext(ctx), up.files, false)
	switch {
	case errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil:
		d := &importData{Files: d.Files, Message: tr(lang, "import.busy"), Token: s.uploads.put(up.files, up.owner)}
		kept = true
		w.Header().Set("Retry-After", "30")
		s.renderImport(w, r, d, http.StatusServiceUnavailable)
		return
	case errors.Is(err, fs.ErrNotExist):
		// Removed from the spool folder by hand, or as old by another
		// server that shares the default folder.
		s.renderImport(w, r, &importData{Message: tr(lang, "import.expired")}, http.StatusGone)
		return
	case errors.Is(err, errChanged):
		s.Logger.Warn("spooled upload changed on disk before its confirmation", "owner", up.owner, "err", err)
		s.renderImport(w, r, &importData{Message: tr(lang, "import.changed")}, http.StatusConflict)
		return
	case err != nil:
		s.importFailed(w, r, d, err)
		return
	}
	s.forgetVersion()
	if err := s.auditImport(r, virk.AuditImport, d.Files, res); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Result = s.hideChanges(r, res)
	s.renderImport(w, r, d, 0)
}

// auditDryRun records a check. The check itself read without waiting,
// but the record is a write: while another import holds the store it is
// written once that one is done, so that the answer need not wait.
func (s *Server) auditDryRun(r *http.Request, files []string, res *virk.ApplyResult) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	err := s.auditImport(r.WithContext(ctx), virk.AuditImportDryRun, files, res)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || r.Context().Err() != nil {
		if err != nil {
			s.Logger.Error("audit of a check", "err", err)
		}
		return
	}
	later := r.WithContext(context.WithoutCancel(r.Context()))
	go func() {
		if err := s.auditImport(later, virk.AuditImportDryRun, files, res); err != nil {
			s.Logger.Error("audit of a check, written after another import", "err", err)
		}
	}()
}

// auditImport records an import or its dry run with the batch it stored.
func (s *Server) auditImport(r *http.Request, action string, files []string, res *virk.ApplyResult) error {
	e := virk.ImportEvent(strings.Join(files, ", "), res, action == virk.AuditImportDryRun)
	e.Actor = actor(r)
	sum := res.Summary
	if err := s.audit(r, e); err != nil {
		return err
	}
	// A stored change of the catalogue (indicators with their targets,
	// units) is also a line of its own, so that it can be filtered for.
	if action == virk.AuditImport && sum.Indicators.Added+sum.Indicators.Changed+sum.Entities.Added+sum.Entities.Changed > 0 {
		return s.audit(r, &virk.AuditEvent{Actor: e.Actor, Action: virk.AuditCatalogue, Object: e.Object, BatchID: e.BatchID,
			Detail: fmt.Sprintf("indikatorer og mål: %d nye, %d endrede; enheter: %d nye, %d endrede",
				sum.Indicators.Added, sum.Indicators.Changed, sum.Entities.Added, sum.Entities.Changed)})
	}
	return nil
}

// hideChanges leaves out of the listed changes the personnel figures the
// importer may not see: an analytiker who loads a file that also corrects
// sick leave learns how many figures change, not what they were.
func (s *Server) hideChanges(r *http.Request, res *virk.ApplyResult) *virk.ApplyResult {
	cat, err := s.catalogue(r)
	if err != nil {
		cat = virk.NewCatalogue(nil, nil)
	}
	v := virk.ViewerFromContext(r.Context())
	out := *res
	out.Changes = nil
	for _, c := range res.Changes {
		ind := cat.Indicator(c.New.IndicatorID)
		if ind != nil && v.Sees(ind, c.New.EntityID) {
			out.Changes = append(out.Changes, c)
		}
	}
	return &out
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
