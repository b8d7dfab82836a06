package ballotfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/gongzhi/gongzhi/internal/strictjson"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// jsonlHeader is the optional first line of a JSON Lines ballot file.
type jsonlHeader struct {
	Title      string   `json:"title,omitempty"`
	Seats      int      `json:"seats,omitempty"`
	Candidates []string `json:"candidates"`
	Parties    []string `json:"parties,omitempty"`
	Withdrawn  []string `json:"withdrawn,omitempty"`
}

// jsonlBallot is one ballot line.
type jsonlBallot struct {
	ID      string           `json:"id,omitempty"`
	Weight  *int64           `json:"weight,omitempty"`
	Ranking []string         `json:"ranking,omitempty"`
	Equal   []bool           `json:"equal,omitempty"`
	Scores  map[string]int64 `json:"scores,omitempty"`
}

// ReadJSONL decodes JSON Lines ballots: one JSON object per line. The first
// line may be a header, {"title": ..., "seats": 3, "candidates": [...]},
// optionally with "parties" (one per candidate) and "withdrawn" (names,
// left out of every ranking); with it, any other candidate name is an error, and without it candidates
// are listed in order of first appearance. A line is the header when it has
// a "candidates" key, so a candidate may be named "candidates". Each other
// line is a ballot: {"id": "b1", "weight": 2, "ranking": ["A", "B"]}, with
// "equal": [false, true] marking equal rankings as Ballot.Equal does, or,
// for score voting, {"scores": {"A": 5, "B": 0}}; scores are kept sparse
// (Ballot.Scored), so memory follows the file, not candidates × ballots.
// Unknown fields are rejected. Blank lines are skipped. Errors are
// *ParseError naming the line.
func ReadJSONL(r io.Reader, progress func(lines int)) (ranked.Election, error) {
	var dev deviations
	return readJSONL(r, progress, &dev)
}

// isHeader reports whether the JSON object b has a "candidates" key.
func isHeader(b []byte) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(b, &keys) != nil {
		return false
	}
	_, ok := keys["candidates"]
	return ok
}

func readJSONL(r io.Reader, progress func(lines int), dev *deviations) (ranked.Election, error) {
	e, err := decodeJSONL(r, progress, dev)
	if err != nil {
		return ranked.Election{}, err
	}
	return e, nil
}

func decodeJSONL(r io.Reader, progress func(lines int), dev *deviations) (ranked.Election, error) {
	var e ranked.Election
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	index := map[string]int{}
	fixed := false
	line := 0
	var raw []jsonlBallot
	var lines []int
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 && bytes.HasPrefix(b, []byte("\uFEFF")) {
			b = b[3:]
			dev.note(BOM, 1, "")
		}
		if progress != nil && line%100000 == 0 {
			progress(line)
		}
		if len(b) == 0 {
			dev.note(BlankLine, line, "")
			continue
		}
		if len(raw) == 0 && !fixed && bytes.Contains(b, []byte(`"candidates"`)) && isHeader(b) {
			var h jsonlHeader
			if err := strictJSON(b, &h); err != nil {
				return e, perr("jsonl", line, "header: %v", err)
			}
			e.Title, e.Seats = h.Title, h.Seats
			for _, c := range h.Candidates {
				if _, dup := index[c]; dup {
					return e, perr("jsonl", line, "candidate %q listed twice", clip(c))
				}
				index[c] = len(e.Candidates)
				e.Candidates = append(e.Candidates, c)
			}
			if h.Parties != nil && len(h.Parties) != len(h.Candidates) {
				return e, perr("jsonl", line, "%d parties for %d candidates", len(h.Parties), len(h.Candidates))
			}
			e.Parties = h.Parties
			for _, c := range h.Withdrawn {
				k, ok := index[c]
				if !ok || slices.Contains(e.Withdrawn, k) {
					return e, perr("jsonl", line, "withdrawn candidate %q is not a candidate or listed twice", clip(c))
				}
				e.Withdrawn = append(e.Withdrawn, k)
			}
			fixed = true
			continue
		}
		var jb jsonlBallot
		if err := strictJSON(b, &jb); err != nil {
			return e, perr("jsonl", line, "%v", err)
		}
		for _, c := range jb.Ranking {
			if _, ok := index[c]; !ok {
				if fixed {
					return e, perr("jsonl", line, "unknown candidate %q", clip(c))
				}
				index[c] = len(e.Candidates)
				e.Candidates = append(e.Candidates, c)
			}
		}
		for c := range jb.Scores {
			if _, ok := index[c]; !ok && fixed {
				return e, perr("jsonl", line, "unknown candidate %q", clip(c))
			}
		}
		raw = append(raw, jb)
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return e, perr("jsonl", line+1, "%v", err)
	}
	// Score ballots may name candidates in any order: add the new ones
	// sorted, so that the candidate list does not depend on map order.
	if !fixed {
		var extra []string
		for _, jb := range raw {
			for c := range jb.Scores {
				if _, ok := index[c]; !ok {
					extra = append(extra, c)
					index[c] = -1
				}
			}
		}
		slices.Sort(extra)
		for _, c := range extra {
			index[c] = len(e.Candidates)
			e.Candidates = append(e.Candidates, c)
		}
	}
	withdrawn := make([]bool, len(e.Candidates))
	for _, c := range e.Withdrawn {
		withdrawn[c] = true
	}
	for i, jb := range raw {
		b := ranked.Ballot{Weight: 1}
		if jb.Weight != nil {
			b.Weight = *jb.Weight
			if b.Weight <= 0 {
				return e, perr("jsonl", lines[i], "weight %d is not positive", b.Weight)
			}
		}
		seen := map[int]bool{}
		for _, c := range jb.Ranking {
			k := index[c]
			if seen[k] {
				return e, perr("jsonl", lines[i], "candidate %q ranked twice", clip(c))
			}
			seen[k] = true
			b.Ranking = append(b.Ranking, k)
		}
		if jb.Equal != nil {
			if len(jb.Equal) != len(jb.Ranking) || len(jb.Equal) > 0 && jb.Equal[0] {
				return e, perr("jsonl", lines[i], "\"equal\" needs one mark per rank, the first false")
			}
			if slices.Contains(jb.Equal, true) {
				b.Equal = jb.Equal
			}
		}
		if len(e.Withdrawn) > 0 {
			b = dropWithdrawn(b, withdrawn)
		}
		if jb.Scores != nil {
			b.Scored = make([]int, 0, len(jb.Scores))
			for c := range jb.Scores {
				b.Scored = append(b.Scored, index[c])
			}
			slices.Sort(b.Scored)
			b.Scores = make([]int64, len(b.Scored))
			for k, c := range b.Scored {
				b.Scores[k] = jb.Scores[e.Candidates[c]]
			}
		}
		e.Ballots = append(e.Ballots, b)
	}
	if err := e.Validate(); err != nil {
		return e, perr("jsonl", 0, "%v", err)
	}
	return e, nil
}

func strictJSON(b []byte, v any) error {
	return strictjson.Decode(b, v)
}
