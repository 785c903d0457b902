package ingest

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

func sumBlocks(bs []*virk.ReadingBlock) (sum float64, values, missing int) {
	for _, b := range bs {
		for _, v := range b.Values {
			if math.IsNaN(v) {
				missing++
				continue
			}
			sum += v
			values++
		}
	}
	return
}

// TestReadReadings_School reads the real nmecr school file (time,kwh, no
// meter column, 13 NA). Its clock has 24 hours every day, so read as UTC it
// gives 8 760 hours summing to the README's 266 103,8 kWh, and read as
// Norwegian time it is refused where the clock skips and repeats an hour.
func TestReadReadings_School(t *testing.T) {
	data, err := os.ReadFile("../../shared/data/energy/nmecr-school-2018/school_eload_hourly_2018.csv")
	if err != nil {
		t.Fatal(err)
	}
	bs, err := ReadReadings("school.csv", data, ReadingsOptions{DefaultMeter: "skole", Location: time.UTC, Decimal: '.'})
	if err != nil {
		t.Fatal(err)
	}
	sum, n, missing := sumBlocks(bs)
	// The 13 blocks of Oslo months hold 8 760 + 744 hours (January 2019
	// for the file's last UTC hour); every hour but the 13 NA has a value.
	if math.Round(sum*10)/10 != 266103.8 || n != 8760-13 || n+missing != 8760+744 {
		t.Errorf("sum %.3f over %d values, %d missing; want 266103.8 over 8747", sum, n, missing)
	}
	// 2018-01-01 00:00 UTC is 01:00 in Oslo: the first Oslo hour of
	// January is missing, and December's block holds one hour of 2019.
	if len(bs) != 13 || bs[0].Month != time.January || !math.IsNaN(bs[0].Values[0]) || bs[0].Values[1] != 18.4 {
		t.Errorf("%d blocks, first starts %v %v", len(bs), bs[0].Values[0], bs[0].Values[1])
	}

	_, err = ReadReadings("school.csv", data, ReadingsOptions{DefaultMeter: "skole", Decimal: '.'})
	if err == nil {
		t.Fatal("read as Norwegian time without error")
	}
	msg := err.Error()
	// Line 1 is the header; 2018-03-25 02:00 is hour 83*24+2 = 1994, line 1996.
	for _, want := range []string{
		"school.csv:1996:1: tidspunktet «2018-03-25 02:00:00» er ugyldig (klokkeslettet finnes ikke den dagen: klokken stilles frem en time)",
		"school.csv:7205:1: hull i måleren skole: ingen verdier fra 2018-10-28 02:00 +01:00 til 2018-10-28 03:00 +01:00 (etter linje 7204)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}

// TestReadReadings_DST reads an Elhub-style export over both changes of
// summer time in 2019: 31 March has 23 hours, 27 October 25, with the hour
// 02:00–03:00 twice, told apart by order.
func TestReadReadings_DST(t *testing.T) {
	var b strings.Builder
	b.WriteString("Målepunkt-ID;Fra;Til;Volum (kWh)\n")
	start := time.Date(2019, 3, 30, 0, 0, 0, 0, virk.Oslo())
	end := time.Date(2019, 4, 2, 0, 0, 0, 0, virk.Oslo())
	write := func(from, to time.Time, v float64) {
		b.WriteString("7070575000" + ";" + from.In(virk.Oslo()).Format("02.01.2006 15:04") + ";" + to.In(virk.Oslo()).Format("02.01.2006 15:04") + ";" + strings.Replace(formatFloat(v), ".", ",", 1) + "\n")
	}
	n := 0
	for t0 := start; t0.Before(end); t0 = t0.Add(time.Hour) {
		write(t0, t0.Add(time.Hour), 1.5)
		n++
	}
	start = time.Date(2019, 10, 26, 0, 0, 0, 0, virk.Oslo())
	end = time.Date(2019, 10, 29, 0, 0, 0, 0, virk.Oslo())
	for t0 := start; t0.Before(end); t0 = t0.Add(time.Hour) {
		v := 1.0
		if t0.In(virk.Oslo()).Hour() == 2 {
			_, off := t0.In(virk.Oslo()).Zone()
			v = float64(off / 3600) // 2 for the first 02:00, 1 for the second
		}
		write(t0, t0.Add(time.Hour), v)
		n++
	}
	bs, err := ReadReadings("elhub.csv", []byte(b.String()), ReadingsOptions{})
	if err == nil {
		t.Fatal("a gap between April and October was not reported")
	}
	if want := "elhub.csv:73:2: hull i måleren 7070575000: ingen verdier fra 2019-04-02 00:00 til 2019-10-26 00:00 (etter linje 72)"; err.Error() != want {
		t.Fatalf("error\n%v\nwant\n%s", err, want)
	}
	// Each half alone reads without a fault.
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	spring := strings.Join(lines[:72], "\n")
	autumn := lines[0] + "\n" + strings.Join(lines[72:], "\n")
	if n != 71+73 {
		t.Fatalf("wrote %d hours", n)
	}
	bs, err = ReadReadings("vår.csv", []byte(spring), ReadingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || len(bs[0].Values) != 743 {
		t.Fatalf("spring: %d blocks, March has %d hours, want 2 and 743", len(bs), len(bs[0].Values))
	}
	if sum, k, _ := sumBlocks(bs); k != 71 || sum != 71*1.5 {
		t.Errorf("spring: %d hours summing %v, want 71 (23+24+24) and 106.5", k, sum)
	}
	bs, err = ReadReadings("høst.csv", []byte(autumn), ReadingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	oct := bs[0]
	if len(oct.Values) != 745 {
		t.Fatalf("October has %d hours, want 745", len(oct.Values))
	}
	// 27 October 00:00 is hour 26*24 = 624 of the month; 02:00 CEST is 626, 02:00 CET 627.
	if oct.Values[626] != 2 || oct.Values[627] != 1 || oct.Values[625] != 1 || oct.Values[628] != 1 {
		t.Errorf("hours 625–628 = %v, want 1 2 1 1", oct.Values[625:629])
	}
	if _, k, _ := sumBlocks(bs); k != 73 {
		t.Errorf("autumn: %d hours, want 73 (24+25+24)", k)
	}
}

func TestReadReadings_Kinds(t *testing.T) {
	daily := "meter;dato;kWh\nm1;2019-01-01;10,5\nm1;2019-01-02;11\nm1;2019-02-01;3\n"
	_, err := ReadReadings("d.csv", []byte(daily), ReadingsOptions{})
	if err == nil || !strings.Contains(err.Error(), "d.csv:4:2: hull i måleren m1: ingen verdier fra 2019-01-03 00:00 til 2019-02-01 00:00") {
		t.Errorf("daily gap: %v", err)
	}
	bs, err := ReadReadings("d.csv", []byte("meter;dato;kWh\nm1;2019-01-31;10,5\nm1;01.02.2019;11\n"), ReadingsOptions{})
	if err != nil || len(bs) != 2 || bs[0].Step != virk.StepDay || bs[0].Values[30] != 10.5 || bs[1].Values[0] != 11 {
		t.Errorf("daily: %v %+v", err, bs)
	}
	bs, err = ReadReadings("m.csv", []byte("meter;måned;forbruk\nm1;2019-11;1000\nm1;2019-12;1200,5\nm1;2020M01;1300\n"), ReadingsOptions{})
	if err != nil || len(bs) != 3 || bs[1].Step != virk.StepMonth || bs[1].Values[0] != 1200.5 {
		t.Errorf("monthly: %v %+v", err, bs)
	}
	// Register readings at midnight give daily consumption.
	reg := "meter;tid;stand\nm1;2019-01-01 00:00;99000\nm1;2019-01-02 00:00;99100,5\nm1;2019-01-03 00:00;99300\n"
	bs, err = ReadReadings("r.csv", []byte(reg), ReadingsOptions{})
	if err != nil || len(bs) != 1 || bs[0].Step != virk.StepDay || bs[0].Values[0] != 100.5 || bs[0].Values[1] != 199.5 || !math.IsNaN(bs[0].Values[2]) {
		t.Errorf("register: %v %+v", err, bs)
	}
	// A register that rolls over or goes backwards is reported.
	_, err = ReadReadings("r.csv", []byte("meter;tid;stand\nm1;2019-01-01;99950\nm1;2019-01-02;30\n"), ReadingsOptions{})
	if err == nil || !strings.Contains(err.Error(), "r.csv:3:3: målerstanden for m1 ser ut til å ha gått rundt") {
		t.Errorf("rollover: %v", err)
	}
	_, err = ReadReadings("r.csv", []byte("meter;tid;stand\nm1;2019-01-01;5000\nm1;2019-01-02;4000\n"), ReadingsOptions{})
	if err == nil || !strings.Contains(err.Error(), "r.csv:3:3: målerstanden for m1 går bakover: 4000 etter 5000 på linje 2") {
		t.Errorf("backwards register: %v", err)
	}
}

// TestReadReadings_Errors checks a fault of each kind with its place.
func TestReadReadings_Errors(t *testing.T) {
	known := func(id string) bool { return id == "m1" }
	h := "meter;from;to;kwh\n"
	for _, tc := range []struct{ name, data, want string }{
		{"cols.csv", "meter;når;kwh\nm1;x;1\n", "cols.csv:1: mangler tidskolonnen (from og to, date, month eller time); fant «meter;når;kwh»"},
		{"nometer.csv", "from;to;kwh\n", "nometer.csv:1: mangler målerkolonnen"},
		{"num.csv", h + "m1;2019-01-01 00:00;2019-01-01 01:00;12,3,4\n", "num.csv:2:4: verdien «12,3,4» er ikke et tall"},
		{"neg.csv", h + "m1;2019-01-01 00:00;2019-01-01 01:00;-3\n", "neg.csv:2:4: forbruket «-3» kWh er negativt"},
		{"time.csv", h + "m1;2019-01-01 25:00;2019-01-01 01:00;3\n", "time.csv:2:2: tidspunktet «2019-01-01 25:00» er ugyldig"},
		{"unknown.csv", h + "m2;2019-01-01 00:00;2019-01-01 01:00;3\n", "unknown.csv:2:1: måleren «m2» er ukjent"},
		{"back.csv", h + "m1;2019-01-01 01:00;2019-01-01 02:00;3\nm1;2019-01-01 00:00;2019-01-01 01:00;3\n",
			"back.csv:3:2: tiden går bakover: måleren m1 har 2019-01-01 00:00 etter 2019-01-01 01:00 på linje 2"},
		{"dup.csv", h + "m1;2019-01-01 00:00;2019-01-01 01:00;3\nm1;2019-01-01 00:00;2019-01-01 01:00;4\n",
			"dup.csv:3:2: måleren m1 har 2019-01-01 00:00 to ganger (også på linje 2)"},
		{"overlap.csv", "meter;from;to;kwh\nm1;2019-01-01 00:00;2019-01-02 00:00;30\nm1;2019-01-01 12:00;2019-01-01 13:00;4\n",
			"overlap.csv:3:2: måleren m1 har døgn-verdier fra linje 2, men her en time-verdi"},
		{"overlap2.csv", h + "m1;2019-01-01 00:00;2019-01-01 01:00;3\nm1;2019-01-01 00:30;2019-01-01 01:30;4\n",
			"overlap2.csv:3:2: intervallet 2019-01-01 00:30–2019-01-01 01:30 overlapper 2019-01-01 00:00–2019-01-01 01:00 på linje 2"},
		{"span.csv", h + "m1;2019-01-01 00:00;2019-01-01 02:00;3\n", "span.csv:2:2: intervallet 2019-01-01 00:00–2019-01-01 02:00 er verken en time, et døgn eller en måned"},
		{"fields.csv", h + "m1;2019-01-01 00:00;2019-01-01 01:00\n", "fields.csv:2: raden har 3 felt, overskriften 4"},
		{"empty.csv", "", "empty.csv: filen er tom"},
	} {
		_, err := ReadReadings(tc.name, []byte(tc.data), ReadingsOptions{Meter: known})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error\n%v\nwant %q", tc.name, err, tc.want)
		}
	}
}

func FuzzReadReadings(f *testing.F) {
	f.Add([]byte("meter;from;to;kwh\nm1;2019-10-27 02:00;2019-10-27 02:00;3\nm1;2019-10-27 02:00;2019-10-27 03:00;3\n"))
	f.Add([]byte("meter;tid;stand\nm1;2019-01-01;99950\nm1;2019-01-02;30\n"))
	f.Add([]byte("meter;måned;kwh\nm1;2019-02;1\n"))
	f.Add([]byte("meter;dato;kwh\nm1;29.02.2019;1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, err := ReadReadings("f.csv", data, ReadingsOptions{})
		if err != nil {
			return
		}
		for _, b := range bs {
			if verr := b.Validate(); verr != nil {
				t.Fatalf("block %+v invalid: %v", b, verr)
			}
		}
	})
}
