package kostra

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// Metadata describes a table: what PxWebApi v2 answers at
// /tables/{id}/metadata, a JSON-stat 2.0 dataset with every dimension and
// category but no values.
type Metadata struct {
	Table string
	Label string
	// Updated is the table's "updated" timestamp as SSB writes it
	// ("2021-06-13T22:00:00Z"). SSB sets it on each publication, so an
	// unchanged value means unchanged figures.
	Updated    string
	Dimensions []Dimension
	// Region and Time are the IDs of the region and time dimensions, ""
	// when the table has none.
	Region, Time string
}

// Dimension is one variable of a table with its categories in SSB's
// order.
type Dimension struct {
	ID     string
	Label  string
	Codes  []string
	Labels map[string]string // by code
}

// Dimension returns the dimension with the ID, or nil.
func (m *Metadata) Dimension(id string) *Dimension {
	for i := range m.Dimensions {
		if strings.EqualFold(m.Dimensions[i].ID, id) {
			return &m.Dimensions[i]
		}
	}
	return nil
}

// tableID accepts what users write for a table: "12367" or "012367"
// stays as given, since SSB's IDs are five digits with leading zeros
// ("07459").
var tableID = regexp.MustCompile(`^[A-Za-z0-9]{1,20}$`)

// Metadata fetches a table's metadata.
func (c *Client) Metadata(ctx context.Context, table string) (*Metadata, error) {
	if !tableID.MatchString(table) {
		return nil, virk.Errorf(virk.EINVALID, "ugyldig tabellnummer %q: oppgi SSBs tabellnummer, f.eks. 12367", table)
	}
	u := fmt.Sprintf("%s/tables/%s/metadata?lang=%s&outputFormat=json-stat2", c.base(), table, c.lang())
	body, err := c.get(ctx, table, u)
	if err != nil {
		return nil, err
	}
	m, err := ParseMetadata(body)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "tabell %s: metadata fra SSB kan ikke leses: %v (%s)", table, err, redact(u))
	}
	m.Table = table
	return m, nil
}

// ParseMetadata reads a JSON-stat 2.0 dataset, with or without values,
// as table metadata. The table number comes from extension.px.tableid.
func ParseMetadata(data []byte) (*Metadata, error) {
	var doc struct {
		Label     string              `json:"label"`
		Updated   string              `json:"updated"`
		ID        []string            `json:"id"`
		Role      map[string][]string `json:"role"`
		Dimension map[string]struct {
			Label    string `json:"label"`
			Category struct {
				Index json.RawMessage   `json:"index"`
				Label map[string]string `json:"label"`
			} `json:"category"`
			Link struct {
				DescribedBy []struct {
					Extension map[string]string `json:"extension"`
				} `json:"describedby"`
			} `json:"link"`
		} `json:"dimension"`
		Extension struct {
			Px struct {
				TableID string `json:"tableid"`
			} `json:"px"`
		} `json:"extension"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.ID) == 0 {
		return nil, fmt.Errorf("ingen dimensjoner (\"id\" mangler)")
	}
	m := &Metadata{Table: doc.Extension.Px.TableID, Label: doc.Label, Updated: doc.Updated}
	for _, id := range doc.ID {
		d, ok := doc.Dimension[id]
		if !ok {
			return nil, fmt.Errorf("dimensjonen %s mangler i \"dimension\"", id)
		}
		codes, err := categoryCodes(d.Category.Index, d.Category.Label)
		if err != nil {
			return nil, fmt.Errorf("dimensjonen %s: %v", id, err)
		}
		m.Dimensions = append(m.Dimensions, Dimension{ID: id, Label: d.Label, Codes: codes, Labels: d.Category.Label})
		for _, db := range d.Link.DescribedBy {
			for _, urn := range db.Extension {
				if m.Region == "" && (strings.HasSuffix(urn, "klass:131") || strings.HasSuffix(urn, "klass:231")) {
					m.Region = id
				}
			}
		}
	}
	if g := doc.Role["geo"]; len(g) > 0 {
		m.Region = g[0]
	}
	if t := doc.Role["time"]; len(t) > 0 {
		m.Time = t[0]
	}
	for _, d := range m.Dimensions {
		if m.Region == "" && (strings.HasPrefix(d.ID, "Region") || strings.HasPrefix(d.ID, "KOKkommuneregion")) {
			m.Region = d.ID
		}
		if m.Time == "" && d.ID == "Tid" {
			m.Time = d.ID
		}
	}
	return m, nil
}

// categoryCodes lists a dimension's codes in order: from an array index,
// an object index (code → position), or, for a one-category dimension,
// the label's key.
func categoryCodes(index json.RawMessage, labels map[string]string) ([]string, error) {
	index = bytes.TrimSpace(index)
	switch {
	case len(index) > 0 && index[0] == '[':
		var codes []string
		err := json.Unmarshal(index, &codes)
		return codes, err
	case len(index) > 0 && index[0] == '{':
		var pos map[string]int
		if err := json.Unmarshal(index, &pos); err != nil {
			return nil, err
		}
		codes := make([]string, 0, len(pos))
		for c := range pos {
			codes = append(codes, c)
		}
		slices.SortFunc(codes, func(a, b string) int { return pos[a] - pos[b] })
		return codes, nil
	case len(labels) == 1:
		for c := range labels {
			return []string{c}, nil
		}
	}
	return nil, fmt.Errorf("kategoriene har ingen \"index\"")
}
