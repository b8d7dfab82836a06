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
// returned. Everything it finds stored it reports with ReadBack, so the
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
		s.ReadBack("poll", 1)
	}
	if stored.State == vote.StateTallied {
		if err := svc.Audit(ctx, p.ID); err != nil {
			return vote.Result{}, fmt.Errorf("poll %s read back from the file: %w", p.ID, err)
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
