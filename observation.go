package virk

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Status is the quality of an observation. Only final and preliminary
// observations carry a value.
type Status string

// Statuses. The SSB symbols they are read from are given in ParseStatus.
const (
	StatusFinal         Status = "final"
	StatusPreliminary   Status = "preliminary"
	StatusSuppressed    Status = "suppressed"     // ":" confidential
	StatusNotApplicable Status = "not_applicable" // "." not applicable
	StatusMissing       Status = "missing"        // ".." not available
)

// HasValue reports whether observations of this status carry a value.
func (s Status) HasValue() bool { return s == StatusFinal || s == StatusPreliminary }

// Symbol returns the status the way SSB's tables print it: "" for final,
// "p" for preliminary, ":" "." ".." for the others.
func (s Status) Symbol() string {
	switch s {
	case StatusPreliminary:
		return "p"
	case StatusSuppressed:
		return ":"
	case StatusNotApplicable:
		return "."
	case StatusMissing:
		return ".."
	}
	return ""
}

// ParseStatus reads a status written as a word (English or Norwegian) or as
// one of SSB's symbols. The empty string is final.
func ParseStatus(s string) (Status, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "final", "endelig", "e":
		return StatusFinal, nil
	case "preliminary", "foreløpig", "forelopig", "p", "*":
		return StatusPreliminary, nil
	case "suppressed", "skjult", "konfidensiell", ":":
		return StatusSuppressed, nil
	case "not_applicable", "not applicable", "ikke relevant", "ikke aktuelt", ".":
		return StatusNotApplicable, nil
	case "missing", "mangler", "ikke tilgjengelig", "..", "...":
		return StatusMissing, nil
	}
	return "", fmt.Errorf("statusen %q er ukjent (forventet final, preliminary, suppressed, not_applicable, missing eller et av symbolene : . ..)", s)
}

// Observation is the value of an indicator for an entity in a period.
type Observation struct {
	IndicatorID string
	EntityID    string
	Period      Period
	Value       float64 // meaningful only when Status.HasValue()
	Status      Status
	Source      string // where the figure came from, e.g. a file or SSB table
	BatchID     int64  // the import that stored this version
}

// Key identifies an observation.
type Key struct {
	IndicatorID string
	EntityID    string
	Period      Period
}

// Key returns the observation's key.
func (o *Observation) Key() Key { return Key{o.IndicatorID, o.EntityID, o.Period} }

// SameAs reports whether o and p hold the same figure: equal status, equal
// value where there is one, and equal source.
func (o *Observation) SameAs(p *Observation) bool {
	if o.Status != p.Status || o.Source != p.Source {
		return false
	}
	return !o.Status.HasValue() || o.Value == p.Value
}

// Revision is an earlier version of an observation that a later import
// replaced.
type Revision struct {
	Observation
	ReplacedAt      time.Time
	ReplacedByBatch int64
}

// ObservationFilter selects observations. Nil and empty fields do not filter.
type ObservationFilter struct {
	IndicatorIDs []string
	EntityIDs    []string
	From, To     *Period // inclusive
}

// ObservationService reads stored observations and their revisions.
type ObservationService interface {
	// FindObservations returns the matching observations ordered by
	// indicator, entity and period.
	FindObservations(ctx context.Context, filter ObservationFilter) ([]*Observation, error)
	// FindRevisions returns earlier versions of the matching observations,
	// newest first.
	FindRevisions(ctx context.Context, filter ObservationFilter) ([]*Revision, error)
}

