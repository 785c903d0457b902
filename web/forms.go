package web

import (
	"errors"
	"net/http"
	"strings"
)

// Limits on request bodies: imports take files, every other form a few
// fields.
const (
	maxUpload   = 256 << 20
	maxFormBody = 1 << 20
	// uploadMemory is how much of an upload is held in memory; the rest
	// is spooled to temporary files by the multipart reader.
	uploadMemory = 32 << 20
)

// protectForms guards every request that changes something: its body is
// limited in size, and it must carry the CSRF token of its session (or of
// the login form). A refusal says why and changes nothing.
func (s *Server) protectForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		limit := int64(maxFormBody)
		if r.URL.Path == "/import" || strings.HasPrefix(r.URL.Path, "/import/") {
			limit = maxUpload
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		var err error
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			err = r.ParseMultipartForm(uploadMemory)
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				key := "form.toobig"
				if limit == maxUpload {
					key = "import.toobig"
				}
				s.denied(w, r, http.StatusRequestEntityTooLarge, key)
				return
			}
			s.denied(w, r, http.StatusBadRequest, "form.bad")
			return
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		if !checkCSRF(r) {
			s.denied(w, r, http.StatusForbidden, "access.csrf")
			return
		}
		next.ServeHTTP(w, r)
	})
}
