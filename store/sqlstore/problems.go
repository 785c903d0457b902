package sqlstore

import (
	"fmt"
	"strings"

	"github.com/virk-analyse/virk"
)

// maxProblems caps how many problems an invalid change set reports; the
// rest are only counted.
const maxProblems = 100

// problems collects what is wrong with a change set, so that one failed
// import tells the user about every fault at once.
type problems struct {
	list []string
	more int
}

// addf records a problem.
func (p *problems) addf(format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// full reports whether no more problems will be listed, so that
// validation of large change sets can stop looking for new kinds.
func (p *problems) full() bool { return len(p.list) >= maxProblems }

// err returns nil when nothing was recorded, and otherwise one EINVALID
// error whose message lists the problems, one a line.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	var b strings.Builder
	if len(p.list)+p.more == 1 {
		b.WriteString("Importen ble avvist, og ingenting er lagret. Feil:")
	} else {
		fmt.Fprintf(&b, "Importen ble avvist, og ingenting er lagret. %d feil:", len(p.list)+p.more)
	}
	for _, s := range p.list {
		b.WriteString("\n- ")
		b.WriteString(s)
	}
	if p.more > 0 {
		fmt.Fprintf(&b, "\n- … og %d feil til", p.more)
	}
	return &virk.Error{Code: virk.EINVALID, Message: b.String()}
}

// message returns the user-facing text of a validation error from the
// domain package.
func message(err error) string {
	if virk.ErrorCode(err) == virk.EINTERNAL {
		return err.Error()
	}
	return virk.ErrorMessage(err)
}
