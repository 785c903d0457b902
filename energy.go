package virk

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Oslo on machines without a zone database
)

// Carrier is the energy carrier a meter measures.
type Carrier string

// Energy carriers, named as Norwegian energy accounts name them.
const (
	CarrierElectricity     Carrier = "elektrisitet"
	CarrierDistrictHeat    Carrier = "fjernvarme"
	CarrierHeatPump        Carrier = "varmepumpe"
	CarrierOil             Carrier = "olje"
	CarrierBio             Carrier = "bio"
	CarrierDistrictCooling Carrier = "fjernkjoling"
)

// Carriers lists the known carriers in display order.
var Carriers = []Carrier{CarrierElectricity, CarrierDistrictHeat, CarrierHeatPump, CarrierOil, CarrierBio, CarrierDistrictCooling}

// ParseCarrier reads a carrier from its name in bokmål or English.
func ParseCarrier(s string) (Carrier, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "elektrisitet", "el", "strøm", "electricity":
		return CarrierElectricity, nil
	case "fjernvarme", "district heating", "district_heating":
		return CarrierDistrictHeat, nil
	case "varmepumpe", "heat pump", "heat_pump":
		return CarrierHeatPump, nil
	case "olje", "fyringsolje", "oil":
		return CarrierOil, nil
	case "bio", "bioenergi", "pellets", "flis":
		return CarrierBio, nil
	case "fjernkjøling", "fjernkjoling", "district cooling":
		return CarrierDistrictCooling, nil
	}
	return "", fmt.Errorf("energibæreren %q er ukjent (forventet elektrisitet, fjernvarme, varmepumpe, olje, bio eller fjernkjøling)", s)
}

// Meter is an energy meter in a building. Main meters measure what the
// building takes in and add up to its use; a sub-meter measures part of a
// main meter's energy and is followed for faults but never added, so that
// nothing is counted twice.
type Meter struct {
	ID         string
	BuildingID string // an entity of kind building
	Carrier    Carrier
	Main       bool    // hovedmåler
	Price      float64 // NOK per kWh for alerts' cost; 0 uses the default
	Note       string
}

// Validate checks the fields that do not need other records to check.
func (m *Meter) Validate() error {
	if err := ValidateID(m.ID); err != nil {
		return Errorf(EINVALID, "måler: %v", err)
	}
	if m.BuildingID == "" {
		return Errorf(EINVALID, "måler %s: mangler bygg", m.ID)
	}
	if _, err := ParseCarrier(string(m.Carrier)); err != nil {
		return Errorf(EINVALID, "måler %s: %v", m.ID, err)
	}
	if m.Price < 0 || math.IsNaN(m.Price) || math.IsInf(m.Price, 0) {
		return Errorf(EINVALID, "måler %s: prisen %v kr/kWh er ugyldig", m.ID, m.Price)
	}
	return nil
}

// Building holds what energy follow-up needs to know about a building
// entity beyond its place in the property tree: the weather station whose
// temperatures it is corrected with, and when it is in use. The heated
// area (BRA) is the indicator IndicatorArea, one value a year, so that a
// change of area is an ordinary observation with its history.
type Building struct {
	EntityID string
	Station  string // a Station ID
	// OpenFrom and OpenTo are the hours of a weekday the building is in
	// use, such as 7 and 17; both 0 means always in use (care homes),
	// when night and weekend load are not checked.
	OpenFrom, OpenTo int
	// OpenWeekends is set for buildings in use on Saturdays and Sundays.
	OpenWeekends bool
	// HeatingShare is the share of the use that depends on weather, for
	// the simple degree-day correction of a building whose model does not
	// qualify; 0 uses the default.
	HeatingShare float64
}

// AlwaysOpen reports whether the building is in use around the clock.
func (b *Building) AlwaysOpen() bool { return b.OpenFrom == 0 && b.OpenTo == 0 }

