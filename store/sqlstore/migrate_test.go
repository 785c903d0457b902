package sqlstore_test

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/virk-analyse/virk/store/postgres"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/store/sqlstore"
)

// TestMigrationNames checks that every dialect has the same numbered
// migrations, named NNNN_words.sql, numbered from 1 without gaps.
func TestMigrationNames(t *testing.T) {
	dialects := map[string]fs.FS{"sqlite": sqlite.Migrations(), "postgres": postgres.Migrations()}
	pattern := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	numbers := make(map[string][]string)
	for name, fsys := range dialects {
		names, err := sqlstore.MigrationNames(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			t.Fatalf("%s has no migrations", name)
		}
		for i, file := range names {
			m := pattern.FindStringSubmatch(file)
			if m == nil {
				t.Errorf("%s: migration %s is not named NNNN_words.sql", name, file)
				continue
			}
			if want := i + 1; m[1] != fmt.Sprintf("%04d", want) {
				t.Errorf("%s: migration %s should be number %04d", name, file, want)
			}
			numbers[name] = append(numbers[name], m[1])
		}
	}
	if !slices.Equal(numbers["sqlite"], numbers["postgres"]) {
		t.Errorf("the dialects have different migrations: sqlite %v, postgres %v", numbers["sqlite"], numbers["postgres"])
	}
}
