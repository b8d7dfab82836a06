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

// ReadPB decodes a pabulib .pb file: three sections, META (key;value),
// PROJECTS (project_id;cost;...) and VOTES (voter_id;vote;...), each with a
// header row, fields separated by ";" with CSV quoting. The vote column
// lists project ids separated by commas (in order of preference for ordinal
// ballots); a points column, when present, gives one integer per project.
// META must give the budget; vote_type defaults to approval. Errors are
// *ParseError naming the line.
func ReadPB(r io.Reader) (pb.Instance, error) {
	var d pbDecoder
	in, err := d.read(r)
	d.nameVoters(&in)
	return in, err
}

// pbDecoder holds the buffers ReadPB reuses across lines. Ballots take
// their Projects and Points from shared slabs, and their voter ids are
// gathered in a byte buffer that becomes one string per voterChunk bytes
// (nameVoters), so a ballot costs no allocation of its own.
type pbDecoder struct {
	fields   [][]byte // the current VOTES record, split on ';'
	ints     []int    // slab for Ballot.Projects
	points   []int64  // slab for Ballot.Points
	voters   []byte   // the voter ids of Ballots[named:], back to back
	voterEnd []int    // voterEnd[i] is where the id of Ballots[named+i] ends
	named    int      // Ballots[:named] have their Voter set
}

// voteCols are the VOTES columns a record is read from.
type voteCols struct {
	voter, vote, points int
	hasPoints           bool
}

// slabChunk is how many ints a slab grows by.
const slabChunk = 16 << 10

// voterChunk is how many bytes of voter ids nameVoters turns into one string.
const voterChunk = 64 << 10

func (d *pbDecoder) read(r io.Reader) (pb.Instance, error) {
	in := pb.Instance{Meta: map[string]string{}}
	br := bufio.NewReaderSize(r, 256<<10)
	line := 0
	section := ""
	var header []string
	col := map[string]int{}
	index := map[string]int{}
	var recBuf []string
	var vc voteCols
	for {
		raw, err := readLine(br)
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
		quoted := bytes.IndexByte(raw, '"') >= 0
		// A quoted field may span lines: join until the quotes balance.
		if quoted && bytes.Count(raw, []byte{'"'})%2 == 1 {
			raw = append([]byte(nil), raw...)
			for bytes.Count(raw, []byte{'"'})%2 == 1 {
				more, err2 := readLine(br)
				if len(more) == 0 && err2 != nil {
					return in, perr("pb", start, "unterminated quoted field")
				}
				line++
				raw = append(append(raw, '\n'), more...)
			}
		}
		sb := bytes.TrimRight(raw, "\r")
		if len(bytes.TrimSpace(sb)) == 0 {
			if err == io.EOF {
				break
			}
			continue
		}
		if len(sb) <= 12 {
			if u := sectionName(string(sb)); u != "" {
				section = u
				header = nil
				if section != "META" {
					if err := metaDone(&in, start); err != nil {
						return in, err
					}
				}
				if section == "VOTES" {
					for i, p := range in.Projects {
						index[p.ID] = i
					}
					if n, err := strconv.Atoi(in.Meta["num_votes"]); err == nil && n > 0 && n < 1<<22 {
						in.Ballots = make([]pb.Ballot, 0, n)
						d.voters, d.voterEnd, d.named = d.voters[:0], d.voterEnd[:0], 0
					}
				}
				if err == io.EOF {
					break
				}
				continue
			}
		}
		if section == "VOTES" && header != nil && !quoted {
			// The hot path: an unquoted ballot, read without a string per field.
			if msg := d.voteLine(&in, sb, len(header), vc, index); msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			if err == io.EOF {
				break
			}
			continue
		}
		rec, perrMsg := splitPB(string(sb), recBuf[:0])
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
			if section == "VOTES" {
				vc = voteCols{voter: col["voter_id"], vote: col["vote"]}
				vc.points, vc.hasPoints = col["points"]
				vc.hasPoints = vc.hasPoints && (in.VoteType == pb.Cumulative || in.VoteType == pb.Scoring)
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
			p, msg := parseProject(rec, header, col)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			in.Projects = append(in.Projects, p)
		case "VOTES":
			b, msg := parseVote(rec, col, index, in.VoteType)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			d.addBallot(&in, b.Projects, b.Points, []byte(b.Voter))
		}
		if err == io.EOF {
			break
		}
	}
	if section == "META" || section == "" {
		if err := metaDone(&in, line); err != nil {
			return in, err
		}
	}
	d.nameVoters(&in)
	if err := in.Validate(); err != nil {
		return in, perr("pb", 0, "%v", err)
	}
	return in, nil
}

