package project

import (
	"fmt"

	"github.com/gongzhi/gongzhi/vote"
)

// OutcomeFrom reads one project's vote outcome from a tallied vote poll.
// For option polls (approval, as in the Shuangjing 2021 vote on six projects)
// option is the project's option id: Support is its votes, Base the base
// of the support threshold, Priority whether the poll selected it. For
// motions and owners' double majorities option is empty and Support and
// Base are the approving and counted owners (the headcount check).
//
// It returns an *InputError wrapping ErrInvalid when the option is
// not in the result or the result has no usable count.
func OutcomeFrom(res vote.Result, option vote.OptionID) (VoteOutcome, error) {
	out := VoteOutcome{Poll: res.Poll}
	if option == "" {
		for _, name := range []string{"approval owners", "approval"} {
			if ch, ok := res.Check(name, ""); ok {
				out.Support, out.Base, out.Threshold = ch.Count.IntPart(), ch.Base.IntPart(), ch.Ratio
				out.Passed = res.Adopted
				return out, nil
			}
		}
		return VoteOutcome{}, &InputError{ID: string(res.Poll), Field: "result", Reason: "no approval count: not a motion or double-majority result"}
	}
	o, ok := res.Option(option)
	if !ok {
		return VoteOutcome{}, &InputError{ID: string(res.Poll), Field: "option", Reason: fmt.Sprintf("option %s not in the result", option)}
	}
	out.Support, out.Passed, out.Priority = o.Votes, o.Passed, o.Selected
	if ch, ok := res.Check("support", option); ok {
		out.Base, out.Threshold = ch.Base.IntPart(), ch.Ratio
	} else {
		out.Base, out.Threshold = res.Cast, vote.AtLeast(0, 1)
	}
	if out.Base <= 0 || out.Support > out.Base {
		return VoteOutcome{}, &InputError{ID: string(res.Poll), Field: "result", Reason: fmt.Sprintf("option %s: %d votes of %d is not a usable count", option, out.Support, out.Base)}
	}
	return out, nil
}

// ReviewFrom reads one project's satisfaction review from a tallied
// satisfaction poll (vote.SatisfactionSurvey, the Shuangjing 2021 vote on
// last year's projects): Satisfied is the count of satisfied answers for the
// option, Base all its answers, and Passed is decided by threshold.
func ReviewFrom(res vote.Result, option vote.OptionID, threshold vote.Ratio) (Review, error) {
	o, ok := res.Option(option)
	if !ok {
		return Review{}, &InputError{ID: string(res.Poll), Field: "option", Reason: fmt.Sprintf("option %s not in the result", option)}
	}
	if o.Votes <= 0 {
		return Review{}, &InputError{ID: string(res.Poll), Field: "result", Reason: fmt.Sprintf("option %s has no answers", option)}
	}
	if err := threshold.Validate(); err != nil {
		return Review{}, &ConfigError{Field: "threshold", Reason: err.Error()}
	}
	return NewReview(res.Poll, o.Satisfied, o.Votes, threshold), nil
}
