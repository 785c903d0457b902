package web

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// oldRows are the row loops of scorecard.html and unit.html as they were
// before scoreRows and sumRows wrote the rows in Go, with the page's
// funcs: what the Go writers must write byte for byte.
const oldRows = `{{define "scorecard"}}{{$p := .P}}  <tbody>
  {{range $s := .Rows}}{{$row := $s.Row}}{{with $row}}
  <tr>
    <th scope="row"><a href="/indikator/{{.Indicator}}?enhet={{.Entity}}">{{label $p.Lang .Label .LabelEN}}</a>{{if ne .Unit "%"}} <span class="unit">({{.Unit}})</span>{{end}}</th>
    <td><a href="/enhet/{{.Entity}}">{{.EntityName}}</a></td>
    <td class="num">{{with .Latest}}{{value .Value $row.Unit $row.Decimals}} <span class="period">{{.Period}}</span>{{end}}</td>
    <td class="num">{{with .Latest}}{{change .ChangePct}}{{end}}</td>
    <td class="spark">{{$s.Spark}}</td>
    <td class="num">{{if .Trend}}<span class="judge {{.Trend.Judgement}}"><span aria-hidden="true">{{arrow .Direction}}</span> {{trend .Trend .Unit .Decimals}}<span class="visually-hidden">, {{$p.T (dirKey .Direction)}}</span> <span class="judgement">({{$p.T (printf "judge.%s" .Trend.Judgement)}})</span></span>{{end}}</td>
    <td>{{range .Targets}}<span class="target {{.Status}}">{{$p.T (printf "target.%s" .Status)}}</span>{{end}}</td>
  </tr>
  {{end}}{{end}}
  </tbody>{{end}}
{{define "unit"}}{{$p := .P}}  <tbody>
  {{range $s := .Rows}}{{$row := $s.Row}}{{with $row}}
  <tr>
    <th scope="row"><a href="/indikator/{{.Indicator}}?enhet={{.Entity}}">{{label $p.Lang .Label .LabelEN}}</a></th>
    <td class="num">{{with .Latest}}{{value .Value $row.Unit $row.Decimals}} <span class="period">{{.Period}}</span>{{end}}</td>
    <td class="num">{{with .Latest}}{{change .ChangePct}}{{end}}</td>
    <td class="spark">{{$s.Spark}}</td>
    <td class="num">{{if .Trend}}<span aria-hidden="true">{{arrow .Direction}}</span> {{trend .Trend .Unit .Decimals}} ({{$p.T (printf "judge.%s" .Trend.Judgement)}}){{end}}</td>
    <td>{{range .Targets}}<span class="target {{.Status}}">{{$p.T (printf "target.%s" .Status)}}</span>{{end}}</td>
  </tr>
  {{end}}{{end}}
  </tbody>{{end}}
{{define "sum"}}{{$id := .ID}}{{$periods := .Periods}}  <tbody>
  {{range $i, $row := .Lines}}
  <tr{{if eq $row.Entity $id}} class="sum"{{end}}>
    <th scope="row">{{if eq $row.Entity $id}}Sum{{else}}<a href="/enhet/{{$row.Entity}}">{{$row.EntityName}}</a>{{end}}</th>
    {{range $periods}}<td class="num">{{with valueAt $row .}}{{value .Value $row.Unit $row.Decimals}}{{end}}</td>{{end}}
    <td class="num">{{with $row.Latest}}{{change .ChangePct}}{{end}}</td>
  </tr>
  {{end}}
  </tbody>{{end}}`

type oldRow struct {
	*kpi.Row
	Spark template.HTML
}

// awkward are texts that html/template escapes in one way or another.
var awkward = []string{
	"", "a", "Årsverk", `<b>"x"</b> & 'y'`, "1+1", "50 %", "%", "%41%zz%4", "a b/c?d=e&f#g",
	"\x00nul", "\xff\xfeinvalid", "ø/æ/å", "!$*,:;=@[]~-._", "javascript:alert(1)", "\ufdd0\ufffe",
}

func pick(r *rand.Rand) string { return awkward[r.IntN(len(awkward))] }

// randomRow returns a row of random figures and awkward texts.
func randomRow(r *rand.Rand) *kpi.Row {
	row := &kpi.Row{
		Indicator: pick(r), Label: pick(r), LabelEN: pick(r), Unit: pick(r), Decimals: r.IntN(3),
		Direction: r.IntN(3) - 1, Entity: pick(r), EntityName: pick(r),
	}
	if r.IntN(3) == 0 {
		row.Unit = "%"
	}
	f := func() *float64 {
		if r.IntN(6) == 0 {
			return nil
		}
		v := (r.Float64() - 0.3) * math.Pow10(r.IntN(7))
		if r.IntN(10) == 0 {
			v = 0.0004
		}
		return &v
	}
	for y := range r.IntN(8) {
		row.Values = append(row.Values, kpi.Value{Period: fmt.Sprint(2015 + y), Value: f(), ChangePct: f()})
	}
	if n := len(row.Values); n > 0 && r.IntN(5) > 0 {
		row.Latest = &row.Values[r.IntN(n)]
	}
	if r.IntN(3) > 0 {
		j := []kpi.Judgement{kpi.Good, kpi.Bad, kpi.Flat, kpi.Neutral, `x"<`}[r.IntN(5)]
		row.Trend = &kpi.Trend{PerYear: *cmpOr(f(), new(float64)), Judgement: j}
	}
	for range r.IntN(3) {
		s := []kpi.TargetStatus{kpi.Met, kpi.NotMet, kpi.OnTrack, kpi.OffTrack, kpi.NoData, kpi.Undirected, "x&y"}[r.IntN(7)]
		row.Targets = append(row.Targets, kpi.Target{Status: s})
	}
	return row
}

