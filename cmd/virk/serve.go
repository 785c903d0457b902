package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/pdf"
	"github.com/virk-analyse/virk/web"
)

// DefaultAddr is where "virk serve" listens unless told otherwise: the
// loopback interface, so that nothing is exposed by accident.
const DefaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("serve", "[--addr VERT:PORT] [--db DB] [--report MAPPE] [--home ENHET] [--klass ENDRINGER.json] [--public] [--oidc-issuer URL …]")
	addDBFlag(fs, &c)
	addr := m.Getenv("VIRK_ADDR")
	if addr == "" {
		addr = DefaultAddr
	}
	fs.StringVar(&addr, "addr", addr, "adressen serveren lytter på (VIRK_ADDR)")
	home := fs.String("home", m.Getenv("VIRK_HOME"), "enheten målekortet viser først, med enhetene under (VIRK_HOME); tom velger den med flest enheter")
	reportDir := fs.String("report", m.Getenv("VIRK_REPORT"), "mappen med rapporten (Markdown-kapitler og rapport.json); tom gir demorapporten (VIRK_REPORT)")
	klass := fs.String("klass", "", "endringer fra SSBs Klass (klassifikasjon 131, JSON) for tilbakeregnede serier; standard er registeret virk har innebygd")
	public := fs.Bool("public", m.Getenv("VIRK_PUBLIC") == "1", "vis bare det publiserte: rapporten og tilgjengelighetserklæringen, uten innlogging (VIRK_PUBLIC=1)")
	logFormat := fs.String("log", envOr(m, "VIRK_LOG", "text"), "loggformatet på stderr: text eller json, med én linje per forespørsel (VIRK_LOG)")
	oidc := addOIDCFlags(fs, m)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	reg, err := loadRegister(*klass)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := demoOnFirstStart(ctx, m, st, c); err != nil {
		return err
	}
	link := ""
	if !*public {
		if link, err = firstStart(ctx, m, st); err != nil {
			return err
		}
	}
	provider, err := oidc.provider(ctx, m)
	if err != nil {
		return err
	}
	// The access log: one line per request at Info, with the path but not
	// the query, and internal errors at Error.
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	var logger *slog.Logger
	switch *logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
	case "json":
		logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	default:
		return usagef("--log %q: forventet text eller json", *logFormat)
	}
	srv := &web.Server{
		Store:      st,
		Report:     demo.Report(),
		Home:       *home,
		Register:   reg,
		OIDC:       provider,
		PublicOnly: *public,
		Logger:     logger,
	}
	if !isPostgres(c.DB) {
		// Checked uploads wait for their confirmation beside the
		// database; PostgreSQL has no folder, and the server's default is
		// one under the temporary folder.
		srv.SpoolDir = filepath.Join(filepath.Dir(c.DB), "virk-opplasting")
	}
	if *reportDir != "" {
		if fi, err := os.Stat(*reportDir); err != nil || !fi.IsDir() {
			return virk.Errorf(virk.EINVALID, "--report %s: mappen finnes ikke", *reportDir)
		}
		srv.Report = os.DirFS(*reportDir)
	}
	if path, err := pdf.Find(); err != nil {
		srv.PDFUnavailable = virk.ErrorMessage(err)
		if virk.ErrorCode(err) == virk.EINTERNAL {
			srv.PDFUnavailable = err.Error()
		}
		fmt.Fprintf(m.Stderr, "Merk: PDF av rapporten er slått av. %s\n", srv.PDFUnavailable)
	} else {
		lp := &lazyPrinter{path: path}
		defer lp.Close()
		srv.PDF = lp
	}
	return srv.ListenAndServe(ctx, addr, func(url string) {
		fmt.Fprintf(m.Stdout, "virk kjører på %s (database %s). Stopp med Ctrl+C.\n", url, redactDSN(c.DB))
		printLoginLink(m, url, link)
	})
}

// demoOnFirstStart loads the demo data into an empty database, so that a
// first "virk serve" shows something.
func demoOnFirstStart(ctx context.Context, m *Main, st virk.Store, c Config) error {
	inds, _, err := st.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil || len(inds) > 0 {
		return err
	}
	res, err := loadDemo(ctx, st, c.User)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Databasen var tom: demodataene er lastet inn (%d observasjoner).\n", res.Summary.Observations.Added)
	return nil
}
