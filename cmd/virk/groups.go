package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kostra"
	"github.com/virk-analyse/virk/peer"
)

const (
	groupsSynopsis       = "[--db DB] | import [--db DB] FIL.csv | delete [--db DB] ID"
	kostraGroupsSynopsis = "--correspondence ID --from ÅR [--to ÅR] [--file KLASS.json] [--dry-run] [--klass-url URL] [--db DB]"
)

// runGroups lists, imports and deletes the stored peer groups: SSB's
// KOSTRA groups («virk kostra groups») and the user's own.
func runGroups(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runGroupsImport(ctx, m, args[1:])
		case "delete":
			return runGroupsDelete(ctx, m, args[1:])
		}
	}
	c := m.config()
	fs := m.newFlagSet("groups", groupsSynopsis)
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("ukjent underkommando %q; bruk «virk groups», «virk groups import FIL» eller «virk groups delete ID»", fs.Arg(0))
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	gs, err := st.FindPeerGroups(ctx)
	if err != nil {
		return err
	}
	return writeGroups(m.Stdout, gs)
}

// writeGroups prints one line per group with its members counted by span
// of years.
func writeGroups(w io.Writer, gs []*virk.PeerGroup) error {
	if len(gs) == 0 {
		_, err := fmt.Fprintln(w, "Ingen lagrede sammenligningsgrupper. Hent KOSTRA-gruppene med «virk kostra groups», "+
			"eller les inn egne med «virk groups import FIL.csv». ASSS er alltid innebygd.")
		return err
	}
	t := &textTable{header: []string{"ID", "Navn", "Kilde", "Medlemmer", "Merknad"}}
	for _, g := range gs {
		t.add(g.ID, g.Name, g.Source, memberSpans(g.Members), g.Note)
	}
	return t.write(w)
}

// memberSpans counts members per span of years: "2020–2023: 3; 2024–: 4".
func memberSpans(ms []virk.PeerMember) string {
	type span struct{ from, to int }
	var order []span
	n := map[span]int{}
	for _, m := range ms {
		s := span{m.From, m.To}
		if n[s] == 0 {
			order = append(order, s)
		}
		n[s]++
	}
	slices.SortStableFunc(order, func(a, b span) int { return a.from - b.from })
	var parts []string
	for _, s := range order {
		parts = append(parts, fmt.Sprintf("%s: %d", peer.YearsText(s.from, s.to), n[s]))
	}
	return strings.Join(parts, "; ")
}

// runGroupsImport stores the groups of a group file (kommune;gruppe;navn;
// fra;til) as the user's own, each replacing a stored group of the same
// ID. A fault anywhere stores nothing.
func runGroupsImport(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("groups import", "[--db DB] FIL.csv")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi én gruppefil (kommune;gruppe;navn;fra;til)")
	}
	file := fs.Arg(0)
	gs, err := readGroupFile(file)
	if err != nil {
		return err
	}
	upd := virk.PeerGroupUpdate{User: c.User}
	for _, g := range gs {
		upd.Put = append(upd.Put, peer.ToStored(g, virk.PeerSourceOwn, filepath.Base(file)))
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := st.UpdatePeerGroups(ctx, upd)
	if err != nil {
		return virk.Errorf(virk.ErrorCode(err), "%s: %s", file, userMessage(err))
	}
	return m.groupChanged(ctx, st, c, upd, b, "fra "+filepath.Base(file))
}

// groupChanged says what a change of peer groups stored and writes it to
// the audit log; a change that stored nothing (no batch) is not logged.
func (m *Main) groupChanged(ctx context.Context, st virk.Store, c Config, upd virk.PeerGroupUpdate, b *virk.Batch, detail string) error {
	if err := writeGroupChange(m.Stdout, upd, b); err != nil || b == nil {
		return err
	}
	return writeAudit(ctx, st, c, groupEvent(upd, b, detail))
}

// readGroupFile reads a group file; faults name the file and line.
func readGroupFile(file string) ([]*peer.Group, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "kan ikke åpne gruppefilen: %v", err)
	}
	defer f.Close()
	gs, err := peer.ReadGroups(f)
	var fe *peer.GroupFileError
	switch {
	case errors.As(err, &fe):
		return nil, virk.Errorf(virk.EINVALID, "%s:%d: %v", file, fe.Line, fe.Err)
	case err != nil:
		return nil, virk.Errorf(virk.EINVALID, "%s: %v", file, err)
	case len(gs) == 0:
		return nil, virk.Errorf(virk.EINVALID, "%s: filen har ingen grupper", file)
	}
	return gs, nil
}

// writeGroupChange says what a change stored.
func writeGroupChange(w io.Writer, upd virk.PeerGroupUpdate, b *virk.Batch) error {
	if b == nil {
		_, err := fmt.Fprintln(w, "Ingen endringer: gruppene er lagret slik fra før.")
		return err
	}
	var ids []string
	for _, g := range upd.Put {
		ids = append(ids, g.ID)
	}
	if len(ids) > 0 {
		fmt.Fprintf(w, "Lagret %d sammenligningsgrupper: %s.\n", len(ids), strings.Join(ids, ", "))
	}
	if len(upd.Delete) > 0 {
		fmt.Fprintf(w, "Slettet: %s.\n", strings.Join(upd.Delete, ", "))
	}
	_, err := fmt.Fprintf(w, "Endringen er batch %d.\n", b.ID)
	return err
}

