package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// Input says how to read a ballot file for Count.
type Input struct {
	// Format is the ballot file's format.
	Format ballotfile.Format
	// Poll gives a vote rule's options (with names) and eligible voters.
	// Nil means no eligibility list and the options in order of first
	// appearance in the ballots. Its Rule is replaced by the rule counted.
	Poll *vote.Poll
	// CVR configures reading CSV cast-vote records (ranked rules).
	CVR ballotfile.CVROptions
	// Read says how tolerant the reader is (strict mode, BLT equal
	// ranks); its CVR field is replaced by CVR above.
	Read ballotfile.Options
}

// Outcome is a counted result of any of the three counting packages, with
// what a report needs to name things: the poll of a vote rule (options
// with their names, voters), the instance of a budget.
type Outcome struct {
	Kind   Kind
	Vote   *vote.Result
	Poll   *vote.Poll
	Ranked *ranked.Result
	PB     *pb.Result
	// Instance is the participatory budget counted (projects, costs).
	Instance *pb.Instance
	// Election is the ranked election counted (candidates, title).
	Election *ranked.Election
	// Sheet describes the tally sheet the ballots came from, if any.
	Sheet *sheet.Info
	// Ballots are the vote ballots counted, in canonical order (by id),
	// for a published ballot list; nil for ranked and budget counts and
	// for sheets of totals. Not part of the JSON form.
	Ballots []vote.Ballot
	// Deviations lists what the tolerant reader accepted in the ballot
	// file (see ballotfile.Construct).
	Deviations []ballotfile.Deviation
}

// Winners returns the winners (elected, selected or funded), in the order
// the result gives them.
func (o Outcome) Winners() []string {
	out := []string{}
	switch {
	case o.Vote != nil:
		for _, id := range o.Vote.Selected {
			out = append(out, string(id))
		}
	case o.Ranked != nil:
		out = append(out, o.Ranked.Winners...)
	case o.PB != nil:
		out = append(out, o.PB.Winners...)
	}
	return out
}

// Explain renders the result for people, in the counting package's words.
func (o Outcome) Explain() string {
	switch {
	case o.Vote != nil:
		return o.Vote.Explain()
	case o.Ranked != nil:
		return o.Ranked.Explain()
	case o.PB != nil:
		return o.PB.Explain()
	}
	return ""
}

// voteJSON is the JSON shape of a vote result: winners and rounds like the
// other methods, and the full result.
type voteJSON struct {
	Winners []string    `json:"winners"`
	Rounds  []any       `json:"rounds"`
	Result  vote.Result `json:"result"`
	Sheet   *sheet.Info `json:"sheet,omitempty"`
	Poll    *vote.Poll  `json:"poll,omitempty"`
}

