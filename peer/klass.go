package peer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrKlass is wrapped by every fault in a Klass changes document.
var ErrKlass = errors.New("feil i endringslisten fra Klass")

// klassChanges is the shape of Klass's
// /classifications/131/changes?from=…&to=… answer in JSON.
type klassChanges struct {
	CodeChanges []struct {
		OldCode        string `json:"oldCode"`
		OldName        string `json:"oldName"`
		NewCode        string `json:"newCode"`
		NewName        string `json:"newName"`
		ChangeOccurred string `json:"changeOccurred"`
	} `json:"codeChanges"`
}

// ReadKlassChanges reads the changes of a classification as SSB's Klass API
// gives them in JSON (GET .../klass/v1/classifications/131/changes with
// from and to dates and Accept: application/json):
//
//	{"codeChanges": [{"oldCode": "0219", "oldName": "Bærum",
//	  "newCode": "3024", "newName": "Bærum", "changeOccurred": "2020-01-01"}]}
//
// The year of changeOccurred is the year the change took effect.
func ReadKlassChanges(r io.Reader) ([]Change, error) {
	var doc klassChanges
	dec := json.NewDecoder(io.LimitReader(r, 64<<20))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKlass, err)
	}
	out := make([]Change, 0, len(doc.CodeChanges))
	for i, c := range doc.CodeChanges {
		y, err := strconv.Atoi(strings.SplitN(strings.TrimSpace(c.ChangeOccurred), "-", 2)[0])
		if err != nil || y < 1000 || y > 9999 {
			return nil, fmt.Errorf("%w: endring %d: datoen %q er ikke på formen ÅÅÅÅ-MM-DD", ErrKlass, i+1, c.ChangeOccurred)
		}
		if c.OldCode == "" || c.NewCode == "" {
			return nil, fmt.Errorf("%w: endring %d mangler gammelt eller nytt nummer", ErrKlass, i+1)
		}
		out = append(out, Change{OldCode: c.OldCode, OldName: c.OldName, NewCode: c.NewCode, NewName: c.NewName, Year: y})
	}
	return out, nil
}
