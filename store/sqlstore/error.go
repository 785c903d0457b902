package sqlstore

import (
	"fmt"
	"io/fs"

	"github.com/virk-analyse/virk"
)

// WrapError gives a driver error the virk code a backend's FormatError
// chose for it, with a message users may see, and keeps the driver error
// in the chain for logs. An empty code returns err unchanged.
func WrapError(code string, err error) error {
	var msg string
	switch code {
	case "":
		return err
	case virk.ENOTFOUND:
		msg = "Fant ikke det du spurte etter."
	case virk.ECONFLICT:
		msg = "Endringen kolliderer med data som allerede er lagret."
	default:
		msg = "Databasen avviste endringen."
	}
	return fmt.Errorf("%w: %w", &virk.Error{Code: code, Message: msg}, err)
}

// MigrationDir returns the folder dir of an embedded file system. A
// backend calls it on its //go:embed migration/*.sql, which always holds
// the folder.
func MigrationDir(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("migration folder %s: %v", dir, err))
	}
	return sub
}
