package vote

import (
	"errors"
	"fmt"

	"github.com/gongzhi/gongzhi/internal/strictjson"
)

// Method names the counting method of a Rule. It is the "method" field of a
// rule config, so a JSON rule always says how it is to be counted.
type Method string

// The counting methods of this package. Other packages (vote/ranked, vote/pb)
// define further methods with their own rule types.
const (
	// MethodApproval: each ballot marks options, at most one mark per
	// option. Votes limits the marks per ballot (limited approval, 限选);
	// zero means any number (plain approval).
	MethodApproval Method = "approval"
	// MethodCumulative: each ballot spends up to Votes marks, at most
	// PerOption on one option (cumulative voting).
	MethodCumulative Method = "cumulative"
	// MethodSatisfaction: each ballot gives each option one of the ordered
	// Levels; the satisfaction rate counts the Satisfied levels.
	MethodSatisfaction Method = "satisfaction"
	// MethodMotion: each ballot answers yes, no or abstain.
	MethodMotion Method = "motion"
	// MethodDoubleMajority: an owners' decision (Civil Code art. 278):
	// yes/no/abstain counted both by headcount and by exclusive area.
	MethodDoubleMajority Method = "double-majority"
	// MethodElection: a committee election (差额选举): each ballot names at
	// most Seats candidates; winners need Threshold, empty seats go to a
	// runoff.
	MethodElection Method = "election"
)

// Base is what a Threshold's ratio is taken of.
type Base string

// The bases of a threshold.
const (
	// BaseCast is the number of ballots cast, valid or not (参加投票).
	// The empty Base means BaseCast.
	BaseCast Base = "cast"
	// BaseValid is the number of valid ballots (有效票).
	BaseValid Base = "valid"
	// BaseEligible is the number of eligible voters (应到 / 登记选民).
	BaseEligible Base = "eligible"
)

// Threshold is an exact ratio applied to a base: "more than 4/5 of the
// ballots cast", "at least 2/3 of the eligible voters". The JSON form is
// flat: {"num":4,"den":5,"inclusive":false,"base":"cast"}.
type Threshold struct {
	Ratio
	Base Base `json:"base,omitempty"`
}

// Of returns the threshold r applied to base b.
func Of(r Ratio, b Base) *Threshold { return &Threshold{Ratio: r, Base: b} }

// Validate checks the ratio and the base.
func (t Threshold) Validate() error {
	if err := t.Ratio.Validate(); err != nil {
		return err
	}
	switch t.Base {
	case "", BaseCast, BaseValid, BaseEligible:
		return nil
	}
	return &ConfigError{Field: "base", Reason: fmt.Sprintf("unknown base %q (want cast, valid or eligible)", t.Base)}
}

// base returns t.Base with the empty value resolved.
func (t Threshold) base() Base {
	if t.Base == "" {
		return BaseCast
	}
	return t.Base
}

// String renders t, for example "> 4/5 of cast".
func (t Threshold) String() string { return t.Ratio.String() + " of " + string(t.base()) }

// Runoff configures the second poll (另行选举) that fills the seats a
// committee election left empty.
type Runoff struct {
	// Threshold is the share a runoff winner needs besides having the most
	// votes. The village committee law (art. 15) sets at least 1/3 of the
	// ballots cast.
	Threshold Threshold `json:"threshold"`
	// Extra is how many more candidates than empty seats are put to the
	// runoff, taken from the first round in order of votes (差额). Zero
	// means 1.
	Extra int `json:"extra,omitempty"`
}

// Competition bounds the candidates of an election against its seats:
// at least Seats+Min and, when Max > 0, at most Seats+Max (差额选举).
// Poll.Validate checks it.
type Competition struct {
	Min int `json:"min"`
	Max int `json:"max,omitempty"`
	// Source cites the rule, for the error message and the result.
	Source string `json:"source,omitempty"`
}

