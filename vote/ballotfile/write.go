package ballotfile

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// ErrCannotWrite is wrapped by the writers' errors for content a format
// cannot hold (a BLT name with a quote mark, equal rankings in a CSV file,
// scores in a BLT file, ...).
var ErrCannotWrite = errors.New("ballotfile: cannot write")

func cannot(format, msg string, args ...any) error {
	return fmt.Errorf("%w %s: %s", ErrCannotWrite, format, fmt.Sprintf(msg, args...))
}

// Write encodes f in format to. A ranked election goes to BLT, CSV or JSON
// Lines; a participatory budget to pabulib only. The writers are the
// readers' inverses: Read of what Write wrote gives the same ballots (CSV
// keeps only what a cast-vote record holds: the rankings and their
// weights, with candidates in order of first appearance).
func Write(w io.Writer, f File, to Format) error {
	if f.IsPB() != (to == PB) {
		return cannot(string(to), "a %s file holds %s, not %s", to, kind(to == PB), kind(f.IsPB()))
	}
	switch to {
	case BLT:
		return WriteBLT(w, f.Election)
	case CSV:
		return WriteCVR(w, f.Election)
	case JSONL:
		return WriteJSONL(w, f.Election)
	case PB:
		return WritePB(w, f.Instance)
	}
	return fmt.Errorf("ballotfile: unknown format %q", to)
}

func kind(isPB bool) string {
	if isPB {
		return "a participatory budget"
	}
	return "a ranked election"
}

// WriteBLT writes e as a BLT file: quoted names (a party as the
// spreadsheet doubled quotes that ReadBLT reads back), the withdrawn line,
// equal rankings as "2=3". Names and the title must not contain a quote
// mark or a line break; score ballots cannot be written.
func WriteBLT(w io.Writer, e ranked.Election) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("%w blt: %w", ErrCannotWrite, err)
	}
	if len(e.Candidates) > maxCandidates {
		return cannot("blt", "%d candidates, over the %d a BLT reader accepts", len(e.Candidates), maxCandidates)
	}
	check := func(what, s string) error {
		if strings.ContainsAny(s, "\"\r\n") {
			return cannot("blt", "%s %q has a quote mark or a line break", what, clip(s))
		}
		return nil
	}
	for i, c := range e.Candidates {
		if err := check("candidate name", c); err != nil {
			return err
		}
		if e.Parties != nil && e.Parties[i] != "" && (c == "" || c != strings.TrimSpace(c)) {
			return cannot("blt", "candidate name %q has spaces at an end", clip(c))
		}
		if e.Parties != nil && e.Parties[i] != "" {
			if err := check("party", e.Parties[i]); err != nil {
				return err
			}
		}
	}
	if err := check("title", e.Title); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d %d\n", len(e.Candidates), e.Seats)
	if len(e.Withdrawn) > 0 {
		for i, c := range e.Withdrawn {
			if i > 0 {
				bw.WriteByte(' ')
			}
			fmt.Fprintf(bw, "-%d", c+1)
		}
		bw.WriteByte('\n')
	}
	var line []byte
	for i, b := range e.Ballots {
		if b.Scores != nil {
			return cannot("blt", "ballot %d has scores", i)
		}
		if b.Weight > maxWeight {
			return cannot("blt", "ballot %d has weight %d, over the %d a BLT reader accepts", i, b.Weight, int64(maxWeight))
		}
		line = strconv.AppendInt(line[:0], b.Weight, 10)
		for k, c := range b.Ranking {
			if b.Equal != nil && b.Equal[k] {
				line = append(line, '=')
			} else {
				line = append(line, ' ')
			}
			line = strconv.AppendInt(line, int64(c+1), 10)
		}
		line = append(line, " 0\n"...)
		bw.Write(line)
	}
	bw.WriteString("0\n")
	for i, c := range e.Candidates {
		if e.Parties != nil && e.Parties[i] != "" {
			fmt.Fprintf(bw, "\"%s \"\"%s\"\"\"\n", c, e.Parties[i])
			continue
		}
		fmt.Fprintf(bw, "\"%s\"\n", c)
	}
	fmt.Fprintf(bw, "\"%s\"\n", e.Title)
	return bw.Flush()
}