// ObservationRows is a list of observations kept compactly, for imports
// of millions: each row is a few integers into tables of the distinct
// indicator IDs, entity IDs, periods, sources and statuses, and a value,
// 24 bytes instead of an Observation's 104, in fixed-size chunks that
// hold no pointers, so that the list grows without copying and the
// garbage collector does not scan it. BatchID is not kept.
//
// The zero value is an empty list ready to use.
type ObservationRows struct {
	chunks []*rowChunk
	n      int
	inds   stringTable
	ents   stringTable
	srcs   stringTable
	pers   []Period
	perIdx map[Period]int32
	perHit [64]periodSlot // a small cache before perIdx
	stats  []Status
	// oddStatus holds the statuses of rows whose status did not fit in
	// the table of 255; such statuses are invalid and rare. oddSource
	// likewise holds the source indexes from oddSourceIndex on.
	oddStatus map[int]Status
	oddSource map[int]int32
}

// ObservationRow is one row of ObservationRows, as indexes into its
// tables (see ObservationRows.Indicators and the like).
type ObservationRow struct {
	Value                             float64
	Indicator, Entity, Period, Source int32
	Status                            uint8
}

// rowChunkBits sets the rows of a chunk: 16 384, 384 kB.
const rowChunkBits = 14

const rowChunkLen = 1 << rowChunkBits

// rowChunk holds rowChunkLen rows.
type rowChunk [rowChunkLen]rowData

// rowData is one row: a row is read whole, in one cache line at most,
// since a store reads rows in key order, not in the order they came.
type rowData struct {
	value         float64
	ind, ent, per int32
	srcStatus     uint32 // source index << 8 | status index
}

// oddStatusIndex marks a row whose status is in oddStatus, and
// oddSourceIndex one whose source index is in oddSource.
const (
	oddStatusIndex = 255
	oddSourceIndex = 1<<24 - 1
)

// stringTable interns strings as int32 indexes.
type stringTable struct {
	list  []string
	idx   map[string]int32
	last  string
	lastI int32
	warm  bool
}

// intern returns the index of s, adding it if new. Rows come in runs of
// one indicator or entity, so the last string is checked first.
func (t *stringTable) intern(s string) int32 {
	if t.warm && s == t.last {
		return t.lastI
	}
	i, ok := t.idx[s]
	if !ok {
		if t.idx == nil {
			t.idx = make(map[string]int32)
		}
		i = int32(len(t.list))
		t.list = append(t.list, s)
		t.idx[s] = i
	}
	t.last, t.lastI, t.warm = s, i, true
	return i
}

// periodSlot is an entry of ObservationRows.perHit.
type periodSlot struct {
	p   Period
	i   int32
	set bool
}

// Len returns the number of rows.
func (r *ObservationRows) Len() int { return r.n }

// Append adds o at the end.
func (r *ObservationRows) Append(o Observation) {
	if r.n&(rowChunkLen-1) == 0 && r.n>>rowChunkBits == len(r.chunks) {
		r.chunks = append(r.chunks, new(rowChunk))
	}
	d := &r.chunks[r.n>>rowChunkBits][r.n&(rowChunkLen-1)]
	src, status := r.srcs.intern(o.Source), r.status(o.Status)
	*d = rowData{value: o.Value, ind: r.inds.intern(o.IndicatorID), ent: r.ents.intern(o.EntityID),
		per: r.period(o.Period), srcStatus: uint32(min(src, oddSourceIndex))<<8 | uint32(status)}
	if status == oddStatusIndex {
		if r.oddStatus == nil {
			r.oddStatus = make(map[int]Status)
		}
		r.oddStatus[r.n] = o.Status
	}
	if src >= oddSourceIndex {
		if r.oddSource == nil {
			r.oddSource = make(map[int]int32)
		}
		r.oddSource[r.n] = src
	}
	r.n++
}

// period returns the table index of p, adding it if new.
func (r *ObservationRows) period(p Period) int32 {
	h := (uint(p.Year)*13 + uint(p.N)*3 + uint(p.Freq)) & uint(len(r.perHit)-1)
	if s := &r.perHit[h]; s.set && s.p == p {
		return s.i
	}
	i, ok := r.perIdx[p]
	if !ok {
		if r.perIdx == nil {
			r.perIdx = make(map[Period]int32)
		}
		i = int32(len(r.pers))
		r.pers = append(r.pers, p)
		r.perIdx[p] = i
	}
	r.perHit[h] = periodSlot{p, i, true}
	return i
}

