package pb

import (
	"fmt"
	"math/big"
	"slices"
)

// FastAgrees runs MES under r with each share both on the fast path and in
// math/big, and reports the first share where they select differently. It
// returns how many runs the fast path gave up on.
func FastAgrees(r Rule, in Instance, shares []*big.Rat) (fallbacks int, err error) {
	d := newMESData(r, in)
	d.prepareFast()
	if !d.fast {
		return len(shares), nil
	}
	var f fastRun
	for _, s := range shares {
		fast := d.runFast(s, &f)
		exact := d.run(s, true) // detail runs always use math/big
		if fast == nil {
			fallbacks++
			continue
		}
		if !slices.Equal(fast.chosen, exact.chosen) || fast.total.Cmp(exact.total) != 0 {
			return fallbacks, fmt.Errorf("share %s: fast path chose %v (%s), math/big %v (%s)",
				s.RatString(), fast.chosen, fast.total.RatString(), exact.chosen, exact.total.RatString())
		}
	}
	return fallbacks, nil
}
