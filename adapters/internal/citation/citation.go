// Package citation is what the SQL adapters share about the citations a
// topic or a project makes: which ids go into the link tables of
// migration 7, and which citation a database cannot check by itself.
// Each adapter writes the rows in its own SQL; this package decides what
// the rows are, so that PostgreSQL and SQLite never disagree on it.
package citation

import (
	"fmt"
	"slices"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
)

// Uniq returns the distinct strings of ids, in first-seen order. An empty
// id is kept: it cites no record, and the foreign key refuses it.
func Uniq[S ~string](ids []S) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, string(id)) {
			out = append(out, string(id))
		}
	}
	return out
}

// ResolutionIDs returns the distinct, non-empty ids of t's resolutions,
// current and withdrawn.
func ResolutionIDs(t agenda.Topic) []string {
	var ids []agenda.ResolutionID
	if t.Resolution != nil {
		ids = append(ids, t.Resolution.ID)
	}
	for _, r := range t.Withdrawn {
		ids = append(ids, r.ID)
	}
	return slices.DeleteFunc(Uniq(ids), func(id string) bool { return id == "" })
}

// Poll is one poll a project cites, with the field that cites it.
type Poll struct {
	Field string // "vote" or "review", as in table project_poll
	ID    vote.PollID
}

// Polls returns the polls p cites, in the order vote, review.
func Polls(p project.Project) []Poll {
	var out []Poll
	if p.Vote != nil && p.Vote.Poll != "" {
		out = append(out, Poll{"vote", p.Vote.Poll})
	}
	if p.Review != nil && p.Review.Poll != "" {
		out = append(out, Poll{"review", p.Review.Poll})
	}
	return out
}

// CheckProjectShape refuses, where topics are checked (topicsElsewhere is
// false), a resolution cited without its topic: the foreign key checks a
// resolution together with its topic, so the database cannot check it
// alone. adapter names the adapter in the error ("postgres", "sqlite").
func CheckProjectShape(p project.Project, topicsElsewhere bool, adapter string) error {
	if !topicsElsewhere && p.Resolution != "" && p.Topic == "" {
		return &project.RefError{Project: p.ID, Field: "resolution", Ref: string(p.Resolution),
			Err: fmt.Errorf("%s: a resolution is cited with its topic, and the project cites none: %w", adapter, agenda.ErrNotFound)}
	}
	return nil
}

// RefOrNil returns id as the value of a *_ref column: the id when the
// database checks it, nil (SQL NULL) when the record lives elsewhere or
// nothing is cited.
func RefOrNil(id string, elsewhere bool) any {
	if elsewhere || id == "" {
		return nil
	}
	return id
}

// NullIfEmpty maps "" to nil (SQL NULL).
func NullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