// status returns the table index of s, adding it if new, or
// oddStatusIndex when the table is full.
func (r *ObservationRows) status(s Status) uint8 {
	for i, t := range r.stats {
		if t == s {
			return uint8(i)
		}
	}
	if len(r.stats) == oddStatusIndex {
		return oddStatusIndex
	}
	r.stats = append(r.stats, s)
	return uint8(len(r.stats) - 1)
}

// Row returns row i as table indexes.
func (r *ObservationRows) Row(i int) ObservationRow {
	d := &r.chunks[i>>rowChunkBits][i&(rowChunkLen-1)]
	w := ObservationRow{Value: d.value, Indicator: d.ind, Entity: d.ent, Period: d.per,
		Source: int32(d.srcStatus >> 8), Status: uint8(d.srcStatus)}
	if w.Source == oddSourceIndex {
		w.Source = r.oddSource[i]
	}
	return w
}

// Key returns the table indexes of row i's indicator, entity and period,
// which is cheaper than Row when they are all that is wanted.
func (r *ObservationRows) Key(i int) (indicator, entity, period int32) {
	d := &r.chunks[i>>rowChunkBits][i&(rowChunkLen-1)]
	return d.ind, d.ent, d.per
}

// At returns row i as an Observation.
func (r *ObservationRows) At(i int) Observation {
	w := r.Row(i)
	return Observation{IndicatorID: r.inds.list[w.Indicator], EntityID: r.ents.list[w.Entity],
		Period: r.pers[w.Period], Value: w.Value, Status: r.StatusOf(i, w.Status), Source: r.srcs.list[w.Source]}
}

// StatusOf returns the status of row i, whose Row has status index s.
func (r *ObservationRows) StatusOf(i int, s uint8) Status {
	if s == oddStatusIndex {
		return r.oddStatus[i]
	}
	return r.stats[s]
}

// Indicators returns the table of indicator IDs that rows refer to by
// index. The caller must not change it.
func (r *ObservationRows) Indicators() []string { return r.inds.list }

// Entities returns the table of entity IDs.
func (r *ObservationRows) Entities() []string { return r.ents.list }

// Sources returns the table of sources; "" stands for none.
func (r *ObservationRows) Sources() []string { return r.srcs.list }

// Periods returns the table of periods.
func (r *ObservationRows) Periods() []Period { return r.pers }

// Statuses returns the table of statuses; a row with index 255 has one
// of its own (see StatusOf).
func (r *ObservationRows) Statuses() []Status { return r.stats }

// Observations returns every row as an Observation.
func (r *ObservationRows) Observations() []Observation {
	out := make([]Observation, r.n)
	for i := range out {
		out[i] = r.At(i)
	}
	return out
}

// Keep removes the rows for which keep returns false, keeping the order
// of the others.
func (r *ObservationRows) Keep(keep func(i int) bool) {
	n := 0
	var oddStatus map[int]Status
	var oddSource map[int]int32
	for i := range r.n {
		if !keep(i) {
			continue
		}
		d := r.chunks[i>>rowChunkBits][i&(rowChunkLen-1)]
		if uint8(d.srcStatus) == oddStatusIndex {
			if oddStatus == nil {
				oddStatus = make(map[int]Status)
			}
			oddStatus[n] = r.oddStatus[i]
		}
		if d.srcStatus>>8 == oddSourceIndex {
			if oddSource == nil {
				oddSource = make(map[int]int32)
			}
			oddSource[n] = r.oddSource[i]
		}
		r.chunks[n>>rowChunkBits][n&(rowChunkLen-1)] = d
		n++
	}
	m := (n + rowChunkLen - 1) >> rowChunkBits
	clear(r.chunks[m:])
	r.n, r.oddStatus, r.oddSource, r.chunks = n, oddStatus, oddSource, r.chunks[:m]
}
