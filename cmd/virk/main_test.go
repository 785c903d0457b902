package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// virkCmd runs the command in-process with env as its whole environment.
func virkCmd(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
	}
	code := m.Run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// mustRun runs the command and fails the test unless it exits with 0.
func mustRun(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := virkCmd(t, env, args...)
	if r.code != 0 {
		t.Fatalf("virk %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// demoDB loads the demo dataset into a fresh SQLite file and returns its
// path and an environment that points at it.
func demoDB(t *testing.T) (string, map[string]string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db, "VIRK_USER": "test"}
	mustRun(t, env, "demo")
	return db, env
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestMain_Usage(t *testing.T) {
	t.Run("Help", func(t *testing.T) {
		r := virkCmd(t, nil)
		if r.code != 0 || !strings.Contains(r.stdout, "import") || !strings.Contains(r.stdout, "VIRK_DB") {
			t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
		}
	})
	t.Run("UnknownCommand", func(t *testing.T) {
		r := virkCmd(t, nil, "frobnicate")
		if r.code != 2 || !strings.Contains(r.stderr, `ukjent kommando "frobnicate"`) {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("BadFlag", func(t *testing.T) {
		r := virkCmd(t, nil, "kpi", "--format", "yaml")
		if r.code != 2 || !strings.Contains(r.stderr, `--format "yaml" er ukjent`) {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("ImportWithoutFiles", func(t *testing.T) {
		r := virkCmd(t, nil, "import")
		if r.code != 2 || !strings.Contains(r.stderr, "oppgi minst én fil") {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("MissingFile", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "virk.db")
		r := virkCmd(t, map[string]string{"VIRK_DB": db}, "import", "finnes-ikke.csv")
		if r.code != 1 || !strings.Contains(r.stderr, "finnes-ikke.csv: filen finnes ikke") {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("a failed import created the database %s", db)
		}
	})
}

// TestImport_Progress checks that an import on a terminal draws a progress
// bar and clears it, and that it finishes cleanly (it once closed the bar
// twice and panicked).
func TestImport_Progress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "virk.db")
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, IsTerminal: true,
		Getenv: func(k string) string { return map[string]string{"VIRK_DB": db}[k] }}
	if code := m.Run(context.Background(), []string{"demo"}); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut.String())
	}
	f := writeFile(t, filepath.Join(t.TempDir(), "a.csv"), []byte("indicator;entity;period;value\narsverk;digit;2019;1\n"))
	out.Reset()
	if code := m.Run(context.Background(), []string{"import", f}); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut.String())
	}
	s := out.String()
	if !strings.Contains(s, "\rLeser") || !strings.Contains(s, "\rLagrer") {
		t.Errorf("no progress stages on a terminal: %q", s)
	}
	if !strings.Contains(s, "Lagret som batch 2") {
		t.Errorf("no result after the bar: %q", s)
	}
}

// TestFlagsAfterFiles: flags may follow the files (virk import data.csv
// --dry-run stores nothing), and after "--" a name that begins with "-" is
// a file.
func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"VIRK_DB": filepath.Join(dir, "virk.db")}
	cat := writeFile(t, filepath.Join(dir, "katalog.json"), []byte(`{
 "indicators": [{"id": "x", "label_nb": "X", "unit": "antall"}],
 "entities": [{"id": "e", "name": "E", "kind": "municipality"}]}`))
	r := mustRun(t, env, "import", cat, "--dry-run")
	if !strings.Contains(r.stdout, "Prøvekjøring (--dry-run): ingenting er lagret") {
		t.Errorf("import FILE --dry-run does not say it is a dry run:\n%s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "virk.db")); err == nil {
		if r := mustRun(t, env, "batches"); strings.Contains(r.stdout, "katalog.json") {
			t.Errorf("a dry run given after the file stored a batch:\n%s", r.stdout)
		}
	}
	odd := writeFile(t, filepath.Join(dir, "-rart.json"), readFile(t, cat))
	t.Chdir(dir)
	r = mustRun(t, env, "import", "--", filepath.Base(odd))
	if !strings.Contains(r.stdout, "Lagret som batch 1") {
		t.Errorf("import -- -rart.json:\n%s\n%s", r.stdout, r.stderr)
	}
}
