package kostra

import (
	"strings"
)

// code is one official number of a municipality and the years it was
// valid; to 0 means still valid.
type code struct {
	code     string
	from, to int
}

// member is a municipality in a peer group from the year joined.
type member struct {
	name   string
	joined int // first year in the group; 0 for a founding member
	codes  []code
}

// asss is the ASSS network: the ten largest municipalities, with Asker
// and Lillestrøm from 2022, each with its numbers through the reforms of
// 2018, 2020 and 2024 (SSB's KLASS classification 131). It stays here
// until the peer-group register in package peer can be read by the
// command line; keep the two in step.
var asss = []member{
	{"Oslo", 0, []code{{"0301", 0, 0}}},
	{"Bergen", 0, []code{{"1201", 0, 2019}, {"4601", 2020, 0}}},
	{"Trondheim", 0, []code{{"1601", 0, 2017}, {"5001", 2018, 0}}},
	{"Stavanger", 0, []code{{"1103", 0, 0}}},
	{"Bærum", 0, []code{{"0219", 0, 2019}, {"3024", 2020, 2023}, {"3201", 2024, 0}}},
	{"Kristiansand", 0, []code{{"1001", 0, 2019}, {"4204", 2020, 0}}},
	{"Drammen", 0, []code{{"0602", 0, 2019}, {"3005", 2020, 2023}, {"3301", 2024, 0}}},
	{"Fredrikstad", 0, []code{{"0106", 0, 2019}, {"3004", 2020, 2023}, {"3107", 2024, 0}}},
	{"Sandnes", 0, []code{{"1102", 0, 2019}, {"1108", 2020, 0}}},
	{"Tromsø", 0, []code{{"1902", 0, 2019}, {"5401", 2020, 2023}, {"5501", 2024, 0}}},
	{"Asker", 2022, []code{{"0220", 0, 2019}, {"3025", 2020, 2023}, {"3203", 2024, 0}}},
	{"Lillestrøm", 2022, []code{{"3030", 2020, 2023}, {"3205", 2024, 0}}},
}

// GroupCodes returns the municipality numbers of a named peer group
// ("ASSS") that were valid for a member in some year from..to (0 for
// open ends), in the group's order, and whether the group is known.
func GroupCodes(name string, from, to int) ([]string, bool) {
	if !strings.EqualFold(name, "ASSS") {
		return nil, false
	}
	if to == 0 {
		to = 9999
	}
	var out []string
	for _, m := range asss {
		for _, c := range m.codes {
			lo, hi := max(c.from, m.joined, from), c.to
			if hi == 0 {
				hi = 9999
			}
			if lo <= min(hi, to) {
				out = append(out, c.code)
			}
		}
	}
	return out, true
}
