package ranked_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// manyCandidates returns n candidates and a few short ballots.
func manyCandidates(n int) ranked.Election {
	e := ranked.Election{}
	for i := range n {
		e.Candidates = append(e.Candidates, fmt.Sprint("c", i))
	}
	for i := range 20 {
		e.Ballots = append(e.Ballots, ranked.Ballot{Weight: 1, Ranking: []int{i % n, (i + 7) % n}})
	}
	return e
}

// TestLimitsRefuseBeforeCounting: the hostile sizes of the review (Schulze
// on 65,536 candidates asked for a 34 GB matrix, STV on 4,000 candidates
// ran for minutes, Meek with 500 seats for 80 s) are refused at once with
// a *LimitError naming the limit; raising the limit lets a count through.
func TestLimitsRefuseBeforeCounting(t *testing.T) {
	for _, tc := range []struct {
		rule  ranked.Rule
		n     int
		limit string
	}{
		{ranked.Rule{Method: ranked.Schulze}, 65536, "PairwiseCandidates"},
		{ranked.Rule{Method: ranked.Condorcet}, 65536, "PairwiseCandidates"},
		{ranked.Rule{Method: ranked.Copeland}, 1000, "PairwiseCandidates"},
		{ranked.Rule{Method: ranked.STV, Seats: 3}, 4000, "Candidates"},
		{ranked.Rule{Method: ranked.IRV}, 4000, "Candidates"},
		{ranked.MeekSTV(500), 500, "MeekSeatCandidates"},
	} {
		_, err := ranked.Tally(tc.rule, manyCandidates(tc.n))
		var le *ranked.LimitError
		if !errors.As(err, &le) || !errors.Is(err, ranked.ErrLimit) || le.Limit != tc.limit || le.Value < tc.n {
			t.Errorf("%s on %d candidates: %v, want a *LimitError on %s", tc.rule.Method, tc.n, err, tc.limit)
		}
	}
	small := manyCandidates(3)
	if _, err := ranked.TallyContext(context.Background(), ranked.Rule{Method: ranked.Schulze}, small, ranked.Limits{PairwiseCandidates: 2}); !errors.Is(err, ranked.ErrLimit) {
		t.Errorf("configured limit 2 on 3 candidates: %v", err)
	}
	if _, err := ranked.TallyContext(context.Background(), ranked.Rule{Method: ranked.Copeland}, manyCandidates(600), ranked.Limits{PairwiseCandidates: -1}); err != nil {
		t.Errorf("no limit: %v", err)
	}
}

// TestBordaTiesLinear: Borda over 65,536 candidates, all but one tied at
// zero, records the tie once (in the order drawn), not once per place.
func TestBordaTiesLinear(t *testing.T) {
	e := manyCandidates(65536)
	e.Ballots = []ranked.Ballot{{Weight: 1, Ranking: []int{5}}}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Borda, Borda: ranked.BordaModified}, e)
	if err != nil {
		t.Fatal(err)
	}
	if res.Winners[0] != "c5" || len(res.Ties) != 1 || len(res.Ties[0].Order) != 65535 || res.Ties[0].Chosen != res.Ties[0].Order[0] {
		t.Fatalf("winner %q, %d ties", res.Winners, len(res.Ties))
	}
	if res.Ranking[1] != res.Ties[0].Order[0] {
		t.Errorf("ranking does not follow the drawn order")
	}
}

// TestCanceledContext: every method returns the context's error.
func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := manyCandidates(5)
	for i := range e.Ballots {
		e.Ballots[i].Scores = []int64{1, 0, 2, 0, 1}
	}
	for _, r := range allRules(2) {
		if r.Method == ranked.Score {
			r.MaxScore = 5
		}
		if _, err := ranked.TallyContext(ctx, r, e, ranked.Limits{}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", r.Method, err)
		}
	}
}

// laterCtx is a context that reports cancellation from its n-th look on,
// to show that a count looks at its context while it runs, not only
// before it starts.
type laterCtx struct {
	context.Context
	looks, n int
}

func (c *laterCtx) Err() error {
	c.looks++
	if c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

// TestCanceledMidCount: STV between rounds, Meek between iterations and
// Schulze between rows of its path matrix stop when the context is done.
func TestCanceledMidCount(t *testing.T) {
	e := manyCandidates(40)
	for _, r := range []ranked.Rule{{Method: ranked.STV, Seats: 3}, ranked.MeekSTV(3), {Method: ranked.Schulze}} {
		ctx := &laterCtx{Context: context.Background(), n: 5}
		if _, err := ranked.TallyContext(ctx, r, e, ranked.Limits{}); !errors.Is(err, context.Canceled) || ctx.looks != 5 {
			t.Errorf("%s: %v after %d looks, want context.Canceled at the 5th", r.Method, err, ctx.looks)
		}
	}
}

// TestBordaAverageLinear: Borda's average variant on 65,536 candidates and
// 40,000 one-name ballots does work in proportion to the rankings (it
// used to visit every unranked candidate of every ballot: 2.6 billion
// steps); every unranked candidate gets the average of the unused places.
func TestBordaAverageLinear(t *testing.T) {
	e := manyCandidates(65536)
	e.Ballots = make([]ranked.Ballot, 40000)
	for i := range e.Ballots {
		e.Ballots[i] = ranked.Ballot{Weight: 1, Ranking: []int{i % 3}}
	}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Borda, Borda: ranked.BordaAverage}, e)
	if err != nil {
		t.Fatal(err)
	}
	// c0 is ranked first on 13,334 ballots (65,535 points each) and
	// unranked on 26,666 (65,534/2 each).
	want := 13334*65535 + 26666*65534/2
	if got := res.Scores["c0"].IntPart(); got != int64(want) || res.Winners[0] != "c0" {
		t.Fatalf("c0 has %d, want %d; winners %q", got, want, res.Winners)
	}
	if got := res.Scores["c9"].IntPart(); got != 40000*65534/2 {
		t.Fatalf("c9 has %d, want %d", got, 40000*65534/2)
	}
}
