package ranked

import (
	"cmp"
	"context"
	"slices"

	"github.com/shopspring/decimal"
)

// PairwiseMatrix computes the pairwise preference matrix of e: Wins[i][j]
// counts the ballots (with weights) ranking i above j. A ranked candidate
// is above every unranked one; two unranked candidates are not compared,
// nor are two candidates ranked equal (Ballot.Equal). e must be valid (see
// Election.Validate).
func PairwiseMatrix(e Election) Pairwise {
	p, _ := pairwiseMatrix(context.Background(), e)
	return p
}

// pairwiseMatrix is PairwiseMatrix, stopping with ctx.Err() when ctx is
// done.
func pairwiseMatrix(ctx context.Context, e Election) (Pairwise, error) {
	n := len(e.Candidates)
	// above[x*n+y] counts ballots ranking both, x above y; ranked[x]
	// counts ballots ranking x. A ballot ranking x but not y prefers x, so
	// Wins[x][y] = above[x][y] + (ranked[x] - above[x][y] - above[y][x])
	//            = ranked[x] - above[y][x].
	// Only the ranked pairs are visited: k(k-1)/2 steps for k ranks.
	above := make([]int64, n*n)
	ranked := make([]int64, n)
	for i := range e.Ballots {
		b := &e.Ballots[i] // not a copy: the struct is large
		if i%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Pairwise{}, err
			}
		}
		w, r := b.Weight, b.Ranking
		if b.HasEqual() {
			pairwiseEqual(above, ranked, n, *b)
			continue
		}
		for a, x := range r {
			ranked[x] += w
			row := above[x*n : (x+1)*n]
			for _, y := range r[a+1:] {
				row[y] += w
			}
		}
	}
	p := Pairwise{Candidates: slices.Clone(e.Candidates), Wins: make([][]int64, n)}
	flat := make([]int64, n*n)
	for x := range n {
		p.Wins[x] = flat[x*n : (x+1)*n : (x+1)*n]
		for y := range n {
			if x != y {
				p.Wins[x][y] = ranked[x] - above[y*n+x]
			}
		}
	}
	return p, nil
}

// pairwiseEqual adds a ballot with equal rankings to PairwiseMatrix's
// counts. A pair ranked equal is added to above in both directions, so that
// Wins[x][y] = ranked[x] - above[y][x] leaves it out of both x over y and y
// over x.
func pairwiseEqual(above, ranked []int64, n int, b Ballot) {
	w, r := b.Weight, b.Ranking
	for a, x := range r {
		ranked[x] += w
		row := above[x*n : (x+1)*n]
		tied := true // r[a+1:a+1+c] are all ranked equal to x
		for c, y := range r[a+1:] {
			row[y] += w
			tied = tied && b.Equal[a+1+c]
			if tied {
				above[y*n+x] += w
			}
		}
	}
}

// CondorcetWinner returns the index of the candidate who beats every other
// candidate head to head, or -1 if there is none.
func (p Pairwise) CondorcetWinner() int {
	n := len(p.Candidates)
	for i := range n {
		wins := true
		for j := range n {
			if i != j && p.Wins[i][j] <= p.Wins[j][i] {
				wins = false
				break
			}
		}
		if wins {
			return i
		}
	}
	return -1
}

// SchulzeStrengths returns the strongest-path matrix of the Schulze method,
// with the strength of a link measured by winning votes.
func (p Pairwise) SchulzeStrengths() [][]int64 {
	s, _ := p.schulzeStrengths(context.Background())
	return s
}

// schulzeStrengths is SchulzeStrengths, stopping with ctx.Err() when ctx
// is done.
func (p Pairwise) schulzeStrengths(ctx context.Context) ([][]int64, error) {
	n := len(p.Candidates)
	s := make([][]int64, n)
	for i := range n {
		s[i] = make([]int64, n)
		for j := range n {
			if i != j && p.Wins[i][j] > p.Wins[j][i] {
				s[i][j] = p.Wins[i][j]
			}
		}
	}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for j := range n {
			if i == j || s[j][i] == 0 {
				continue
			}
			sji := s[j][i]
			rowj, rowi := s[j], s[i]
			for k := range n {
				if k != i && k != j {
					if v := min(sji, rowi[k]); v > rowj[k] {
						rowj[k] = v
					}
				}
			}
		}
	}
	return s, nil
}

func countPairwise(ctx context.Context, r Rule, e Election) (Result, error) {
	p, err := pairwiseMatrix(ctx, e)
	if err != nil {
		return Result{}, err
	}
	n := len(e.Candidates)
	res := Result{Method: r.Method, Seats: r.seats(e), Pairwise: &p, Winners: []string{}, Rounds: []Round{}}
	if r.Method == Condorcet {
		res.Seats = 1
		if w := p.CondorcetWinner(); w >= 0 {
			res.Winners = []string{e.Candidates[w]}
		}
		return res, nil
	}
	score := make([]int64, n) // Schulze: beatpath wins; Copeland: 2*wins + ties
	half := false
	if r.Method == Schulze {
		s, err := p.schulzeStrengths(ctx)
		if err != nil {
			return Result{}, err
		}
		for i := range n {
			for j := range n {
				if i != j && s[i][j] > s[j][i] {
					score[i]++
				}
			}
		}
	} else {
		half = true
		for i := range n {
			for j := range n {
				switch {
				case i == j:
				case p.Wins[i][j] > p.Wins[j][i]:
					score[i] += 2
				case p.Wins[i][j] == p.Wins[j][i]:
					score[i]++
				}
			}
		}
	}
	br := &breaker{by: Lot, seed: r.Seed, names: e.Candidates}
	order := rankBy(br, n, func(a, b int) int { return cmp.Compare(score[a], score[b]) })
	res.Scores = make(map[string]decimal.Decimal, n)
	for i, v := range score {
		d := decimal.NewFromInt(v)
		if half {
			d = decimal.New(v*5, -1)
		}
		res.Scores[e.Candidates[i]] = d
	}
	res.Ranking = br.namesOf(order)
	res.Winners = slices.Clone(res.Ranking[:min(res.Seats, n)])
	res.Ties = br.ties
	return res, nil
}

// rankBy orders the candidates 0..n-1 by score, highest first, where
// cmpScore compares two candidates' scores. Each group of equal scores is
// put in order by lot and recorded as one Tie with that Order, so the
// record grows with the number of candidates, not its square.
func rankBy(br *breaker, n int, cmpScore func(a, b int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpScore(b, a) })
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && cmpScore(order[j], order[i]) == 0 {
			j++
		}
		if j-i > 1 {
			br.order(order[i:j])
		}
		i = j
	}
	return order
}