// runGroupsDelete deletes one stored group.
func runGroupsDelete(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("groups delete", "[--db DB] ID")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("oppgi ID-en til gruppen som skal slettes (se «virk groups»)")
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	upd := virk.PeerGroupUpdate{Delete: []string{strings.ToLower(fs.Arg(0))}, User: c.User}
	b, err := st.UpdatePeerGroups(ctx, upd)
	if err != nil {
		return err
	}
	return m.groupChanged(ctx, st, c, upd, b, "")
}

// runKostraGroups stores SSB's KOSTRA groups from a KLASS correspondence
// table, valid in the years the user gives, keeping the stored groups'
// other years.
func runKostraGroups(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("kostra groups", kostraGroupsSynopsis)
	addDBFlag(fs, &c)
	id := fs.String("correspondence", "", "nummeret til KLASS-korrespondansetabellen fra KOSTRA-grupper (klassifikasjon 112) til kommuner (131); finn det på ssb.no/klass")
	from := fs.Int("from", 0, "første år grupperingen gjelder for")
	to := fs.Int("to", 0, "siste år grupperingen gjelder for (standard: åpent)")
	file := fs.String("file", "", "en lagret korrespondansetabell (JSON fra KLASS) i stedet for å hente fra SSB")
	dryRun := fs.Bool("dry-run", false, "vis gruppene uten å lagre dem")
	klassURL := fs.String("klass-url", kostra.DefaultKlassURL, "adressen til KLASS API v1")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("uventet argument %q; alt oppgis med flagg", fs.Arg(0))
	case *id == "" && *file == "":
		return usagef("oppgi korrespondansetabellen med --correspondence ID, eller en lagret fil med --file")
	case *from == 0:
		return usagef("oppgi med --from hvilket år grupperingen gjelder fra")
	}
	var corr *kostra.Correspondence
	if *file != "" {
		f, err := os.Open(*file)
		if err != nil {
			return virk.Errorf(virk.EINVALID, "kan ikke åpne %s: %v", *file, err)
		}
		corr, err = kostra.ReadCorrespondence(f, *file)
		f.Close()
		if err != nil {
			return err
		}
		corr.Origin = "fil " + filepath.Base(*file)
		if *id != "" {
			corr.Origin = "KLASS-korrespondanse " + *id + " (fil " + filepath.Base(*file) + ")"
		}
	} else {
		k, err := klassClient(m, *klassURL)
		if err != nil {
			return err
		}
		if corr, err = k.Correspondence(ctx, *id); err != nil {
			return err
		}
	}
	fresh, err := kostra.KOSTRAGroups(corr, *from, *to)
	if err != nil {
		return err
	}

	st, err := m.openStoreFor(ctx, c.DB, *dryRun)
	if err != nil {
		return err
	}
	var stored []*virk.PeerGroup
	if st != nil {
		defer st.Close()
		if stored, err = st.FindPeerGroups(ctx); err != nil {
			return err
		}
	}
	upd := kostra.MergeKOSTRA(stored, fresh, *from, *to)
	upd.User = c.User
	if *dryRun {
		fmt.Fprintf(m.Stdout, "Prøvekjøring (--dry-run): ingenting er lagret.\n\nKOSTRA-grupper fra %s, gyldige %s:\n\n",
			corr.Origin, peer.YearsText(*from, *to))
		if err := writeGroups(m.Stdout, fresh); err != nil {
			return err
		}
		if len(upd.Delete) > 0 {
			fmt.Fprintf(m.Stdout, "\nVille slettet (ingen år igjen): %s.\n", strings.Join(upd.Delete, ", "))
		}
		return nil
	}
	b, err := st.UpdatePeerGroups(ctx, upd)
	if err != nil {
		return err
	}
	return m.groupChanged(ctx, st, c, upd, b, "KOSTRA-grupper fra "+corr.Origin+", gyldige "+peer.YearsText(*from, *to))
}

// errNoGroup is the usage error of an unknown --group.
func errNoGroup(id string, known []string) error {
	return usagef("gruppen %q er ukjent (kjente grupper: %s)", id, strings.Join(known, ", "))
}

// klassClient returns a client of the KLASS API at rawURL that says on
// standard error when it waits to retry.
func klassClient(m *Main, rawURL string) (*kostra.Klass, error) {
	if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("--klass-url %q er ikke en http- eller https-adresse", rawURL)
	}
	return &kostra.Klass{BaseURL: rawURL, Client: &kostra.Client{Wait: retryNotice(m)}}, nil
}

// retryNotice tells the user on standard error that SSB is retried.
func retryNotice(m *Main) func(time.Duration, string) {
	return func(d time.Duration, reason string) {
		fmt.Fprintf(m.Stderr, "SSB: %s; prøver igjen om %s\n", reason, d.Round(time.Second))
	}
}
