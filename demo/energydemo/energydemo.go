// Package energydemo builds the demo's energy follow-up: eleven municipal
// buildings of Bærum with hourly electricity and daily heat readings for
// 2014–2018, made from real series and calibrated so that the portfolio's
// temperature-corrected use is the seed's table (§5.2.2): 212,7 215,1
// 211,6 212,3 200,7 kWh/m². Five buildings carry faults for detection to
// find. See README.md in demo/energi.
//
// What is real and what is made:
//   - Temperatures: MET Norway's daily normals 1961–1990 for Oslo – Blindern,
//     plus each calendar day's deviation from normal measured at Blindern
//     in 2019–2020 and 2022–2023, laid on the years 2014–2018. They are
//     stored as the demo station DEMO18700, apart from the real SN18700.
//   - The hour-by-hour shape of a day: the nmecr school's hourly use in
//     2018 (MIT, © 2022 kW Engineering), as shares of the day's use on
//     school days and on closed days (schoolProfile below).
//   - The buildings, areas, loads and faults are made up.
package energydemo

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/energy"
	"github.com/virk-analyse/virk/ingest"
)

// Station is the demo's weather station.
const Station = "DEMO18700"

// First and Last are the demo's years of readings.
const First, Last = 2014, 2018

// Target is the seed's corrected portfolio kWh/m² by year, which the demo
// reproduces.
var Target = map[int]float64{2014: 212.7, 2015: 215.1, 2016: 211.6, 2017: 212.3, 2018: 200.7}

// schoolProfile is the share of a day's electricity in each hour on school
// days ([0]) and on weekends and holidays ([1]), averaged over the 210 and
// 150 whole days of the nmecr school's hourly use in 2018. TestSchoolProfile
// derives it again from the file.
var schoolProfile = [2][24]float64{
	{0.01872, 0.0183, 0.0156, 0.01924, 0.01791, 0.02455, 0.03894, 0.05887, 0.07049, 0.06834, 0.07593, 0.0802,
		0.08135, 0.08058, 0.07108, 0.05179, 0.03857, 0.03026, 0.02623, 0.02571, 0.02451, 0.0224, 0.02081, 0.01962},
	{0.04183, 0.04236, 0.03751, 0.04932, 0.0425, 0.04774, 0.06145, 0.05167, 0.03837, 0.03464, 0.03754, 0.04404,
		0.03908, 0.03748, 0.0388, 0.03587, 0.03648, 0.03843, 0.03897, 0.0416, 0.04277, 0.04084, 0.04032, 0.04039},
}

// category is how a kind of building uses energy, per m² and day.
type category struct {
	base    float64 // kWh/m² on a day in use
	closed  float64 // share of base on closed days
	slope   float64 // kWh/m² per degree day below balance
	balance float64 // °C
}

var categories = map[string]category{
	"eiendom.skole":          {base: 0.30, closed: 0.45, slope: 0.021, balance: 15},
	"eiendom.barnehage":      {base: 0.36, closed: 0.50, slope: 0.026, balance: 15},
	"eiendom.sykehjem":       {base: 0.52, closed: 1, slope: 0.024, balance: 16},
	"eiendom.administrasjon": {base: 0.34, closed: 0.40, slope: 0.018, balance: 14},
}

