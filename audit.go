package virk

import (
	"context"
	"fmt"
	"time"
)

// Audit actions: what the audit log records.
const (
	AuditLogin          = "login"
	AuditLoginFailed    = "login.failed"
	AuditLogout         = "logout"
	AuditImport         = "import"           // stored, with its batch
	AuditImportDryRun   = "import.dryrun"    // checked, nothing stored
	AuditCatalogue      = "catalogue"        // indicators or entities changed
	AuditTarget         = "target"           // a target changed
	AuditGroup          = "group"            // peer groups changed
	AuditUser           = "user"             // a user added, changed or removed
	AuditRole           = "role"             // a user's roles changed
	AuditToken          = "token"            // an API token made or revoked
	AuditSetting        = "setting"          // a setting changed
	AuditAlert          = "alert"            // an alert changed state
	AuditExportPersonal = "export.personnel" // personnel figures downloaded
)

// AuditEvent is one line of the audit log: who did what, when, from where.
// The log is append-only: the store has no way to change or remove a line.
type AuditEvent struct {
	ID      int64
	Time    time.Time
	Actor   string // the user's login; "" for someone not logged in
	Address string // the client's address, or "cli" for the command line
	Action  string // one of the Audit… constants
	Object  string // what it was done to: files, a user, a group
	BatchID int64  // the batch an import or change stored; 0 if none
	Detail  string // a short text, e.g. why a login failed
}

// AuditFilter selects audit events. Nil and zero fields do not filter.
type AuditFilter struct {
	Actor  *string
	Action *string
	From   time.Time // at or after
	To     time.Time // before
	Offset int
	Limit  int // 0: no limit
}

// AuditService is the append-only audit log.
type AuditService interface {
	// AppendAudit adds an event and sets its ID, and its Time when zero.
	AppendAudit(ctx context.Context, e *AuditEvent) error
	// FindAudit returns matching events, newest first, and how many match
	// in all.
	FindAudit(ctx context.Context, filter AuditFilter) ([]*AuditEvent, int, error)
}

// ImportEvent is the audit event of an import that got res from the
// store: a dry run, or a stored import with its batch (none when nothing
// changed), on object (the files). Actor and address are for the caller.
// The command line and the web use it alike, so the log reads the same
// whatever the way in.
func ImportEvent(object string, res *ApplyResult, dryRun bool) *AuditEvent {
	e := &AuditEvent{Action: AuditImport, Object: object}
	if dryRun {
		e.Action = AuditImportDryRun
	}
	if res.Batch != nil {
		e.BatchID = res.Batch.ID
	}
	s := res.Summary
	e.Detail = fmt.Sprintf("observasjoner: %d nye, %d endrede; indikatorer: %d nye, %d endrede; enheter: %d nye, %d endrede",
		s.Observations.Added, s.Observations.Changed, s.Indicators.Added, s.Indicators.Changed,
		s.Entities.Added, s.Entities.Changed)
	if s.Meters.Total()+s.Readings.Total() > 0 {
		e.Detail += fmt.Sprintf("; bygg og målere: %d nye, %d endrede; måler- og værverdier: %d nye, %d endrede",
			s.Meters.Added, s.Meters.Changed, s.Readings.Added, s.Readings.Changed)
	}
	return e
}

// AlertEvent is the audit event of a user's change of an energy alert.
func AlertEvent(a *Alert) AuditEvent {
	detail := "tilstand " + string(a.State)
	if a.Comment != "" {
		detail += "; kommentar: " + a.Comment
	}
	return AuditEvent{Action: AuditAlert, Object: fmt.Sprintf("varsel %d (%s, %s)", a.ID, a.BuildingID, a.Kind), Detail: detail}
}
