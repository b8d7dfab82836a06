package pb

import "context"

// Tally counts in under r. It validates both first (a bad rule returns a
// *vote.ConfigError, a bad instance ErrInvalidInstance or a *BallotError).
// Tally is pure and exact: costs and budgets are decimals, MES shares exact
// fractions, and the order of the ballots never changes the outcome.
func Tally(r Rule, in Instance) (Result, error) {
	return TallyContext(context.Background(), r, in)
}

// TallyContext is Tally with a context: a long count (the Add1 search
// above all) stops when ctx is done and returns ctx.Err().
func TallyContext(ctx context.Context, r Rule, in Instance) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	if err := in.Validate(); err != nil {
		return Result{}, err
	}
	budget := in.Budget
	if r.Budget != nil {
		budget = *r.Budget
	}
	if r.Pool != nil {
		budget = r.Pool.of(budget)
	}
	if r.Method == Greedy {
		return countGreedy(r, in, budget), nil
	}
	return countMES(ctx, r, in, budget)
}
