package votetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote"
)

// modelPoll is the reference model of one poll in a store.
type modelPoll struct {
	poll    vote.Poll
	ballots map[vote.BallotID]modelBallot
	owner   map[vote.BallotID]vote.VoterID
	marks   map[vote.VoterID]vote.BallotID // voter -> ballot id
}

// modelBallot is a stored ballot: its content hash and its receipt.
type modelBallot struct {
	content string // Ballot.Hash: the canonical content, id included
	receipt vote.Receipt
}

// apply is the contract of AppendBallot on the model: the receipt and
// error (as a sentinel) the store must return.
func (m *modelPoll) apply(e vote.Entry) (vote.Receipt, error) {
	if m.poll.State != vote.StateOpen {
		return vote.Receipt{}, vote.ErrWrongState
	}
	content := e.Ballot.Hash(m.poll.ID)
	if prev, voted := m.marks[e.Voter]; voted {
		if m.poll.Secret {
			if st, ok := m.ballots[e.Ballot.ID]; ok && st.content == content && st.receipt.Version == e.Receipt.Version {
				return st.receipt, nil
			}
			return vote.Receipt{}, vote.ErrAlreadyVoted
		}
		st := m.ballots[prev]
		if st.content == content && st.receipt.Version == e.Receipt.Version {
			return st.receipt, nil
		}
		if !e.Replace {
			return vote.Receipt{}, vote.ErrAlreadyVoted
		}
		if st.receipt.Version != e.Receipt.Version-1 {
			return vote.Receipt{}, vote.ErrConflict
		}
		if o, ok := m.owner[e.Ballot.ID]; ok && o != e.Voter {
			return vote.Receipt{}, vote.ErrConflict
		}
		delete(m.ballots, prev)
		delete(m.owner, prev)
	} else if e.Replace || e.Receipt.Version != 1 {
		return vote.Receipt{}, vote.ErrConflict
	} else if _, ok := m.ballots[e.Ballot.ID]; ok {
		return vote.Receipt{}, vote.ErrConflict
	}
	m.ballots[e.Ballot.ID] = modelBallot{content: content, receipt: e.Receipt}
	m.owner[e.Ballot.ID] = e.Voter
	m.marks[e.Voter] = e.Ballot.ID
	return e.Receipt, nil
}

var modelVoters = []vote.VoterID{"v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8"}

