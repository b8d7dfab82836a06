package ballotfile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format names a ballot file format.
type Format string

// The formats.
const (
	BLT   Format = "blt"   // OpenSTV / ERS ranked ballots
	PB    Format = "pb"    // pabulib participatory budget
	CSV   Format = "csv"   // cast-vote records
	JSONL Format = "jsonl" // JSON Lines ballots
)

// Formats lists the formats.
func Formats() []Format { return []Format{BLT, PB, CSV, JSONL} }

// ParseFormat checks a format name given by a user.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	switch f {
	case BLT, PB, CSV, JSONL:
		return f, nil
	case "ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("ballotfile: unknown format %q; one of blt, pb, csv, jsonl", s)
}

// FormatOf detects the format from a file name's extension (.blt, .pb,
// .csv, .tsv, .jsonl, .ndjson).
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".blt":
		return BLT, nil
	case ".pb":
		return PB, nil
	case ".csv", ".tsv":
		return CSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("ballotfile: cannot tell the format of %q from its extension; give it with --format (blt, pb, csv, jsonl)", name)
}
