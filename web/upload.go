package web

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/virk-analyse/virk/ingest"
)

// uploadTTL is how long an upload waits for its confirmation.
const uploadTTL = time.Hour

// maxUploads is how many unconfirmed uploads are kept; the oldest goes
// first.
const maxUploads = 32

// uploads keeps files between the check (a dry run) and the confirmation,
// in memory: nothing reaches the store before the user confirms.
type uploads struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*upload
}

type upload struct {
	files   []ingest.NamedFile
	owner   string // the login that checked it: only it may confirm
	created time.Time
}

func newUploads(now func() time.Time) *uploads {
	return &uploads{now: now, m: map[string]*upload{}}
}

// put keeps files and returns the token that confirms them.
func (u *uploads) put(files []ingest.NamedFile, owner string) string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	token := hex.EncodeToString(b)
	u.mu.Lock()
	defer u.mu.Unlock()
	u.expire()
	if len(u.m) >= maxUploads {
		var oldest string
		for k, v := range u.m {
			if oldest == "" || v.created.Before(u.m[oldest].created) {
				oldest = k
			}
		}
		delete(u.m, oldest)
	}
	u.m[token] = &upload{files: files, owner: owner, created: u.now()}
	return token
}

// take returns and forgets the files of token; false when unknown,
// expired or checked by someone else.
func (u *uploads) take(token, owner string) ([]ingest.NamedFile, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.expire()
	up, ok := u.m[token]
	if !ok || up.owner != owner {
		return nil, false
	}
	delete(u.m, token)
	return up.files, true
}

func (u *uploads) expire() {
	for k, v := range u.m {
		if u.now().Sub(v.created) > uploadTTL {
			delete(u.m, k)
		}
	}
}
