// Command virk loads, analyses and publishes management information for a
// Norwegian municipality. Run "virk help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/virk-analyse/virk"
	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program: its configuration, its streams, and the store it
// opens. Tests build one with their own streams and environment.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// IsTerminal reports whether Stdout is a terminal, which turns on
	// progress bars.
	IsTerminal bool
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		// A character device is not enough: /dev/null is one too.
		IsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
	}
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, m *Main, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "start webappen / start the web application", runServe},
		{"demo", "last inn demodataene og vis målekortet / load the demo data and show the scorecard", runDemo},
		{"import", "les inn CSV-, XLSX- og JSON-stat-filer / import files", runImport},
		{"kostra", "hent tabeller fra SSB (KOSTRA) / fetch tables from Statistics Norway", runKostra},
		{"kpi", "vis målekortet / print the KPI scorecard", runKPI},
		{"register", "kommunenummer og sammenslåinger fra SSBs register / apply the municipality number register", runRegister},
		{"backcalc", "tilbakeregnet serie for en sammenslått kommune / back-calculated series of a merged municipality", runBackcalc},
		{"peers", "tjenesteprofil mot ASSS eller en KOSTRA-gruppe / service profile against peers", runPeers},
		{"groups", "lagrede sammenligningsgrupper: list, import, delete / stored peer groups", runGroups},
		{"energy", "energioppfølging av bygg: buildings, import, weather, compute, degreedays, alerts / energy follow-up", runEnergy},
		{"portfolio", "prosjektporteføljen: import, compute, rank, status, benefits / the project portfolio", runPortfolio},
		{"workforce", "personalstatistikk fra HR-uttrekk og framskriving av behovet: import, project / workforce statistics and projection", runWorkforce},
		{"export", "skriv ut observasjoner som CSV, JSON-stat eller XLSX / export observations", runExport},
		{"indicators", "list indikatorkatalogen / list the indicator catalogue", runIndicators},
		{"batches", "list importene / list import batches", runBatches},
		{"revisions", "vis tidligere verdier av endrede observasjoner / list replaced values", runRevisions},
		{"users", "brukere og roller: list, add, grant, revoke, passwd, disable, enable, delete / users and roles", runUsers},
		{"tokens", "API-tokener: list, create, revoke / API tokens", runTokens},
		{"audit", "vis revisjonsloggen / list the audit log", runAudit},
		{"config", "vis konfigurasjonen / print the configuration", runConfig},
		{"version", "vis versjonen / print the version", runVersion},
	}
}

// Run runs the subcommand named by args[0] and returns the exit code: 0 on
// success, 1 on a failure, 2 on a usage error.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, m, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(m.Stderr, "virk %s: %v\n", c.name, err)
			return 2
		}
		fmt.Fprintf(m.Stderr, "virk %s: %s\n", c.name, userMessage(err))
		return 1
	}
	fmt.Fprintf(m.Stderr, "virk: ukjent kommando %q (unknown command); se «virk help»\n", args[0])
	return 2
}

// userMessage returns what a user should read about err: the message of a
// virk.Error, or the text of other errors, which in a command-line tool is
// the user's own context (file names, database paths).
func userMessage(err error) string {
	if virk.ErrorCode(err) != virk.EINTERNAL {
		return virk.ErrorMessage(err)
	}
	return err.Error()
}

type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, "virk %s — styringsinformasjon for kommuner / management information for municipalities\n\n", virk.Version)
	fmt.Fprintln(w, "Bruk / usage: virk <kommando> [flagg]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Databasen / database: --db eller VIRK_DB (standard ./virk.db; postgres://… for PostgreSQL).")
	fmt.Fprintln(w, "«virk <kommando> -h» viser flaggene til en kommando.")
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage on Stderr.
func (m *Main) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("virk "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Bruk / usage: virk %s %s\n\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
//
// Flags may come after the files as well as before them (virk import
// data.csv --dry-run), as analysts type them; everything after "--" is
// a file, even one whose name begins with "-".
func parseFlags(fs *flag.FlagSet, args []string) error {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" || len(rest) == 0 {
			files = append(files, rest...)
			break
		}
		files, args = append(files, rest[0]), rest[1:]
	}
	// Parse once more so that fs.Args returns the files.
	return fs.Parse(append([]string{"--"}, files...))
}

// listFlag is a flag that may be repeated or given as a comma-separated
// list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}
