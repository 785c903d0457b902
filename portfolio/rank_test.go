package portfolio

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    virk.Project
		w    Weights
		want float64
	}{
		{"equal weights", virk.Project{Priority: 1, Criticality: 4, GainPotential: 3}, DefaultWeights, 5 + 4 + 3},
		{"priority 5 counts 1", virk.Project{Priority: 5, Criticality: 1, GainPotential: 1}, DefaultWeights, 1 + 1 + 1},
		{"weighted", virk.Project{Priority: 1, Criticality: 4, GainPotential: 3}, Weights{2, 1, 0.5}, 10 + 4 + 1.5},
		{"nothing assessed", virk.Project{}, DefaultWeights, 0},
		{"priority not assessed", virk.Project{Criticality: 5, GainPotential: 2}, DefaultWeights, 7},
		{"out of range counts 0", virk.Project{Priority: 7, Criticality: 9, GainPotential: -1}, DefaultWeights, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Score(&tc.p, tc.w); got != tc.want {
				t.Errorf("Score = %v, want %v", got, tc.want)
			}
		})
	}
}

// proj makes a digitalisation project whose score with the default
// weights is crit + gain (priority not assessed).
func proj(id string, crit, gain int, deps ...string) *virk.Project {
	return &virk.Project{ID: id, Kind: virk.ProjectDigital, Phase: virk.PhasePlanning, Criticality: crit, GainPotential: gain, DependsOn: deps}
}

type place struct {
	id     string
	score  float64
	held   bool
	heldBy []string
}

func checkRank(t *testing.T, got []Ranked, want []place) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d projects, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Project.ID != w.id || g.Score != w.score || g.Place != i+1 || g.HeldBack != w.held || !slices.Equal(g.HeldBy, w.heldBy) {
			t.Errorf("place %d: got %s score %v place %d held %v by %v; want %s score %v held %v by %v",
				i+1, g.Project.ID, g.Score, g.Place, g.HeldBack, g.HeldBy, w.id, w.score, w.held, w.heldBy)
		}
	}
}

