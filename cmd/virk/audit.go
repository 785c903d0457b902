package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
)

// cliAddress is the audit log's address of everything done from the
// command line, where there is no client address.
const cliAddress = "cli"

const auditSynopsis = "[--actor BRUKER] [--action HANDLING] [--from 2026-01-01] [--to 2026-12-31] [--limit N] [--format table|csv] [--db DB]"

// auditTime is how the table shows an event's time: to the second, since
// one command often writes several events in a minute.
const auditTime = "02.01.2006 kl. 15:04:05"

// writeAudit appends e to the audit log as done by the configured user
// from the command line. The change it records is already stored, so a
// failure says so.
func writeAudit(ctx context.Context, st virk.AuditService, c Config, e virk.AuditEvent) error {
	e.Actor, e.Address = c.User, cliAddress
	if err := st.AppendAudit(ctx, &e); err != nil {
		return fmt.Errorf("endringen er lagret, men ble ikke ført i revisjonsloggen: %w", err)
	}
	return nil
}

// groupEvent is the audit event of a stored change of peer groups; detail
// says where the groups came from.
func groupEvent(upd virk.PeerGroupUpdate, b *virk.Batch, detail string) virk.AuditEvent {
	var ids, parts []string
	for _, g := range upd.Put {
		ids = append(ids, g.ID)
	}
	if len(ids) > 0 {
		parts = append(parts, "lagret "+strings.Join(ids, ", "))
	}
	if len(upd.Delete) > 0 {
		parts = append(parts, "slettet "+strings.Join(upd.Delete, ", "))
	}
	if detail != "" {
		parts = append(parts, detail)
	}
	return virk.AuditEvent{Action: virk.AuditGroup, Object: strings.Join(append(ids, upd.Delete...), ", "),
		BatchID: b.ID, Detail: strings.Join(parts, "; ")}
}

// runAudit lists the audit log, newest first.
func runAudit(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("audit", auditSynopsis)
	addDBFlag(fs, &c)
	actor := fs.String("actor", "", "bare hendelser gjort av denne brukeren")
	action := fs.String("action", "", "bare denne handlingen: "+strings.Join(auditActions(), ", "))
	from := fs.String("from", "", "fra og med denne datoen (ÅÅÅÅ-MM-DD)")
	to := fs.String("to", "", "til og med denne datoen (ÅÅÅÅ-MM-DD)")
	limit := fs.Int("limit", 0, "høyst så mange hendelser, de nyeste (0: alle)")
	format := fs.String("format", "table", "utdataformat: table eller csv (semikolon, UTF-8 med BOM, for regneark)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q; alt oppgis med flagg", fs.Arg(0))
	}
	if *format != "table" && *format != "csv" {
		return usagef("--format %q er ukjent (forventet table eller csv)", *format)
	}
	if *limit < 0 {
		return usagef("--limit %d: oppgi et tall fra 0 og oppover", *limit)
	}
	f := virk.AuditFilter{Limit: *limit}
	if *actor != "" {
		f.Actor = actor
	}
	if *action != "" {
		if !slices.Contains(auditActions(), *action) {
			return usagef("--action %q er ukjent (kjente handlinger: %s)", *action, strings.Join(auditActions(), ", "))
		}
		f.Action = action
	}
	var err error
	if f.From, err = auditDate("--from", *from, 0); err != nil {
		return err
	}
	// --to takes in the whole day it names: the filter's To is before.
	if f.To, err = auditDate("--to", *to, 1); err != nil {
		return err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return usagef("--from %s er etter --to %s", *from, *to)
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	events, _, err := st.FindAudit(ctx, f)
	if err != nil {
		return err
	}
	if *format == "csv" {
		return writeAuditCSV(m.Stdout, events)
	}
	return writeAuditTable(m.Stdout, events)
}

// auditDate reads a date in local time, days days after it; "" is the
// zero time, which does not filter.
func auditDate(flag, s string, days int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		return time.Time{}, usagef("%s %q: oppgi en dato som 2026-01-31", flag, s)
	}
	return d.AddDate(0, 0, days), nil
}

// auditActions lists the actions the audit log records.
func auditActions() []string {
	return []string{virk.AuditLogin, virk.AuditLoginFailed, virk.AuditLogout, virk.AuditImport, virk.AuditImportDryRun,
		virk.AuditCatalogue, virk.AuditTarget, virk.AuditGroup, virk.AuditUser, virk.AuditRole,
		virk.AuditToken, virk.AuditSetting, virk.AuditAlert, virk.AuditExportPersonal}
}

func writeAuditTable(w io.Writer, events []*virk.AuditEvent) error {
	if len(events) == 0 {
		_, err := fmt.Fprintln(w, "Ingen hendelser i revisjonsloggen.")
		return err
	}
	t := &textTable{header: []string{"Nr.", "Tidspunkt", "Bruker", "Adresse", "Handling", "Objekt", "Batch", "Detaljer"},
		right: []bool{true, false, false, false, false, false, true}}
	for _, e := range events {
		t.add(strconv.FormatInt(e.ID, 10), e.Time.Local().Format(auditTime), e.Actor, e.Address, e.Action, e.Object,
			batchText(e.BatchID), e.Detail)
	}
	return t.write(w)
}

// writeAuditCSV writes the events for a spreadsheet, with the columns of
// the web's download of the log.
func writeAuditCSV(w io.Writer, events []*virk.AuditEvent) error {
	cw, err := export.NewSheetCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"tid", "bruker", "adresse", "handling", "objekt", "batch", "detaljer"})
	for _, e := range events {
		cw.Write([]string{e.Time.Local().Format(time.RFC3339), e.Actor, e.Address, e.Action, e.Object, batchText(e.BatchID), e.Detail})
	}
	cw.Flush()
	return cw.Error()
}

func batchText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
