package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/gongzhi/gongzhi/vote"
)

// RunPoll takes poll p through svc to its result, continuing from
// whatever the store already holds of it: it creates the poll if the
// store has none, opens a draft, casts the ballots of the voters the
// store does not list as participants (in p.Voters order), closes an
// open poll (or completes a close an interrupted run began) and tallies
// a closed one. A poll already tallied is audited (its stored ballots
// re-counted against its digest and result) and its stored result
// returned. A stored poll with another title or roll is not this run's
// (the file holds another program's records): that is an error naming
// the file. Everything it finds stored it reports with ReadBack, so the
// result is the same whether the poll is run here or read back.
func (s *Stores) RunPoll(ctx context.Context, svc *vote.Service, p vote.Poll, ballots map[vote.VoterID]vote.Ballot) (vote.Result, error) {
	stored, err := svc.Poll(ctx, p.ID)
	switch {
	case errors.Is(err, vote.ErrNotFound):
		if stored, err = svc.Create(ctx, p); err != nil {
			return vote.Result{}, err
		}
	case err != nil:
		return vote.Result{}, err
	default:
		if err := samePoll(stored, p); err != nil {
			return vote.Result{}, fmt.Errorf("poll %s in the %s: %w", p.ID, s.place(), err)
		}
		s.ReadBack("poll", 1)
	}
	if stored.State == vote.StateTallied {
		if err := svc.Audit(ctx, p.ID); err != nil {
			return vote.Result{}, fmt.Errorf("poll %s read back from the %s: %w", p.ID, s.place(), err)
		}
		return *stored.Result, nil
	}
	if stored.State == vote.StateDraft {
		if stored, err = svc.Open(ctx, p.ID); err != nil {
			return vote.Result{}, err
		}
	}
	if stored.State == vote.StateOpen {
		voted := map[vote.VoterID]bool{}
		for v, err := range svc.Participants(ctx, p.ID) {
			if err != nil {
				return vote.Result{}, err
			}
			voted[v] = true
		}
		s.ReadBack("ballot", len(voted))
		for _, v := range p.Voters {
			if b, ok := ballots[v.ID]; ok && !voted[v.ID] {
				if _, err := svc.Cast(ctx, p.ID, v.ID, b); err != nil {
					return vote.Result{}, err
				}
			}
		}
	}
	if stored.State == vote.StateOpen || stored.State == vote.StateClosed && stored.Digest == "" {
		if _, err := svc.Close(ctx, p.ID); err != nil {
			return vote.Result{}, err
		}
	}
	return svc.Tally(ctx, p.ID)
}

// place names where the records are: the SQLite file, the PostgreSQL
// database or memory.
func (s *Stores) place() string {
	switch {
	case s.db != nil:
		return "file " + s.db.Path()
	case s.pg != nil:
		return "PostgreSQL database"
	}
	return "memory"
}

// samePoll checks that the stored poll is the one p describes: its title
// and the ids of its voters.
func samePoll(stored, p vote.Poll) error {
	if stored.Title != p.Title {
		return fmt.Errorf("stored with the title %q, not %q", stored.Title, p.Title)
	}
	if len(stored.Voters) != len(p.Voters) {
		return fmt.Errorf("stored with %d voters, not %d", len(stored.Voters), len(p.Voters))
	}
	for i := range p.Voters {
		if stored.Voters[i].ID != p.Voters[i].ID {
			return fmt.Errorf("stored with voter %s where this run has %s", stored.Voters[i].ID, p.Voters[i].ID)
		}
	}
	return nil
}
