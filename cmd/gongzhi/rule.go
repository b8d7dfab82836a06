package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// kind says which package counts a rule.
type kind int

const (
	kindRanked kind = iota
	kindPB
	kindVote
)

// loadedRule is a rule of any of the three packages.
type loadedRule struct {
	kind   kind
	name   string
	ranked ranked.Rule
	pb     pb.Rule
	vote   vote.Rule
}

func (r loadedRule) method() string {
	switch r.kind {
	case kindPB:
		return string(r.pb.Method)
	case kindVote:
		return string(r.vote.Method)
	}
	return string(r.ranked.Method)
}

// errNoRule means the --rule argument is neither a file nor a preset.
var errNoRule = errors.New("no such rule file or preset")

// loadRule reads a rule config file, or takes a preset by name.
func loadRule(arg string, seats int) (loadedRule, error) {
	if p, ok := ranked.Presets(seats)[arg]; ok {
		return loadedRule{kind: kindRanked, name: arg, ranked: p}, nil
	}
	if p, ok := pb.Presets()[arg]; ok {
		return loadedRule{kind: kindPB, name: arg, pb: p}, nil
	}
	data, err := os.ReadFile(arg)
	if errors.Is(err, os.ErrNotExist) {
		return loadedRule{}, fmt.Errorf("%w: %q (run \"gongzhi presets\" for the preset names)", errNoRule, arg)
	}
	if err != nil {
		return loadedRule{}, err
	}
	return parseRule(arg, data, seats)
}

// parseRule dispatches on the config's "method" field.
func parseRule(name string, data []byte, seats int) (loadedRule, error) {
	var head struct {
		Method string `json:"method"`
	}
	_ = json.Unmarshal(data, &head) // a syntax error is reported by the real parser
	lr := loadedRule{name: name}
	var err error
	switch {
	case head.Method == string(pb.Greedy) || head.Method == string(pb.EqualShares):
		lr.kind = kindPB
		lr.pb, err = pb.ParseRule(data)
	case slices.Contains(ranked.Methods(), ranked.Method(head.Method)):
		lr.kind = kindRanked
		lr.ranked, err = ranked.ParseRule(data)
		if err == nil && seats > 0 && lr.ranked.Method != ranked.IRV && lr.ranked.Method != ranked.Condorcet {
			lr.ranked.Seats = seats
		}
	default:
		lr.kind = kindVote
		lr.vote, err = vote.ParseRule(data)
		if err != nil && head.Method != "" {
			var ce *vote.ConfigError
			if errors.As(err, &ce) && ce.Field == "method" {
				err = &vote.ConfigError{Field: "method", Reason: fmt.Sprintf("unknown method %q; one of %v", head.Method, allMethods())}
			}
		}
	}
	return lr, err
}

func allMethods() []string {
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
