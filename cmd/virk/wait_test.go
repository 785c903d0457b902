package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk/store/sqlite"
)

// running is a command started on a goroutine of its own.
type running struct {
	stdout, stderr syncBuffer
	code           chan int
}

// startCmd starts the command in-process with env as its environment and
// returns at once; ending ctx is the user's Ctrl-C.
func startCmd(ctx context.Context, env map[string]string, args ...string) *running {
	r := &running{code: make(chan int, 1)}
	m := &Main{Stdin: strings.NewReader(""), Stdout: &r.stdout, Stderr: &r.stderr,
		Getenv: func(k string) string { return env[k] }}
	go func() { r.code <- m.Run(ctx, args) }()
	return r
}

// waitFor waits until the command has written want on the stream, and
// fails the test if it ends first or takes a minute.
func (r *running) waitFor(t *testing.T, stream *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(stream.String(), want) {
		select {
		case code := <-r.code:
			t.Fatalf("the command ended (exit %d) without printing %q\nstdout:\n%s\nstderr:\n%s", code, want, r.stdout.String(), r.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q within a minute\nstdout:\n%s\nstderr:\n%s", want, r.stdout.String(), r.stderr.String())
		}
	}
}

// wait returns the command's exit code, failing the test after a minute.
func (r *running) wait(t *testing.T) int {
	t.Helper()
	select {
	case code := <-r.code:
		return code
	case <-time.After(time.Minute):
		t.Fatalf("the command did not end\nstdout:\n%s\nstderr:\n%s", r.stdout.String(), r.stderr.String())
	}
	return 0
}

// holdWriteLock takes the SQLite file's write lock on a connection of a
// pool of its own, as another process's import would, and returns the
// transaction that holds it. The test's cleanup releases it.
func holdWriteLock(t *testing.T, path string) *sql.Tx {
	t.Helper()
	other, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	// BEGIN IMMEDIATE: the lock is taken at once.
	lock, err := other.SQL().BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Rollback() })
	return lock
}

// TestImport_WaitsForAnotherImport checks that while another process
// holds the SQLite write lock, «virk import» says that it waits and then
// stores its files once the lock is free, and that «virk import
// --dry-run» shows its result while the lock is still held.
func TestImport_WaitsForAnotherImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "virk.db")
	env := map[string]string{"VIRK_DB": db, "VIRK_USER": "test"}
	cat := writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "x", "label_nb": "X", "unit": "antall"}],
 "entities": [{"id": "e", "name": "E", "kind": "municipality"}]}`))
	mustRun(t, env, "import", cat)
	data := writeFile(t, filepath.Join(dir, "data.csv"), []byte("indicator;entity;period;value\nx;e;2019;1\nx;e;2020;2\n"))

	t.Run("OK", func(t *testing.T) {
		lock := holdWriteLock(t, db)
		r := startCmd(context.Background(), env, "import", data)
		r.waitFor(t, &r.stderr, "Venter på en annen import")
		if out := r.stdout.String(); strings.Contains(out, "Lagret") {
			t.Fatalf("stored while another held the lock:\n%s", out)
		}
		if err := lock.Rollback(); err != nil {
			t.Fatal(err)
		}
		if code := r.wait(t); code != 0 {
			t.Fatalf("exit %d\nstderr:\n%s", code, r.stderr.String())
		}
		if !strings.Contains(r.stdout.String(), "Lagret som batch 2") {
			t.Errorf("stdout:\n%s", r.stdout.String())
		}
		if !strings.Contains(r.stderr.String(), "på en annen import; fortsetter.") {
			t.Errorf("the end of the wait is not told:\n%s", r.stderr.String())
		}
	})
	t.Run("OKDryRun", func(t *testing.T) {
		lock := holdWriteLock(t, db)
		changed := writeFile(t, filepath.Join(dir, "endret.csv"), []byte("indicator;entity;period;value\nx;e;2019;3\n"))
		r := startCmd(context.Background(), env, "import", "--dry-run", changed)
		// The result comes while the lock is held; only writing the
		// dry run to the audit log waits for it.
		r.waitFor(t, &r.stdout, "Prøvekjøring (--dry-run)")
		if out := r.stdout.String(); !strings.Contains(out, "x / e / 2019: 1 → 3") {
			t.Errorf("the dry run's changes:\n%s", out)
		}
		r.waitFor(t, &r.stderr, "Venter på en annen import")
		if err := lock.Rollback(); err != nil {
			t.Fatal(err)
		}
		if code := r.wait(t); code != 0 {
			t.Fatalf("exit %d\nstderr:\n%s", code, r.stderr.String())
		}
		if out := mustRun(t, env, "audit").stdout; !strings.Contains(out, "import.dryrun") {
			t.Errorf("the dry run is not in the audit log:\n%s", out)
		}
	})
	t.Run("ErrCancelled", func(t *testing.T) {
		holdWriteLock(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := startCmd(ctx, env, "import", data)
		r.waitFor(t, &r.stderr, "Venter på en annen import")
		cancel() // Ctrl-C
		if c := r.wait(t); c != 1 || !strings.Contains(r.stderr.String(), "ingenting er lagret: importen ble avbrutt") {
			t.Fatalf("exit %d after Ctrl-C, want 1\nstderr:\n%s", c, r.stderr.String())
		}
		if out := mustRun(t, env, "batches").stdout; strings.Contains(out, "batch 3") || strings.Count(out, "data.csv") != 1 {
			t.Errorf("a cancelled import stored something:\n%s", out)
		}
	})
}