// Validate checks the fields that do not need other records to check.
func (b *Building) Validate() error {
	if b.EntityID == "" {
		return Errorf(EINVALID, "bygg: mangler id")
	}
	if !b.AlwaysOpen() && (b.OpenFrom < 0 || b.OpenTo > 24 || b.OpenFrom >= b.OpenTo) {
		return Errorf(EINVALID, "bygg %s: åpningstiden %d–%d er ugyldig (forventet to timer 0–24, den første før den andre)", b.EntityID, b.OpenFrom, b.OpenTo)
	}
	if b.HeatingShare < 0 || b.HeatingShare > 1 || math.IsNaN(b.HeatingShare) {
		return Errorf(EINVALID, "bygg %s: varmeandelen %v er ugyldig (forventet 0–1)", b.EntityID, b.HeatingShare)
	}
	return nil
}

// Station is a weather station, such as MET Norway's SN18700 Oslo – Blindern.
type Station struct {
	ID   string // "SN18700"
	Name string
}

// Date is a calendar day, independent of time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written 2019-08-20 or 20.08.2019.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("datoen %q er ugyldig (forventet ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)", s)
}

// Time returns midnight at the start of the day in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns −1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.Year*10000+int(d.Month)*100+d.Day, e.Year*10000+int(e.Month)*100+e.Day
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d.Year == 0 }

// String returns the ISO 8601 form, 2019-08-20.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Temperature is a station's daily mean temperature (TAM), with MET's
// quality flag ("OK", "LU" litt usikker, …; "" when the source has none).
type Temperature struct {
	Station string
	Date    Date
	Mean    float64 // °C
	Flag    string
}

// Normal is a station's normal daily mean temperature for a calendar day of
// a normal period such as "1961-1990" or "1991-2020". Day 29 February is
// its own normal where the source gives one.
type Normal struct {
	Station string
	Period  string
	Month   time.Month
	Day     int
	Mean    float64
}

// ValidNormalPeriod reports whether p is a normal period written
// "1961-1990": two years 30 years apart.
func ValidNormalPeriod(p string) bool {
	var a, b int
	if n, _ := fmt.Sscanf(p, "%4d-%4d", &a, &b); n != 2 || len(p) != 9 {
		return false
	}
	return b-a == 29 && a >= 1800
}

// Step is the length of the intervals of a block of readings.
type Step string

// Reading steps.
const (
	StepHour  Step = "hour"
	StepDay   Step = "day"
	StepMonth Step = "month"
)

// ReadingBlock is one meter's consumption over one calendar month in Norway
// (Europe/Oslo), at one step: Values[i] is the kWh of the i-th hour, day or
// (for StepMonth) the month, counted from the month's start; a month has
// 743 or 745 hours in the months with a change to or from summer time. NaN
// marks a missing value. Blocks are how readings are stored: one row a
// meter a month rather than one an hour.
type ReadingBlock struct {
	MeterID string
	Year    int
	Month   time.Month
	Step    Step
	Values  []float64
	BatchID int64 // the import that stored this version
}

// oslo is the time zone of Norwegian meter data, from the time zone
// database embedded by time/tzdata so that it does not depend on the
// machine's.
var oslo = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		panic("virk: the embedded time zone database lacks Europe/Oslo: " + err.Error())
	}
	return loc
}()

// Oslo returns the location of Norwegian local time, Europe/Oslo.
func Oslo() *time.Location { return oslo }

// Start returns the instant the block's month begins, in Norwegian time.
func (b *ReadingBlock) Start() time.Time {
	return time.Date(b.Year, b.Month, 1, 0, 0, 0, 0, oslo)
}

// Len returns how many values a block of the month at the step holds.
func (b *ReadingBlock) Len() int { return StepsInMonth(b.Year, b.Month, b.Step) }

