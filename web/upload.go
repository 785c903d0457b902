package web

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/virk-analyse/virk/ingest"
)

// Bounds on the checked uploads that wait for their confirmation. Their
// files lie in the spool folder, so the bounds protect the disk that (for
// SQLite) also holds the database: a full disk stops every import.
const (
	// uploadTTL is how long an upload waits for its confirmation.
	uploadTTL = time.Hour
	// maxUploadsPerUser is how many checked uploads one login keeps. A
	// further check replaces that login's oldest: someone who corrects a
	// file and checks it again confirms the newest, and a script that
	// only checks must not lock itself out for an hour.
	maxUploadsPerUser = 4
	// maxUploads and maxSpoolBytes bound all logins together; at either
	// bound the oldest upload of anyone goes first.
	maxUploads    = 32
	maxSpoolBytes = 4 * maxUpload
)

// spoolPrefix begins the name of every file virk writes to the spool
// folder; nothing else there is ever removed.
const spoolPrefix = "upload-"

// errTooBig says that the files of one upload exceed maxUpload.
var errTooBig = errors.New("upload larger than the limit")

// errChanged says that a spooled file is not what was checked.
var errChanged = errors.New("spooled file changed since the check")

// uploads keeps checked files between the check (a dry run) and the
// confirmation: the files on disk in the spool folder, and only what
// finds them in memory. Nothing reaches the store before the user
// confirms.
type uploads struct {
	dir string
	// shared is set for the default folder under os.TempDir(), which
	// other servers of the same user (or other test runs) may use: there
	// only files older than uploadTTL are taken for leftovers.
	shared bool
	now    func() time.Time
	log    *slog.Logger

	mu    sync.Mutex
	m     map[string]*pending
	bytes int64       // the size of every file in m
	wake  *time.Timer // runs expire when the next upload is due
}

// pending is one checked upload: where its files are and what they were,
// never their content.
type pending struct {
	token   string
	owner   string // the login that checked it: only it may confirm
	files   []spooled
	created time.Time
	expires time.Time
}

// spooled is one uploaded file in the spool folder.
type spooled struct {
	path string // in the spool folder, named by virk, never by the user
	name string // as uploaded, shown on the page
	size int64
	hash [sha256.Size]byte // of the content when it was checked
}

func newUploads(dir string, now func() time.Time, log *slog.Logger) *uploads {
	u := &uploads{dir: dir, now: now, log: log, m: map[string]*pending{}}
	if dir == "" {
		u.dir, u.shared = defaultSpoolDir(), true
	}
	return u
}

// defaultSpoolDir is the spool folder when the server is given none: one
// per user, so that no other user can read or replace the files.
func defaultSpoolDir() string {
	name := "virk-opplasting"
	if uid := os.Getuid(); uid >= 0 { // -1 on Windows, whose temp folder is per user
		name += "-" + strconv.Itoa(uid)
	}
	return filepath.Join(os.TempDir(), name)
}

// start makes the spool folder and removes what an earlier run left in
// it: its uploads were in that run's memory and cannot be confirmed.
func (u *uploads) start() {
	if err := u.prepare(); err != nil {
		u.log.Error("spool folder", "dir", u.dir, "err", err)
		return
	}
	u.removeLeftovers()
}

// prepare makes the spool folder, readable by this user only. A symbolic
// link is refused: in a shared temporary folder it could point anywhere.
func (u *uploads) prepare() error {
	if err := os.MkdirAll(u.dir, 0o700); err != nil {
		return fmt.Errorf("make spool folder: %w", err)
	}
	fi, err := os.Lstat(u.dir)
	if err != nil {
		return fmt.Errorf("spool folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("spool folder %s is not a folder", u.dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(u.dir, 0o700); err != nil {
			return fmt.Errorf("spool folder: %w", err)
		}
	}
	return nil
}

// removeLeftovers removes the spool files that no upload in memory
// refers to: all of them in a folder of this server's own, those older
// than uploadTTL in the shared default folder.
func (u *uploads) removeLeftovers() {
	ents, err := os.ReadDir(u.dir)
	if err != nil {
		u.log.Error("spool folder", "dir", u.dir, "err", err)
		return
	}
	u.mu.Lock()
	mine := map[string]bool{}
	for _, p := range u.m {
		for _, f := range p.files {
			mine[f.path] = true
		}
	}
	u.mu.Unlock()
	for _, e := range ents {
		path := filepath.Join(u.dir, e.Name())
		if !strings.HasPrefix(e.Name(), spoolPrefix) || !e.Type().IsRegular() || mine[path] {
			continue
		}
		if u.shared {
			// The file system's clock, not the server's: mtimes are real.
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < uploadTTL {
				continue
			}
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			u.log.Error("remove spool file", "err", err)
		}
	}
}

