package catalog

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// Rule is a counting rule of one of the three counting packages: Kind says
// which field holds it (KindVote: Vote, KindRanked: Ranked, KindPB: PB).
// Name is the preset name, or empty for a config.
type Rule struct {
	Kind   Kind
	Name   string
	Vote   vote.Rule
	Ranked ranked.Rule
	PB     pb.Rule
}

// Method returns the rule's "method" config value.
func (r Rule) Method() string {
	switch r.Kind {
	case KindPB:
		return string(r.PB.Method)
	case KindVote:
		return string(r.Vote.Method)
	}
	return string(r.Ranked.Method)
}

// Config returns the rule as data (vote.Rule, ranked.Rule or pb.Rule).
func (r Rule) Config() any {
	switch r.Kind {
	case KindPB:
		return r.PB
	case KindVote:
		return r.Vote
	}
	return r.Ranked
}

// Chinese reports whether the rule is one of the co-governance rules of the
// vote package, whose reports default to Chinese.
func (r Rule) Chinese() bool { return r.Kind == KindVote }

// Preset returns the counting preset named name. seats sets the seats of
// STV, multi-winner and election presets (0: the ballot file's, for ranked
// rules). A preset that is not a counting rule (sla, sharing, obligation)
// or an unknown name is ErrUnknown; an election preset without seats is
// ErrSeats.
func Preset(name string, seats int) (Rule, error) {
	e, ok := Find(name)
	if !ok {
		return Rule{}, fmt.Errorf("%w preset %q (run \"gongzhi presets\" for the names)", ErrUnknown, name)
	}
	if seats < 0 {
		return Rule{}, &vote.ConfigError{Field: "seats", Reason: fmt.Sprintf("must not be negative, got %d", seats)}
	}
	switch e.Kind {
	case KindVote:
		if e.Seats && seats == 0 {
			return Rule{}, fmt.Errorf("%w: preset %q elects several members; give the number of seats", ErrSeats, name)
		}
		return Rule{Kind: KindVote, Name: name, Vote: e.Config(seats).(vote.Rule)}, nil
	case KindRanked:
		return Rule{Kind: KindRanked, Name: name, Ranked: e.Config(seats).(ranked.Rule)}, nil
	case KindPB:
		return Rule{Kind: KindPB, Name: name, PB: e.Config(seats).(pb.Rule)}, nil
	}
	return Rule{}, fmt.Errorf("%w counting rule %q: it is a %s preset", ErrUnknown, name, e.Kind)
}

// ParseRule decodes a JSON rule config of any counting package, picked by
// its "method" field, strictly (unknown fields and invalid values are a
// *vote.ConfigError naming the field). seats, when positive, overrides the
// seats of multi-winner ranked rules.
func ParseRule(data []byte, seats int) (Rule, error) {
	m, err := vote.PeekMethod(data)
	if err != nil {
		return Rule{}, err
	}
	var r Rule
	switch {
	case m == vote.Method(pb.Greedy) || m == vote.Method(pb.EqualShares):
		r.Kind = KindPB
		r.PB, err = pb.ParseRule(data)
	case slices.Contains(ranked.Methods(), ranked.Method(m)):
		r.Kind = KindRanked
		r.Ranked, err = ranked.ParseRule(data)
		if err == nil && seats > 0 && r.Ranked.Method != ranked.IRV && r.Ranked.Method != ranked.Condorcet {
			r.Ranked.Seats = seats
		}
	default:
		r.Kind = KindVote
		r.Vote, err = vote.ParseRule(data)
		var ce *vote.ConfigError
		if errors.As(err, &ce) && ce.Field == "method" {
			err = &vote.ConfigError{Field: "method", Reason: fmt.Sprintf("unknown method %q; one of %v", m, Methods())}
		}
	}
	if err != nil {
		return Rule{}, err
	}
	return r, nil
}

// Methods lists every counting method of the three packages, sorted.
func Methods() []string {
	var ms []string
	for _, m := range ranked.Methods() {
		ms = append(ms, string(m))
	}
	ms = append(ms, string(pb.Greedy), string(pb.EqualShares))
	for _, m := range []vote.Method{vote.MethodApproval, vote.MethodCumulative, vote.MethodSatisfaction, vote.MethodMotion, vote.MethodDoubleMajority, vote.MethodElection} {
		ms = append(ms, string(m))
	}
	sort.Strings(ms)
	return ms
}