// MarshalJSON renders the result of the counting package: ranked and pb
// results as they are, a vote result as {"winners", "rounds", "result"},
// all with "winners" and "rounds" at the top.
func (o Outcome) MarshalJSON() ([]byte, error) {
	var v any
	switch {
	case o.Vote != nil:
		v = voteJSON{Winners: o.Winners(), Rounds: []any{}, Result: *o.Vote, Sheet: o.Sheet, Poll: o.Poll}
	case o.Ranked != nil:
		v = o.Ranked
	case o.PB != nil:
		v = o.PB
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // names such as "王五 <A&B>" stay as written
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Count reads ballots from r in in.Format and counts them under rule. A
// file whose kind does not fit the rule is ErrMismatch; a malformed file a
// *ballotfile.ParseError naming the line (a *ballotfile.DeviationError in
// strict mode, Input.Read); a rule that cannot count the
// ballots the counting package's error (a *vote.ConfigError for a rule
// problem found while counting). Ranked and budget counts stop when ctx is
// done, with ctx's error wrapped.
func Count(ctx context.Context, rule Rule, in Input, r io.Reader) (Outcome, error) {
	switch {
	case rule.Kind == KindPB && in.Format != ballotfile.PB:
		return Outcome{}, fmt.Errorf("%w: rule %s counts participatory budgets; the ballots are not a .pb file", ErrMismatch, rule.Method())
	case rule.Kind != KindPB && in.Format == ballotfile.PB:
		return Outcome{}, fmt.Errorf("%w: the ballots are a participatory budget; count them with greedy or mes, not %s", ErrMismatch, rule.Method())
	case rule.Kind == KindVote && in.Format != ballotfile.JSONL:
		return Outcome{}, fmt.Errorf("%w: rule %s reads JSON Lines ballots ({\"marks\":[...]}) or a tally sheet, not %s", ErrMismatch, rule.Method(), in.Format)
	}
	opts := in.Read
	opts.CVR = in.CVR
	switch rule.Kind {
	case KindPB:
		f, err := ballotfile.Read(r, ballotfile.PB, opts)
		if err != nil {
			return Outcome{}, err
		}
		inst := f.Instance
		res, err := pb.TallyContext(ctx, rule.PB, inst)
		if err != nil {
			return Outcome{}, err
		}
		return Outcome{Kind: KindPB, PB: &res, Instance: &inst, Deviations: f.Deviations}, nil
	case KindVote:
		ballots, err := ballotfile.ReadBallots(r)
		if err != nil {
			return Outcome{}, err
		}
		return CountBallots(rule, in.Poll, ballots)
	}
	var f ballotfile.File
	var err error
	switch in.Format {
	case ballotfile.BLT, ballotfile.CSV, ballotfile.JSONL:
		f, err = ballotfile.Read(r, in.Format, opts)
	default:
		err = fmt.Errorf("%w: format %q", ErrUnknown, in.Format)
	}
	if err != nil {
		return Outcome{}, err
	}
	e := f.Election
	res, err := ranked.TallyContext(ctx, rule.Ranked, e, ranked.Limits{})
	if err != nil {
		return Outcome{Election: &e, Deviations: f.Deviations}, err
	}
	return Outcome{Kind: KindRanked, Ranked: &res, Election: &e, Deviations: f.Deviations}, nil
}

// CountBallots counts vote ballots under a vote rule. poll gives the
// options and voters; nil means options in order of first appearance and
// no eligibility list. No ballots at all is ErrNoBallots: nothing is
// announced, not even that every option failed.
func CountBallots(rule Rule, poll *vote.Poll, ballots []vote.Ballot) (Outcome, error) {
	if rule.Kind != KindVote {
		return Outcome{}, fmt.Errorf("%w: rule %s does not count vote ballots", ErrMismatch, rule.Method())
	}
	if len(ballots) == 0 {
		return Outcome{}, fmt.Errorf("%w: no result is announced for a count of nothing", ErrNoBallots)
	}
	p := vote.Poll{ID: "ballots"}
	if poll != nil {
		p = clonePoll(*poll)
	} else {
		seen := map[vote.OptionID]bool{}
		for _, b := range ballots {
			for _, m := range b.Marks {
				if !seen[m.Option] {
					seen[m.Option] = true
					p.Options = append(p.Options, vote.Option{ID: m.Option})
				}
			}
		}
	}
	p.Rule = rule.Vote
	res, err := vote.Tally(p, ballots)
	if err != nil {
		return Outcome{}, err
	}
	sorted := slices.Clone(ballots)
	slices.SortFunc(sorted, func(a, b vote.Ballot) int { return strings.Compare(string(a.ID), string(b.ID)) })
	if res.Digest == "" {
		res.Digest = digest(p, sorted)
	}
	return Outcome{Kind: KindVote, Vote: &res, Poll: &p, Ballots: sorted}, nil
}

// digest is the audit digest (vote.Digest) of ballots sorted by id that
// all have distinct ids; "" when some ballot has no id, as JSON Lines
// ballots may not.
func digest(poll vote.Poll, sorted []vote.Ballot) string {
	for i, b := range sorted {
		if b.ID == "" || i > 0 && sorted[i-1].ID == b.ID {
			return ""
		}
	}
	d, _, err := vote.Digest(poll, vote.FromSlice(sorted))
	if err != nil {
		return ""
	}
	return d
}

func clonePoll(p vote.Poll) vote.Poll {
	p.Options = append([]vote.Option(nil), p.Options...)
	p.Voters = append([]vote.Voter(nil), p.Voters...)
	return p
}

// CountSheet reads a tally sheet (rows of cells, the header first; see
// package sheet) under a vote rule and counts it. Bad rows are a
// *sheet.Error listing them all, unless opts.SkipBadRows. A sheet with no
// ballot below its header is ErrNoBallots.
func CountSheet(rule Rule, rows [][]string, opts sheet.Options) (Outcome, error) {
	if rule.Kind != KindVote {
		return Outcome{}, fmt.Errorf("%w: rule %s does not count tally sheets; sheets are for the community-vote rules (gongzhi presets --kind vote)", ErrMismatch, rule.Method())
	}
	s, err := sheet.Read(rule.Vote, rows, opts)
	if err != nil {
		return Outcome{}, err
	}
	out, err := CountBallots(rule, &s.Poll, s.Ballots)
	if err != nil {
		return Outcome{}, err
	}
	out.Sheet = &s.Info
	if !s.Info.Auditable {
		// Ballots rebuilt from totals have no audit digest worth posting.
		out.Vote.Digest = ""
		out.Ballots = nil
	}
	return out, nil
}

// ParseOutcome reads back a result printed by Outcome.MarshalJSON (gongzhi
// tally --json), so that a saved result can be reported without the
// ballots. The kind is told by the shape: a "result" object is a vote
// result, a "budget" a participatory budget, anything else a ranked count.
func ParseOutcome(data []byte) (Outcome, error) {
	var head map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		return Outcome{}, fmt.Errorf("catalog: saved result: %w", err)
	}
	switch {
	case head["result"] != nil:
		var v voteJSON
		if err := json.Unmarshal(data, &v); err != nil {
			return Outcome{}, fmt.Errorf("catalog: saved vote result: %w", err)
		}
		return Outcome{Kind: KindVote, Vote: &v.Result, Poll: v.Poll, Sheet: v.Sheet}, nil
	case head["budget"] != nil:
		var r pb.Result
		if err := json.Unmarshal(data, &r); err != nil {
			return Outcome{}, fmt.Errorf("catalog: saved budget result: %w", err)
		}
		return Outcome{Kind: KindPB, PB: &r}, nil
	case head["method"] != nil:
		var r ranked.Result
		if err := json.Unmarshal(data, &r); err != nil {
			return Outcome{}, fmt.Errorf("catalog: saved ranked result: %w", err)
		}
		return Outcome{Kind: KindRanked, Ranked: &r}, nil
	}
	return Outcome{}, fmt.Errorf("%w: the file is not a saved result (gongzhi tally --json)", ErrUnknown)
}
