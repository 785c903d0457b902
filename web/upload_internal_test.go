package web

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestUploads_Spool: a file is copied to the spool folder with its size
// and hash; one past the limit is refused while it is copied and leaves
// no file.
func TestUploads_Spool(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "spool")
	u := newUploads(dir, time.Now, slog.New(slog.DiscardHandler))
	u.start()

	sp, err := u.spool("a.csv", strings.NewReader("0123456789"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if sp.size != 10 || filepath.Dir(sp.path) != dir || !strings.HasPrefix(filepath.Base(sp.path), spoolPrefix) {
		t.Errorf("spooled %+v", sp)
	}
	files, err := readSpooled([]spooled{sp})
	if err != nil || len(files) != 1 || string(files[0].Data) != "0123456789" || files[0].Name != "a.csv" {
		t.Errorf("read back %v, %v", files, err)
	}

	if _, err := u.spool("b.csv", strings.NewReader("0123456789x"), 10); !errors.Is(err, errTooBig) {
		t.Errorf("11 bytes with a limit of 10: %v, want errTooBig", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the spool folder, want only a.csv's", len(ents))
	}

	// A file changed on disk is not what was checked.
	if err := os.WriteFile(sp.path, []byte("9123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSpooled([]spooled{sp}); !errors.Is(err, errChanged) {
		t.Errorf("changed file: %v, want errChanged", err)
	}
}

// TestUploads_Prepare: the spool folder is made for this user only, and
// a symbolic link in its place is refused.
func TestUploads_Prepare(t *testing.T) {
	base := t.TempDir()
	u := newUploads(filepath.Join(base, "a", "spool"), time.Now, slog.New(slog.DiscardHandler))
	if err := u.prepare(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(u.dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("spool folder mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
	wide := filepath.Join(base, "wide")
	os.Mkdir(wide, 0o755)
	os.Chmod(wide, 0o755)
	if err := newUploads(wide, time.Now, slog.New(slog.DiscardHandler)).prepare(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(wide); fi.Mode().Perm() != 0o700 {
		t.Errorf("an existing folder readable by others is left %v, want 0700", fi.Mode().Perm())
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(wide, link); err != nil {
		t.Skip("no symbolic links here")
	}
	if err := newUploads(link, time.Now, slog.New(slog.DiscardHandler)).prepare(); err == nil {
		t.Error("a symbolic link as spool folder is accepted")
	}
}

// TestUploads_TotalBound: all logins together keep at most maxUploads
// uploads and maxSpoolBytes of files; past either the oldest goes, and
// the newest always stays.
func TestUploads_TotalBound(t *testing.T) {
	clock := time.Now()
	u := newUploads(t.TempDir(), func() time.Time { return clock }, slog.New(slog.DiscardHandler))
	var first string
	for i := range maxUploads + 3 {
		clock = clock.Add(time.Second)
		tok := u.put([]spooled{{path: filepath.Join(u.dir, "upload-x"), size: 1}}, "login"+strconv.Itoa(i))
		if i == 0 {
			first = tok
		}
	}
	if len(u.m) != maxUploads || u.bytes != maxUploads {
		t.Errorf("%d uploads of %d bytes kept, want %d", len(u.m), u.bytes, maxUploads)
	}
	if _, ok := u.m[first]; ok {
		t.Error("the oldest upload stays past the bound")
	}
	big := u.put([]spooled{{path: filepath.Join(u.dir, "upload-y"), size: maxSpoolBytes - 10}}, "stor")
	if _, ok := u.m[big]; !ok || u.bytes > maxSpoolBytes || len(u.m) != 11 {
		t.Errorf("after a large upload: %d uploads, %d bytes (bound %d)", len(u.m), u.bytes, maxSpoolBytes)
	}
}