// Rule is a counting rule as data. Districts write it as JSON (see
// ParseRule); presets such as ProjectPriorities and OwnersSpecial return
// ready-made rules with their sources. Which fields apply depends on
// Method; Validate rejects fields that do not apply.
type Rule struct {
	// Method is how ballots are counted. Required.
	Method Method `json:"method"`
	// Name and Source describe the rule for people: what it is and which
	// law, article or local regulation it follows.
	Name   string `json:"name,omitempty"`
	Source string `json:"source,omitempty"`

	// Votes is the number of marks a ballot may spend (approval: 0 means
	// unlimited; cumulative: required).
	Votes int `json:"votes,omitempty"`
	// PerOption is the most marks one option may receive from a ballot
	// (cumulative only; 0 means 1).
	PerOption int `json:"per_option,omitempty"`

	// Quorum is the participation condition: ballots cast (for a double
	// majority also the area of those casting) against the eligible base.
	// Nil means none. Its base must be "eligible".
	Quorum *Threshold `json:"quorum,omitempty"`
	// Threshold is the pass condition: the support of each option
	// (approval, cumulative, election), the satisfaction rate of each
	// option, the yes votes of a motion, the agreeing heads and area of a
	// double majority. Nil means every option passes (approval,
	// cumulative, satisfaction); motions, double majorities and elections
	// require it.
	Threshold *Threshold `json:"threshold,omitempty"`
	// Select is how many of the passed options, the most voted first,
	// become the selected priorities (approval, cumulative, satisfaction).
	// Zero selects none.
	Select int `json:"select,omitempty"`
	// Seats is the number of seats of an election. Required for elections.
	Seats int `json:"seats,omitempty"`
	// Runoff prepares a second poll for the seats an election left empty.
	// Nil means none.
	Runoff *Runoff `json:"runoff,omitempty"`
	// WriteIns lets an election ballot name a voter who is not a listed
	// candidate (另选其他选民, 另选他人); each name written is counted as
	// a candidate of its own. Unknown names are otherwise invalid.
	WriteIns bool `json:"write_ins,omitempty"`
	// WriteInsSource cites the rule that admits (or, with WriteIns
	// false, excludes) write-ins.
	WriteInsSource string `json:"write_ins_source,omitempty"`
	// Competition bounds how many more candidates than seats an election
	// lists (差额选举). Nil means no bound.
	Competition *Competition `json:"competition,omitempty"`
	// Posting says when and how long the result is posted (公示). Nil means
	// the rule sets nothing; Service.Post still records a posting.
	Posting *Posting `json:"posting,omitempty"`

	// Levels are the ordered answers of a satisfaction vote, best first
	// (满意, 基本满意, 不满意). Satisfied lists those that count towards
	// the satisfaction rate.
	Levels    []string `json:"levels,omitempty"`
	Satisfied []string `json:"satisfied,omitempty"`

	// Matter is the owners' matter of art. 278 that a double majority
	// decides; it fixes the legal minimum thresholds.
	Matter Matter `json:"matter,omitempty"`

	// Tie says how ties for the last selected place or seat are broken.
	// The zero value breaks none: ties are reported and left open (an
	// election then needs a revote among the tied).
	Tie TieBreak `json:"tie,omitzero"`

	// AllowChange lets a voter replace their ballot while the poll is
	// open (public polls only).
	AllowChange bool `json:"allow_change,omitempty"`
}

// ParseRule decodes a JSON rule config strictly: unknown fields, duplicate
// keys, keys that differ from a field only by case, trailing data and
// invalid values are rejected with a *ConfigError naming the field.
func ParseRule(data []byte) (Rule, error) {
	var r Rule
	if err := strictjson.Decode(data, &r); err != nil {
		return Rule{}, jsonConfigError(err)
	}
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	return r.normalized(), nil
}

// normalized returns r with empty lists as nil, so that equal configs
// compare equal whatever their JSON spelling.
func (r Rule) normalized() Rule {
	if len(r.Levels) == 0 {
		r.Levels = nil
	}
	if len(r.Satisfied) == 0 {
		r.Satisfied = nil
	}
	if len(r.Tie.Order) == 0 {
		r.Tie.Order = nil
	}
	return r
}

// jsonConfigError maps a strictjson error to a *ConfigError naming the
// field ("(root)" for the whole document), keeping a *ConfigError raised
// by a field's own decoder.
func jsonConfigError(err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return ce
	}
	f, reason := "(root)", err.Error()
	var se *strictjson.Error
	if errors.As(err, &se) {
		reason = se.Reason
		if se.Field != "" {
			f = se.Field
		}
	}
	return &ConfigError{Field: f, Reason: reason}
}
