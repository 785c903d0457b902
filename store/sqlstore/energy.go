package sqlstore

import (
	"context"
	"database/sql"
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// ApplyEnergy validates the change set, then stores it in one transaction
// and batch: see virk.EnergyService. Like Apply, it waits for any other
// import, and a dry run reads one snapshot, takes no lock and writes
// nothing, counting what a real run would do.
func (db *DB) ApplyEnergy(ctx context.Context, cs *virk.EnergyChangeSet, opts virk.ApplyOptions) (*virk.ApplyResult, error) {
	if cs == nil {
		cs = &virk.EnergyChangeSet{}
	}
	tx, err := db.beginApply(ctx, opts.DryRun)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	e := &energyApplier{tx: tx, cs: cs, dry: opts.DryRun}
	res := &virk.ApplyResult{}
	files := cs.Files
	if cs.Catalogue != nil {
		files = append(append([]virk.File(nil), cs.Catalogue.Files...), files...)
	}
	if res.SameFiles, err = sameFileBatches(ctx, tx, files); err != nil {
		return nil, err
	}
	if !e.dry {
		if e.batch, err = insertBatch(ctx, tx, opts.User); err != nil {
			return nil, err
		}
	}
	s := &res.Summary
	if cs.Catalogue != nil {
		a := &applier{tx: tx, cs: cs.Catalogue, opts: opts, batchID: e.batch}
		e.cat = a
		if err := a.load(ctx); err != nil {
			return nil, err
		}
		if err := a.validate(); err != nil {
			return nil, err
		}
		if err := a.write(ctx, s); err != nil {
			return nil, err
		}
		res.Changes = a.changes()
	}
	if err := e.validate(ctx); err != nil {
		return nil, err
	}
	for _, step := range []func(context.Context, *virk.Summary) error{
		e.stations, e.buildings, e.meters, e.readings, e.temperatures, e.normals,
	} {
		if err := step(ctx, s); err != nil {
			return nil, err
		}
	}
	if opts.DryRun || s.Changes() == 0 {
		return res, tx.Rollback()
	}
	b := &virk.Batch{ID: e.batch, Files: files, User: opts.User, CreatedAt: tx.now, Summary: *s}
	if err := finishBatch(ctx, tx, b); err != nil {
		return nil, err
	}
	db.at("commit")
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	res.Batch = b
	return res, nil
}

// energyApplier holds the state of one ApplyEnergy.
//
// Each step reads a record's stored version before it writes it, and a
// change set may hold a record twice; the second must then be compared
// with the first, as a real run reads it back. The steps remember what
// they wrote (or in a dry run would have written) and look there first,
// so that a dry run, which writes nothing, counts as a real run does.
type energyApplier struct {
	tx    *Tx
	cs    *virk.EnergyChangeSet
	dry   bool                         // count only, for a dry run
	batch int64                        // 0 in a dry run
	cat   *applier                     // the catalogue's, when the change set has one
	steps map[string]map[int]virk.Step // meter → month → step of the change set's blocks
}

// entityKind returns the kind of the entity id, "" when there is none:
// from the catalogue's merged view when the change set has a catalogue,
// which a dry run does not store, else from the store.
func (e *energyApplier) entityKind(ctx context.Context, id string) (string, error) {
	if e.cat != nil {
		if i := e.cat.ents.lookup(id); i >= 0 {
			return string(e.cat.ents.items[i].Kind), nil
		}
		return "", nil
	}
	var kind string
	err := e.tx.tx.QueryRowContext(ctx, e.tx.db.dialect.rebind(`SELECT kind FROM entity WHERE id = ?`), id).Scan(&kind)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return kind, err
}

// validate checks every record and that each refers to something stored
// or in the change set.
func (e *energyApplier) validate(ctx context.Context) error {
	cs := e.cs
	stations := map[string]bool{}
	for _, st := range cs.Stations {
		if st == nil || virk.ValidateID(st.ID) != nil {
			return virk.Errorf(virk.EINVALID, "værstasjon: ugyldig id")
		}
		stations[st.ID] = true
	}
	knownStation := func(id string) (bool, error) {
		if stations[id] {
			return true, nil
		}
		ok, err := exists(ctx, e.tx, `SELECT 1 FROM station WHERE id = ?`, id)
		stations[id] = ok
		return ok, err
	}
	buildings := map[string]bool{}
	for _, b := range cs.Buildings {
		if b == nil {
			return virk.Errorf(virk.EINVALID, "bygg mangler")
		}
		if err := b.Validate(); err != nil {
			return err
		}
		kind, err := e.entityKind(ctx, b.EntityID)
		switch {
		case err != nil:
			return err
		case kind == "":
			return virk.Errorf(virk.EINVALID, "bygg %s: finnes ikke som enhet; legg det inn i katalogen (type building) først", b.EntityID)
		case kind != string(virk.KindBuilding):
			return virk.Errorf(virk.EINVALID, "bygg %s: enheten er av typen %s, ikke building", b.EntityID, kind)
		}
		if b.Station != "" {
			if ok, err := knownStation(b.Station); err != nil {
				return err
			} else if !ok {
				return virk.Errorf(virk.EINVALID, "bygg %s: værstasjonen %s er ukjent; last inn temperaturene først", b.EntityID, b.Station)
			}
		}
		buildings[b.EntityID] = true
	}
	meters := map[string]bool{}
	for _, m := range cs.Meters {
		if m == nil {
			return virk.Errorf(virk.EINVALID, "måler mangler")
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if !buildings[m.BuildingID] {
			ok, err := exists(ctx, e.tx, `SELECT 1 FROM building WHERE entity_id = ?`, m.BuildingID)
			if err != nil {
				return err
			}
			if !ok {
				return virk.Errorf(virk.EINVALID, "måler %s: bygget %s er ukjent", m.ID, m.BuildingID)
			}
			buildings[m.BuildingID] = true
		}
		meters[m.ID] = true
	}
	e.steps = map[string]map[int]virk.Step{}
	for _, b := range cs.Readings {
		if b == nil {
			return virk.Errorf(virk.EINVALID, "måleravlesning mangler")
		}
		if err := b.Validate(); err != nil {
			return err
		}
		if !meters[b.MeterID] {
			ok, err := exists(ctx, e.tx, `SELECT 1 FROM meter WHERE id = ?`, b.MeterID)
			if err != nil {
				return err
			}
			if !ok {
				return virk.Errorf(virk.EINVALID, "måleren %s er ukjent; legg den inn i byggregisteret først", b.MeterID)
			}
			meters[b.MeterID] = true
		}
		months := e.steps[b.MeterID]
		if months == nil {
			months = map[int]virk.Step{}
			e.steps[b.MeterID] = months
		}
		key := monthKey(b.Year, b.Month)
		if _, dup := months[key]; dup {
			return virk.Errorf(virk.EINVALID, "måler %s, %d-%02d: to blokker for samme måned", b.MeterID, b.Year, b.Month)
		}
		months[key] = b.Step
	}
	for _, t := range cs.Temperatures {
		if ok, err := knownStation(t.Station); err != nil {
			return err
		} else if !ok {
			return virk.Errorf(virk.EINVALID, "temperatur %s: værstasjonen %s er ukjent", t.Date, t.Station)
		}
		if math.IsNaN(t.Mean) || math.IsInf(t.Mean, 0) || t.Date.IsZero() {
			return virk.Errorf(virk.EINVALID, "temperatur %s ved %s er ugyldig", t.Date, t.Station)
		}
	}
	for _, n := range cs.Normals {
		if ok, err := knownStation(n.Station); err != nil {
			return err
		} else if !ok {
			return virk.Errorf(virk.EINVALID, "normal: værstasjonen %s er ukjent", n.Station)
		}
		if !virk.ValidNormalPeriod(n.Period) || n.Month < 1 || n.Month > 12 || n.Day < 1 || n.Day > 31 || math.IsNaN(n.Mean) {
			return virk.Errorf(virk.EINVALID, "normal %s %d.%d ved %s er ugyldig", n.Period, n.Day, n.Month, n.Station)
		}
	}
	return nil
}

func exists(ctx context.Context, tx *Tx, q string, args ...any) (bool, error) {
	var one int
	err := tx.tx.QueryRowContext(ctx, tx.db.dialect.rebind(q), args...).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, tx.db.dialect.formatError(err)
}

// monthKey is how months are stored: year*12 + month − 1.
func monthKey(y int, m time.Month) int { return y*12 + int(m) - 1 }

func monthOf(key int) (int, time.Month) { return key / 12, time.Month(key%12 + 1) }

// dayKey is how days are stored: YYYYMMDD.
func dayKey(d virk.Date) int { return d.Year*10000 + int(d.Month)*100 + d.Day }

func dayOf(k int) virk.Date {
	if k == 0 {
		return virk.Date{}
	}
	return virk.Date{Year: k / 10000, Month: time.Month(k / 100 % 100), Day: k % 100}
}

func (e *energyApplier) stations(ctx context.Context, s *virk.Summary) error {
	written := map[string]string{}
	for _, st := range e.cs.Stations {
		name, ok := written[st.ID]
		var err error
		if !ok {
			err = e.tx.tx.QueryRowContext(ctx, e.tx.db.dialect.rebind(`SELECT name FROM station WHERE id = ?`), st.ID).Scan(&name)
		}
		switch {
		case err == sql.ErrNoRows:
			s.Meters.Added++
		case err != nil:
			return err
		case name == st.Name:
			s.Meters.Unchanged++
			continue
		default:
			s.Meters.Changed++
		}
		written[st.ID] = st.Name
		if e.dry {
			continue
		}
		if _, err := e.tx.exec(ctx, `INSERT INTO station (id, name, batch_id) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, batch_id = excluded.batch_id`, st.ID, st.Name, e.batch); err != nil {
			return err
		}
	}
	return nil
}

func (e *energyApplier) buildings(ctx context.Context, s *virk.Summary) error {
	written := map[string]*virk.Building{}
	for _, b := range e.cs.Buildings {
		old, ok := written[b.EntityID]
		var err error
		if !ok {
			old, err = findBuilding(ctx, e.tx, b.EntityID)
		}
		switch {
		case err != nil:
			return err
		case old == nil:
			s.Meters.Added++
		case *old == *b:
			s.Meters.Unchanged++
			continue
		default:
			s.Meters.Changed++
		}
		written[b.EntityID] = b
		if e.dry {
			continue
		}
		if _, err := e.tx.exec(ctx, `INSERT INTO building (entity_id, station, open_from, open_to, open_weekends, heating_share, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (entity_id) DO UPDATE SET station = excluded.station, open_from = excluded.open_from,
				open_to = excluded.open_to, open_weekends = excluded.open_weekends,
				heating_share = excluded.heating_share, batch_id = excluded.batch_id`,
			b.EntityID, nullString(b.Station), b.OpenFrom, b.OpenTo, b.OpenWeekends, b.HeatingShare, e.batch); err != nil {
			return err
		}
	}
	return nil
}

func (e *energyApplier) meters(ctx context.Context, s *virk.Summary) error {
	written := map[string]*virk.Meter{}
	for _, m := range e.cs.Meters {
		old, ok := written[m.ID]
		if !ok {
			olds, err := findMeters(ctx, e.tx, virk.MeterFilter{IDs: []string{m.ID}})
			if err != nil {
				return err
			}
			if len(olds) > 0 {
				old = olds[0]
			}
		}
		switch {
		case old == nil:
			s.Meters.Added++
		case *old == *m:
			s.Meters.Unchanged++
			continue
		default:
			s.Meters.Changed++
		}
		written[m.ID] = m
		if e.dry {
			continue
		}
		if _, err := e.tx.exec(ctx, `INSERT INTO meter (id, building_id, carrier, main, price, note, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET building_id = excluded.building_id, carrier = excluded.carrier,
				main = excluded.main, price = excluded.price, note = excluded.note, batch_id = excluded.batch_id`,
			m.ID, m.BuildingID, string(m.Carrier), m.Main, m.Price, m.Note, e.batch); err != nil {
			return err
		}
	}
	return nil
}

// readings merges each block into the stored one of its meter and month.
func (e *energyApplier) readings(ctx context.Context, s *virk.Summary) error {
	type stored struct {
		step virk.Step
		data []byte
	}
	var (
		meter  string
		blocks map[int]stored
		old    []float64
		buf    []byte
	)
	for _, b := range e.cs.Readings {
		if b.MeterID != meter || blocks == nil {
			meter, blocks = b.MeterID, map[int]stored{}
			var month int
			var st stored
			var step string
			err := queryEach(ctx, e.tx, `SELECT month, step, data FROM reading_block WHERE meter_id = ?`, []any{meter},
				[]any{&month, &step, &st.data}, func() error {
					st.step = virk.Step(step)
					blocks[month] = stored{st.step, append([]byte(nil), st.data...)}
					return nil
				})
			if err != nil {
				return err
			}
		}
		key := monthKey(b.Year, b.Month)
		prev, have := blocks[key]
		if !have {
			n := 0
			for _, v := range b.Values {
				if !math.IsNaN(v) {
					n++
				}
			}
			if n == 0 {
				continue
			}
			s.Readings.Added += n
			if e.dry {
				continue
			}
			buf = encodeReadings(buf, b.Values)
			if _, err := e.tx.exec(ctx, `INSERT INTO reading_block (meter_id, month, step, data, batch_id) VALUES (?, ?, ?, ?, ?)`,
				b.MeterID, key, string(b.Step), buf, e.batch); err != nil {
				return err
			}
			continue
		}
		if prev.step != b.Step {
			return virk.Errorf(virk.EINVALID, "måler %s, %d-%02d: lagret med %s-verdier, men filen har %s-verdier",
				b.MeterID, b.Year, b.Month, stepName(prev.step), stepName(b.Step))
		}
		var err error
		if old, err = decodeReadings(old, prev.data, b.Len()); err != nil {
			return virk.Errorf(virk.EINTERNAL, "måler %s, %d-%02d: den lagrede blokken er skadet", b.MeterID, b.Year, b.Month)
		}
		var added, changed int
		merged := make([]float64, len(old))
		for i, v := range b.Values {
			o := old[i]
			switch {
			case math.IsNaN(v):
				merged[i] = o
			case math.IsNaN(o):
				merged[i] = v
				added++
			case o != v:
				merged[i] = v
				changed++
			default:
				merged[i] = o
				s.Readings.Unchanged++
			}
		}
		s.Readings.Added += added
		s.Readings.Changed += changed
		if added == 0 && changed == 0 || e.dry {
			continue
		}
		if changed > 0 {
			if _, err := e.tx.exec(ctx, `INSERT INTO reading_revision (meter_id, month, step, data, batch_id, replaced_at, replaced_by_batch)
				SELECT meter_id, month, step, data, batch_id, ?, ? FROM reading_block WHERE meter_id = ? AND month = ?`,
				e.tx.now, e.batch, b.MeterID, key); err != nil {
				return err
			}
		}
		buf = encodeReadings(buf, merged)
		if _, err := e.tx.exec(ctx, `UPDATE reading_block SET data = ?, batch_id = ? WHERE meter_id = ? AND month = ?`,
			buf, e.batch, b.MeterID, key); err != nil {
			return err
		}
	}
	return nil
}

func stepName(s virk.Step) string {
	switch s {
	case virk.StepHour:
		return "time"
	case virk.StepDay:
		return "døgn"
	}
	return "måneds"
}

func (e *energyApplier) temperatures(ctx context.Context, s *virk.Summary) error {
	if len(e.cs.Temperatures) == 0 {
		return nil
	}
	type val struct {
		mean float64
		flag string
	}
	stored := map[string]map[int]val{}
	for _, t := range e.cs.Temperatures {
		days := stored[t.Station]
		if days == nil {
			days = map[int]val{}
			var day int
			var v val
			if err := queryEach(ctx, e.tx, `SELECT day, mean, flag FROM temperature WHERE station = ?`, []any{t.Station},
				[]any{&day, &v.mean, &v.flag}, func() error { days[day] = v; return nil }); err != nil {
				return err
			}
			stored[t.Station] = days
		}
		k := dayKey(t.Date)
		old, have := days[k]
		switch {
		case !have:
			s.Readings.Added++
		case old.mean == t.Mean && old.flag == t.Flag:
			s.Readings.Unchanged++
			continue
		default:
			s.Readings.Changed++
		}
		days[k] = val{t.Mean, t.Flag}
		if e.dry {
			continue
		}
		if _, err := e.tx.exec(ctx, `INSERT INTO temperature (station, day, mean, flag, batch_id) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (station, day) DO UPDATE SET mean = excluded.mean, flag = excluded.flag, batch_id = excluded.batch_id`,
			t.Station, k, t.Mean, t.Flag, e.batch); err != nil {
			return err
		}
	}
	return nil
}

func (e *energyApplier) normals(ctx context.Context, s *virk.Summary) error {
	type key struct {
		station, period string
		month, day      int
	}
	written := map[key]float64{}
	for _, n := range e.cs.Normals {
		k := key{n.Station, n.Period, int(n.Month), n.Day}
		mean, ok := written[k]
		var err error
		if !ok {
			err = e.tx.tx.QueryRowContext(ctx, e.tx.db.dialect.rebind(`SELECT mean FROM temperature_normal
			WHERE station = ? AND period = ? AND month = ? AND day = ?`), n.Station, n.Period, int(n.Month), n.Day).Scan(&mean)
		}
		switch {
		case err == sql.ErrNoRows:
			s.Readings.Added++
		case err != nil:
			return err
		case mean == n.Mean:
			s.Readings.Unchanged++
			continue
		default:
			s.Readings.Changed++
		}
		written[k] = n.Mean
		if e.dry {
			continue
		}
		if _, err := e.tx.exec(ctx, `INSERT INTO temperature_normal (station, period, month, day, mean, batch_id) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (station, period, month, day) DO UPDATE SET mean = excluded.mean, batch_id = excluded.batch_id`,
			n.Station, n.Period, int(n.Month), n.Day, n.Mean, e.batch); err != nil {
			return err
		}
	}
	return nil
}

// FindStations returns the weather stations ordered by ID.
func (db *DB) FindStations(ctx context.Context) ([]*virk.Station, error) {
	var out []*virk.Station
	var st virk.Station
	err := queryEach(ctx, db, `SELECT id, name FROM station ORDER BY id`, nil, []any{&st.ID, &st.Name},
		func() error { v := st; out = append(out, &v); return nil })
	return out, err
}

// FindBuildings returns the buildings' energy attributes ordered by ID.
func (db *DB) FindBuildings(ctx context.Context) ([]*virk.Building, error) {
	return findBuildings(ctx, db, where{})
}

func findBuilding(ctx context.Context, q queryer, id string) (*virk.Building, error) {
	var w where
	w.add("entity_id = ?", id)
	bs, err := findBuildings(ctx, q, w)
	if err != nil || len(bs) == 0 {
		return nil, err
	}
	return bs[0], nil
}

func findBuildings(ctx context.Context, q queryer, w where) ([]*virk.Building, error) {
	var out []*virk.Building
	var b virk.Building
	var station sql.NullString
	err := queryEach(ctx, q, `SELECT entity_id, station, open_from, open_to, open_weekends, heating_share FROM building`+w.String()+` ORDER BY entity_id`, w.args,
		[]any{&b.EntityID, &station, &b.OpenFrom, &b.OpenTo, &b.OpenWeekends, &b.HeatingShare},
		func() error {
			v := b
			v.Station = station.String
			out = append(out, &v)
			return nil
		})
	return out, err
}

// FindMeters returns the matching meters ordered by ID.
func (db *DB) FindMeters(ctx context.Context, filter virk.MeterFilter) ([]*virk.Meter, error) {
	return findMeters(ctx, db, filter)
}

func findMeters(ctx context.Context, q queryer, filter virk.MeterFilter) ([]*virk.Meter, error) {
	var w where
	w.in("id", filter.IDs)
	w.in("building_id", filter.BuildingIDs)
	var out []*virk.Meter
	var m virk.Meter
	var carrier string
	err := queryEach(ctx, q, `SELECT id, building_id, carrier, main, price, note FROM meter`+w.String()+` ORDER BY id`, w.args,
		[]any{&m.ID, &m.BuildingID, &carrier, &m.Main, &m.Price, &m.Note},
		func() error {
			v := m
			v.Carrier = virk.Carrier(carrier)
			out = append(out, &v)
			return nil
		})
	return out, err
}

// readingWhere is the WHERE clause of a reading filter.
func readingWhere(filter virk.ReadingFilter) where {
	var w where
	w.in("meter_id", filter.MeterIDs)
	if filter.From != nil {
		w.add("month >= ?", monthKey(filter.From.Year, filter.From.Month))
	}
	if filter.To != nil {
		w.add("month <= ?", monthKey(filter.To.Year, filter.To.Month))
	}
	return w
}

// FindReadings calls fn with each matching block ordered by meter and
// month, decoding into one reused block.
func (db *DB) FindReadings(ctx context.Context, filter virk.ReadingFilter, fn func(*virk.ReadingBlock) error) error {
	w := readingWhere(filter)
	var b virk.ReadingBlock
	var month int
	var step string
	var data []byte
	return queryEach(ctx, db, `SELECT meter_id, month, step, data, batch_id FROM reading_block`+w.String()+` ORDER BY meter_id, month`, w.args,
		[]any{&b.MeterID, &month, &step, &data, &b.BatchID},
		func() error {
			b.Year, b.Month = monthOf(month)
			b.Step = virk.Step(step)
			var err error
			if b.Values, err = decodeReadings(b.Values, data, b.Len()); err != nil {
				return virk.Errorf(virk.EINTERNAL, "måler %s, %d-%02d: den lagrede blokken er skadet", b.MeterID, b.Year, b.Month)
			}
			return fn(&b)
		})
}

// FindReadingRevisions returns earlier versions of the matching blocks,
// newest first.
func (db *DB) FindReadingRevisions(ctx context.Context, filter virk.ReadingFilter) ([]*virk.ReadingRevision, error) {
	w := readingWhere(filter)
	var out []*virk.ReadingRevision
	var r virk.ReadingRevision
	var month int
	var step string
	var data []byte
	err := queryEach(ctx, db, `SELECT meter_id, month, step, data, batch_id, replaced_at, replaced_by_batch FROM reading_revision`+w.String()+
		` ORDER BY sid DESC`, w.args,
		[]any{&r.MeterID, &month, &step, &data, &r.BatchID, &r.ReplacedAt, &r.ReplacedByBatch},
		func() error {
			v := r
			v.Year, v.Month = monthOf(month)
			v.Step = virk.Step(step)
			v.ReplacedAt = v.ReplacedAt.UTC()
			var err error
			if v.Values, err = decodeReadings(nil, data, v.Len()); err != nil {
				return virk.Errorf(virk.EINTERNAL, "måler %s, %d-%02d: en lagret revisjon er skadet", v.MeterID, v.Year, v.Month)
			}
			out = append(out, &v)
			return nil
		})
	return out, err
}

// FindTemperatures returns a station's temperatures ordered by day.
func (db *DB) FindTemperatures(ctx context.Context, filter virk.TemperatureFilter) ([]virk.Temperature, error) {
	var w where
	w.add("station = ?", filter.Station)
	if filter.From != nil {
		w.add("day >= ?", dayKey(*filter.From))
	}
	if filter.To != nil {
		w.add("day <= ?", dayKey(*filter.To))
	}
	var out []virk.Temperature
	var t virk.Temperature
	var day int
	err := queryEach(ctx, db, `SELECT station, day, mean, flag FROM temperature`+w.String()+` ORDER BY day`, w.args,
		[]any{&t.Station, &day, &t.Mean, &t.Flag},
		func() error {
			t.Date = dayOf(day)
			out = append(out, t)
			return nil
		})
	return out, err
}

// FindNormals returns a station's normals for a period, ordered by day;
// an empty period takes the latest period stored.
func (db *DB) FindNormals(ctx context.Context, station, period string) ([]virk.Normal, error) {
	if period == "" {
		err := db.db.QueryRowContext(ctx, db.dialect.rebind(`SELECT COALESCE(MAX(period), '') FROM temperature_normal WHERE station = ?`), station).Scan(&period)
		if err != nil {
			return nil, db.dialect.formatError(err)
		}
	}
	var out []virk.Normal
	n := virk.Normal{Station: station, Period: period}
	var month int
	err := queryEach(ctx, db, `SELECT month, day, mean FROM temperature_normal WHERE station = ? AND period = ? ORDER BY month, day`,
		[]any{station, period}, []any{&month, &n.Day, &n.Mean},
		func() error {
			n.Month = time.Month(month)
			out = append(out, n)
			return nil
		})
	return out, err
}
