package vote

import "fmt"

// RunoffPoll builds the draft of the second poll (另行选举) that res, the
// result of election poll p, calls for: the runoff candidates as options
// (with their names from p), the same eligibility list and secrecy, no
// casting window (set one before opening), and the runoff rule. It
// returns a *PollError if res prepared no runoff.
func RunoffPoll(p Poll, res Result, id PollID) (Poll, error) {
	if res.Runoff == nil {
		return Poll{}, &PollError{Poll: p.ID, Field: "result.runoff", Reason: "the election needs no runoff"}
	}
	names := make(map[OptionID]string, len(p.Options))
	for _, o := range p.Options {
		names[o.ID] = o.Name
	}
	q := Poll{ID: id, Rule: res.Runoff.Rule.clone(), Voters: p.Clone().Voters, Secret: p.Secret, State: StateDraft}
	if p.Title != "" {
		q.Title = p.Title + " (runoff)"
	}
	for _, c := range res.Runoff.Candidates {
		q.Options = append(q.Options, Option{ID: c, Name: names[c]})
	}
	if err := q.Validate(); err != nil {
		return Poll{}, fmt.Errorf("vote: runoff of poll %s: %w", p.ID, err)
	}
	return q, nil
}
