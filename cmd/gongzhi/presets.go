package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// preset describes a preset for the presets command.
type preset struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
	Source  string `json:"source"`
	Rule    any    `json:"rule"`
}

func presetList() []preset {
	rp := ranked.Presets(0)
	pp := pb.Presets()
	return []preset{
		{"minneapolis-irv", "ranked", "IRV, majority of continuing ballots, batch elimination, write-ins out first", "Minneapolis Code ch. 167; RCTab Minneapolis Rules (2017 mayor)", rp["minneapolis-irv"]},
		{"minneapolis-stv", "ranked", "STV, fractional surplus at 4 d.p., several winners per round", "Minneapolis Code 167.80; RCTab (2013 Park Board)", rp["minneapolis-stv"]},
		{"scottish-stv", "ranked", "STV, WIGM, transfer values truncated to 5 d.p.", "Scottish Local Government Elections Order 2007, sch. 1 rules 46-51", rp["scottish-stv"]},
		{"meek-stv", "ranked", "STV by Meek's method, exact arithmetic", "Hill, Wichmann, Woodall 1987; NZ Local Electoral Regulations 2001 sch. 1A", rp["meek-stv"]},
		{"schulze", "ranked", "Schulze beatpath ranking (winning votes)", "M. Schulze, Social Choice and Welfare 36 (2011)", rp["schulze"]},
		{"copeland", "ranked", "Copeland: pairwise wins plus half the ties", "A. H. Copeland (1951)", rp["copeland"]},
		{"borda", "ranked", "Borda count, unranked candidates get 0", "J.-C. de Borda (1781)", rp["borda"]},
		{"greedy", "pb", "fund projects by votes (points) while they fit", "pabulib rule greedy (Warszawa, Katowice, Kraków, Łódź)", pp["greedy"]},
		{"mes", "pb", "Method of Equal Shares, cost utilities, Add1 completion", "equalshares.net; pabulib rule equalshares/add1 (Wieliczka 2023)", pp["mes"]},
		{"mes-only", "pb", "Method of Equal Shares without completion", "Peters, Pierczyński, Skowron, NeurIPS 2021", pp["mes-only"]},
	}
}

func cmdPresets(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("presets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the presets and their rules as JSON")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	list := presetList()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return exitFailure
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tWHAT\tSOURCE")
	for _, p := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, p.Kind, p.Summary, p.Source)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nUse a preset with: gongzhi tally --rule NAME BALLOTS (STV presets take --seats, or the ballot file's seats).")
	return exitOK
}
