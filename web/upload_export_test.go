package web

import "reflect"

// What the tests of the spooled uploads (package web_test) see of them.
const (
	UploadTTL         = uploadTTL
	MaxUploadsPerUser = maxUploadsPerUser
	MaxUpload         = maxUpload
)

// PendingUploadType is the type of what memory keeps of one checked
// upload.
var PendingUploadType = reflect.TypeOf(pending{})

// PendingUpload is what a test learns of one checked upload in memory.
type PendingUpload struct {
	Owner string
	Paths []string // the spool files
	Names []string // as uploaded
	Size  int64    // of all files
}

// PendingUploads returns the checked uploads s keeps, by token.
func PendingUploads(s *Server) map[string]PendingUpload {
	s.uploads.mu.Lock()
	defer s.uploads.mu.Unlock()
	out := map[string]PendingUpload{}
	for tok, p := range s.uploads.m {
		pu := PendingUpload{Owner: p.owner}
		for _, f := range p.files {
			pu.Paths = append(pu.Paths, f.path)
			pu.Names = append(pu.Names, f.name)
			pu.Size += f.size
		}
		out[tok] = pu
	}
	return out
}

// ExpireUploads runs the expiry as the server's timer does.
func ExpireUploads(s *Server) { s.uploads.expire() }
