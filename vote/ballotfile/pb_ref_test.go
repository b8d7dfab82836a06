package ballotfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// readPBRef is the original, straightforward ReadPB, kept as the
// reference for the differential tests of the optimised decoder.
//
// It decodes a pabulib .pb file: three sections, META (key;value),
// PROJECTS (project_id;cost;...) and VOTES (voter_id;vote;...), each with a
// header row, fields separated by ";" with CSV quoting. The vote column
// lists project ids separated by commas (in order of preference for ordinal
// ballots); a points column, when present, gives one integer per project.
// META must give the budget; vote_type defaults to approval. Errors are
// *ParseError naming the line.
func readPBRef(r io.Reader) (pb.Instance, error) {
	in := pb.Instance{Meta: map[string]string{}}
	br := bufio.NewReaderSize(r, 256<<10)
	line := 0
	section := ""
	var header []string
	col := map[string]int{}
	index := map[string]int{}
	var recBuf []string
	for {
		raw, err := readLineRef(br)
		if err != nil && err != io.EOF {
			return in, perr("pb", line+1, "%v", err)
		}
		if len(raw) == 0 && err == io.EOF {
			break
		}
		line++
		start := line
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
		}
		// A quoted field may span lines: join until the quotes balance.
		if bytes.Count(raw, []byte{'"'})%2 == 1 {
			raw = append([]byte(nil), raw...)
		}
		for bytes.Count(raw, []byte{'"'})%2 == 1 {
			more, err2 := readLineRef(br)
			if len(more) == 0 && err2 != nil {
				return in, perr("pb", start, "unterminated quoted field")
			}
			line++
			raw = append(append(raw, '\n'), more...)
		}
		s := strings.TrimRight(string(raw), "\r")
		if strings.TrimSpace(s) == "" {
			if err == io.EOF {
				break
			}
			continue
		}
		if u := sectionNameRef(s); u != "" {
			section = u
			header = nil
			if section != "META" {
				if err := metaDoneRef(&in, start); err != nil {
					return in, err
				}
			}
			if section == "VOTES" {
				for i, p := range in.Projects {
					index[p.ID] = i
				}
				if n, err := strconv.Atoi(in.Meta["num_votes"]); err == nil && n > 0 && n < 1<<22 {
					in.Ballots = make([]pb.Ballot, 0, n)
				}
			}
			if err == io.EOF {
				break
			}
			continue
		}
		rec, perrMsg := splitPBRef(s, recBuf[:0])
		recBuf = rec
		if perrMsg != "" {
			return in, perr("pb", start, "%s", perrMsg)
		}
		if section == "" {
			return in, perr("pb", start, "expected a META, PROJECTS or VOTES section header")
		}
		if header == nil {
			header = make([]string, len(rec))
			clear(col)
			for i, h := range rec {
				h = strings.TrimSpace(h)
				header[i] = h
				col[h] = i
			}
			need := map[string][]string{"META": {"key", "value"}, "PROJECTS": {"project_id", "cost"}, "VOTES": {"voter_id", "vote"}}[section]
			for _, n := range need {
				if _, ok := col[n]; !ok {
					return in, perr("pb", start, "%s header lacks the %q column", strings.ToLower(section), n)
				}
			}
			continue
		}
		if len(rec) != len(header) {
			return in, perr("pb", start, "%d fields, the header has %d", len(rec), len(header))
		}
		switch section {
		case "META":
			in.Meta[strings.TrimSpace(rec[col["key"]])] = strings.TrimSpace(rec[col["value"]])
		case "PROJECTS":
			p, msg := parseProjectRef(rec, header, col)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			in.Projects = append(in.Projects, p)
		case "VOTES":
			b, msg := parseVoteRef(rec, col, index, in.VoteType)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			in.Ballots = append(in.Ballots, b)
		}
		if err == io.EOF {
			break
		}
	}
	if section == "META" || section == "" {
		if err := metaDoneRef(&in, line); err != nil {
			return in, err
		}
	}
	if err := in.Validate(); err != nil {
		return in, perr("pb", 0, "%v", err)
	}
	return in, nil
}

// sectionName returns META, PROJECTS or VOTES if s is that section
// header (in any case), else "".
func sectionNameRef(s string) string {
	if len(s) > 12 {
		return ""
	}
	switch u := strings.ToUpper(strings.TrimSpace(s)); u {
	case "META", "PROJECTS", "VOTES":
		return u
	}
	return ""
}

