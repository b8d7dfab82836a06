package vote

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
)

// TieMethod names how a TieBreak breaks ties.
type TieMethod string

// The tie-breaking methods. The empty TieMethod breaks nothing: the tie is
// reported and the places stay open.
const (
	// TieOrder prefers the option listed first in TieBreak.Order (a
	// declared order, such as the order of registration).
	TieOrder TieMethod = "order"
	// TieLot draws lots from TieBreak.Seed: each tied option gets the draw
	// SHA-256(seed as 8 big-endian bytes || option id) and the lowest draws
	// win. Anyone can recompute the draws from the seed in the result.
	TieLot TieMethod = "lot"
)

// TieBreak is the explicit rule for ties for the last places. Ties are
// never broken by input order or map order.
type TieBreak struct {
	Method TieMethod `json:"method,omitempty"`
	// Order lists options, preferred first (TieOrder). Every tied option
	// must appear, else the tie stays open.
	Order []OptionID `json:"order,omitempty"`
	// Seed is the published seed of the lot (TieLot).
	Seed uint64 `json:"seed,omitempty"`
}

// Validate checks the method and its parameters.
func (tb TieBreak) Validate() error {
	switch tb.Method {
	case "":
		if len(tb.Order) != 0 || tb.Seed != 0 {
			return &ConfigError{Field: "method", Reason: "order or seed given without a method"}
		}
	case TieOrder:
		if len(tb.Order) == 0 {
			return &ConfigError{Field: "order", Reason: "a declared order needs the list of options"}
		}
		seen := make(map[OptionID]bool, len(tb.Order))
		for i, o := range tb.Order {
			if seen[o] {
				return &ConfigError{Field: fmt.Sprintf("order[%d]", i), Reason: fmt.Sprintf("duplicate option %q", o)}
			}
			seen[o] = true
		}
	case TieLot:
		if len(tb.Order) != 0 {
			return &ConfigError{Field: "order", Reason: "a lot uses the seed, not an order"}
		}
	default:
		return &ConfigError{Field: "method", Reason: fmt.Sprintf("unknown tie method %q (want order or lot)", tb.Method)}
	}
	return nil
}

// Tie records a tie for the last places and how it was settled.
type Tie struct {
	// Stage says where the tie arose: "select", "seats", "runoff".
	Stage string `json:"stage"`
	// Among lists the tied options in id order; they all have Votes.
	Among []OptionID `json:"among"`
	Votes int64      `json:"votes"`
	// Places is how many of them can be placed.
	Places int `json:"places"`
	// Method and Seed repeat the rule applied; Draws holds the lot's draws
	// (hex) by option, in Among's order.
	Method TieMethod `json:"method,omitempty"`
	Seed   uint64    `json:"seed,omitempty"`
	Draws  []string  `json:"draws,omitempty"`
	// Chosen are the options that take the places, or empty when the tie
	// is unresolved.
	Chosen []OptionID `json:"chosen,omitempty"`
}

// Resolved reports whether the tie was broken.
func (t Tie) Resolved() bool { return len(t.Chosen) == t.Places }

// Break settles a tie among tied (any order) for places places and records
// it. The result does not depend on the order of tied. If the rule cannot
// decide (no method, or an order missing a tied option) Chosen is empty.
func (tb TieBreak) Break(stage string, votes int64, tied []OptionID, places int) Tie {
	among := slices.Clone(tied)
	slices.Sort(among)
	t := Tie{Stage: stage, Among: among, Votes: votes, Places: places, Method: tb.Method}
	if places <= 0 || places >= len(among) {
		return t
	}
	switch tb.Method {
	case TieOrder:
		rank := make(map[OptionID]int, len(tb.Order))
		for i, o := range tb.Order {
			rank[o] = i
		}
		for _, o := range among {
			if _, ok := rank[o]; !ok {
				return t
			}
		}
		byRank := slices.Clone(among)
		slices.SortFunc(byRank, func(a, b OptionID) int { return rank[a] - rank[b] })
		t.Chosen = byRank[:places]
	case TieLot:
		t.Seed = tb.Seed
		draws := make(map[OptionID]string, len(among))
		t.Draws = make([]string, len(among))
		for i, o := range among {
			d := LotDraw(tb.Seed, o)
			draws[o] = d
			t.Draws[i] = d
		}
		byDraw := slices.Clone(among)
		slices.SortFunc(byDraw, func(a, b OptionID) int {
			if draws[a] < draws[b] {
				return -1
			} else if draws[a] > draws[b] {
				return 1
			}
			return 0
		})
		t.Chosen = byDraw[:places]
	}
	return t
}

// LotDraw returns option's lot draw for seed, as lowercase hex:
// SHA-256(seed as 8 big-endian bytes || option id).
func LotDraw(seed uint64, option OptionID) string {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(option))
	return hex.EncodeToString(h.Sum(nil))
}