func TestRank(t *testing.T) {
	day := func(y int, m time.Month, d int) virk.Date { return virk.Date{Year: y, Month: m, Day: d} }
	withStart := func(p *virk.Project, d virk.Date) *virk.Project { p.Start = d; return p }
	for _, tc := range []struct {
		name string
		ps   []*virk.Project
		want []place
	}{{
		// A has the best score but waits for B, the worst; C goes first.
		name: "dependency overrides score",
		ps:   []*virk.Project{proj("A", 5, 5, "B"), proj("B", 1, 2), proj("C", 4, 5)},
		want: []place{{"C", 9, false, nil}, {"B", 3, false, nil}, {"A", 10, true, []string{"B"}}},
	}, {
		name: "ties by start, then ID, a start before none",
		ps: []*virk.Project{
			proj("G", 3, 3), proj("F", 3, 3),
			withStart(proj("D", 3, 3), day(2020, 3, 1)), withStart(proj("E", 3, 3), day(2020, 1, 1)),
		},
		want: []place{{"E", 6, false, nil}, {"D", 6, false, nil}, {"F", 6, false, nil}, {"G", 6, false, nil}},
	}, {
		// A → B → C, and X free with a score between C's and B's.
		name: "chain",
		ps:   []*virk.Project{proj("A", 5, 5, "B"), proj("B", 5, 3, "C"), proj("C", 2, 2), proj("X", 4, 3)},
		want: []place{{"X", 7, false, nil}, {"C", 4, false, nil}, {"B", 8, true, []string{"C"}}, {"A", 10, true, []string{"B"}}},
	}, {
		// D needs B and C, which both need A; E is free.
		name: "diamond",
		ps: []*virk.Project{
			proj("D", 5, 5, "B", "C"), proj("B", 4, 4, "A"), proj("C", 5, 4, "A"), proj("A", 1, 1), proj("E", 3, 2),
		},
		want: []place{
			{"E", 5, false, nil}, {"A", 2, false, nil},
			{"C", 9, true, []string{"A"}}, {"B", 8, true, []string{"A"}},
			{"D", 10, true, []string{"B", "C"}},
		},
	}, {
		// A closed project is not ranked: depending on it holds nothing.
		name: "unknown dependency ignored",
		ps:   []*virk.Project{proj("A", 5, 5, "closed-x"), proj("B", 3, 3)},
		want: []place{{"A", 10, false, nil}, {"B", 6, false, nil}},
	}, {
		// A dependency that ranks higher anyway holds nothing back.
		name: "dependency already first",
		ps:   []*virk.Project{proj("A", 2, 2, "B", "B"), proj("B", 5, 5)},
		want: []place{{"B", 10, false, nil}, {"A", 4, false, nil}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Rank(tc.ps, DefaultWeights, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkRank(t, got, tc.want)
		})
	}
}

func TestRank_ErrCycle(t *testing.T) {
	names := map[string]string{"skole": "Digital skolehverdag", "lagring": "Ny lagringsløsning", "q1": "Q1", "q2": "Q2", "q3": "Q3"}
	name := func(id string) string { return names[id] }
	for _, tc := range []struct {
		name   string
		ps     []*virk.Project
		cycles [][]string
		msg    string
	}{{
		name: "two cycles",
		ps: []*virk.Project{
			proj("s", 1, 1), proj("skole", 5, 5, "lagring"), proj("r", 1, 1, "q1"), proj("lagring", 2, 2, "skole"),
			proj("q2", 1, 1, "q3"), proj("q1", 1, 1, "q2"), proj("q3", 1, 1, "q1"),
		},
		cycles: [][]string{{"skole", "lagring", "skole"}, {"q2", "q3", "q1", "q2"}},
		msg:    "avhengighetene går i ring: Digital skolehverdag → Ny lagringsløsning → Digital skolehverdag; Q2 → Q3 → Q1 → Q2",
	}, {
		// The shortest way back through the first project: A → B → A, not
		// A → C → B → A.
		name:   "shortest cycle",
		ps:     []*virk.Project{proj("A", 1, 1, "C", "B"), proj("B", 1, 1, "A"), proj("C", 1, 1, "B")},
		cycles: [][]string{{"A", "B", "A"}},
		msg:    "avhengighetene går i ring: A → B → A",
	}, {
		name:   "self",
		ps:     []*virk.Project{proj("A", 1, 1, "A")},
		cycles: [][]string{{"A", "A"}},
		msg:    "avhengighetene går i ring: A → A",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			n := name
			if tc.name != "two cycles" {
				n = nil
			}
			got, err := Rank(tc.ps, DefaultWeights, n)
			if got != nil {
				t.Errorf("got a ranking %v with a cycle", got)
			}
			var ce *CycleError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *CycleError", err)
			}
			if !slices.EqualFunc(ce.Cycles, tc.cycles, slices.Equal) {
				t.Errorf("cycles = %v, want %v", ce.Cycles, tc.cycles)
			}
			if err.Error() != tc.msg {
				t.Errorf("message = %q, want %q", err.Error(), tc.msg)
			}
			if virk.ErrorCode(err) != virk.EINVALID || virk.ErrorMessage(err) != tc.msg {
				t.Errorf("code %q message %q, want invalid and the message", virk.ErrorCode(err), virk.ErrorMessage(err))
			}
		})
	}
}

func TestRank_ErrDuplicate(t *testing.T) {
	_, err := Rank([]*virk.Project{proj("A", 1, 1), proj("A", 2, 2)}, DefaultWeights, nil)
	if virk.ErrorCode(err) != virk.EINVALID || virk.ErrorMessage(err) != "prosjektet A er med to ganger i rangeringen" {
		t.Errorf("err = %v", err)
	}
}

// randomProjects makes n projects with random assessments, starts and, when
// dag, dependencies only on projects later in a random order (so there is
// no cycle); with cyclic, dependencies go anywhere.
func randomProjects(r *rand.Rand, n int, deps, cyclic bool) []*virk.Project {
	ps := make([]*virk.Project, n)
	perm := r.Perm(n)
	for i := range ps {
		p := &virk.Project{ID: string(rune('a' + perm[i])), Priority: r.IntN(6), Criticality: r.IntN(6), GainPotential: r.IntN(6)}
		if r.IntN(2) == 0 {
			p.Start = virk.Date{Year: 2020 + r.IntN(2), Month: time.Month(1 + r.IntN(12)), Day: 1}
		}
		ps[i] = p
	}
	if deps {
		for i, p := range ps {
			for j := range ps {
				if (cyclic || j > i) && j != i && r.IntN(4) == 0 {
					p.DependsOn = append(p.DependsOn, ps[j].ID)
				}
			}
			if r.IntN(5) == 0 {
				p.DependsOn = append(p.DependsOn, "outside")
			}
		}
	}
	return ps
}

