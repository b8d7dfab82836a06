package vote

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Posting says when a poll's result must be posted publicly (公示 / 公告)
// and for how long. It is part of the Rule, so presets carry the rule of
// their source.
type Posting struct {
	// WithinDays is how many natural days after the tally the result must
	// be posted; 0 means at once (on the spot, as election results are).
	WithinDays int `json:"within_days"`
	// Days is how many natural days the posting lasts, and so how long
	// objections are received; 0 means no set period.
	Days int `json:"days,omitempty"`
	// Source cites the rule.
	Source string `json:"source,omitempty"`
}

// Publicity is the record of a poll's result being posted: when it had
// to be and was posted, until when, and the objections received, as
// agenda resolutions keep theirs. Days are natural days counted with
// time.AddDate in the location of the Service's clock.
type Publicity struct {
	// Due is the latest time to post the result: the tally plus
	// Posting.WithinDays.
	Due time.Time `json:"due"`
	// PostedAt is when the result was posted (zero: not yet); Late is set
	// when that was after Due.
	PostedAt time.Time `json:"posted_at,omitzero"`
	Late     bool      `json:"late,omitempty"`
	// Until ends the posting period (zero: no set period).
	Until time.Time `json:"until,omitzero"`
	// Objections received while the result was posted, in order.
	Objections []Objection `json:"objections,omitempty"`
	// Source is the Posting's source.
	Source string `json:"source,omitempty"`
}

// Objection is an objection to a posted result.
type Objection struct {
	At   time.Time `json:"at"`
	By   string    `json:"by"`
	Text string    `json:"text"`
}

// clone returns a deep copy of pb.
func (pb *Publicity) clone() *Publicity {
	if pb == nil {
		return nil
	}
	c := *pb
	c.Objections = slices.Clone(pb.Objections)
	return &c
}

// publicityAt returns the publicity record a tally at instant now opens
// for rule r, or nil if r sets no posting.
func publicityAt(r Rule, now time.Time) *Publicity {
	if r.Posting == nil {
		return nil
	}
	return &Publicity{Due: now.AddDate(0, 0, r.Posting.WithinDays), Source: r.Posting.Source}
}

// Post records that the result of tallied poll id was posted now (the
// Service's clock): PostedAt, whether that was late, and the end of the
// posting period. A poll whose rule sets no Posting gets a record without
// a due date. Posting twice is a *StateError.
func (s *Service) Post(ctx context.Context, id PollID) (Poll, error) {
	return s.publicity(ctx, id, "post", func(p *Poll, now time.Time) error {
		if p.Publicity == nil {
			p.Publicity = &Publicity{Due: now}
		}
		pb := p.Publicity
		if !pb.PostedAt.IsZero() {
			return &StateError{Poll: id, State: p.State, Op: "post", Reason: "already posted"}
		}
		pb.PostedAt = now
		pb.Late = now.After(pb.Due)
		if r := p.Rule.Posting; r != nil && r.Days > 0 {
			pb.Until = now.AddDate(0, 0, r.Days)
		}
		return nil
	})
}

// Object records an objection to the posted result of poll id, at the
// Service's clock. Objections are received from the posting until the end
// of the posting period (if any); otherwise *StateError. An objection
// without a text is a *PollError.
func (s *Service) Object(ctx context.Context, id PollID, by, text string) (Poll, error) {
	return s.publicity(ctx, id, "object", func(p *Poll, now time.Time) error {
		pb := p.Publicity
		switch {
		case text == "":
			return &PollError{Poll: id, Field: "objection", Reason: "no text"}
		case pb == nil || pb.PostedAt.IsZero():
			return &StateError{Poll: id, State: p.State, Op: "object", Reason: "the result is not posted"}
		case !pb.Until.IsZero() && !now.Before(pb.Until):
			return &StateError{Poll: id, State: p.State, Op: "object", Reason: "the posting period is over"}
		}
		pb.Objections = append(pb.Objections, Objection{At: now, By: by, Text: text})
		return nil
	})
}

// publicity applies edit to the publicity of tallied poll id and stores
// it, retrying a lost version race like the state transitions.
func (s *Service) publicity(ctx context.Context, id PollID, op string, edit func(*Poll, time.Time) error) (Poll, error) {
	var last error
	for range s.retries + 1 {
		p, err := s.store.Poll(ctx, id)
		if err != nil {
			return Poll{}, err
		}
		if p.State != StateTallied {
			return Poll{}, &StateError{Poll: id, State: p.State, Op: op, Reason: "only a tallied poll's result is posted"}
		}
		p.Publicity = p.Publicity.clone()
		if err := edit(&p, s.now()); err != nil {
			return Poll{}, err
		}
		v, err := s.store.UpdatePoll(ctx, p)
		if err == nil {
			p.Version = v
			return p, nil
		}
		if !errors.Is(err, ErrConflict) {
			return Poll{}, fmt.Errorf("vote: %s poll %s: %w", op, id, err)
		}
		last = err
	}
	return Poll{}, fmt.Errorf("vote: %s poll %s: %w", op, id, last)
}
