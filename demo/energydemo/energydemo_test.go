package energydemo

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

func demoEntities() func(string) *virk.Entity {
	root := &virk.Entity{ID: "eiendom", Name: "Eiendom", Kind: virk.KindUnit}
	return func(id string) *virk.Entity {
		if id == "eiendom" {
			return root
		}
		return nil
	}
}

// TestChangeSets checks that the calibrated readings reproduce the seed's
// corrected kWh/m², and what the demo holds.
func TestChangeSets(t *testing.T) {
	weather, registry, readings, err := ChangeSets(demoEntities())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(registry.Buildings); n != 11 {
		t.Errorf("%d buildings", n)
	}
	var normals []virk.Normal
	for _, n := range weather.Normals {
		if n.Station == Station {
			normals = append(normals, n)
		}
	}
	got := newGenerator(weather, normals, registry).portfolio(readings.Readings)
	for y, want := range Target {
		if r := math.Round(got[y]*10) / 10; r != want {
			t.Errorf("%d: %.4f kWh/m², want %.1f", y, got[y], want)
		}
	}
	n := 0
	for _, b := range readings.Readings {
		n += len(b.Values)
	}
	t.Logf("%d blocks, %d values", len(readings.Readings), n)
}

// TestSchoolProfile derives schoolProfile again from the nmecr school's
// hourly use, when the shared data are there.
func TestSchoolProfile(t *testing.T) {
	dir := "../../../shared/data/energy/nmecr-school-2018/"
	load, err := os.Open(dir + "school_eload_hourly_2018.csv")
	if err != nil {
		t.Skip("the shared data are not here")
	}
	defer load.Close()
	mode, err := os.ReadFile(dir + "school_operating_mode_2018.csv")
	if err != nil {
		t.Fatal(err)
	}
	holiday := map[string]bool{}
	for _, l := range strings.Split(string(mode), "\n")[1:] {
		f := strings.Split(l, ",")
		if len(f) == 5 && (f[1] == "1" || f[2] == "1") {
			holiday[f[0]] = true
		}
	}
	days := map[string]*[24]float64{}
	count := map[string]int{}
	sc := bufio.NewScanner(load)
	sc.Scan()
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if f[1] == "NA" {
			continue
		}
		d, h := f[0][:10], int(f[0][11]-'0')*10+int(f[0][12]-'0')
		if days[d] == nil {
			days[d] = &[24]float64{}
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		days[d][h] = v
		count[d]++
	}
	var sum [2][24]float64
	var n [2]int
	for d, hs := range days {
		if count[d] != 24 {
			continue
		}
		day, _ := time.Parse("2006-01-02", d)
		k := 0
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || holiday[d] {
			k = 1
		}
		tot := 0.0
		for _, v := range hs {
			tot += v
		}
		for h, v := range hs {
			sum[k][h] += v / tot
		}
		n[k]++
	}
	if n != [2]int{210, 150} {
		t.Errorf("days %v, want 210 school days and 150 closed", n)
	}
	for k := range sum {
		for h := range sum[k] {
			if got := sum[k][h] / float64(n[k]); math.Abs(got-schoolProfile[k][h]) > 5e-6 {
				t.Errorf("profile %d hour %d: %.6f, table has %.5f", k, h, got, schoolProfile[k][h])
			}
		}
	}
}
