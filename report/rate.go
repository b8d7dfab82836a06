package report

import (
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// Rate renders count out of base as a percentage rounded half up to two
// decimals with the exact fraction beside it: "80.43 % (37/46)". A base of
// zero renders as "– (0/0)". The decision is never taken on this text: it
// is taken on the exact comparison (vote.Ratio.Met).
func Rate(count, base decimal.Decimal) string {
	return Percent(count, base) + " (" + count.String() + "/" + base.String() + ")"
}

// Percent renders count out of base as "80.43 %", or "–" for a zero base.
func Percent(count, base decimal.Decimal) string {
	if !base.IsPositive() {
		return "–"
	}
	return count.Mul(hundred).DivRound(base, 2).StringFixed(2) + " %"
}

// IntRate is Rate for whole counts.
func IntRate(count, base int64) string {
	return Rate(decimal.NewFromInt(count), decimal.NewFromInt(base))
}

// Threshold renders a threshold the way a notice states it: "超过 4/5（参加投票人数）"
// or "more than 4/5 of the ballots cast".
func (l Lang) Threshold(r vote.Ratio, of vote.Base) string {
	key := "thr.more"
	if r.Inclusive {
		key = "thr.least"
	}
	return l.T(key, r.Num, r.Den, l.T("base."+string(baseOf(of))))
}

func baseOf(b vote.Base) vote.Base {
	if b == "" {
		return vote.BaseCast
	}
	return b
}

func decimalOf(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
