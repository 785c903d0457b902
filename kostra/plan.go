package kostra

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Query says what to fetch from a table. Dimensions it leaves out are
// fetched whole, so that the cell count, and with it the split into
// requests, is known before anything is downloaded.
type Query struct {
	Table string
	// Region lists municipality or region codes ("3201", "EAK"), peer
	// groups ("ASSS", expanded to the numbers its members had in the
	// years asked for) and "alle" (every municipality of the table).
	// Empty means every region of the table.
	Region []string
	// From and To limit the time dimension to the years from..to,
	// inclusive; 0 leaves an end open.
	From, To int
	// Vars selects the codes of other dimensions by ID: codes, "*" and
	// "?" wildcards, "from(x)", "to(x)", "top(n)" and "bottom(n)", as in
	// PxWebApi's valueCodes.
	Vars map[string][]string
}

// Selection is the codes of one dimension in a request.
type Selection struct {
	Dim   string
	Codes []string
	// All is set when the codes are the whole dimension, which the
	// request then asks for as "*".
	All bool
}

// Request is one data request of a plan.
type Request struct {
	Table       string
	Part, Parts int // 1-based
	Selections  []Selection
	Cells       int
	URL         string
	// Name is the file name the response is imported under:
	// "ssb-12367-20210613T220000Z-3f9c2a41d0.json", from the table, the
	// table's "updated" time and a hash of the query. A stored batch
	// that read a file of this name already holds this response, which
	// is how a rerun knows what it may skip.
	Name string
}

// Plan is the requests that fetch a query, each within Client.MaxCells.
type Plan struct {
	Table    string
	Updated  string
	Cells    int
	Requests []Request
}

// maxRequests bounds a plan: at 30 requests a minute, 1 000 take over
// half an hour, and a query that needs more is most likely a mistake.
const maxRequests = 1000

// Plan resolves the query against the table's metadata and splits it into
// requests of at most MaxCells cells: by region first, then by year, then
// by the largest other dimension, so that each part is a whole block of
// the table.
func (c *Client) Plan(m *Metadata, q Query) (*Plan, error) {
	table := cmp.Or(q.Table, m.Table)
	sels := make([]Selection, len(m.Dimensions))
	for name := range q.Vars {
		if m.Dimension(name) == nil {
			return nil, virk.Errorf(virk.EINVALID, "tabell %s har ingen variabel %q; variablene er %s", table, name, dimIDs(m))
		}
	}
	if len(q.Region) > 0 && m.Region == "" {
		return nil, virk.Errorf(virk.EINVALID, "tabell %s har ingen regionvariabel; velg med --var i stedet (variablene er %s)", table, dimIDs(m))
	}
	if (q.From != 0 || q.To != 0) && m.Time == "" {
		return nil, virk.Errorf(virk.EINVALID, "tabell %s har ingen tidsvariabel; --years kan ikke brukes", table)
	}
	for i, d := range m.Dimensions {
		codes := d.Codes
		var err error
		if pats := lookup(q.Vars, d.ID); pats != nil {
			if codes, err = matchCodes(d, pats); err != nil {
				return nil, virk.Errorf(virk.EINVALID, "tabell %s, variabel %s: %v", table, d.ID, err)
			}
		}
		if d.ID == m.Region && len(q.Region) > 0 {
			if codes, err = regionCodes(d, codes, q.Region, q.From, q.To); err != nil {
				return nil, virk.Errorf(virk.EINVALID, "tabell %s: %v", table, err)
			}
		}
		if d.ID == m.Time && (q.From != 0 || q.To != 0) {
			codes = slices.DeleteFunc(slices.Clone(codes), func(c string) bool {
				y, ok := year(c)
				return !ok || (q.From != 0 && y < q.From) || (q.To != 0 && y > q.To)
			})
		}
		if len(codes) == 0 {
			return nil, virk.Errorf(virk.EINVALID, "tabell %s: ingen koder er valgt for %s (%s)", table, d.ID, d.Label)
		}
		sels[i] = Selection{Dim: d.ID, Codes: codes, All: len(codes) == len(d.Codes)}
	}
	size := 1.0 // in floating point: a product of many dimensions overflows
	for _, s := range sels {
		size *= float64(len(s.Codes))
	}
	if size > float64(maxRequests)*float64(c.maxCells()) {
		return nil, virk.Errorf(virk.EINVALID, "tabell %s: uttrekket er for stort (%s celler, mer enn %d spørringer); "+
			"velg færre koder med --region, --years eller --var", table, strconv.FormatFloat(size, 'f', 0, 64), maxRequests)
	}
	p := &Plan{Table: table, Updated: m.Updated, Cells: cells(sels)}
	for _, part := range split(sels, splitOrder(m), c.maxCells()) {
		p.Requests = append(p.Requests, c.request(table, m.Updated, part))
	}
	for i := range p.Requests {
		p.Requests[i].Part, p.Requests[i].Parts = i+1, len(p.Requests)
	}
	return p, nil
}

