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
	// naming several candidates separated by OvervoteDelimiter is an
	// overvote too.
	OvervoteLabel string
	// OvervoteDelimiter separates the candidates of an overvoted cell, as
	// some tabulators export them ("|" by default; RCTab's
	// overvoteDelimiter, e.g. "//").
	OvervoteDelimiter string
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

	// IDColumn, WeightColumn and RankColumns map the columns explicitly,
	// by header name, for layouts the detection does not know; each is
	// optional and a named column missing from the header is an error.
	// A RankColumns entry ending in "*" matches every header starting with
	// the rest ("Mayor Choice*"). With RankColumns set, every other column
	// is ignored.
	IDColumn     string
	WeightColumn string
	RankColumns  []string
}

var (
	idHeaders     = []string{"id", "ballot_id", "ballotid", "ballot id", "ballot", "cvr", "cvr_id", "cast vote record", "cvr number", "选票编号", "编号", "选票"}
	weightHeaders = []string{"weight", "count", "ballots", "权重", "票数", "数量"}
	// rankWords mark the rank columns of a US cast-vote record ("1st
	// Choice", "Rank 2", "DEM Mayor Choice 3 of 5") or a Chinese one
	// (第一选择, 第一志愿, 第1顺位).
	rankWords = []string{"choice", "rank", "preference", "pref", "选择", "志愿", "顺位", "偏好"}
)

// isRankHeader reports whether h names a rank column.
func isRankHeader(h string) bool {
	for _, w := range rankWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// ReadCVR decodes a CSV file of cast-vote records, one ballot per row, with
// a header row. A column headed id/ballot_id/Cast Vote Record (选票编号) is
// the ballot id and one headed weight/count (权重, 票数) the number of
// identical ballots. When some headers name ranks ("1st Choice", "Rank 2",
// 第一选择), as US cast-vote records do, those columns are the ranks in
// column order and the others (Precinct, Ballot Style, ...) are ignored;
// otherwise every other column is a rank. CVROptions can map the columns
// explicitly. Overvote and undervote markers follow CVROptions. A UTF-8
// byte-order mark is accepted, and a ";" or tab separator is detected from
// the header. Rows with the same effective ranking are merged. A repeated
// id or weight header is an error. Errors are *ParseError naming the line.
func ReadCVR(r io.Reader, opts CVROptions) (ranked.Election, error) {
	var dev deviations
	return readCVR(r, opts, &dev)
}

// cvrColumns finds the id, weight and rank columns of header.
func cvrColumns(header []string, opts CVROptions) (idCol, wCol int, rankCols []int, err error) {
	idCol, wCol = -1, -1
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
	}
	find := func(name, flag string) (int, error) {
		if name == "" {
			return -1, nil
		}
		if i := slices.Index(names, name); i >= 0 {
			return i, nil
		}
		return -1, &ParseError{Format: "csv", Line: 1, Msg: fmt.Sprintf("no column headed %q", clip(name)), Flag: flag + " naming a column of the header"}
	}
	explicit := opts.IDColumn != "" || opts.WeightColumn != "" || len(opts.RankColumns) > 0
	if explicit {
		if idCol, err = find(opts.IDColumn, "--id-column"); err != nil {
			return
		}
		if wCol, err = find(opts.WeightColumn, "--weight-column"); err != nil {
			return
		}
		for _, want := range opts.RankColumns {
			n := len(rankCols)
			for i, h := range names {
				if p, ok := strings.CutSuffix(want, "*"); (ok && strings.HasPrefix(h, p) || h == want) && i != idCol && i != wCol && !slices.Contains(rankCols, i) {
					rankCols = append(rankCols, i)
				}
			}
			if len(rankCols) == n {
				return 0, 0, nil, &ParseError{Format: "csv", Line: 1, Msg: fmt.Sprintf("no column headed %q", clip(want)), Flag: "--rank-columns naming columns of the header"}
			}
		}
		if len(opts.RankColumns) > 0 {
			return idCol, wCol, rankCols, nil
		}
	}
	anyRank := false
	for i, h := range names {
		l := strings.ToLower(h)
		switch {
		case slices.Contains(idHeaders, l) && opts.IDColumn == "":
			if idCol >= 0 {
				return 0, 0, nil, perr("csv", 1, "column %d repeats the id header %q of column %d", i+1, clip(h), idCol+1)
			}
			idCol = i
		case slices.Contains(weightHeaders, l) && opts.WeightColumn == "":
			if wCol >= 0 {
				return 0, 0, nil, perr("csv", 1, "column %d repeats the weight header %q of column %d", i+1, clip(h), wCol+1)
			}
			wCol = i
		case i == idCol || i == wCol:
		default:
			anyRank = anyRank || isRankHeader(l)
		}
	}
	for i, h := range names {
		if i != idCol && i != wCol && (!anyRank || isRankHeader(strings.ToLower(h))) {
			rankCols = append(rankCols, i)
		}
	}
	return idCol, wCol, rankCols, nil
}

func readCVR(r io.Reader, opts CVROptions, dev *deviations) (ranked.Election, error) {
	e, err := decodeCVR(r, opts, dev)
	if err != nil {
		return ranked.Election{}, err
	}
	return e, nil
}

func decodeCVR(r io.Reader, opts CVROptions, dev *deviations) (ranked.Election, error) {
	e := ranked.Election{Seats: opts.Seats}
	br := bufio.NewReaderSize(r, 256<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
		dev.note(BOM, 1, "")
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
	_, wCol, rankCols, err := cvrColumns(header, opts)
	if err != nil {
		return e, err
	}
	if len(rankCols) == 0 {
		return e, &ParseError{Format: "csv", Line: 1, Msg: "no rank columns in the header", Flag: "--rank-columns"}
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
	delim := cmpOr(opts.OvervoteDelimiter, "|")
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
			if err != nil || w <= 0 || w > maxWeight {
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
			if strings.Contains(cell, delim) {
				names = strings.Split(cell, delim)
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
