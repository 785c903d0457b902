package virk_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowedImports lists, for each package of the module, the packages of
// the module it may import. Dependencies point inward: the domain (root)
// imports nothing of ours, parsers and the KPI engine know only the
// domain, the stores know only the domain and their shared SQL, and only
// commands and benchmarks put everything together. A new package must be
// added here on purpose.
var allowedImports = map[string][]string{
	"":                    {},
	"nb":                  {},
	"jsonstat":            {},
	"px":                  {},
	"demo":                {},
	"internal/pgtest":     {},
	"internal/oidctest":   {},
	"auth":                {""},
	"idp":                 {""},
	"kpi":                 {"", "nb"},
	"kostra":              {"", "peer"},
	"chart":               {"nb"},
	"pdf":                 {""},
	"ingest":              {"", "nb", "jsonstat", "kpi", "px"},
	"export":              {"", "nb", "peer"},
	"report":              {"", "nb", "kpi", "chart", "peer"},
	"peer":                {"", "kpi"},
	"energy":              {""},
	"portfolio":           {"", "nb"},
	"disclosure":          {},
	"workforce":           {"", "disclosure"},
	"workforce/prognosis": {"", "jsonstat", "nb"},
	"demo/hrdemo":         {"", "demo", "workforce", "ingest", "disclosure"},
	"demo/energydemo":     {"", "demo", "energy", "ingest"},
	"demo/load":           {"", "demo", "demo/energydemo", "demo/hrdemo", "ingest", "kpi", "portfolio", "workforce/prognosis"},
	"web":                 {"", "nb", "kpi", "ingest", "export", "chart", "report", "peer", "auth", "idp", "energy", "workforce", "portfolio"},
	"store/sqlstore":      {""},
	"store/sqlite":        {"", "store/sqlstore"},
	"store/postgres":      {"", "store/sqlstore"},
	"store/storetest":     {""},
	"cmd/virk":            {"*"},
}

func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go command: nothing to check against
	}
	const module = "github.com/virk-analyse/virk"
	rel := func(path string) (string, bool) {
		if path == module {
			return "", true
		}
		r, ok := strings.CutPrefix(path, module+"/")
		return r, ok
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, _ := rel(fields[0])
		if pkg == "bench" || strings.HasPrefix(pkg, "bench/") {
			continue // benchmarks put everything together, like commands
		}
		allowed, ok := allowedImports[pkg]
		if !ok {
			t.Errorf("package %q is not in allowedImports: decide what it may import", pkg)
			continue
		}
		if len(allowed) == 1 && allowed[0] == "*" {
			continue
		}
		for _, imp := range fields[1:] {
			r, ours := rel(imp)
			if !ours {
				if pkg == "" && strings.Contains(imp, ".") {
					t.Errorf("the domain package imports the third-party package %s", imp)
				}
				continue
			}
			if !slices.Contains(allowed, r) {
				t.Errorf("%s imports %s, which it may not (allowed: %q)", fields[0], imp, allowed)
			}
		}
	}
}