func testStateMachine(t tb, s vote.Store) {
	var seq atomic.Int64
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		var polls []*modelPoll
		for i, kind := range []string{"public", "change", "secret"} {
			p := newPoll(&seq, kind == "secret", vote.StateDraft)
			p.Rule.AllowChange = kind == "change"
			p.ID = vote.PollID(fmt.Sprintf("%s-%s-%d", p.ID, kind, i))
			if err := s.CreatePoll(ctx, p); err != nil {
				rt.Fatalf("CreatePoll: %v", err)
			}
			p.Version = 1
			polls = append(polls, &modelPoll{poll: p, ballots: map[vote.BallotID]modelBallot{},
				owner: map[vote.BallotID]vote.VoterID{}, marks: map[vote.VoterID]vote.BallotID{}})
		}
		pick := func(rt *rapid.T) *modelPoll {
			return polls[rapid.IntRange(0, len(polls)-1).Draw(rt, "poll")]
		}
		drawEntry := func(rt *rapid.T, m *modelPoll, v vote.VoterID) vote.Entry {
			id := vote.BallotID(v)
			if m.poll.Secret {
				id = vote.BallotID(rapid.SampledFrom([]string{"t1", "t2", "t3", "t4"}).Draw(rt, "token"))
			}
			opts := rapid.SliceOfDistinct(rapid.SampledFrom([]vote.OptionID{"a", "b", "c"}), func(o vote.OptionID) vote.OptionID { return o }).Draw(rt, "marks")
			return entry(m.poll, v, id, opts...)
		}
		check := func(rt *rapid.T, m *modelPoll, e vote.Entry, got vote.Receipt, err error, want vote.Receipt, wantErr error) {
			if wantErr != nil {
				if !errors.Is(err, wantErr) {
					rt.Fatalf("AppendBallot(%s, voter %s, ballot %s) must return %v, got %v", m.poll.ID, e.Voter, e.Ballot.ID, wantErr, err)
				}
				return
			}
			if err != nil || got != want {
				rt.Fatalf("AppendBallot(%s, voter %s, ballot %s) must return %+v, got %+v, %v", m.poll.ID, e.Voter, e.Ballot.ID, want, got, err)
			}
		}
		setState := func(rt *rapid.T, m *modelPoll, st vote.State) {
			p := m.poll
			p.State = st
			v, err := s.UpdatePoll(ctx, p)
			if err != nil {
				rt.Fatalf("UpdatePoll to %s: %v", st, err)
			}
			p.Version = v
			m.poll = p
		}
		rt.Repeat(map[string]func(*rapid.T){
			"open": func(rt *rapid.T) {
				m := pick(rt)
				if m.poll.State != vote.StateDraft {
					rt.Skip("not a draft")
				}
				setState(rt, m, vote.StateOpen)
			},
			"close": func(rt *rapid.T) {
				m := pick(rt)
				if m.poll.State != vote.StateOpen {
					rt.Skip("not open")
				}
				setState(rt, m, vote.StateClosed)
			},
			"staleUpdate": func(rt *rapid.T) {
				m := pick(rt)
				p := m.poll
				p.Version--
				p.Title = "stale"
				if _, err := s.UpdatePoll(ctx, p); !errors.Is(err, vote.ErrConflict) {
					rt.Fatalf("UpdatePoll with a stale version must return ErrConflict, got %v", err)
				}
			},
			"cast": func(rt *rapid.T) {
				m := pick(rt)
				v := rapid.SampledFrom(modelVoters).Draw(rt, "voter")
				e := drawEntry(rt, m, v)
				want, wantErr := m.apply(e)
				got, err := s.AppendBallot(ctx, e)
				check(rt, m, e, got, err, want, wantErr)
			},
			"retry": func(rt *rapid.T) {
				m := pick(rt)
				if len(m.marks) == 0 || m.poll.State != vote.StateOpen {
					rt.Skip("nothing to retry")
				}
				v := rapid.SampledFrom(slices.Sorted(maps.Keys(m.marks))).Draw(rt, "voter")
				if m.poll.Secret {
					// Only the voter knows their token; retry the last ballot
					// stored under a token that is theirs in the model.
					rt.Skip("secret retries are covered by cast")
				}
				b, stored, err := s.Ballot(ctx, m.poll.ID, m.marks[v])
				if err != nil {
					rt.Fatalf("Ballot(%s, %s): %v", m.poll.ID, m.marks[v], err)
				}
				if want := m.ballots[b.ID].receipt; stored != want {
					rt.Fatalf("Ballot(%s, %s) must return the stored receipt %+v, got %+v", m.poll.ID, b.ID, want, stored)
				}
				// A retry carries a new salt; a change is retried with its
				// version.
				e := vote.Entry{Poll: m.poll.ID, Voter: v, Ballot: b, Replace: stored.Version > 1,
					Receipt: vote.NewReceipt(m.poll.ID, b, stored.Version, salt())}
				want, wantErr := m.apply(e)
				got, err := s.AppendBallot(ctx, e)
				check(rt, m, e, got, err, want, wantErr)
			},
			"change": func(rt *rapid.T) {
				m := pick(rt)
				v := rapid.SampledFrom(modelVoters).Draw(rt, "voter")
				version := int64(1)
				if id, ok := m.marks[v]; ok {
					version = m.ballots[id].receipt.Version
				}
				// Mostly the next version; sometimes a stale or skipped one.
				version = rapid.SampledFrom([]int64{version + 1, version + 1, version, version + 2, 1}).Draw(rt, "version")
				opts := rapid.SliceOfDistinct(rapid.SampledFrom([]vote.OptionID{"a", "b", "c"}), func(o vote.OptionID) vote.OptionID { return o }).Draw(rt, "marks")
				e := change(m.poll, v, max(version, 1), opts...)
				if m.poll.Secret {
					e.Ballot.Voter, e.Ballot.ID = "", "t1"
					e.Receipt = vote.NewReceipt(m.poll.ID, e.Ballot, e.Receipt.Version, e.Receipt.Salt)
				}
				want, wantErr := m.apply(e)
				got, err := s.AppendBallot(ctx, e)
				check(rt, m, e, got, err, want, wantErr)
			},
			"concurrentCasts": func(rt *rapid.T) {
				m := pick(rt)
				// Distinct voters, each sending one ballot up to three times
				// at once: the outcome does not depend on the interleaving.
				vs := rapid.SliceOfDistinct(rapid.SampledFrom(modelVoters), func(v vote.VoterID) vote.VoterID { return v }).Draw(rt, "voters")
				var entries []vote.Entry
				for _, v := range vs {
					e := drawEntry(rt, m, v)
					if m.poll.Secret {
						e.Ballot.ID = vote.BallotID("c-" + string(v))
						e.Receipt = vote.NewReceipt(m.poll.ID, e.Ballot, 1, e.Receipt.Salt)
					}
					for range rapid.IntRange(1, 3).Draw(rt, "copies") {
						entries = append(entries, e)
					}
				}
				type outcome struct {
					r   vote.Receipt
					err error
				}
				results := make([]outcome, len(entries))
				var wg sync.WaitGroup
				for i, e := range entries {
					wg.Add(1)
					go func() {
						defer wg.Done()
						r, err := s.AppendBallot(ctx, e)
						results[i] = outcome{r, err}
					}()
				}
				wg.Wait()
				done := map[vote.VoterID]outcome{}
				for i, e := range entries {
					w, ok := done[e.Voter]
					if !ok {
						r, err := m.apply(e)
						w = outcome{r, err}
						done[e.Voter] = w
					} else if w.err == nil {
						// A copy of a stored ballot is a retry.
						w = outcome{w.r, nil}
					}
					check(rt, m, e, results[i].r, results[i].err, w.r, w.err)
				}
			},
			"": func(rt *rapid.T) {
				for _, m := range polls {
					var got []string
					for b, err := range s.Ballots(ctx, m.poll.ID) {
						if err != nil {
							rt.Fatalf("Ballots: %v", err)
						}
						if m.poll.Secret && b.Voter != "" {
							rt.Fatalf("secret poll %s: ballot %s carries voter %s", m.poll.ID, b.ID, b.Voter)
						}
						got = append(got, string(b.ID)+"="+b.Hash(m.poll.ID))
					}
					var want []string
					for _, id := range slices.Sorted(maps.Keys(m.ballots)) {
						want = append(want, string(id)+"="+m.ballots[id].content)
					}
					if !slices.Equal(got, want) {
						rt.Fatalf("poll %s: stored ballots differ from the model (none lost, none twice):\nwant %v\ngot  %v", m.poll.ID, want, got)
					}
					var ps []vote.VoterID
					for v, err := range s.Participants(ctx, m.poll.ID) {
						if err != nil {
							rt.Fatalf("Participants: %v", err)
						}
						ps = append(ps, v)
					}
					if want := slices.Sorted(maps.Keys(m.marks)); !slices.Equal(ps, want) {
						rt.Fatalf("poll %s: participants %v, model %v", m.poll.ID, ps, want)
					}
				}
			},
		})
	})
}
