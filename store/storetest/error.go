package storetest

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/virk-analyse/virk"
)

// RunFormatError checks a SQL backend's error mapping against real driver
// errors. db must hold the virk schema, and format is the backend's
// FormatError.
func RunFormatError(t *testing.T, db *sql.DB, format func(error) error) {
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"ErrNoRows", func() error {
			return db.QueryRow(`SELECT name FROM source WHERE sid = -1`).Scan(new(string))
		}, virk.ENOTFOUND},
		{"ErrUnique", func() error {
			_, err := db.Exec(`INSERT INTO source (name) VALUES ('a'), ('a')`)
			return err
		}, virk.ECONFLICT},
		{"ErrForeignKey", func() error {
			_, err := db.Exec(`INSERT INTO entity_code (entity_sid, pos, code) VALUES (999, 0, 'x')`)
			return err
		}, virk.ECONFLICT},
		{"ErrOther", func() error {
			_, err := db.Exec(`SELECT * FROM no_such_table`)
			return err
		}, virk.EINTERNAL},
		{"OKNil", func() error { return nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cause := tt.err()
			err := format(cause)
			if got := virk.ErrorCode(err); got != tt.want {
				t.Fatalf("code = %q, want %q (err: %v)", got, tt.want, err)
			}
			if cause != nil && !errors.Is(err, cause) {
				t.Errorf("the driver error %v is not in the chain of %v", cause, err)
			}
		})
	}
}