// Fetch downloads the requests in order, paced and retried, and hands
// each response to fn; it stops at the first error.
func (c *Client) Fetch(ctx context.Context, reqs []Request, fn func(Request, []byte) error) error {
	for _, r := range reqs {
		body, err := c.get(ctx, r.Table, r.URL)
		if err != nil {
			return err
		}
		if err := fn(r, body); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) request(table, updated string, sels []Selection) Request {
	var q strings.Builder
	fmt.Fprintf(&q, "lang=%s&outputFormat=json-stat2", c.lang())
	for _, s := range sels {
		v := "*"
		if !s.All {
			v = strings.Join(s.Codes, ",")
		}
		fmt.Fprintf(&q, "&valueCodes[%s]=%s", escape(s.Dim), escape(v))
	}
	path := fmt.Sprintf("/tables/%s/data?%s", table, q.String())
	sum := sha256.Sum256([]byte(path))
	stamp := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, updated)
	return Request{Table: table, Selections: sels, Cells: cells(sels), URL: c.base() + path,
		Name: fmt.Sprintf("ssb-%s-%s-%s.json", table, cmp.Or(stamp, "ukjent"), hex.EncodeToString(sum[:5]))}
}

// escape percent-encodes a query value but keeps what PxWebApi's
// selections are written with, so the URLs stay readable.
func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || strings.IndexByte("-_.~*(),:?", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func cells(sels []Selection) int {
	n := 1
	for _, s := range sels {
		n *= len(s.Codes)
	}
	return n
}

// splitOrder is the order in which dimensions are split: region, time,
// then the rest from the largest.
func splitOrder(m *Metadata) []string {
	var rest []Dimension
	var order []string
	for _, id := range []string{m.Region, m.Time} {
		if id != "" {
			order = append(order, id)
		}
	}
	for _, d := range m.Dimensions {
		if d.ID != m.Region && d.ID != m.Time {
			rest = append(rest, d)
		}
	}
	slices.SortStableFunc(rest, func(a, b Dimension) int { return len(b.Codes) - len(a.Codes) })
	for _, d := range rest {
		order = append(order, d.ID)
	}
	return order
}

// split cuts sels into parts of at most max cells, cutting the first
// dimension in order that has more than one code into as few chunks as
// fit, and going on to the next only when one code of it is still too
// much.
func split(sels []Selection, order []string, maxCells int) [][]Selection {
	n := cells(sels)
	if n <= maxCells {
		return [][]Selection{sels}
	}
	for _, id := range order {
		i := slices.IndexFunc(sels, func(s Selection) bool { return s.Dim == id })
		if i < 0 || len(sels[i].Codes) < 2 {
			continue
		}
		per := n / len(sels[i].Codes) // cells per code of this dimension
		size := max(1, maxCells/per)
		var out [][]Selection
		for codes := range slices.Chunk(sels[i].Codes, size) {
			part := slices.Clone(sels)
			part[i] = Selection{Dim: id, Codes: codes}
			out = append(out, split(part, order, maxCells)...)
		}
		return out
	}
	return [][]Selection{sels} // one cell per dimension: cannot happen for max ≥ 1
}

// lookup finds a dimension's entry in vars, ignoring case as SSB does.
func lookup(vars map[string][]string, id string) []string {
	for k, v := range vars {
		if strings.EqualFold(k, id) {
			return v
		}
	}
	return nil
}

func dimIDs(m *Metadata) string {
	ids := make([]string, len(m.Dimensions))
	for i, d := range m.Dimensions {
		ids[i] = d.ID
	}
	return strings.Join(ids, ", ")
}

// year reads the year of a time code: "2020", "2020H1", "2021M09".
func year(code string) (int, bool) {
	if len(code) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(code[:4])
	return y, err == nil
}

var selFunc = regexp.MustCompile(`(?i)^(from|to|top|bottom)\((.*)\)$`)

// matchCodes resolves PxWebApi selection expressions against a
// dimension's codes, keeping SSB's order.
func matchCodes(d Dimension, pats []string) ([]string, error) {
	keep := make([]bool, len(d.Codes))
	for _, p := range pats {
		found := false
		mark := func(i int) { keep[i], found = true, true }
		if f := selFunc.FindStringSubmatch(p); f != nil {
			arg := strings.TrimSpace(f[2])
			switch fn := strings.ToLower(f[1]); fn {
			case "top", "bottom":
				n, err := strconv.Atoi(arg)
				if err != nil || n < 1 {
					return nil, fmt.Errorf("%s(%s): oppgi et positivt heltall", fn, arg)
				}
				n = min(n, len(d.Codes))
				lo, hi := len(d.Codes)-n, len(d.Codes)
				if fn == "bottom" {
					lo, hi = 0, n
				}
				for i := lo; i < hi; i++ {
					mark(i)
				}
			default:
				at := indexCode(d.Codes, arg)
				if at < 0 {
					return nil, fmt.Errorf("%s(%s): koden finnes ikke", fn, arg)
				}
				lo, hi := at, len(d.Codes)
				if fn == "to" {
					lo, hi = 0, at+1
				}
				for i := lo; i < hi; i++ {
					mark(i)
				}
			}
		} else {
			for i, c := range d.Codes {
				if glob(p, c) || glob("K-"+p, c) {
					mark(i)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("ingen koder passer til %q (for eksempel %s)", p, examples(d.Codes))
		}
	}
	var out []string
	for i, c := range d.Codes {
		if keep[i] {
			out = append(out, c)
		}
	}
	return out, nil
}

func indexCode(codes []string, c string) int {
	for i, x := range codes {
		if strings.EqualFold(x, c) || strings.EqualFold(x, "K-"+c) {
			return i
		}
	}
	return -1
}

// glob matches a code against a pattern with "*" (any run) and "?" (one
// character), ignoring case.
func glob(p, s string) bool {
	p, s = strings.ToLower(p), strings.ToLower(s)
	if !strings.ContainsAny(p, "*?") {
		return p == s
	}
	var star, ss = -1, 0
	var i, j int
	for j < len(s) {
		switch {
		case i < len(p) && (p[i] == '?' || p[i] == s[j]):
			i, j = i+1, j+1
		case i < len(p) && p[i] == '*':
			star, ss = i, j
			i++
		case star >= 0:
			ss++
			i, j = star+1, ss
		default:
			return false
		}
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}

func examples(codes []string) string {
	return strings.Join(codes[:min(5, len(codes))], ", ")
}

var municipality = regexp.MustCompile(`^(K-)?\d{4}$`)
var validity = regexp.MustCompile(`\((\d{4})?-(\d{4})?\)\s*$`)

// regionCodes resolves --region against the region dimension, within the
// codes already selected. Codes named one by one must be in the table;
// codes from a group need not, since a table starting in 2020 has no
// numbers from before the reform.
func regionCodes(d Dimension, avail []string, spec []string, from, to int) ([]string, error) {
	keep := map[string]bool{}
	for _, s := range spec {
		switch group, ok := GroupCodes(s, from, to); {
		case ok:
			n := 0
			for _, g := range group {
				if i := indexCode(avail, g); i >= 0 {
					keep[avail[i]] = true
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("ingen av kommunene i %s finnes i tabellen for årene som er valgt", s)
			}
		case strings.EqualFold(s, "alle"):
			for _, c := range avail {
				if municipality.MatchString(c) && validIn(d.Labels[c], from, to) {
					keep[c] = true
				}
			}
		default:
			i := indexCode(avail, s)
			if i < 0 {
				return nil, fmt.Errorf("regionen %q finnes ikke i tabellen (for eksempel %s)", s, examples(avail))
			}
			keep[avail[i]] = true
		}
	}
	var out []string
	for _, c := range avail {
		if keep[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// validIn reads the years a code was valid from its label, as SSB
// writes them ("Halden (-2019)", "Bærum (2020-2023)"), and reports whether
// they meet from..to; a label without years is always valid.
func validIn(label string, from, to int) bool {
	f := validity.FindStringSubmatch(label)
	if f == nil {
		return true
	}
	lo, _ := strconv.Atoi(f[1])
	hi, err := strconv.Atoi(f[2])
	if err != nil {
		hi = 9999
	}
	return (to == 0 || lo <= to) && (from == 0 || hi >= from)
}
