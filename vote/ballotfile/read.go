package ballotfile

import (
	"fmt"
	"io"

	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// EqualRankRule says what a BLT reader does with a ballot ranking
// candidates equal ("2=3").
type EqualRankRule string

// The equal-rank rules.
const (
	// KeepEqualRanks keeps them in Ballot.Equal (the default): the
	// pairwise methods count a tied pair as no preference, and the other
	// methods refuse the ballot.
	KeepEqualRanks EqualRankRule = "keep"
	// TruncateAtEqualRanks ends the ballot before its first equal ranking,
	// as the Scottish STV rules (SSI 2007/42, rule 20) and the ERS97 rules
	// treat a paper whose next preference is ambiguous.
	TruncateAtEqualRanks EqualRankRule = "truncate"
	// RefuseEqualRanks refuses the file at the first equal ranking.
	RefuseEqualRanks EqualRankRule = "refuse"
)

// Options controls Read. The zero value reads tolerantly: every construct
// of the Construct list is accepted and reported in File.Deviations.
type Options struct {
	// Strict refuses a file with any deviation from its format's
	// specification, with a *DeviationError naming each construct and the
	// first line that has it.
	Strict bool
	// EqualRanks is the BLT equal-rank rule; "" means keep.
	EqualRanks EqualRankRule
	// CVR controls CSV cast-vote records.
	CVR CVROptions
	// Progress, if set, is called every 100,000 lines of a JSON Lines
	// file and every 100,000 records of a CSV file.
	Progress func(lines int)
}

// File is a decoded ballot file: a ranked election (BLT, CSV, JSON Lines)
// or a participatory budget (pabulib), and the deviations the tolerant
// reader accepted.
type File struct {
	Format     Format          `json:"format"`
	Election   ranked.Election `json:"election"` // BLT, CSV and JSON Lines
	Instance   pb.Instance     `json:"instance"` // pabulib .pb
	Deviations []Deviation     `json:"deviations,omitempty"`
}

// IsPB reports whether f holds a participatory budget.
func (f File) IsPB() bool { return f.Format == PB }

// Read decodes a ballot file of format f. Errors are a *ParseError naming
// the line (and the flag that would accept the construct, if one does) or,
// in strict mode, a *DeviationError. On error the File is empty.
func Read(r io.Reader, f Format, opts Options) (File, error) {
	var (
		out File
		dev deviations
		err error
	)
	out.Format = f
	switch f {
	case BLT:
		out.Election, err = readBLT(r, opts, &dev)
	case PB:
		out.Instance, err = readPB(r, &dev)
	case CSV:
		cvr := opts.CVR
		if cvr.Progress == nil {
			cvr.Progress = opts.Progress
		}
		out.Election, err = readCVR(r, cvr, &dev)
	case JSONL:
		out.Election, err = readJSONL(r, opts.Progress, &dev)
	default:
		return File{}, fmt.Errorf("ballotfile: unknown format %q", f)
	}
	if err != nil {
		return File{}, err
	}
	out.Deviations, err = dev.finish(string(f), opts.Strict)
	if err != nil {
		return File{}, err
	}
	return out, nil
}