// readLine returns the next line without its newline. The slice is valid
// until the next read.
func readLineRef(br *bufio.Reader) ([]byte, error) {
	b, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		buf := append([]byte(nil), b...)
		for err == bufio.ErrBufferFull {
			b, err = br.ReadSlice('\n')
			buf = append(buf, b...)
			if len(buf) > maxLine {
				return nil, bufio.ErrTooLong
			}
		}
		b = buf
	}
	return bytes.TrimSuffix(b, []byte{'\n'}), err
}

func metaDoneRef(in *pb.Instance, line int) error {
	if in.VoteType != "" {
		return nil
	}
	b, ok := in.Meta["budget"]
	if !ok {
		return perr("pb", line, "META lacks the budget")
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(b, ",", "."))
	if err != nil || d.IsNegative() {
		return perr("pb", line, "bad budget %q", clip(b))
	}
	in.Budget = d
	vt := in.Meta["vote_type"]
	if vt == "" {
		vt = "approval"
	}
	switch pb.VoteType(vt) {
	case pb.Approval, pb.Cumulative, pb.Ordinal, pb.Scoring:
		in.VoteType = pb.VoteType(vt)
	default:
		return perr("pb", line, "unknown vote_type %q", clip(vt))
	}
	return nil
}

// splitPB splits a ";"-separated record; quoted records go through
// encoding/csv.
func splitPBRef(s string, rec []string) ([]string, string) {
	if !strings.Contains(s, `"`) {
		for {
			f, rest, more := strings.Cut(s, ";")
			rec = append(rec, f)
			if !more {
				return rec, ""
			}
			s = rest
		}
	}
	cr := csv.NewReader(strings.NewReader(s))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	f, err := cr.Read()
	if err != nil {
		return nil, "bad quoting: " + err.Error()
	}
	return append(rec, f...), ""
}

func parseProjectRef(rec, header []string, col map[string]int) (pb.Project, string) {
	p := pb.Project{ID: strings.TrimSpace(rec[col["project_id"]])}
	if p.ID == "" {
		return p, "empty project_id"
	}
	c, err := decimal.NewFromString(strings.TrimSpace(rec[col["cost"]]))
	if err != nil || c.IsNegative() {
		return p, "bad cost " + strconv.Quote(clip(rec[col["cost"]])) + " of project " + strconv.Quote(clip(p.ID))
	}
	p.Cost = c
	if i, ok := col["name"]; ok {
		p.Name = rec[i]
	}
	for i, h := range header {
		if h != "project_id" && h != "cost" && h != "name" {
			if p.Fields == nil {
				p.Fields = map[string]string{}
			}
			p.Fields[h] = rec[i]
		}
	}
	return p, ""
}

func parseVoteRef(rec []string, col map[string]int, index map[string]int, vt pb.VoteType) (pb.Ballot, string) {
	b := pb.Ballot{Voter: strings.TrimSpace(rec[col["voter_id"]])}
	v := strings.TrimSpace(rec[col["vote"]])
	if v != "" {
		b.Projects = make([]int, 0, strings.Count(v, ",")+1)
		for rest, more := v, true; more; {
			var id string
			id, rest, more = strings.Cut(rest, ",")
			p, ok := index[strings.TrimSpace(id)]
			if !ok {
				return b, "voter " + strconv.Quote(clip(b.Voter)) + " votes for unknown project " + strconv.Quote(clip(id))
			}
			b.Projects = append(b.Projects, p)
		}
	}
	if i, ok := col["points"]; ok && (vt == pb.Cumulative || vt == pb.Scoring) {
		ps := strings.Split(strings.TrimSpace(rec[i]), ",")
		if len(ps) != len(b.Projects) {
			return b, "voter " + strconv.Quote(clip(b.Voter)) + " has " + strconv.Itoa(len(ps)) + " points for " + strconv.Itoa(len(b.Projects)) + " projects"
		}
		b.Points = make([]int64, len(ps))
		for k, s := range ps {
			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || n < 0 {
				return b, "bad points " + strconv.Quote(clip(s))
			}
			b.Points[k] = n
		}
	}
	return b, ""
}
