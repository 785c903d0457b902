package virk

import (
	"context"
	"time"
)

// File is one file read by an import, identified by its content hash so
// that a re-import of the same bytes can be recognised.
type File struct {
	Name   string
	SHA256 string // hex
}

// Batch is one applied import: everything it added or changed refers to it.
type Batch struct {
	ID        int64
	Files     []File
	User      string
	CreatedAt time.Time
	Summary   Summary
}

// ChangeSet is everything one import wants stored, from one or more files.
// It is applied as a whole or not at all.
type ChangeSet struct {
	Files        []File
	Indicators   []*Indicator
	Entities     []*Entity
	Observations []Observation
	// Rows holds more observations, compactly, as an importer of large
	// files gives them; they count as coming before Observations. A store
	// treats both alike.
	Rows        ObservationRows
	Annotations []*Annotation
	// Projects and Benefits are the portfolio register's records. A
	// project's entity (kind project) is in Entities or stored.
	Projects []*Project
	Benefits []*Benefit
}

// ObservationCount returns the number of observations, in Rows and
// Observations.
func (cs *ChangeSet) ObservationCount() int { return cs.Rows.Len() + len(cs.Observations) }

// Counts says how many records an import adds, changes and leaves alone.
type Counts struct {
	Added     int
	Changed   int
	Unchanged int
}

// Total is the number of records counted.
func (c Counts) Total() int { return c.Added + c.Changed + c.Unchanged }

// Summary counts what an import does, by record type.
type Summary struct {
	Indicators   Counts
	Entities     Counts
	Observations Counts
	Annotations  Counts
	// Meters counts energy follow-up's stations, buildings and meters,
	// Readings its meter readings, temperatures and normals, one a value.
	Meters   Counts
	Readings Counts
	// Projects counts the portfolio's projects, Benefits their benefits.
	Projects Counts
	Benefits Counts
}

// Changes is the number of records added or changed.
func (s Summary) Changes() int {
	n := 0
	for _, c := range []Counts{s.Indicators, s.Entities, s.Observations, s.Annotations, s.Meters, s.Readings, s.Projects, s.Benefits} {
		n += c.Added + c.Changed
	}
	return n
}

// Change is one observation that an import changes, for dry-run listings.
type Change struct {
	Old, New Observation
}

// ApplyOptions controls how a change set is applied.
type ApplyOptions struct {
	DryRun bool   // compute what would change and write nothing
	User   string // who imports, recorded on the batch
	// MaxChanges caps how many changed observations the result lists.
	MaxChanges int
	// Progress, when set, is called now and then with how many of the
	// change set's observations have been written.
	Progress func(done, total int)
}

// ApplyResult tells what an import did, or would do for a dry run.
type ApplyResult struct {
	Summary Summary
	Changes []Change // changed observations, up to ApplyOptions.MaxChanges
	// Batch is the stored batch; nil for a dry run or when nothing changed.
	Batch *Batch
	// SameFiles lists earlier batches that read files with the same
	// content as this import.
	SameFiles []*Batch
}

// ImportService applies change sets: the only way data enters virk.
type ImportService interface {
	// Apply stores the change set in one transaction. Entities and
	// indicators are upserted; observations that differ from the stored
	// ones are replaced, and the stored version is kept as a Revision.
	// Nothing is stored when the change set holds no changes, when
	// opts.DryRun is set, or when any part is invalid.
	Apply(ctx context.Context, cs *ChangeSet, opts ApplyOptions) (*ApplyResult, error)
	// FindBatches returns stored batches, newest first.
	FindBatches(ctx context.Context) ([]*Batch, error)
	// DataVersion returns the ID of the newest batch, 0 for an empty
	// store. Everything stored comes in a batch, peer groups included, so
	// a cache of computed figures is valid as long as the version is the
	// same.
	DataVersion(ctx context.Context) (int64, error)
}

// Store is everything a backend provides.
type Store interface {
	IndicatorService
	EntityService
	ObservationService
	AnnotationService
	ImportService
	PeerGroupService
	UserService
	SessionService
	TokenService
	AuditService
	SettingService
	EnergyService
	PortfolioService
	Close() error
}