func cmpOr(a, b *float64) *float64 {
	if a != nil {
		return a
	}
	return b
}

// TestScoreRows_Template checks that scoreRows and sumRows write what the
// templates' row loops wrote, for random rows with awkward texts.
func TestScoreRows_Template(t *testing.T) {
	tmpl := template.Must(template.New("rows").Funcs(funcs).Parse(oldRows))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var rows []*kpi.Row
		var old []oldRow
		for range r.IntN(5) {
			row := randomRow(r)
			rows = append(rows, row)
			old = append(old, oldRow{row, sparkline(row)})
		}
		lang := []string{langNB, langEN}[i%2]
		p := &page{Lang: lang}
		for _, c := range []struct {
			name       string
			withEntity bool
		}{{"scorecard", true}, {"unit", false}} {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, c.name, map[string]any{"P": p, "Rows": old}); err != nil {
				t.Fatal(err)
			}
			got := "  <tbody>\n  " + string(scoreRows(lang, rows, c.withEntity)) + "\n  </tbody>"
			if got != want.String() {
				t.Fatalf("case %d, %s:\n got %q\nwant %q", i, c.name, got, want.String())
			}
		}
		if len(rows) == 0 {
			continue
		}
		id := rows[len(rows)-1].Entity
		var periods []string
		for _, v := range rows[len(rows)-1].Values {
			periods = append(periods, v.Period)
		}
		var want bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "sum", map[string]any{"ID": id, "Periods": periods, "Lines": rows}); err != nil {
			t.Fatal(err)
		}
		if got := "  <tbody>\n  " + string(sumRows(periods, rows, id)) + "\n  </tbody>"; got != want.String() {
			t.Fatalf("case %d, sum:\n got %q\nwant %q", i, got, want.String())
		}
	}
}

// TestSparkline_Chart checks that writeSparkline writes what the chart
// package draws, for random series with gaps, flat lines, tiny and huge
// values and long IDs.
func TestSparkline_Chart(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 5000 {
		row := &kpi.Row{Indicator: "ind", Entity: "ent"}
		switch r.IntN(20) {
		case 0:
			row.Indicator = strings.Repeat("x", 250+r.IntN(10))
		case 1:
			row.Entity = "ø æ/å"
		}
		scale := math.Pow10(r.IntN(30) - 10)
		if r.IntN(30) == 0 {
			scale = []float64{1e-120, 1e99, 3e100, 1e200}[r.IntN(4)]
		}
		flat := r.IntN(8) == 0
		n := r.IntN(14)
		if r.IntN(200) == 0 {
			n = 1001
		}
		for j := range n {
			v := kpi.Value{Period: fmt.Sprint(1000 + j)}
			switch k := r.IntN(10); {
			case k == 0:
			case k == 1 && r.IntN(5) == 0:
				x := math.NaN()
				v.Value = &x
			case flat:
				x := scale
				v.Value = &x
			default:
				x := (r.Float64() - 0.4) * scale
				v.Value = &x
			}
			row.Values = append(row.Values, v)
		}
		var b strings.Builder
		writeSparkline(&b, row)
		if want := string(sparkline(row)); b.String() != want {
			t.Fatalf("case %d (%d values):\n got %q\nwant %q", i, n, b.String(), want)
		}
	}
}

// TestEntityOptions_Template checks that entityOptions writes what the
// scorecard template's range over the entities wrote.
func TestEntityOptions_Template(t *testing.T) {
	type option struct {
		ID, Name string
		Depth    int
	}
	tmpl := template.Must(template.New("o").Parse(`{{$sel := .Sel}}{{range .Opts}}<option value="{{.ID}}"{{if eq .ID $sel}} selected{{end}}>{{.Indent}}</option>{{end}}`))
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 200 {
		var ents []*virk.Entity
		var opts []map[string]any
		depth := map[string]int{}
		for j := range r.IntN(6) {
			e := &virk.Entity{ID: fmt.Sprintf("%s%d", pick(r), j), Name: pick(r)}
			if j > 0 && r.IntN(2) == 0 {
				e.ParentID = ents[r.IntN(j)].ID
				depth[e.ID] = depth[e.ParentID] + 1
			}
			ents = append(ents, e)
			opts = append(opts, map[string]any{"ID": e.ID, "Indent": strings.Repeat("\u00a0\u00a0", depth[e.ID]) + e.Name})
		}
		sel := "x"
		if len(ents) > 0 && r.IntN(3) > 0 {
			sel = ents[r.IntN(len(ents))].ID
		}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, map[string]any{"Sel": sel, "Opts": opts}); err != nil {
			t.Fatal(err)
		}
		if got := string(entityOptions(ents, sel)); got != want.String() {
			t.Fatalf("case %d:\n got %q\nwant %q", i, got, want.String())
		}
	}
}