// addBallot appends a ballot whose voter id is set later by nameVoters.
func (d *pbDecoder) addBallot(in *pb.Instance, projects []int, points []int64, voter []byte) {
	in.Ballots = append(in.Ballots, pb.Ballot{Projects: projects, Points: points})
	d.voters = append(d.voters, voter...)
	d.voterEnd = append(d.voterEnd, len(d.voters))
	if len(d.voters) >= voterChunk {
		d.nameVoters(in)
	}
}

// nameVoters sets the Voter of the ballots gathered since the last call,
// with one string allocation for all of them, and empties the buffer.
func (d *pbDecoder) nameVoters(in *pb.Instance) {
	all := string(d.voters)
	from := 0
	for i, to := range d.voterEnd {
		in.Ballots[d.named+i].Voter = all[from:to]
		from = to
	}
	d.named += len(d.voterEnd)
	d.voters, d.voterEnd = d.voters[:0], d.voterEnd[:0]
}

// takeInts returns a slice of n ints from the slab, its capacity capped so
// that appending to it never touches a neighbour.
func (d *pbDecoder) takeInts(n int) []int {
	if cap(d.ints)-len(d.ints) < n {
		d.ints = make([]int, 0, max(n, slabChunk))
	}
	l := len(d.ints)
	d.ints = d.ints[:l+n]
	return d.ints[l : l+n : l+n]
}

// takePoints is takeInts for points.
func (d *pbDecoder) takePoints(n int) []int64 {
	if cap(d.points)-len(d.points) < n {
		d.points = make([]int64, 0, max(n, slabChunk))
	}
	l := len(d.points)
	d.points = d.points[:l+n]
	return d.points[l : l+n : l+n]
}

// voteLine decodes an unquoted VOTES record with nf fields, exactly as
// splitPB and parseVote would, and appends the ballot. It returns the
// error message, or "".
func (d *pbDecoder) voteLine(in *pb.Instance, s []byte, nf int, vc voteCols, index map[string]int) string {
	rec := d.fields[:0]
	for {
		i := bytes.IndexByte(s, ';')
		if i < 0 {
			rec = append(rec, s)
			break
		}
		rec = append(rec, s[:i])
		s = s[i+1:]
	}
	d.fields = rec
	if len(rec) != nf {
		return strconv.Itoa(len(rec)) + " fields, the header has " + strconv.Itoa(nf)
	}
	voter := bytes.TrimSpace(rec[vc.voter])
	v := bytes.TrimSpace(rec[vc.vote])
	var projects []int
	if len(v) > 0 {
		projects = d.takeInts(bytes.Count(v, []byte{','}) + 1)
		for k, rest := 0, v; ; k++ {
			id := rest
			i := bytes.IndexByte(rest, ',')
			if i >= 0 {
				id, rest = rest[:i], rest[i+1:]
			}
			p, ok := index[string(bytes.TrimSpace(id))]
			if !ok {
				return "voter " + strconv.Quote(clip(string(voter))) + " votes for unknown project " + strconv.Quote(clip(string(id)))
			}
			projects[k] = p
			if i < 0 {
				break
			}
		}
	}
	var points []int64
	if vc.hasPoints {
		ps := bytes.TrimSpace(rec[vc.points])
		if n := bytes.Count(ps, []byte{','}) + 1; n != len(projects) {
			return "voter " + strconv.Quote(clip(string(voter))) + " has " + strconv.Itoa(n) + " points for " + strconv.Itoa(len(projects)) + " projects"
		}
		points = d.takePoints(len(projects))
		for k, rest := 0, ps; ; k++ {
			f := rest
			i := bytes.IndexByte(rest, ',')
			if i >= 0 {
				f, rest = rest[:i], rest[i+1:]
			}
			n, ok := parsePoints(bytes.TrimSpace(f))
			if !ok {
				return "bad points " + strconv.Quote(clip(string(f)))
			}
			points[k] = n
			if i < 0 {
				break
			}
		}
	}
	d.addBallot(in, projects, points, voter)
	return ""
}

// parsePoints parses a non-negative decimal integer as
// strconv.ParseInt(s, 10, 64) does, without allocating for plain digits.
func parsePoints(b []byte) (int64, bool) {
	if len(b) > 0 && len(b) <= 18 {
		var n int64
		for _, c := range b {
			if c < '0' || c > '9' {
				goto slow
			}
			n = n*10 + int64(c-'0')
		}
		return n, true
	}
slow:
	n, err := strconv.ParseInt(string(b), 10, 64)
	return n, err == nil && n >= 0
}

// sectionName returns META, PROJECTS or VOTES if s is that section
// header (in any case), else "".
func sectionName(s string) string {
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
func readLine(br *bufio.Reader) ([]byte, error) {
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

func metaDone(in *pb.Instance, line int) error {
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
func splitPB(s string, rec []string) ([]string, string) {
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

func parseProject(rec, header []string, col map[string]int) (pb.Project, string) {
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

func parseVote(rec []string, col map[string]int, index map[string]int, vt pb.VoteType) (pb.Ballot, string) {
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