// StepsInMonth returns the number of steps of a month in Norwegian time.
func StepsInMonth(y int, m time.Month, s Step) int {
	start := time.Date(y, m, 1, 0, 0, 0, 0, oslo)
	end := start.AddDate(0, 1, 0)
	switch s {
	case StepHour:
		return int(end.Sub(start) / time.Hour)
	case StepDay:
		return end.AddDate(0, 0, -1).Day()
	}
	return 1
}

// Validate checks that the block is well formed.
func (b *ReadingBlock) Validate() error {
	if b.MeterID == "" {
		return Errorf(EINVALID, "måleravlesning uten måler")
	}
	if b.Month < 1 || b.Month > 12 || b.Year < 1900 || b.Year > 2200 {
		return Errorf(EINVALID, "måler %s: måneden %d-%02d er ugyldig", b.MeterID, b.Year, b.Month)
	}
	switch b.Step {
	case StepHour, StepDay, StepMonth:
	default:
		return Errorf(EINVALID, "måler %s: oppløsningen %q er ukjent", b.MeterID, b.Step)
	}
	if len(b.Values) != b.Len() {
		return Errorf(EINVALID, "måler %s, %d-%02d: %d verdier, forventet %d", b.MeterID, b.Year, b.Month, len(b.Values), b.Len())
	}
	for i, v := range b.Values {
		if math.IsInf(v, 0) || v < 0 && !math.IsNaN(v) {
			return Errorf(EINVALID, "måler %s, %d-%02d: verdi %d er %v kWh (forventet et tall ≥ 0)", b.MeterID, b.Year, b.Month, i+1, v)
		}
	}
	return nil
}

// AlertKind is what an energy alert found.
type AlertKind string

// Alert kinds.
const (
	AlertNightLoad   AlertKind = "nattlast"  // night base load above normal
	AlertWeekendLoad AlertKind = "helgelast" // weekend load above normal
	AlertDrift       AlertKind = "drift"     // sustained rise against the baseline (CUSUM)
	AlertStep        AlertKind = "sprang"    // sudden lasting step
	AlertStopped     AlertKind = "stoppet"   // the meter sends nothing
	AlertStuck       AlertKind = "hengende"  // the meter repeats one value
	AlertZero        AlertKind = "null"      // the meter reports zero
)

// AlertState is where the follow-up of an alert stands; the user sets it.
type AlertState string

// Alert states.
const (
	AlertNew       AlertState = "ny"
	AlertWorking   AlertState = "under_arbeid"
	AlertResolved  AlertState = "løst"
	AlertCommented AlertState = "kommentert"
)

// ParseAlertState reads a state written as stored or in words.
func ParseAlertState(s string) (AlertState, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ny", "new":
		return AlertNew, nil
	case "under_arbeid", "under arbeid", "working":
		return AlertWorking, nil
	case "løst", "lost", "resolved":
		return AlertResolved, nil
	case "kommentert", "med kommentar", "commented":
		return AlertCommented, nil
	}
	return "", fmt.Errorf("tilstanden %q er ukjent (forventet ny, under_arbeid, løst eller kommentert)", s)
}

