package kostra

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/virk-analyse/virk"
)

// DefaultKlassURL is SSB's classification database KLASS, API v1, on the
// same host as PxWebApi.
const DefaultKlassURL = "https://data.ssb.no/api/klass/v1"

// Klass reads correspondence tables from KLASS. It sends its requests
// through a Client, so they share the Client's pacing and retries.
type Klass struct {
	// BaseURL is the API root without a trailing slash; empty means
	// DefaultKlassURL. Tests point it at a local server.
	BaseURL string
	// Client sends the requests; nil means a Client with its defaults.
	Client *Client
}

// Correspondence is a KLASS correspondence table: pairs of codes of two
// classifications, such as KOSTRA groups (classification 112) and the
// municipalities in them (classification 131).
type Correspondence struct {
	// Name is the table's own name, if the document has one.
	Name string
	// Origin says where the table was read, for notes: "KLASS-korrespondanse
	// 1358" or the file name.
	Origin string
	Maps   []CorrespondenceMap
}

// CorrespondenceMap is one pair of a correspondence table.
type CorrespondenceMap struct {
	SourceCode string `json:"sourceCode"`
	SourceName string `json:"sourceName"`
	TargetCode string `json:"targetCode"`
	TargetName string `json:"targetName"`
}

// Correspondence fetches correspondence table id:
// GET {BaseURL}/correspondencetables/{id}.json.
func (k *Klass) Correspondence(ctx context.Context, id string) (*Correspondence, error) {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil, virk.Errorf(virk.EINVALID, "korrespondansetabellen «%s» er ikke et tall (KLASS-tabeller har nummer, f.eks. fra ssb.no/klass)", id)
	}
	body, u, err := k.fetch(ctx, id+" (KLASS-korrespondanse)", "/correspondencetables/"+id+".json")
	if err != nil {
		return nil, err
	}
	c, err := ReadCorrespondence(bytes.NewReader(body), redact(u))
	if err != nil {
		return nil, err
	}
	c.Origin = "KLASS-korrespondanse " + id
	return c, nil
}

// fetch gets path below the API root through the client, and returns the
// body and the address it came from.
func (k *Klass) fetch(ctx context.Context, what, path string) ([]byte, string, error) {
	base := k.BaseURL
	if base == "" {
		base = DefaultKlassURL
	}
	cl := k.Client
	if cl == nil {
		cl = &Client{}
	}
	u := strings.TrimRight(base, "/") + path
	body, err := cl.get(ctx, what, u)
	return body, u, err
}

// ReadCorrespondence reads a correspondence table in KLASS's JSON shape:
//
//	{"name": "…", "correspondenceMaps": [{"sourceCode": "EKG12",
//	  "sourceName": "…", "targetCode": "4601", "targetName": "Bergen"}, …]}
//
// Other fields are ignored. name names the file or address in errors,
// which give the line and column of a JSON fault. A table without pairs
// is an error: it would store no groups and delete none.
func ReadCorrespondence(r io.Reader, name string) (*Correspondence, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBody))
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: kan ikke leses: %v", name, err)
	}
	var doc struct {
		Name json.RawMessage     `json:"name"`
		Maps []CorrespondenceMap `json:"correspondenceMaps"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: er ikke en korrespondansetabell fra KLASS: %s", name, jsonFault(data, err))
	}
	if len(doc.Maps) == 0 {
		return nil, virk.Errorf(virk.EINVALID, "%s: korrespondansetabellen har ingen koblinger (correspondenceMaps er tom eller mangler)", name)
	}
	c := &Correspondence{Origin: name, Maps: doc.Maps}
	json.Unmarshal(doc.Name, &c.Name) // a name that is not a string is no name
	return c, nil
}

// jsonFault says where in data a decoding error lies, in lines and
// columns that an editor shows.
func jsonFault(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return "ugyldig JSON: " + err.Error()
	}
	// The offset counts the bytes read, the faulty one included.
	off = max(min(off, int64(len(data))), 1)
	before := data[:off-1]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	if te != nil {
		return fmt.Sprintf("ugyldig JSON på linje %d, kolonne %d (byte %d): feltet %s har feil type (%s der det skal være %s)",
			line, col, off, te.Field, te.Value, te.Type)
	}
	return fmt.Sprintf("ugyldig JSON på linje %d, kolonne %d (byte %d): %v", line, col, off, err)
}
