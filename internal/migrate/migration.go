// Package migrate is the versioned-migration scheme the storage adapters
// share: the schema is a list of SQL files named NNNN_name.sql, applied
// once each in version order inside one transaction and recorded in a
// version table with the SHA-256 of their SQL, so that a database migrated
// by a newer build or holding an edited migration is refused.
//
// It imports no database driver. An adapter embeds its files, describes
// its version table in a Schema and runs Apply through a Tx of three
// methods on its own transaction type; Apply itself reads the version
// table, through Tx.Query.
package migrate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one versioned schema change, applied once, in version order.
type Migration struct {
	Version int    // 1, 2, 3, ... without gaps
	Name    string // file name without the version prefix and .sql suffix
	SQL     string // the statements, run in one transaction
}

// Checksum returns the hex SHA-256 of m.SQL, recorded when m is applied.
func (m Migration) Checksum() string {
	sum := sha256.Sum256([]byte(m.SQL))
	return hex.EncodeToString(sum[:])
}

// Load reads every file of dir in fsys as a migration, in version order.
// Each file is named NNNN_name.sql; another name is an error, and so is a
// version that two files share.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 || !strings.HasSuffix(name, ".sql") || !plainName(rest) {
			return nil, fmt.Errorf("badly named migration %s (want NNNN_name.sql, the name of letters, digits and _)", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("reading migration %s: %w", name, err)
		}
		ms = append(ms, Migration{Version: v, Name: rest, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %04d_%s and %04d_%s share a version",
				ms[i-1].Version, ms[i-1].Name, ms[i].Version, ms[i].Name)
		}
	}
	return ms, nil
}

// plainName reports whether name is letters, digits and underscores only,
// so that Script can quote it in SQL as it is.
func plainName(name string) bool {
	for _, r := range name {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return name != ""
}