// spool copies one uploaded file from r to a new file in the spool
// folder, never holding more of it than io.Copy's buffer, and refuses it
// with errTooBig past limit bytes. A refused or failed file is removed.
func (u *uploads) spool(name string, r io.Reader, limit int64) (spooled, error) {
	if err := u.prepare(); err != nil {
		return spooled{}, err
	}
	f, err := os.CreateTemp(u.dir, spoolPrefix+"*") // mode 0600
	if err != nil {
		return spooled{}, fmt.Errorf("spool %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = errTooBig
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("spool %s: %w", name, cerr)
	}
	if err != nil {
		os.Remove(f.Name())
		return spooled{}, err
	}
	sp := spooled{path: f.Name(), name: name, size: n}
	h.Sum(sp.hash[:0])
	return sp, nil
}

// readSpooled returns the content of the spooled files for the importer, or
// errChanged when one is not what was spooled. A file removed meanwhile
// gives an error that is fs.ErrNotExist.
func readSpooled(files []spooled) ([]ingest.NamedFile, error) {
	out := make([]ingest.NamedFile, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("read spooled %s: %w", f.name, err)
		}
		if sum := sha256.Sum256(data); int64(len(data)) != f.size || !bytes.Equal(sum[:], f.hash[:]) {
			return nil, fmt.Errorf("%s: %w", f.name, errChanged)
		}
		out = append(out, ingest.NamedFile{Name: f.name, Data: data})
	}
	return out, nil
}

// discard removes spooled files that wait for nothing.
func (u *uploads) discard(files []spooled) {
	for _, f := range files {
		if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			u.log.Error("remove spool file", "err", err)
		}
	}
}

// put keeps checked files for owner and returns the token that confirms
// them: 128 random bits, so that it cannot be guessed.
func (u *uploads) put(files []spooled, owner string) string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	token := hex.EncodeToString(b)
	var size int64
	for _, f := range files {
		size += f.size
	}
	now := u.now()
	u.mu.Lock()
	drop := u.expireLocked(now)
	drop = append(drop, u.makeRoomLocked(owner, size)...)
	u.m[token] = &pending{token: token, owner: owner, files: files, created: now, expires: now.Add(uploadTTL)}
	u.bytes += size
	u.scheduleLocked(now)
	u.mu.Unlock()
	u.discard(drop)
	if u.shared {
		u.removeLeftovers()
	}
	return token
}

// makeRoomLocked removes the oldest uploads until owner has fewer than
// maxUploadsPerUser and all together stay within maxUploads and
// maxSpoolBytes with size more, and returns their files.
func (u *uploads) makeRoomLocked(owner string, size int64) []spooled {
	byAge := make([]*pending, 0, len(u.m))
	mine := 0
	for _, p := range u.m {
		byAge = append(byAge, p)
		if p.owner == owner {
			mine++
		}
	}
	sort.Slice(byAge, func(i, j int) bool { return byAge[i].created.Before(byAge[j].created) })
	var drop []spooled
	for _, p := range byAge {
		full := len(u.m) >= maxUploads || u.bytes+size > maxSpoolBytes
		if !full && (p.owner != owner || mine < maxUploadsPerUser) {
			continue
		}
		if p.owner == owner {
			mine--
		}
		u.log.Info("checked upload replaced by a newer one", "owner", p.owner, "files", len(p.files))
		drop = append(drop, u.deleteLocked(p)...)
	}
	return drop
}

// take returns and forgets the upload of token; false when unknown,
// expired or checked by someone else, whose upload then stays. The caller
// discards its files when done with them.
func (u *uploads) take(token, owner string) (*pending, bool) {
	now := u.now()
	u.mu.Lock()
	drop := u.expireLocked(now)
	p, ok := u.m[token]
	if ok && p.owner == owner {
		u.deleteLocked(p)
		u.scheduleLocked(now)
	}
	u.mu.Unlock()
	u.discard(drop)
	if !ok || p.owner != owner {
		return nil, false
	}
	return p, true
}

// expire removes the uploads whose hour is over, with their files.
func (u *uploads) expire() {
	now := u.now()
	u.mu.Lock()
	drop := u.expireLocked(now)
	u.scheduleLocked(now)
	u.mu.Unlock()
	u.discard(drop)
}

func (u *uploads) expireLocked(now time.Time) []spooled {
	var drop []spooled
	for _, p := range u.m {
		if !now.Before(p.expires) {
			drop = append(drop, u.deleteLocked(p)...)
		}
	}
	return drop
}

func (u *uploads) deleteLocked(p *pending) []spooled {
	delete(u.m, p.token)
	for _, f := range p.files {
		u.bytes -= f.size
	}
	return p.files
}

// scheduleLocked sets the timer to expire the next upload when it is due,
// so that an idle server also removes the files. The delay is reckoned by
// the server's clock and waited for in real time.
func (u *uploads) scheduleLocked(now time.Time) {
	var next time.Time
	for _, p := range u.m {
		if next.IsZero() || p.expires.Before(next) {
			next = p.expires
		}
	}
	switch {
	case next.IsZero():
		if u.wake != nil {
			u.wake.Stop()
		}
	case u.wake == nil:
		u.wake = time.AfterFunc(max(next.Sub(now), 0), u.expire)
	default:
		u.wake.Reset(max(next.Sub(now), 0))
	}
}
