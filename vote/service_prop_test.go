package vote_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote"
)

// TestPropServiceMatchesPureTally drives a Service with random casts
// (valid, invalid, ineligible, retries, changes) and checks that the
// stored ballots are exactly those the model accepted and that the
// service's tally equals the pure tally of the model's ballots.
func TestPropServiceMatchesPureTally(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		svc := vote.NewService(vote.NewMemStore(), nil)
		rule := vote.ProjectPriorities()
		rule.Votes = 2
		rule.AllowChange = rapid.Bool().Draw(rt, "allow change")
		poll := vote.Poll{ID: "prop", Rule: rule, Options: opts("a", "b", "c"), Voters: voters(6)}
		if _, err := svc.Create(ctx, poll); err != nil {
			rt.Fatal(err)
		}
		if _, err := svc.Open(ctx, "prop"); err != nil {
			rt.Fatal(err)
		}
		model := map[vote.VoterID]vote.Ballot{}
		receipts := map[vote.VoterID]vote.Receipt{}
		for range rapid.IntRange(0, 30).Draw(rt, "casts") {
			v := vote.VoterID(fmt.Sprintf("v%03d", rapid.IntRange(0, 6).Draw(rt, "voter"))) // v006 is not eligible
			ids := rapid.SliceOfN(rapid.SampledFrom([]vote.OptionID{"a", "b", "c", "x"}), 0, 3).Draw(rt, "marks")
			b := marks(ids...)
			prev, voted := model[v]
			var r vote.Receipt
			var err error
			if voted && rule.AllowChange {
				r, err = svc.Change(ctx, v, receipts[v], b)
			} else {
				r, err = svc.Cast(ctx, "prop", v, b)
			}
			valid := poll.CheckBallot(b) == nil
			stored := b
			stored.ID, stored.Voter = vote.BallotID(v), v
			same := voted && prev.Canonical().Hash("prop") == stored.Canonical().Hash("prop")
			switch {
			case v == "v006":
				if !errors.Is(err, vote.ErrNotEligible) {
					rt.Fatalf("ineligible voter: %v", err)
				}
			case !valid:
				if !errors.Is(err, vote.ErrInvalidBallot) {
					rt.Fatalf("invalid ballot %v: %v", ids, err)
				}
			case !voted || same || rule.AllowChange:
				if err != nil {
					rt.Fatalf("cast %v by %s: %v", ids, v, err)
				}
				model[v] = stored.Canonical()
				if !same || !voted || rule.AllowChange { // a change to the same content is a new version
					receipts[v] = r
				} else if r != receipts[v] {
					rt.Fatalf("a retry by %s must return the first receipt %+v, got %+v", v, receipts[v], r)
				}
			default:
				if !errors.Is(err, vote.ErrAlreadyVoted) {
					rt.Fatalf("second ballot: %v", err)
				}
			}
		}
		closed, err := svc.Close(ctx, "prop")
		if err != nil {
			rt.Fatal(err)
		}
		got, err := svc.Tally(ctx, "prop")
		if err != nil {
			rt.Fatal(err)
		}
		var want []vote.Ballot
		for _, v := range slices.Sorted(maps.Keys(model)) {
			want = append(want, model[v])
		}
		pure, digest, err := vote.TallyAudited(closed, vote.FromSlice(want))
		if err != nil {
			rt.Fatal(err)
		}
		if digest != closed.Digest || closed.Count != int64(len(want)) {
			rt.Fatalf("digest/count differ from the model: %d ballots stored, model %d", closed.Count, len(want))
		}
		if diff := cmp.Diff(pure, got, decimalEqual); diff != "" {
			rt.Fatalf("service tally differs from the pure tally (-pure +service):\n%s", diff)
		}
	})
}