// ChangeSets returns the demo's energy data as three change sets: the
// weather, the registers (with the building entities, their areas and the
// energy indicators as Catalogue), and the calibrated readings. ents
// looks up the catalogue's entities, which must hold the property unit
// eiendom.
func ChangeSets(ents func(id string) *virk.Entity) (weather, registry, readings *virk.EnergyChangeSet, err error) {
	fsys := demo.Energy()
	weather, normals, err := readWeather(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	registry, err = readRegistry(fsys, ents)
	if err != nil {
		return nil, nil, nil, err
	}
	readings = &virk.EnergyChangeSet{}
	g := newGenerator(weather, normals, registry)
	readings.Readings = g.blocks()
	if err := g.calibrate(readings.Readings); err != nil {
		return nil, nil, nil, err
	}
	return weather, registry, readings, nil
}

// Extend adds the demo's energy follow-up to cs, the change set of the
// demo's files: the building entities, their areas, the energy indicators
// the catalogue lacks (known reports those stored) and the figures
// computed from the readings go into cs; the stations, buildings, meters,
// readings and temperatures into the energy change set returned, to be
// applied with cs as its Catalogue. The alerts found are returned for
// the store's PutAlerts once that is done.
func Extend(cs *virk.ChangeSet, ents func(id string) *virk.Entity, known func(indicator string) bool) (*virk.EnergyChangeSet, []*virk.Alert, error) {
	inCS := map[string]*virk.Entity{}
	for _, e := range cs.Entities {
		inCS[e.ID] = e
	}
	lookup := func(id string) *virk.Entity {
		if e := inCS[id]; e != nil {
			return e
		}
		return ents(id)
	}
	weather, registry, readings, err := ChangeSets(lookup)
	if err != nil {
		return nil, nil, err
	}
	have := map[string]bool{}
	for _, ind := range cs.Indicators {
		have[ind.ID] = true
	}
	for _, ind := range registry.Catalogue.Indicators {
		if !have[ind.ID] && !known(ind.ID) {
			cs.Indicators = append(cs.Indicators, ind)
		}
	}
	cs.Entities = append(cs.Entities, registry.Catalogue.Entities...)
	cs.Observations = append(cs.Observations, registry.Catalogue.Observations...)
	cs.Files = append(cs.Files, registry.Catalogue.Files...)

	var normals []virk.Normal
	for _, n := range weather.Normals {
		if n.Station == Station {
			normals = append(normals, n)
		}
	}
	g := newGenerator(weather, normals, registry)
	res := energy.Compute(g.input(readings.Readings))
	cs.Observations = append(cs.Observations, res.Observations...)
	ecs := &virk.EnergyChangeSet{
		Files:        weather.Files,
		Stations:     weather.Stations,
		Buildings:    registry.Buildings,
		Meters:       registry.Meters,
		Readings:     readings.Readings,
		Temperatures: weather.Temperatures,
		Normals:      weather.Normals,
	}
	return ecs, res.Alerts, nil
}

// readWeather reads Blindern's files and lays the demo years on them.
func readWeather(fsys fs.FS) (*virk.EnergyChangeSet, []virk.Normal, error) {
	cs := &virk.EnergyChangeSet{}
	var real []virk.Temperature
	var normals []virk.Normal
	for _, name := range []string{"dognnormal_blindern_1961-1990.txt", "dognverdier_blindern_2019-08-20_2020-02-25.txt",
		"oslo-blindern-daily-tmax-tmin_2022-10_2023-10.csv"} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		w, err := ingest.ReadWeather(name, data, "")
		if err != nil {
			return nil, nil, err
		}
		if len(cs.Stations) == 0 {
			st := w.Station
			cs.Stations = append(cs.Stations, &st)
		}
		cs.Files = append(cs.Files, virk.File{Name: "demo/energi/" + name})
		real = append(real, w.Temperatures...)
		normals = append(normals, w.Normals...)
	}
	cs.Temperatures = append(cs.Temperatures, real...)
	cs.Normals = append(cs.Normals, normals...)
	cs.Stations = append(cs.Stations, &virk.Station{ID: Station,
		Name: "Oslo – Blindern, demoår 2014–2018 (normaler 1961–1990 med avvik målt 2019–2023)"})
	n := energy.NewNormals(normals)
	// Each calendar day's measured deviations from normal.
	dev := map[[2]int][]float64{}
	for _, t := range real {
		k := [2]int{int(t.Date.Month), t.Date.Day}
		dev[k] = append(dev[k], t.Mean-n.At(t.Date))
	}
	// Years differ by where in the measured deviations they start and by a
	// small offset, so that no two are alike: 2014 and 2015 were mild.
	offset := map[int]float64{2014: 0.9, 2015: 0.7, 2016: 0.1, 2017: 0.3, 2018: -0.4}
	for y := First; y <= Last; y++ {
		for d := (virk.Date{Year: y, Month: 1, Day: 1}); d.Year == y; d = d.AddDays(1) {
			src := d.AddDays(5 * (y - First))
			k := [2]int{int(src.Month), src.Day}
			ds := dev[k]
			a := 0.0
			if len(ds) > 0 {
				a = ds[(y-First)%len(ds)]
			}
			t := math.Round((n.At(d)+a+offset[y])*10) / 10
			cs.Temperatures = append(cs.Temperatures, virk.Temperature{Station: Station, Date: d, Mean: t})
		}
	}
	for _, x := range normals {
		x.Station = Station
		cs.Normals = append(cs.Normals, x)
	}
	return cs, normals, nil
}

