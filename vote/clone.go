package vote

import "slices"

// clone returns a deep copy of r.
func (r Rule) clone() Rule {
	if r.Quorum != nil {
		q := *r.Quorum
		r.Quorum = &q
	}
	if r.Threshold != nil {
		t := *r.Threshold
		r.Threshold = &t
	}
	if r.Runoff != nil {
		ro := *r.Runoff
		r.Runoff = &ro
	}
	if r.Competition != nil {
		c := *r.Competition
		r.Competition = &c
	}
	if r.Posting != nil {
		ps := *r.Posting
		r.Posting = &ps
	}
	r.Levels = slices.Clone(r.Levels)
	r.Satisfied = slices.Clone(r.Satisfied)
	r.Tie.Order = slices.Clone(r.Tie.Order)
	return r
}

// Clone returns a deep copy of res that shares no slice or pointer with
// it, for stores and callers that keep results inside their own records.
func (res Result) Clone() Result { return res.clone() }

func (res Result) clone() Result {
	res.Rule = res.Rule.clone()
	res.Rejected = slices.Clone(res.Rejected)
	res.Checks = slices.Clone(res.Checks)
	res.Options = slices.Clone(res.Options)
	for i := range res.Options {
		res.Options[i].Levels = slices.Clone(res.Options[i].Levels)
	}
	res.Levels = slices.Clone(res.Levels)
	res.Passed = slices.Clone(res.Passed)
	res.Selected = slices.Clone(res.Selected)
	res.Ties = slices.Clone(res.Ties)
	for i := range res.Ties {
		t := &res.Ties[i]
		t.Among, t.Draws, t.Chosen = slices.Clone(t.Among), slices.Clone(t.Draws), slices.Clone(t.Chosen)
	}
	res.Revote = slices.Clone(res.Revote)
	if res.Runoff != nil {
		ro := *res.Runoff
		ro.Candidates = slices.Clone(ro.Candidates)
		ro.Rule = ro.Rule.clone()
		res.Runoff = &ro
	}
	res.Steps = slices.Clone(res.Steps)
	return res
}

// Clone returns a deep copy of p that shares nothing mutable with it.
// Stores use it to hand out and keep independent copies.
func (p Poll) Clone() Poll {
	p.Rule = p.Rule.clone()
	p.Publicity = p.Publicity.clone()
	p.Options = slices.Clone(p.Options)
	p.Voters = slices.Clone(p.Voters)
	if p.Result != nil {
		r := p.Result.clone()
		p.Result = &r
	}
	return p
}
