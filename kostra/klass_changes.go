package kostra

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/peer"
)

// Changes fetches the code changes of classification id (131 for the
// municipalities) that took effect from 1 January of year from to 1
// January of year to: GET {BaseURL}/classifications/{id}/changes.json
// ?from=…&to=…, in the shape peer.ReadKlassChanges reads.
func (k *Klass) Changes(ctx context.Context, id string, from, to int) ([]peer.Change, error) {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil, virk.Errorf(virk.EINVALID, "klassifikasjonen «%s» er ikke et tall (kommuneinndelingen er 131)", id)
	}
	if from < 1000 || to > 9999 || from >= to {
		return nil, virk.Errorf(virk.EINVALID, "årene %d–%d er ikke et tidsrom (fra må komme før til)", from, to)
	}
	q := url.Values{"from": {fmt.Sprintf("%04d-01-01", from)}, "to": {fmt.Sprintf("%04d-01-01", to)}}
	body, u, err := k.fetch(ctx, id+" (KLASS-endringer)", "/classifications/"+id+"/changes.json?"+q.Encode())
	if err != nil {
		return nil, err
	}
	changes, err := peer.ReadKlassChanges(bytes.NewReader(body))
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: %v", redact(u), err)
	}
	return changes, nil
}
