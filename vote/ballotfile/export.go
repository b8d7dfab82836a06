package ballotfile

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// RCTabConfig is the "config" block of an RCTab summary: what the contest
// is. Empty fields are written empty, as RCTab does.
type RCTabConfig struct {
	Contest      string `json:"contest"`
	Date         string `json:"date"`
	Jurisdiction string `json:"jurisdiction"`
	Office       string `json:"office"`
	// Decimals, when positive, writes every vote with that many decimal
	// places, as RCTab does for multi-seat contests ("3803.0000" with 4);
	// 0 writes votes as counted ("3803").
	Decimals int `json:"-"`
}

// rctabSummary is the layout of RCTab's "summary.json" (jsonFormatVersion
// 1), which RCVis and other tools chart.
type rctabSummary struct {
	Config struct {
		RCTabConfig
		GeneratedBy string `json:"generatedBy"`
	} `json:"config"`
	JSONFormatVersion string        `json:"jsonFormatVersion"`
	Results           []rctabRound  `json:"results"`
	Summary           rctabOverview `json:"summary"`
}

type rctabRound struct {
	InactiveBallots rctabInactive     `json:"inactiveBallots"`
	Round           int               `json:"round"`
	Tally           map[string]string `json:"tally"`
	TallyResults    []rctabDecision   `json:"tallyResults"`
	Threshold       string            `json:"threshold"`
}

type rctabInactive struct {
	ExhaustedChoices string `json:"exhaustedChoices"`
	Overvotes        string `json:"overvotes"`
	RepeatedRankings string `json:"repeatedRankings"`
	SkippedRankings  string `json:"skippedRankings"`
}

type rctabDecision struct {
	Eliminated string            `json:"eliminated,omitempty"`
	Elected    string            `json:"elected,omitempty"`
	Transfers  map[string]string `json:"transfers"`
}

type rctabOverview struct {
	FinalThreshold  string `json:"finalThreshold"`
	NumCandidates   int    `json:"numCandidates"`
	NumWinners      int    `json:"numWinners"`
	TotalNumBallots string `json:"totalNumBallots"`
	Undervotes      int64  `json:"undervotes"`
}

// WriteRCTabJSON writes the result of an IRV or STV count in the JSON
// summary layout of RCTab (the Ranked Choice Voting Resource Center's
// tabulator), so that RCVis and other tools that read it can chart it:
// per round, the tally of the continuing and elected candidates, the
// threshold, and each decision with where its votes went. Votes are
// decimal strings, as RCTab writes them.
//
// Two fields are approximations, documented here: inactiveBallots gives all
// inactive ballots as exhaustedChoices (overvotes and skipped rankings were
// applied when the file was read, so they are not told apart), and when a
// round eliminates several candidates at once their combined transfers are
// listed under the first of them. undervotes counts the ballots that rank
// no candidate.
func WriteRCTabJSON(w io.Writer, e ranked.Election, res ranked.Result, cfg RCTabConfig) error {
	num := func(d decimal.Decimal) string { return d.String() }
	if cfg.Decimals > 0 {
		num = func(d decimal.Decimal) string { return d.StringFixed(int32(min(cfg.Decimals, 30))) }
	}
	var s rctabSummary
	s.Config.RCTabConfig = cfg
	s.Config.GeneratedBy = "gongzhi"
	s.JSONFormatVersion = "1"
	s.Results = []rctabRound{}
	for i, r := range res.Rounds {
		out := rctabRound{Round: r.Number, Tally: decimals(r.Tally, num), Threshold: num(r.Threshold),
			InactiveBallots: rctabInactive{ExhaustedChoices: num(r.Exhausted), Overvotes: "0", RepeatedRankings: "0", SkippedRankings: "0"},
			TallyResults:    []rctabDecision{}}
		// Where this round's decision sent the votes shows in the next
		// round's transfers; RCTab lists only the receiving side.
		moved := map[string]string{}
		if i+1 < len(res.Rounds) {
			for k, v := range res.Rounds[i+1].Transfers {
				if v.IsPositive() {
					moved[k] = num(v)
				}
			}
		}
		first := true
		add := func(d rctabDecision) {
			d.Transfers = map[string]string{}
			if first {
				d.Transfers = moved
				first = false
			}
			out.TallyResults = append(out.TallyResults, d)
		}
		for _, c := range r.Elected {
			add(rctabDecision{Elected: c})
		}
		for _, c := range r.Eliminated {
			add(rctabDecision{Eliminated: c})
		}
		s.Results = append(s.Results, out)
	}
	if n := len(res.Rounds); n > 0 {
		s.Summary.FinalThreshold = num(res.Rounds[n-1].Threshold)
	}
	s.Summary.NumCandidates = len(e.Candidates) - len(e.Withdrawn)
	s.Summary.NumWinners = len(res.Winners)
	s.Summary.TotalNumBallots = strconv.FormatInt(res.Ballots, 10)
	for _, b := range e.Ballots {
		if len(b.Ranking) == 0 {
			s.Summary.Undervotes += b.Weight
		}
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	return bw.Flush()
}

func decimals(m map[string]decimal.Decimal, num func(decimal.Decimal) string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = num(v)
	}
	return out
}

// WriteRoundsCSV writes the round table of a ranked count as CSV, one row
// per candidate and one column per round, as clerks post it:
//
//	candidate,round 1,round 2,...
//	Jacob Frey,26104,26112,...
//	exhausted,...
//	threshold,...
//	elected,,,...,Jacob Frey
//	eliminated,Undeclared Write-ins,Al Flowers,...
//
// A candidate no longer counted in a round has an empty cell. For the
// methods without rounds (Condorcet, Schulze, Copeland, Borda, score) it
// writes the ranking with each candidate's score: candidate,rank,score.
func WriteRoundsCSV(w io.Writer, res ranked.Result) error {
	cw := csv.NewWriter(w)
	if len(res.Rounds) == 0 {
		_ = cw.Write([]string{"candidate", "rank", "score"})
		for i, c := range res.Ranking {
			score := ""
			if v, ok := res.Scores[c]; ok {
				score = v.String()
			}
			_ = cw.Write([]string{c, strconv.Itoa(i + 1), score})
		}
		cw.Flush()
		return cw.Error()
	}
	header := []string{"candidate"}
	seen := map[string]bool{}
	var names []string
	for _, r := range res.Rounds {
		header = append(header, "round "+strconv.Itoa(r.Number))
		for _, c := range slices.Sorted(maps.Keys(r.Tally)) {
			if !seen[c] {
				seen[c] = true
				names = append(names, c)
			}
		}
	}
	// Order the rows by the first round's tally, highest first.
	first := res.Rounds[0].Tally
	slices.SortStableFunc(names, func(a, b string) int { return first[b].Cmp(first[a]) })
	_ = cw.Write(header)
	row := make([]string, len(header))
	line := func(label string, cell func(r ranked.Round) string) {
		row[0] = label
		for i, r := range res.Rounds {
			row[i+1] = cell(r)
		}
		_ = cw.Write(row)
	}
	for _, c := range names {
		line(c, func(r ranked.Round) string {
			if v, ok := r.Tally[c]; ok {
				return v.String()
			}
			return ""
		})
	}
	line("exhausted", func(r ranked.Round) string { return r.Exhausted.String() })
	line("threshold", func(r ranked.Round) string { return r.Threshold.String() })
	line("elected", func(r ranked.Round) string { return join(r.Elected) })
	line("eliminated", func(r ranked.Round) string { return join(r.Eliminated) })
	cw.Flush()
	return cw.Error()
}

func join(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "; "
		}
		out += n
	}
	return out
}