// checkOrder verifies the definition of the ranking: every project once;
// no project before one it depends on; at each place the best project by
// score and tie rule among those whose dependencies are placed; held back
// exactly when a project of a lower order went ahead.
func checkOrder(t *testing.T, ps []*virk.Project, w Weights, got []Ranked) {
	t.Helper()
	if len(got) != len(ps) {
		t.Fatalf("got %d of %d projects", len(got), len(ps))
	}
	in := map[string]bool{}
	for _, p := range ps {
		in[p.ID] = true
	}
	placed := map[string]bool{}
	free := func(p *virk.Project) bool {
		for _, d := range p.DependsOn {
			if in[d] && !placed[d] {
				return false
			}
		}
		return true
	}
	for k, r := range got {
		if r.Place != k+1 || r.Score != Score(r.Project, w) {
			t.Fatalf("place %d: Place %d Score %v", k+1, r.Place, r.Score)
		}
		if placed[r.Project.ID] || !free(r.Project) {
			t.Fatalf("place %d: %s repeated or before a dependency", k+1, r.Project.ID)
		}
		for _, p := range ps {
			if !placed[p.ID] && p != r.Project && free(p) && order(p, r.Project, Score(p, w), r.Score) < 0 {
				t.Fatalf("place %d: %s chosen over the better free %s", k+1, r.Project.ID, p.ID)
			}
		}
		held := false
		for _, q := range got[:k] {
			if order(r.Project, q.Project, r.Score, q.Score) < 0 {
				held = true
			}
		}
		if r.HeldBack != held || held != (len(r.HeldBy) > 0) {
			t.Fatalf("place %d: %s HeldBack %v HeldBy %v, want held %v", k+1, r.Project.ID, r.HeldBack, r.HeldBy, held)
		}
		placed[r.Project.ID] = true
	}
}

func TestRank_Random(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	w := Weights{Priority: 1.5, Criticality: 1, Gain: 0.5}
	for range 500 {
		ps := randomProjects(r, 1+r.IntN(12), true, false)
		got, err := Rank(ps, w, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkOrder(t, ps, w, got)
	}
	// Without dependencies the ranking is the sort by score and tie rule.
	for range 200 {
		ps := randomProjects(r, 1+r.IntN(12), false, false)
		got, err := Rank(ps, w, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(ps)
		slices.SortFunc(want, func(a, b *virk.Project) int { return order(a, b, Score(a, w), Score(b, w)) })
		for i := range want {
			if got[i].Project != want[i] || got[i].HeldBack {
				t.Fatalf("place %d: got %s, want %s", i+1, got[i].Project.ID, want[i].ID)
			}
			if i > 0 && got[i].Score > got[i-1].Score {
				t.Fatalf("place %d: score %v after %v", i+1, got[i].Score, got[i-1].Score)
			}
		}
	}
}

// FuzzRank checks that any graph gives either a valid ranking or cycles
// that are real: each step a dependency, ending where it began.
func FuzzRank(f *testing.F) {
	f.Add(uint64(1), uint8(5))
	f.Add(uint64(42), uint8(12))
	f.Add(uint64(7), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		r := rand.New(rand.NewPCG(seed, 3))
		ps := randomProjects(r, 1+int(n%20), true, true)
		got, err := Rank(ps, DefaultWeights, nil)
		if err == nil {
			checkOrder(t, ps, DefaultWeights, got)
			return
		}
		var ce *CycleError
		if !errors.As(err, &ce) || len(ce.Cycles) == 0 {
			t.Fatalf("err = %v", err)
		}
		byID := map[string]*virk.Project{}
		for _, p := range ps {
			byID[p.ID] = p
		}
		for _, c := range ce.Cycles {
			if len(c) < 2 || c[0] != c[len(c)-1] {
				t.Fatalf("cycle %v does not close", c)
			}
			for k := 0; k+1 < len(c); k++ {
				if !slices.Contains(byID[c[k]].DependsOn, c[k+1]) {
					t.Fatalf("cycle %v: %s does not depend on %s", c, c[k], c[k+1])
				}
			}
		}
	})
}
