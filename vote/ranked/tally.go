package ranked

import (
	"context"
	"fmt"
)

// Tally counts e under r and returns the winners with the full reasoning.
// It validates both first: a bad rule returns a *vote.ConfigError, a bad
// ballot a *BallotError. Tally is pure: equal inputs give equal results, and
// the order of the ballots never changes the outcome (ties drawn by lot
// depend only on Rule.Seed). Withdrawn candidates are never elected, and
// an election with no eligible candidate, no ballot for one, or more seats
// than eligible candidates is refused (ErrNoCandidates, ErrNoBallots,
// ErrInvalidElection), never decided by lot. Counts that would pass the
// DefaultLimits are refused with a *LimitError.
func Tally(r Rule, e Election) (Result, error) {
	return TallyContext(context.Background(), r, e, Limits{})
}

// TallyContext is Tally with a context and limits: every long count (the
// rounds of IRV and STV, Meek's iterations, the pairwise matrix and
// Schulze's paths, Borda and score sums) stops when ctx is done and returns
// ctx.Err(), and a count that would pass lim (zero fields: DefaultLimits)
// is refused before it starts with a *LimitError.
func TallyContext(ctx context.Context, r Rule, e Election, lim Limits) (Result, error) {
	res, err := tally(ctx, r, e, lim)
	if err == nil {
		res.Withdrawn = withdrawnNames(e)
	}
	return res, err
}

func tally(ctx context.Context, r Rule, e Election, lim Limits) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	sum, err := e.validate()
	if err != nil {
		return Result{}, err
	}
	if r.Method != Condorcet && r.Method != Schulze && r.Method != Copeland {
		if i := sum.firstEqual; i >= 0 {
			return Result{}, &BallotError{Index: i, Reason: fmt.Sprintf("ranks candidates equal, which %s cannot count; count it with condorcet, schulze or copeland, or read the file with ballots truncated at the first equal ranking", r.Method)}
		}
	}
	e, err = eligible(r, e)
	if err != nil {
		return Result{}, err
	}
	if err := lim.check(r, e); err != nil {
		return Result{}, err
	}
	var res Result
	switch r.Method {
	case IRV:
		res, err = countSTV(ctx, r, e, sum)
	case STV:
		if r.Transfer == Meek {
			res, err = countMeek(ctx, r, e)
		} else {
			res, err = countSTV(ctx, r, e, sum)
		}
	case Condorcet, Schulze, Copeland:
		res, err = countPairwise(ctx, r, e)
	case Borda:
		res, err = countBorda(ctx, r, e)
	case Score:
		res, err = countScore(ctx, r, e)
	default:
		return Result{}, fmt.Errorf("ranked: method %q not implemented", r.Method)
	}
	if err != nil {
		return Result{}, err
	}
	res.Ballots = sum.total // the weights do not change when candidates withdraw
	return res, nil
}
