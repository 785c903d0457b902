package ingest

import (
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Registry is what a building or meter register file holds: the buildings
// as entities below the property tree with their energy attributes and
// areas, and the meters.
type Registry struct {
	Entities  []*virk.Entity // buildings, and categories new to the catalogue
	Buildings []*virk.Building
	Areas     []virk.Observation // of the indicator energi.areal
	Meters    []*virk.Meter
}

// RegistryOptions are the options of ReadRegistry.
type RegistryOptions struct {
	// Entity looks an entity up in the catalogue; nil knows none.
	Entity func(id string) *virk.Entity
	// Root is the entity of the property tree (Eiendom). A category
	// that is not an entity becomes a unit below it, with the ID
	// root.slug of its name; "" refuses unknown categories.
	Root string
	// AreaIndicator is the ID area observations get.
	AreaIndicator string
}

// Register column names, lower case: bokmål first, then English.
var (
	regBuilding = []string{"bygg", "bygning", "bygg-id", "byggid", "building"}
	regName     = []string{"navn", "byggnavn", "name"}
	regCategory = []string{"kategori", "formål", "formal", "category"}
	regArea     = []string{"areal", "bra", "areal (bra)", "bra m2", "bra m²", "oppvarmet areal", "area"}
	regYear     = []string{"år", "fra år", "year"}
	regStation  = []string{"stasjon", "værstasjon", "station"}
	regOpen     = []string{"åpen", "åpningstid", "driftstid", "open", "opening hours"}
	regWeekends = []string{"helg", "åpen i helgen", "weekends"}
	regShare    = []string{"varmeandel", "heating share"}
	regMeter    = []string{"måler", "maler", "målepunkt", "målepunkt-id", "meter"}
	regCarrier  = []string{"energibærer", "energibaerer", "energikilde", "carrier"}
	regMain     = []string{"hovedmåler", "hovedmaler", "main"}
	regPrice    = []string{"pris", "pris kr/kwh", "price"}
	regNote     = []string{"merknad", "note"}
)

// ReadRegistry reads a register of buildings or of meters from CSV or
// XLSX, told apart by the header:
//
//	bygg;navn;kategori;areal;år;stasjon;åpen;helg;varmeandel
//	måler;bygg;energibærer;hovedmåler;pris;merknad
//
// Only bygg (with navn and kategori for a new building) or måler, bygg and
// energibærer are required. åpen is the weekday opening hours, "07-17",
// or "døgn" for buildings always in use; helg and hovedmåler are ja/nei;
// a building may have a row per year its area changed. Faults are
// reported with their line or cell.
func ReadRegistry(name string, data []byte, opts RegistryOptions) (*Registry, error) {
	rr := &registryReader{name: name, opts: opts, reg: &Registry{},
		buildings: map[string]*virk.Building{}, entities: map[string]*virk.Entity{}, meters: map[string]int{}, areas: map[[2]int]int{}}
	if strings.EqualFold(extOf(name), ".xlsx") {
		rr.xlsx = true
		if err := eachXLSXRow(name, data, rr.row); err != nil {
			return nil, err
		}
	} else {
		text, _, err := DecodeText(data)
		if err != nil {
			return nil, placeFile(err, name)
		}
		eachCSVRow(text, rr.row)
	}
	if rr.cols == nil && len(rr.errs) == 0 {
		rr.fail(0, -1, ErrHeader, "filen er tom: fant ingen overskriftsrad")
	}
	if len(rr.errs) > 0 {
		return nil, rr.errs
	}
	return rr.reg, nil
}

type registryReader struct {
	name      string
	opts      RegistryOptions
	xlsx      bool
	reg       *Registry
	cols      map[string]int // role → column
	badHeader bool
	width     int
	meterFile bool
	buildings map[string]*virk.Building
	entities  map[string]*virk.Entity
	meters    map[string]int // meter ID → line
	areas     map[[2]int]int // (building index, year) → line
	bindex    map[string]int
	errs      Errors
}

func (rr *registryReader) fail(line, col int, kind error, format string, args ...any) {
	if len(rr.errs) >= maxWeatherErrors {
		return
	}
	e := &Error{File: rr.name, Line: line, Err: errorf(kind, format, args...)}
	if rr.xlsx && line > 0 {
		e.Line, e.Cell = 0, rowCell(col+1, line)
	} else if col >= 0 {
		e.Column = col + 1
	}
	rr.errs = append(rr.errs, e)
}

func (rr *registryReader) header(line int, fields [][]byte) {
	n := len(rr.errs)
	defer func() { rr.badHeader = len(rr.errs) > n }()
	rr.cols = map[string]int{}
	rr.width = len(fields)
	roles := []struct {
		role  string
		names []string
	}{
		{"building", regBuilding}, {"name", regName}, {"category", regCategory}, {"area", regArea},
		{"year", regYear}, {"station", regStation}, {"open", regOpen}, {"weekends", regWeekends},
		{"share", regShare}, {"meter", regMeter}, {"carrier", regCarrier}, {"main", regMain},
		{"price", regPrice}, {"note", regNote},
	}
	for i, f := range fields {
		h := strings.ToLower(strings.TrimSpace(string(f)))
		found := false
		for _, r := range roles {
			if slicesContains(r.names, h) {
				if _, dup := rr.cols[r.role]; dup {
					rr.fail(line, i, ErrHeader, "kolonnen %s finnes to ganger", quote(string(f)))
				}
				rr.cols[r.role] = i
				found = true
				break
			}
		}
		if !found && h != "" {
			rr.fail(line, i, ErrHeader, "kolonnen %s er ukjent (forventet bygg, navn, kategori, areal, år, stasjon, åpen, helg, varmeandel – eller måler, bygg, energibærer, hovedmåler, pris, merknad)", quote(string(f)))
		}
	}
	_, rr.meterFile = rr.cols["meter"]
	if _, ok := rr.cols["building"]; !ok {
		rr.fail(line, -1, ErrHeader, "mangler kolonnen bygg")
	}
	if rr.meterFile {
		if _, ok := rr.cols["carrier"]; !ok {
			rr.fail(line, -1, ErrHeader, "en målerfil trenger kolonnen energibærer")
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (rr *registryReader) field(fields [][]byte, role string) (string, int) {
	i, ok := rr.cols[role]
	if !ok || i >= len(fields) {
		return "", -1
	}
	return strings.TrimSpace(string(fields[i])), i
}

func (rr *registryReader) row(line int, fields [][]byte) {
	if rr.cols == nil {
		rr.header(line, fields)
		return
	}
	if rr.badHeader {
		return // the rows cannot be read
	}
	for rr.xlsx && len(fields) < rr.width {
		fields = append(fields, nil)
	}
	if len(fields) != rr.width {
		rr.fail(line, -1, ErrFieldCount, "raden har %d felt, overskriften %d", len(fields), rr.width)
		return
	}
	if rr.meterFile {
		rr.meterRow(line, fields)
	} else {
		rr.buildingRow(line, fields)
	}
}

func (rr *registryReader) buildingRow(line int, fields [][]byte) {
	id, col := rr.field(fields, "building")
	if err := virk.ValidateID(id); err != nil {
		rr.fail(line, col, ErrInvalid, "%v", err)
		return
	}
	b := rr.buildings[id]
	if b == nil {
		b = &virk.Building{EntityID: id}
		ent := rr.entity(line, id, fields)
		if ent == nil {
			return
		}
		rr.buildings[id] = b
		rr.reg.Buildings = append(rr.reg.Buildings, b)
	}
	if v, c := rr.field(fields, "station"); v != "" {
		if isDigits(v) {
			v = "SN" + v
		}
		if b.Station != "" && b.Station != v {
			rr.fail(line, c, ErrDuplicate, "bygget %s har stasjon %s på en tidligere linje", id, b.Station)
		}
		b.Station = v
	}
	if v, c := rr.field(fields, "open"); v != "" {
		from, to, ok := parseOpen(v)
		if !ok {
			rr.fail(line, c, ErrInvalid, "åpningstiden %s er ugyldig (forventet f.eks. 07-17, eller døgn)", quote(v))
		}
		b.OpenFrom, b.OpenTo = from, to
	}
	if v, c := rr.field(fields, "weekends"); v != "" {
		yes, ok := parseYesNo(v)
		if !ok {
			rr.fail(line, c, ErrInvalid, "helg %s er verken ja eller nei", quote(v))
		}
		b.OpenWeekends = yes
	}
	if v, c := rr.field(fields, "share"); v != "" {
		s, err := ParseNumber(v, 0)
		if err == nil && strings.Contains(v, "%") || err == nil && s > 1 {
			s /= 100
		}
		if err != nil || s < 0 || s > 1 {
			rr.fail(line, c, ErrNumber, "varmeandelen %s er ugyldig (forventet 0–1 eller 0–100 %%)", quote(v))
		}
		b.HeatingShare = s
	}
	if err := b.Validate(); err != nil {
		rr.fail(line, -1, ErrInvalid, "%s", virk.ErrorMessage(err))
	}
	rr.area(line, id, fields)
}

// entity returns the building's entity: the catalogue's, or a new one from
// the row's name and category.
func (rr *registryReader) entity(line int, id string, fields [][]byte) *virk.Entity {
	name, _ := rr.field(fields, "name")
	cat, ccol := rr.field(fields, "category")
	var known *virk.Entity
	if rr.opts.Entity != nil {
		known = rr.opts.Entity(id)
	}
	if known != nil {
		if known.Kind != virk.KindBuilding {
			rr.fail(line, rr.cols["building"], ErrInvalid, "enheten %s er av typen %s, ikke building", id, known.Kind)
			return nil
		}
		if name == "" && cat == "" {
			return known
		}
	}
	if name == "" {
		if known == nil {
			rr.fail(line, rr.cols["building"], ErrUnknownEntity, "bygget %s er ukjent og raden har ikke navn", id)
			return nil
		}
		name = known.Name
	}
	parent := ""
	if cat != "" {
		if parent = rr.category(line, ccol, cat); parent == "" {
			return nil
		}
	} else if known != nil {
		parent = known.ParentID
	} else {
		rr.fail(line, rr.cols["building"], ErrUnknownEntity, "bygget %s er nytt og trenger en kategori", id)
		return nil
	}
	e := &virk.Entity{ID: id, Name: name, Kind: virk.KindBuilding, ParentID: parent}
	if known != nil {
		v := *known
		v.Name, v.ParentID = name, parent
		e = &v
	}
	rr.reg.Entities = append(rr.reg.Entities, e)
	return e
}

// category returns the ID of the entity a category names, adding it below
// the root when it is new.
func (rr *registryReader) category(line, col int, cat string) string {
	if rr.opts.Entity != nil {
		if e := rr.opts.Entity(cat); e != nil {
			return e.ID
		}
	}
	if rr.opts.Root == "" {
		rr.fail(line, col, ErrUnknownEntity, "kategorien %s er ikke en enhet i katalogen", quote(cat))
		return ""
	}
	id := rr.opts.Root + "." + slug(cat)
	if rr.opts.Entity != nil {
		if e := rr.opts.Entity(id); e != nil {
			return e.ID
		}
	}
	if rr.entities[id] == nil {
		name := strings.ToUpper(cat[:1]) + cat[1:]
		e := &virk.Entity{ID: id, Name: name, Kind: virk.KindUnit, ParentID: rr.opts.Root}
		rr.entities[id] = e
		rr.reg.Entities = append(rr.reg.Entities, e)
	}
	return id
}

// slug turns a category name into an ID part: "Skole" → "skole",
// "Sykehjem og omsorg" → "sykehjem_og_omsorg".
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == 'æ', r == 'ø', r == 'å':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// area reads the row's area and year into an observation.
func (rr *registryReader) area(line int, id string, fields [][]byte) {
	v, col := rr.field(fields, "area")
	if v == "" {
		return
	}
	a, err := ParseNumber(v, 0)
	if err != nil || a <= 0 {
		rr.fail(line, col, ErrNumber, "arealet %s er ikke et positivt tall (m²)", quote(v))
		return
	}
	ys, ycol := rr.field(fields, "year")
	if ys == "" {
		rr.fail(line, ycol, ErrPeriod, "arealet trenger året det gjelder fra (kolonnen år)")
		return
	}
	y, err := strconv.Atoi(ys)
	if err != nil || y < 1900 || y > 2200 {
		rr.fail(line, ycol, ErrPeriod, "året %s er ugyldig", quote(ys))
		return
	}
	if rr.bindex == nil {
		rr.bindex = map[string]int{}
	}
	bi, ok := rr.bindex[id]
	if !ok {
		bi = len(rr.bindex)
		rr.bindex[id] = bi
	}
	if first, dup := rr.areas[[2]int{bi, y}]; dup {
		rr.fail(line, ycol, ErrDuplicate, "bygget %s har areal for %d også på linje %d", id, y, first)
		return
	}
	rr.areas[[2]int{bi, y}] = line
	rr.reg.Areas = append(rr.reg.Areas, virk.Observation{IndicatorID: rr.opts.AreaIndicator, EntityID: id,
		Period: virk.YearPeriod(y), Value: a, Status: virk.StatusFinal, Source: rr.name})
}

func (rr *registryReader) meterRow(line int, fields [][]byte) {
	id, col := rr.field(fields, "meter")
	if err := virk.ValidateID(id); err != nil {
		rr.fail(line, col, ErrInvalid, "%v", err)
		return
	}
	if first, dup := rr.meters[id]; dup {
		rr.fail(line, col, ErrDuplicate, "måleren %s er også på linje %d", id, first)
		return
	}
	rr.meters[id] = line
	m := &virk.Meter{ID: id, Main: true}
	m.BuildingID, _ = rr.field(fields, "building")
	if rr.opts.Entity != nil {
		if e := rr.opts.Entity(m.BuildingID); e == nil || e.Kind != virk.KindBuilding {
			rr.fail(line, rr.cols["building"], ErrUnknownEntity, "bygget %s er ukjent (legg inn byggregisteret først)", quote(m.BuildingID))
			return
		}
	}
	v, c := rr.field(fields, "carrier")
	carrier, err := virk.ParseCarrier(v)
	if err != nil {
		rr.fail(line, c, ErrInvalid, "%v", err)
		return
	}
	m.Carrier = carrier
	if v, c := rr.field(fields, "main"); v != "" {
		yes, ok := parseYesNo(v)
		if !ok {
			rr.fail(line, c, ErrInvalid, "hovedmåler %s er verken ja eller nei", quote(v))
		}
		m.Main = yes
	}
	if v, c := rr.field(fields, "price"); v != "" {
		p, err := ParseNumber(v, 0)
		if err != nil || p < 0 {
			rr.fail(line, c, ErrNumber, "prisen %s er ikke et tall ≥ 0 (kr/kWh)", quote(v))
		}
		m.Price = p
	}
	m.Note, _ = rr.field(fields, "note")
	rr.reg.Meters = append(rr.reg.Meters, m)
}

// parseOpen reads weekday opening hours: "07-17", "7–17", "07:00-17:00",
// or "døgn"/"24/7" for always.
func parseOpen(s string) (from, to int, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "døgn", "døgnåpen", "24/7", "alltid", "always":
		return 0, 0, true
	}
	s = strings.NewReplacer("–", "-", "—", "-", ":00", "", ".00", "").Replace(s)
	a, b, found := strings.Cut(s, "-")
	if !found {
		return 0, 0, false
	}
	f, err1 := strconv.Atoi(strings.TrimSpace(a))
	t, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || f < 0 || t > 24 || f >= t {
		return 0, 0, false
	}
	return f, t, true
}

func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "j", "yes", "y", "1", "true", "x":
		return true, true
	case "nei", "n", "no", "0", "false", "":
		return false, true
	}
	return false, false
}
