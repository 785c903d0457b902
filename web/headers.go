package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// contentPolicy allows only the application's own assets: no inline
// script or style anywhere (charts use presentation attributes and
// classes), no framing, forms only to virk itself.
const contentPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// allowStyleOf lets the one <style> element of a standalone document (the
// published report, which must carry its own style sheet) through the
// content policy by its hash, and nothing else inline.
func allowStyleOf(h http.Header, doc []byte) {
	start := bytes.Index(doc, []byte("<style>"))
	end := bytes.Index(doc, []byte("</style>"))
	if start < 0 || end < start {
		return
	}
	sum := sha256.Sum256(doc[start+len("<style>") : end])
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'sha256-"+
		base64.StdEncoding.EncodeToString(sum[:])+"'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
}
