package storage

import (
	"fmt"
	"strings"
)

// ReadBackMarker is in the one line a run prints (PrintReadBack) when it
// found records of an earlier run in its file: take the lines holding it
// out of a second run's output and what remains is the first run's.
const ReadBackMarker = "read back from the file"

// ReadBackMarkerPG is ReadBackMarker for a run on PostgreSQL (-pg).
const ReadBackMarkerPG = "read back from the database"

// tally counts the records an example found stored, by kind, in the order
// the kinds were first seen.
type tally struct {
	kinds []string
	n     map[string]int
}

// ReadBack records that the example found n records of kind (a singular
// noun: "poll", "ticket", "grid batch") already stored by an earlier run
// and skipped the writes that made them. It is how an example says, after
// asking its Store, that it continues from the file.
func (s *Stores) ReadBack(kind string, n int) {
	if n <= 0 {
		return
	}
	if s.found.n == nil {
		s.found.n = map[string]int{}
	}
	if _, ok := s.found.n[kind]; !ok {
		s.found.kinds = append(s.found.kinds, kind)
	}
	s.found.n[kind] += n
}

// PrintReadBack prints, when the run found records of an earlier run,
// one line saying what it read back and how many writes it still made:
//
//	(read back from the file: 2 polls; nothing left to write)
//	(read back from the file: 1 meeting, 1 poll; 57 writes to finish the run)
//
// (or "read back from the database" with -pg). It prints nothing on a
// first run or in memory, so a first run's output is the same with and
// without -db.
func (s *Stores) PrintReadBack() {
	if len(s.found.kinds) == 0 {
		return
	}
	parts := make([]string, len(s.found.kinds))
	for i, k := range s.found.kinds {
		parts[i] = plural(s.found.n[k], k)
	}
	rest := "nothing left to write"
	if w := s.writes(); w > 0 {
		rest = plural(int(w), "write") + " to finish the run"
	}
	marker := ReadBackMarker
	if s.pg != nil {
		marker = ReadBackMarkerPG
	}
	fmt.Printf("(%s: %s; %s)\n", marker, strings.Join(parts, ", "), rest)
}

// plural writes "1 poll", "2 polls", "2 grid batches".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	switch {
	case strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"):
		noun += "es"
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey"):
		noun = noun[:len(noun)-1] + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
