package ballotfile

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// OvervoteRule says what a rank marked for several candidates does.
type OvervoteRule string

// The overvote rules.
const (
	// ExhaustAtOvervote ends the ballot at the overvoted rank (the default).
	ExhaustAtOvervote OvervoteRule = "exhaust"
	// SkipOvervote skips the overvoted rank and goes on to the next
	// (Minneapolis: alwaysSkipToNextRank).
	SkipOvervote OvervoteRule = "skip"
)

// CVROptions controls how cast-vote records become ranked ballots. The zero
// value is usable: every column except the id and weight columns is a rank,
// an overvote exhausts the ballot, skipped ranks are ignored, and a repeated
// candidate is skipped.
type CVROptions struct {
	// Candidates, when set, is the full candidate list in order; any other
	// name in a rank is an error. By default candidates are listed in
	// order of first appearance.
	Candidates []string
	// Seats is copied into the Election.
	Seats int
	// Overvote is the overvote rule; "" means exhaust.
	Overvote OvervoteRule
	// OvervoteLabel marks an overvoted rank ("overvote" by default). A cell
	// naming several candidates separated by "|" is an overvote too.
	OvervoteLabel string
	// SkipLabel marks a skipped rank, like an empty cell ("undervote" by
	// default).
	SkipLabel string
	// MaxSkips is the number of consecutive skipped ranks allowed: a ballot
	// with more consecutive skips exhausts there (Minneapolis: 1 in 2017).
	// 0 means no limit.
	MaxSkips int
	// ExhaustOnDuplicate ends the ballot at a candidate ranked again; by
	// default the repeat is skipped.
	ExhaustOnDuplicate bool
	// Progress, if set, is called every 100,000 records with the count.
	Progress func(records int)
}

var (
	idHeaders     = []string{"id", "ballot_id", "ballot", "cvr", "cvr_id", "选票编号", "编号", "选票"}
	weightHeaders = []string{"weight", "count", "ballots", "权重", "票数", "数量"}
)

// ReadCVR decodes a CSV file of cast-vote records, one ballot per row, with
// a header row. A column headed id/ballot_id (选票编号) is the ballot id and
// one headed weight/count (权重, 票数) the number of identical ballots; every
// other column is a rank, in column order. A UTF-8 byte-order mark is
// ignored, and a ";" or tab separator is detected from the header. Rows
// with the same effective ranking are merged. Errors are *ParseError
// naming the line.
func ReadCVR(r io.Reader, opts CVROptions) (ranked.Election, error) {
	e := ranked.Election{Seats: opts.Seats}
	br := bufio.NewReaderSize(r, 256<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	comma := ','
	if first, err := br.Peek(br.Buffered()); err == nil || len(first) > 0 {
		line := string(first)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if !strings.Contains(line, ",") {
			switch {
			case strings.Contains(line, ";"):
				comma = ';'
			case strings.Contains(line, "\t"):
				comma = '\t'
			}
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return e, perr("csv", 1, "empty file: expected a header row")
	}
	if err != nil {
		return e, csvErr(err, 1)
	}
	idCol, wCol := -1, -1
	var rankCols []int
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case idCol < 0 && slices.Contains(idHeaders, h):
			idCol = i
		case wCol < 0 && slices.Contains(weightHeaders, h):
			wCol = i
		default:
			rankCols = append(rankCols, i)
		}
	}
	if len(rankCols) == 0 {
		return e, perr("csv", 1, "no rank columns in the header")
	}
	ncol := len(header)
	index := map[string]int{}
	fixed := len(opts.Candidates) > 0
	for i, c := range opts.Candidates {
		index[c] = i
	}
	e.Candidates = slices.Clone(opts.Candidates)
	overLabel := cmpOr(opts.OvervoteLabel, "overvote")
	skipLabel := cmpOr(opts.SkipLabel, "undervote")
	merged := map[string]int{}
	var key []byte
	ranking := make([]int, 0, len(rankCols))
	seen := map[int]bool{}
	for rec := 0; ; rec++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return e, csvErr(err, 0)
		}
		line, _ := cr.FieldPos(0)
		if opts.Progress != nil && rec > 0 && rec%100000 == 0 {
			opts.Progress(rec)
		}
		if len(row) != ncol {
			if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
				continue
			}
			return e, perr("csv", line, "%d fields, the header has %d", len(row), ncol)
		}
		w := int64(1)
		if wCol >= 0 {
			w, err = strconv.ParseInt(strings.TrimSpace(row[wCol]), 10, 64)
			if err != nil || w <= 0 || w > 1<<40 {
				return e, perr("csv", line, "bad weight %q", clip(row[wCol]))
			}
		}
		ranking = ranking[:0]
		clear(seen)
		skips := 0
	ranks:
		for _, c := range rankCols {
			cell := strings.TrimSpace(row[c])
			names := []string{cell}
			if strings.Contains(cell, "|") {
				names = strings.Split(cell, "|")
			}
			switch {
			case cell == "" || strings.EqualFold(cell, skipLabel):
				skips++
				if opts.MaxSkips > 0 && skips > opts.MaxSkips {
					break ranks
				}
				continue
			case strings.EqualFold(cell, overLabel) || len(distinct(names)) > 1:
				if opts.Overvote == SkipOvervote {
					skips = 0
					continue
				}
				break ranks
			}
			skips = 0
			name := strings.TrimSpace(names[0])
			k, ok := index[name]
			if !ok {
				if fixed {
					return e, perr("csv", line, "unknown candidate %q", clip(name))
				}
				k = len(e.Candidates)
				index[name] = k
				e.Candidates = append(e.Candidates, name)
			}
			if seen[k] {
				if opts.ExhaustOnDuplicate {
					break ranks
				}
				continue
			}
			seen[k] = true
			ranking = append(ranking, k)
		}
		key = key[:0]
		for _, k := range ranking {
			key = strconv.AppendInt(key, int64(k), 10)
			key = append(key, ' ')
		}
		if i, ok := merged[string(key)]; ok {
			if e.Ballots[i].Weight > 1<<50 {
				return e, perr("csv", line, "too many identical ballots")
			}
			e.Ballots[i].Weight += w
			continue
		}
		merged[string(key)] = len(e.Ballots)
		e.Ballots = append(e.Ballots, ranked.Ballot{Weight: w, Ranking: slices.Clone(ranking)})
	}
	if len(e.Candidates) == 0 {
		return e, perr("csv", 0, "no candidates found")
	}
	if err := e.Validate(); err != nil {
		return e, perr("csv", 0, "%v", err)
	}
	return e, nil
}

func distinct(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func csvErr(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return perr("csv", pe.Line, "%v", pe.Err)
	}
	return perr("csv", line, "%v", fmt.Sprint(err))
}