// WriteJSONL writes e as JSON Lines: a header with the title, seats,
// candidates, parties and withdrawn candidates, then one ballot per line
// with its weight, ranking (and equal marks) and scores.
func WriteJSONL(w io.Writer, e ranked.Election) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("%w jsonl: %w", ErrCannotWrite, err)
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	h := jsonlHeader{Title: e.Title, Seats: e.Seats, Candidates: e.Candidates, Parties: e.Parties}
	if h.Candidates == nil {
		h.Candidates = []string{}
	}
	for _, c := range e.Withdrawn {
		h.Withdrawn = append(h.Withdrawn, e.Candidates[c])
	}
	if err := enc.Encode(h); err != nil {
		return err
	}
	for _, b := range e.Ballots {
		jb := jsonlBallot{Weight: &b.Weight, Equal: b.Equal}
		for _, c := range b.Ranking {
			jb.Ranking = append(jb.Ranking, e.Candidates[c])
		}
		if b.Scores != nil {
			jb.Scores = make(map[string]int64, len(b.Scores))
			for k := range b.Scores {
				c, s := b.Score(k)
				jb.Scores[e.Candidates[c]] = s
			}
		}
		if b.Equal != nil && !b.HasEqual() {
			jb.Equal = nil
		}
		if err := enc.Encode(jb); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteCVR writes e as CSV cast-vote records in the common US layout: a
// weight column and one column per rank ("rank1", "rank2", ...), empty
// where a ballot ranks no more. A cast-vote record has no candidate list,
// title, seats or parties, so those are not written; equal rankings,
// scores, and names that a reader would take for a marker ("overvote",
// "undervote", a "|") cannot be written.
func WriteCVR(w io.Writer, e ranked.Election) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("%w csv: %w", ErrCannotWrite, err)
	}
	for _, c := range e.Candidates {
		t := strings.TrimSpace(c)
		if t == "" || t != c || strings.Contains(c, "|") || strings.EqualFold(c, "overvote") || strings.EqualFold(c, "undervote") || strings.ContainsAny(c, "\r\n") {
			return cannot("csv", "candidate name %q would not read back from a cast-vote record", clip(c))
		}
	}
	width := 1
	for i, b := range e.Ballots {
		if b.Scores != nil {
			return cannot("csv", "ballot %d has scores", i)
		}
		if b.HasEqual() {
			return cannot("csv", "ballot %d ranks candidates equal", i)
		}
		if b.Weight > maxWeight {
			return cannot("csv", "ballot %d has weight %d, over the %d a CSV reader accepts", i, b.Weight, int64(maxWeight))
		}
		width = max(width, len(b.Ranking))
	}
	if !slices.ContainsFunc(e.Ballots, func(b ranked.Ballot) bool { return len(b.Ranking) > 0 }) {
		return cannot("csv", "no ballot ranks a candidate, and a cast-vote record names candidates only in its ballots")
	}
	cw := csv.NewWriter(w)
	row := make([]string, width+1)
	row[0] = "weight"
	for k := range width {
		row[k+1] = "rank" + strconv.Itoa(k+1)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for _, b := range e.Ballots {
		row[0] = strconv.FormatInt(b.Weight, 10)
		for k := range width {
			row[k+1] = ""
			if k < len(b.Ranking) {
				row[k+1] = e.Candidates[b.Ranking[k]]
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WritePB writes in as a pabulib file. META gets budget, vote_type,
// num_projects and num_votes from in, then in.Meta's other keys in sorted
// order; PROJECTS has project_id, cost, name (if any project has one) and
// the union of the projects' Fields; VOTES has voter_id, vote and, for
// cumulative and scoring ballots, points. Fields are quoted where the
// format needs it. See WithSelected to fill the selected column from a
// result.
func WritePB(w io.Writer, in pb.Instance) error {
	if err := in.Validate(); err != nil {
		return fmt.Errorf("%w pb: %w", ErrCannotWrite, err)
	}
	for _, p := range in.Projects {
		if p.ID != strings.TrimSpace(p.ID) || strings.Contains(p.ID, ",") {
			return cannot("pb", "project id %q has a comma or spaces at an end", clip(p.ID))
		}
	}
	seenVoter := make(map[string]bool, len(in.Ballots))
	for _, b := range in.Ballots {
		if b.Voter != strings.TrimSpace(b.Voter) || seenVoter[b.Voter] {
			return cannot("pb", "voter_id %q has spaces at an end or is repeated", clip(b.Voter))
		}
		seenVoter[b.Voter] = true
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	write := func(rec ...string) { _ = cw.Write(rec) }
	section := func(name string) {
		cw.Flush()
		bw.WriteString(name + "\n")
	}
	section("META")
	write("key", "value")
	write("budget", in.Budget.String())
	write("vote_type", string(in.VoteType))
	write("num_projects", strconv.Itoa(len(in.Projects)))
	write("num_votes", strconv.Itoa(len(in.Ballots)))
	for _, k := range slices.Sorted(maps.Keys(in.Meta)) {
		switch k {
		case "budget", "vote_type", "num_projects", "num_votes":
			continue
		}
		if strings.TrimSpace(k) == "" {
			continue
		}
		write(k, in.Meta[k])
	}
	section("PROJECTS")
	hasName := false
	fieldSet := map[string]bool{}
	for _, p := range in.Projects {
		hasName = hasName || p.Name != ""
		for k := range p.Fields {
			fieldSet[k] = true
		}
	}
	header := []string{"project_id", "cost"}
	if hasName {
		header = append(header, "name")
	}
	fields := slices.Sorted(maps.Keys(fieldSet))
	write(append(header, fields...)...)
	rec := make([]string, 0, len(header)+len(fields))
	for _, p := range in.Projects {
		rec = append(rec[:0], p.ID, p.Cost.String())
		if hasName {
			rec = append(rec, p.Name)
		}
		for _, f := range fields {
			rec = append(rec, p.Fields[f])
		}
		write(rec...)
	}
	section("VOTES")
	points := in.VoteType == pb.Cumulative || in.VoteType == pb.Scoring
	if points {
		write("voter_id", "vote", "points")
	} else {
		write("voter_id", "vote")
	}
	var ids, pts []string
	for _, b := range in.Ballots {
		ids, pts = ids[:0], pts[:0]
		for k, x := range b.Projects {
			ids = append(ids, in.Projects[x].ID)
			if points && b.Points != nil {
				pts = append(pts, strconv.FormatInt(b.Points[k], 10))
			}
		}
		if points {
			if b.Points == nil && len(b.Projects) > 0 {
				return cannot("pb", "voter %q has no points on a %s ballot", clip(b.Voter), in.VoteType)
			}
			write(b.Voter, strings.Join(ids, ","), strings.Join(pts, ","))
		} else {
			write(b.Voter, strings.Join(ids, ","))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WithSelected returns a copy of in whose projects have the pabulib
// "selected" field: "1" for the projects in selected (project ids, as a
// pb.Result lists them), "0" for the others. Unknown ids are an error.
func WithSelected(in pb.Instance, selected []string) (pb.Instance, error) {
	out := in
	out.Projects = slices.Clone(in.Projects)
	chosen := make(map[string]bool, len(selected))
	for _, id := range selected {
		chosen[id] = true
	}
	for i, p := range out.Projects {
		f := maps.Clone(p.Fields)
		if f == nil {
			f = map[string]string{}
		}
		f["selected"] = "0"
		if chosen[p.ID] {
			f["selected"] = "1"
			delete(chosen, p.ID)
		}
		out.Projects[i].Fields = f
	}
	for id := range chosen {
		return pb.Instance{}, fmt.Errorf("ballotfile: selected project %q is not in the instance", id)
	}
	return out, nil
}