// readRegistry reads the building and meter registers.
func readRegistry(fsys fs.FS, ents func(string) *virk.Entity) (*virk.EnergyChangeSet, error) {
	cs := &virk.EnergyChangeSet{Catalogue: &virk.ChangeSet{}}
	cs.Catalogue.Indicators = energy.Indicators()
	added := map[string]*virk.Entity{}
	lookup := func(id string) *virk.Entity {
		if e := added[id]; e != nil {
			return e
		}
		return ents(id)
	}
	for _, name := range []string{"bygg.csv", "malere.csv"} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		reg, err := ingest.ReadRegistry("demo/energi/"+name, data, ingest.RegistryOptions{Entity: lookup, Root: "eiendom", AreaIndicator: energy.IndicatorArea})
		if err != nil {
			return nil, err
		}
		for _, e := range reg.Entities {
			added[e.ID] = e
		}
		cs.Catalogue.Files = append(cs.Catalogue.Files, virk.File{Name: "demo/energi/" + name})
		cs.Catalogue.Entities = append(cs.Catalogue.Entities, reg.Entities...)
		cs.Catalogue.Observations = append(cs.Catalogue.Observations, reg.Areas...)
		cs.Buildings = append(cs.Buildings, reg.Buildings...)
		cs.Meters = append(cs.Meters, reg.Meters...)
	}
	return cs, nil
}

// generator makes the readings.
type generator struct {
	temp    *energy.Weather
	normals *energy.Normals
	reg     *virk.EnergyChangeSet
	parent  map[string]string
	areas   map[string]map[int]float64
	rng     *rand.Rand
}

func newGenerator(weather *virk.EnergyChangeSet, normals []virk.Normal, reg *virk.EnergyChangeSet) *generator {
	var ts []virk.Temperature
	for _, t := range weather.Temperatures {
		if t.Station == Station {
			ts = append(ts, t)
		}
	}
	g := &generator{temp: energy.NewWeather(ts), normals: energy.NewNormals(normals), reg: reg,
		parent: map[string]string{}, areas: map[string]map[int]float64{}, rng: rand.New(rand.NewPCG(2019, 5))}
	for _, e := range reg.Catalogue.Entities {
		g.parent[e.ID] = e.ParentID
	}
	for _, o := range reg.Catalogue.Observations {
		if g.areas[o.EntityID] == nil {
			g.areas[o.EntityID] = map[int]float64{}
		}
		g.areas[o.EntityID][o.Period.Year] = o.Value
	}
	return g
}

// area returns a building's area in year y, the latest given.
func (g *generator) area(b string, y int) float64 {
	best, v := 0, 0.0
	for yy, a := range g.areas[b] {
		if yy <= y && yy > best {
			best, v = yy, a
		}
	}
	return v
}

// closed reports whether a building of category cat is closed on day d:
// weekends, and the holidays of schools and kindergartens.
func closed(cat string, d virk.Date) bool {
	wd := d.Time(time.UTC).Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return true
	}
	_, week := d.Time(time.UTC).ISOWeek()
	md := int(d.Month)*100 + d.Day
	switch cat {
	case "eiendom.skole":
		return md >= 622 && md <= 816 || md >= 1221 || md <= 102 || week == 8 || week == 40
	case "eiendom.barnehage":
		return md >= 708 && md <= 728 || md >= 1224 || md <= 101
	case "eiendom.administrasjon":
		return md >= 1224 || md <= 101
	}
	return false
}