// Alert is a finding of abnormal operation on a meter. Detection runs again
// on every computation and updates Last, End and the excess; the state and
// comment are the user's and survive it. An alert is known by its meter,
// kind and days.
type Alert struct {
	ID         int64
	BuildingID string
	MeterID    string
	Kind       AlertKind
	Start      Date
	End        Date // the last abnormal day; zero while open
	ExcessKWh  float64
	ExcessNOK  float64
	Detail     string // what was measured, in bokmål
	State      AlertState
	Comment    string
	ResolvedOn Date    // when the state was set to løst
	AvoidedKWh float64 // resolved alerts: use avoided since, against the baseline
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Open reports whether the abnormal operation still goes on.
func (a *Alert) Open() bool { return a.End.IsZero() }

// AlertFilter selects alerts. Nil and empty fields do not filter.
type AlertFilter struct {
	ID          *int64
	BuildingIDs []string
	States      []AlertState
}

// AlertUpdate is a user's change of an alert's state and comment.
type AlertUpdate struct {
	State   *AlertState
	Comment *string
	User    string
}

// AlertChange is one earlier state of an alert, newest first.
type AlertChange struct {
	AlertID int64
	State   AlertState
	Comment string
	User    string
	At      time.Time
}

// MeterFilter selects meters. Nil and empty fields do not filter.
type MeterFilter struct {
	IDs         []string
	BuildingIDs []string
}

// ReadingFilter selects reading blocks by meter and month, inclusive.
type ReadingFilter struct {
	MeterIDs []string
	From, To *Date // only Year and Month are used
}

// TemperatureFilter selects a station's temperatures, inclusive.
type TemperatureFilter struct {
	Station  string
	From, To *Date
}

// EnergyChangeSet is what one energy import stores, as a whole or not at
// all, in one batch.
type EnergyChangeSet struct {
	// Catalogue, when set, is applied first in the same transaction and
	// batch, as ImportService.Apply would: the building entities and
	// their areas, and the energy indicators.
	Catalogue    *ChangeSet
	Files        []File
	Stations     []*Station
	Buildings    []*Building
	Meters       []*Meter
	Readings     []*ReadingBlock // merged into stored blocks: a NaN keeps the stored value
	Temperatures []Temperature
	Normals      []Normal
}

// ReadingRevision is an earlier version of a reading block.
type ReadingRevision struct {
	ReadingBlock
	ReplacedAt      time.Time
	ReplacedByBatch int64
}

// EnergyService stores buildings, meters, readings and weather, and the
// alerts found in them. Yearly figures are ordinary observations.
type EnergyService interface {
	// ApplyEnergy stores the change set in one transaction and batch,
	// counted in the summary's Meters (stations, buildings and meters) and
	// Readings (readings, temperatures and normals, by value). A
	// reading that differs from the stored one replaces it, and the
	// stored block is kept as a ReadingRevision; temperatures likewise
	// replace stored ones. Nothing is stored for a dry run, when nothing
	// changes, or when anything is invalid, such as a meter of an unknown
	// building.
	ApplyEnergy(ctx context.Context, cs *EnergyChangeSet, opts ApplyOptions) (*ApplyResult, error)
	FindStations(ctx context.Context) ([]*Station, error)
	FindBuildings(ctx context.Context) ([]*Building, error)
	FindMeters(ctx context.Context, filter MeterFilter) ([]*Meter, error)
	// FindReadings calls fn with each matching block ordered by meter
	// and month; the block is reused after fn returns.
	FindReadings(ctx context.Context, filter ReadingFilter, fn func(*ReadingBlock) error) error
	// FindReadingRevisions returns earlier versions of matching blocks,
	// newest first.
	FindReadingRevisions(ctx context.Context, filter ReadingFilter) ([]*ReadingRevision, error)
	FindTemperatures(ctx context.Context, filter TemperatureFilter) ([]Temperature, error)
	FindNormals(ctx context.Context, station, period string) ([]Normal, error)

	// PutAlerts stores what detection found, in one transaction: an
	// alert whose meter and kind are those of a stored one and whose days
	// overlap it updates that one's days, excess and detail and keeps its
	// state and comment; others are added as new. Stored alerts that
	// detection no longer finds are left as they are. It returns how many
	// were added and updated.
	PutAlerts(ctx context.Context, alerts []*Alert) (added, updated int, err error)
	FindAlerts(ctx context.Context, filter AlertFilter) ([]*Alert, error)
	// UpdateAlert sets an alert's state or comment and keeps the earlier
	// one in its history.
	UpdateAlert(ctx context.Context, id int64, upd AlertUpdate) (*Alert, error)
	FindAlertHistory(ctx context.Context, id int64) ([]AlertChange, error)
}
