package virk

import (
	"fmt"
	"strings"
	"time"
)

// Day is a calendar date as days since 1 January 1970. Person-level HR
// data is held as days, not time.Time, because a municipality's extract
// has a million rows and dates without a clock or zone are what HR
// systems export.
type Day int32

// NoDay stands for an open end: an employment without an end date.
const NoDay Day = 1<<31 - 1

// DayOf returns the day of year y, month m, day d.
func DayOf(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Date returns the year, month and day of d.
func (d Day) Date() (int, time.Month, int) {
	return time.Unix(int64(d)*86400, 0).UTC().Date()
}

// String writes d as YYYY-MM-DD, or "åpen" for NoDay.
func (d Day) String() string {
	if d == NoDay {
		return "åpen"
	}
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// EmploymentType is how an employment is paid and bound.
type EmploymentType uint8

// Employment types, as HR extracts name them.
const (
	EmploymentPermanent EmploymentType = iota + 1 // fast
	EmploymentTemporary                           // midlertidig
	EmploymentHourly                              // timelønnet
)

// MonthlyPaid reports whether the employment has agreed working days: fast
// and temporary employments do, hourly paid ones do not.
func (t EmploymentType) MonthlyPaid() bool {
	return t == EmploymentPermanent || t == EmploymentTemporary
}

// ParseEmploymentType reads an employment type in bokmål or English.
func ParseEmploymentType(s string) (EmploymentType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fast", "fast ansatt", "permanent", "f":
		return EmploymentPermanent, nil
	case "midlertidig", "vikar", "engasjement", "temporary", "m":
		return EmploymentTemporary, nil
	case "timelønnet", "timelonnet", "timelønn", "hourly", "t":
		return EmploymentHourly, nil
	}
	return 0, fmt.Errorf("ansettelsesformen %q er ukjent (forventet fast, midlertidig eller timelønnet)", s)
}

// Education is the education group of a position holder, as chapter 6 of
// the virksomhetsanalyse counts them: faglærte are the skilled workers
// and those with higher education.
type Education uint8

// Education groups, lowest first so that the highest of a person's
// employments is the largest.
const (
	EducationUnskilled Education = iota + 1 // ufaglært
	EducationSkilled                        // fagarbeider
	EducationHigher                         // høyskole/universitet
)

// ParseEducation reads an education group in bokmål or English.
func ParseEducation(s string) (Education, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ufaglært", "ufaglaert", "unskilled", "u":
		return EducationUnskilled, nil
	case "fagarbeider", "fagbrev", "skilled", "f":
		return EducationSkilled, nil
	case "høyskole", "hoyskole", "høgskole", "universitet", "høyskole/universitet", "higher", "h":
		return EducationHigher, nil
	}
	return 0, fmt.Errorf("utdanningsgruppen %q er ukjent (forventet ufaglært, fagarbeider eller høyskole)", s)
}

// Employment is one row of an HR system's extract: one employment of one
// person as it stood on the extract's date. It is personnel data at
// person level: virk reads, aggregates and drops it and never stores it.
//
// The small fields come first so that the struct packs into 96 bytes
// rather than 104: an extract has a million rows.
type Employment struct {
	Extract    Day // the date of the extract the row comes from
	From, To   Day // To is NoDay when open
	Type       EmploymentType
	Education  Education
	Female     bool
	Immigrant  bool // born abroad of two foreign-born parents (SSB)
	Apprentice bool
	Person     string // pseudonymised person ID
	Unit       string // entity ID
	Code       string // position code
	Percent    float64
	BirthYear  int
	Line       int // where the row is in its file, for messages
}

// Absence is one sick-leave spell of a person from an HR extract, from
// and to inclusive, with its grade in per cent. Like Employment it is
// never stored.
type Absence struct {
	Person   string
	From, To Day
	Grade    float64 // 1–100
	Doctor   bool    // legemeldt; false is egenmeldt
	Line     int
}
