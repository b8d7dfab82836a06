package ballotfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// ReadPB decodes a pabulib .pb file: three sections, META (key;value),
// PROJECTS (project_id;cost;...) and VOTES (voter_id;vote;...), each with a
// header row, fields separated by ";" with CSV quoting. The vote column
// lists project ids separated by commas (in order of preference for ordinal
// ballots); a points column, when present, gives one integer per project.
// META must give the budget; vote_type defaults to approval (choose-1 is
// approval too).
//
// ReadPB is tolerant of what published files contain (see Construct): a
// byte-order mark, CRLF, blank lines, META without its header line, decimal
// commas and whitespace around fields. It refuses, naming the line, a
// repeated or out-of-order section, a META key given twice with different
// values, a repeated voter_id, a project listed twice on one ballot, and a
// documented META key whose value is not a number (see pb.ParseMeta).
// Errors are *ParseError. Use Read with Options.Strict to refuse the
// tolerated constructs too.
func ReadPB(r io.Reader) (pb.Instance, error) {
	var dev deviations
	return readPB(r, &dev)
}

func readPB(r io.Reader, dev *deviations) (pb.Instance, error) {
	d := pbDecoder{dev: dev}
	in, err := d.read(r)
	if err != nil {
		return pb.Instance{}, err
	}
	return in, nil
}

// pbDecoder holds the buffers ReadPB reuses across lines. Ballots take
// their Projects and Points from shared slabs, and their Voter from a
// strings.Builder that holds voterChunk bytes of ids (its String is not a
// copy, and the bytes written to it never change), so a ballot costs no
// allocation of its own.
type pbDecoder struct {
	dev      *deviations
	ints     []int           // slab for Ballot.Projects
	points   []int64         // slab for Ballot.Points
	voters   strings.Builder // voter ids back to back; Ballot.Voter slices its String
	lines    []lineMark      // where a ballot's line is not the one after the previous ballot's
	nextLine int             // the line after the last ballot's
	mark     []int32         // mark[p] == ballot number + 1 if the ballot lists p
	line     int             // the line being decoded
	index    *idTable        // finds a project by its id
	scratch  []byte          // a voter id made up for a file without voter_id
	unsorted bool            // some voter id is not above the one before
}

// voteCols are the VOTES columns a record is read from.
type voteCols struct {
	voter, vote, points int
	hasPoints           bool
}

// slabChunk is how many ints a slab grows by.
const slabChunk = 16 << 10

// voterChunk is how many bytes of voter ids share one allocation.
const voterChunk = 64 << 10

// maxPrealloc bounds the ballots allocated ahead on the word of META's
// num_votes, so that a small file claiming millions of votes stays small.
const maxPrealloc = 1 << 17

// sectionOrder is the order of the sections in a file.
var sectionOrder = map[string]int{"META": 1, "PROJECTS": 2, "VOTES": 3}

func (d *pbDecoder) read(r io.Reader) (pb.Instance, error) {
	in := pb.Instance{Meta: map[string]string{}}
	br := bufio.NewReaderSize(&stickyReader{r: r}, 64<<10)
	line := 0
	section := ""
	sectionLine := map[string]int{}
	metaLine := map[string]int{}
	var header []string
	col := map[string]int{}
	var recBuf []string
	var vc voteCols
	metaRead := false
	for {
		if section == "VOTES" && header != nil {
			// The hot path: the unquoted ballots decoded where they lie in
			// br's buffer, a run at a time.
			if msg := d.voteRun(&in, br, len(header), vc, &line); msg != "" {
				return in, perr("pb", d.line, "%s", msg)
			}
		}
		raw, err := readLine(br)
		if err != nil && err != io.EOF {
			return in, perr("pb", line+1, "%v", err)
		}
		if len(raw) == 0 && err == io.EOF {
			break
		}
		line++
		start := line
		d.line = start
		if line == 1 && bytes.HasPrefix(raw, []byte("\uFEFF")) {
			raw = raw[3:]
			d.dev.note(BOM, 1, "")
		}
		if section == "VOTES" && header != nil {
			// The last line, without a line end, or the line voteRun left:
			// an unquoted ballot takes the fast path here too.
			if msg, ok := d.voteLine(&in, raw, len(header), vc); ok {
				if msg != "" {
					return in, perr("pb", start, "%s", msg)
				}
				if err == io.EOF {
					break
				}
				continue
			}
		}
		quotes := bytes.Count(raw, []byte{'"'})
		// A quoted field may span lines: join until the quotes balance,
		// counting the quotes of each new line once (linear in the file).
		if quotes%2 == 1 {
			raw = append([]byte(nil), raw...)
			for quotes%2 == 1 {
				more, err2 := readLine(br)
				if len(more) == 0 && err2 != nil {
					return in, perr("pb", start, "unterminated quoted field")
				}
				line++
				quotes += bytes.Count(more, []byte{'"'})
				raw = append(append(raw, '\n'), more...)
				if len(raw) > maxLine {
					return in, perr("pb", start, "quoted field longer than %d bytes", maxLine)
				}
			}
		}
		sb := raw
		if n := len(sb); n > 0 && sb[n-1] == '\r' {
			sb = sb[:n-1]
			d.dev.note(CRLF, start, "")
		}
		if len(bytes.TrimSpace(sb)) == 0 {
			d.dev.note(BlankLine, start, "")
			if err == io.EOF {
				break
			}
			continue
		}
		if len(sb) <= 16 {
			if u := sectionName(string(sb)); u != "" {
				if strings.TrimSpace(string(sb)) != string(sb) {
					d.dev.note(ExtraWhitespace, start, string(sb))
				}
				if first, ok := sectionLine[u]; ok {
					return in, perr("pb", start, "second %s section (the first is at line %d)", u, first)
				}
				if sectionOrder[u] < sectionOrder[section] {
					return in, perr("pb", start, "%s section after the %s section (the order is META, PROJECTS, VOTES)", u, section)
				}
				sectionLine[u] = start
				section = u
				header = nil
				if section != "META" {
					if err := d.metaDone(&in, start, metaLine); err != nil {
						return in, err
					}
					metaRead = true
				}
				if section == "VOTES" {
					d.index = newIDTable(len(in.Projects))
					for i, p := range in.Projects {
						d.index.add(p.ID, i)
					}
					d.mark = make([]int32, len(in.Projects))
					if n, err := strconv.Atoi(in.Meta["num_votes"]); err == nil && n > 0 {
						in.Ballots = make([]pb.Ballot, 0, min(n, maxPrealloc))
					}
				}
				if err == io.EOF {
					break
				}
				continue
			}
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
			isHeader := true
			if section == "META" && !(len(rec) == 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "key") && strings.EqualFold(strings.TrimSpace(rec[1]), "value")) {
				// The Warszawa 2017-2018 files start META with the data.
				d.dev.note(MetaWithoutHeader, start, "")
				rec, isHeader = []string{"key", "value"}, false
			}
			header = make([]string, len(rec))
			clear(col)
			for i, h := range rec {
				h = d.trim(h)
				header[i] = h
				col[h] = i
			}
			// pabutools reads the first PROJECTS column as the project id
			// and numbers ballots without a voter_id column, as its own test
			// files have them ("name;cost", "vote").
			if _, ok := col["project_id"]; !ok && section == "PROJECTS" && len(header) > 1 && header[0] != "cost" {
				d.dev.note(NoIDColumn, start, string(sb))
				col["project_id"] = 0
			}
			if _, ok := col["voter_id"]; !ok && section == "VOTES" {
				d.dev.note(NoIDColumn, start, string(sb))
				col["voter_id"] = -1
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
			if isHeader {
				continue
			}
			rec = recBuf
		}
		switch {
		case len(rec) == len(header):
		case section == "META" && len(rec) > 2 && len(header) == 2 && col["key"] == 0:
			// "description;Budżet; edycja 2019": the value's ';' unquoted.
			d.dev.note(UnquotedSemicolon, start, string(sb))
			rec = append(rec[:1], strings.Join(rec[1:], ";"))
		case len(rec) < len(header):
			// An exporter that drops empty trailing fields.
			d.dev.note(MissingFields, start, string(sb))
			for len(rec) < len(header) {
				rec = append(rec, "")
			}
		default:
			return in, perr("pb", start, "%d fields, the header has %d", len(rec), len(header))
		}
		switch section {
		case "META":
			k, v := d.trim(rec[col["key"]]), d.trim(rec[col["value"]])
			if old, dup := in.Meta[k]; dup {
				if old != v {
					return in, perr("pb", start, "META key %q given twice with different values (first at line %d)", clip(k), metaLine[k])
				}
				d.dev.note(RepeatedMetaKey, start, k)
			}
			in.Meta[k] = v
			metaLine[k] = start
		case "PROJECTS":
			p, msg := d.parseProject(rec, header, col)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
			in.Projects = append(in.Projects, p)
		case "VOTES":
			msg := d.parseVote(&in, rec, vc)
			if msg != "" {
				return in, perr("pb", start, "%s", msg)
			}
		}
		if err == io.EOF {
			break
		}
	}
	if !metaRead {
		if err := d.metaDone(&in, line, metaLine); err != nil {
			return in, err
		}
	}
	if err := d.uniqueVoters(in); err != nil {
		return in, err
	}
	// The ballots are valid by construction (voteFields checks each one
	// as Validate would: known projects, none twice, one point value per
	// project, none negative); what is left to check is the rest.
	head := in
	head.Ballots = nil
	if err := head.Validate(); err != nil {
		return in, perr("pb", 0, "%v", err)
	}
	return in, nil
}

// stickyReader returns, once its reader has failed, the same error on
// every later Read: bufio.Reader hands a read error out only once, and
// voteRun's Peek may be the call that receives it, before the general
// path's readLine asks again.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.err = err
	return n, err
}

// voteRun decodes the complete VOTES lines in br's buffer on the fast path
// (voteLine), without copying them out of it, refilling the buffer as it
// empties. It stops at the first line voteLine leaves to the general path,
// at the end of the input (a last line without a line end stays in the
// buffer), at a line longer than the buffer or at a read error, with the
// line still unread, and returns "". line is the number of the last line
// read; on an error in a ballot it returns the message (of line d.line).
func (d *pbDecoder) voteRun(in *pb.Instance, br *bufio.Reader, nf int, vc voteCols, line *int) string {
	for {
		buf, _ := br.Peek(br.Buffered())
		done := 0
		for {
			i := bytes.IndexByte(buf[done:], '\n')
			if i < 0 {
				break
			}
			d.line = *line + 1
			msg, ok := d.voteLine(in, buf[done:done+i], nf, vc)
			if !ok {
				br.Discard(done)
				return ""
			}
			*line = d.line
			done += i + 1
			if msg != "" {
				br.Discard(done)
				return msg
			}
		}
		br.Discard(done)
		// One byte more than is left: the buffer refills (or fails).
		if _, err := br.Peek(len(buf) - done + 1); err != nil {
			return ""
		}
	}
}

// trim trims s and notes the whitespace.
func (d *pbDecoder) trim(s string) string {
	t := strings.TrimSpace(s)
	if len(t) != len(s) {
		d.dev.note(ExtraWhitespace, d.line, s)
	}
	return t
}

// amount parses a cost or budget, noting a decimal comma.
func (d *pbDecoder) amount(s string) (decimal.Decimal, error) {
	if strings.Contains(s, ",") {
		d.dev.note(CommaDecimal, d.line, s)
	}
	return pb.ParseAmount(s)
}

// uniqueVoters refuses a voter_id given twice, naming both lines.
func (d *pbDecoder) uniqueVoters(in pb.Instance) error {
	if !d.unsorted { // ids in strictly increasing order: none repeats
		return nil
	}
	seen := newIDTable(len(in.Ballots))
	for i, b := range in.Ballots {
		if j, ok := seen.add(b.Voter, i); !ok {
			return perr("pb", d.lineOf(i), "voter_id %q repeated (first at line %d)", clip(b.Voter), d.lineOf(j))
		}
	}
	return nil
}

// lineMark records that ballot number ballot is on line line; the ballots
// after it, up to the next mark, are on the lines after it.
type lineMark struct{ ballot, line int }

// lineOf returns the line of Ballots[i].
func (d *pbDecoder) lineOf(i int) int {
	k := sort.Search(len(d.lines), func(k int) bool { return d.lines[k].ballot > i }) - 1
	return d.lines[k].line + i - d.lines[k].ballot
}

// addBallot appends a ballot.
func (d *pbDecoder) addBallot(in *pb.Instance, projects []int, points []int64, voter []byte) {
	if d.voters.Len()+len(voter) > d.voters.Cap() {
		// A new chunk; the ids already given out keep the old one.
		d.voters = strings.Builder{}
		d.voters.Grow(max(voterChunk, len(voter)))
	}
	d.voters.Write(voter)
	all := d.voters.String()
	id := all[len(all)-len(voter):]
	n := len(in.Ballots)
	if n < cap(in.Ballots) {
		// In place: the spare capacity is zero, and only the set fields
		// are written.
		in.Ballots = in.Ballots[:n+1]
		b := &in.Ballots[n]
		b.Voter = id
		b.Projects = projects
		if points != nil {
			b.Points = points
		}
	} else {
		in.Ballots = append(in.Ballots, pb.Ballot{Voter: id, Projects: projects, Points: points})
	}
	if d.line != d.nextLine || n == 0 {
		d.lines = append(d.lines, lineMark{ballot: n, line: d.line})
	}
	d.nextLine = d.line + 1
	// Most published files list voters in increasing id order; noting
	// whether this one does, while the id is at hand, spares
	// uniqueVoters a table.
	if !d.unsorted && n > 0 {
		d.unsorted = !less(in.Ballots[n-1].Voter, id)
	}
}

// less reports whether a sorts before b, as a < b does, eight bytes at a
// time inline (voter ids are short).
func less(a, b string) bool {
	n := min(len(a), len(b))
	i := 0
	for ; i+8 <= n; i += 8 {
		x, y := be64(a[i:]), be64(b[i:])
		if x != y {
			return x < y
		}
	}
	for ; i < n; i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// be64 reads the first eight bytes of s as a big-endian number.
func be64(s string) uint64 {
	_ = s[7]
	return uint64(s[7]) | uint64(s[6])<<8 | uint64(s[5])<<16 | uint64(s[4])<<24 |
		uint64(s[3])<<32 | uint64(s[2])<<40 | uint64(s[1])<<48 | uint64(s[0])<<56
}

// reserveInts makes room for n more ints in the slab.
func (d *pbDecoder) reserveInts(n int) {
	if cap(d.ints)-len(d.ints) < n {
		d.ints = make([]int, 0, max(n, slabChunk))
	}
}

// takePoints returns a slice of n points from the slab, its capacity
// capped so that appending to it never touches a neighbour.
func (d *pbDecoder) takePoints(n int) []int64 {
	if cap(d.points)-len(d.points) < n {
		d.points = make([]int64, 0, max(n, slabChunk))
	}
	l := len(d.points)
	d.points = d.points[:l+n]
	return d.points[l : l+n : l+n]
}

// trimmed trims b and notes the whitespace.
func (d *pbDecoder) trimmed(b []byte) []byte {
	if n := len(b); n > 0 && ' ' < b[0] && b[0] < utf8.RuneSelf && ' ' < b[n-1] && b[n-1] < utf8.RuneSelf {
		return b // nothing to trim: the common case, checked inline
	}
	return d.trimSlow(b)
}

func (d *pbDecoder) trimSlow(b []byte) []byte {
	t := bytes.TrimSpace(b)
	if len(t) != len(b) {
		d.dev.note(ExtraWhitespace, d.line, string(b))
	}
	return t
}

// voteLine decodes the VOTES line s (with its line end, if any, still
// on it) with nf fields, exactly as the general path (splitPB, then
// parseVote) would, and appends the ballot. It takes only lines with a
// ';' and no quote; for any other line it returns ok == false having
// changed nothing, for the general path (blank lines, section headers,
// quoted fields). msg is the error message, or "". It keeps only the
// fields it reads, in locals, so the pass over the line stores nothing.
func (d *pbDecoder) voteLine(in *pb.Instance, s []byte, nf int, vc voteCols) (msg string, ok bool) {
	var voter, vote, points []byte
	k, from := 0, 0 // the field being read, and where it starts
	field := func(f []byte) {
		switch k {
		case vc.voter:
			voter = f
		case vc.vote:
			vote = f
		case vc.points:
			points = f
		}
		k++
	}
	i := 0
	for ; i < len(s) && i+8 <= cap(s); i += 8 {
		// Eight bytes at a time; every ';' among them ends a field. The
		// last word of the line may reach into the rest of the slice's
		// capacity (the read buffer): those bytes are masked off.
		x := binary.LittleEndian.Uint64(s[i : i+8])
		if n := len(s) - i; n < 8 {
			x &= 1<<(8*n) - 1
		}
		if eqBytes(x, '"') != 0 {
			return "", false
		}
		for m := eqBytes(x, ';'); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)/8
			field(s[from:j])
			from = j + 1
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '"':
			return "", false
		case ';':
			field(s[from:i])
			from = i + 1
		}
	}
	if k == 0 {
		return "", false
	}
	last := s[from:]
	if n := len(last); n > 0 && last[n-1] == '\r' {
		last = last[:n-1]
		d.dev.note(CRLF, d.line, "")
	}
	field(last)
	if k > nf {
		return strconv.Itoa(k) + " fields, the header has " + strconv.Itoa(nf), true
	}
	if k < nf {
		d.dev.note(MissingFields, d.line, "")
	}
	return d.voteFields(in, voter, vote, points, vc), true
}

// eqBytes flags (sets the high bit of) exactly the bytes of x equal to
// c, without a carry from one byte into the next.
func eqBytes(x uint64, c byte) uint64 {
	const lo7 = 0x7f7f7f7f7f7f7f7f
	y := x ^ (0x0101010101010101 * uint64(c))
	return ^((y&lo7 + lo7) | y | lo7)
}

// voteFields decodes the voter, vote and points fields of a VOTES record
// (nil if absent) and appends the ballot. It returns the error message,
// or "".
func (d *pbDecoder) voteFields(in *pb.Instance, voter, v, ps []byte, vc voteCols) string {
	if vc.voter >= 0 {
		voter = d.trimmed(voter)
	} else {
		voter = strconv.AppendInt(d.scratch[:0], int64(len(in.Ballots)+1), 10)
		d.scratch = voter
	}
	v = d.trimmed(v)
	var projects []int
	stamp := int32(len(in.Ballots) + 1)
	if len(v) > 0 {
		// One pass over the field: the ids go straight into the slab, which
		// has room for the most a field this short can list (a long one's
		// commas are counted, so that the slab never holds much unused).
		room := len(v)/2 + 1
		if len(v) > 64 {
			room = bytes.Count(v, []byte{','}) + 1
		}
		d.reserveInts(room)
		l := len(d.ints)
		for from := 0; ; {
			// The id's bytes are packed as the table packs them while the
			// comma is sought; an id of up to 8 bytes with nothing to trim
			// is looked up by them. Where the slice's capacity allows, the
			// next eight bytes come in one load (those past the field
			// masked off): an id of up to 7 bytes, and one of 8 at the
			// field's end, needs no loop.
			var w uint64
			i := from
			if from+8 <= cap(v) {
				x := binary.LittleEndian.Uint64(v[from : from+8])
				k := min(bits.TrailingZeros64(eqBytes(x, ','))/8, len(v)-from)
				w = bits.ReverseBytes64(x) >> (64 - 8*k) // 0 for k == 0
				i += k
			}
			for i < len(v) && v[i] != ',' {
				w = w<<8 | uint64(v[i])
				i++
			}
			id := v[from:i]
			var p int
			if n := len(id); n > 0 && n <= 8 && ' ' < id[0] && id[0] < utf8.RuneSelf && ' ' < id[n-1] && id[n-1] < utf8.RuneSelf {
				p = d.index.findShort(w, n)
			} else {
				p = d.index.find(d.trimmed(id))
			}
			if p < 0 {
				return "voter " + strconv.Quote(clip(string(voter))) + " votes for unknown project " + strconv.Quote(clip(string(id)))
			}
			if d.mark[p] == stamp {
				return "voter " + strconv.Quote(clip(string(voter))) + " lists project " + strconv.Quote(clip(string(id))) + " twice"
			}
			d.mark[p] = stamp
			d.ints = append(d.ints, p)
			if i == len(v) {
				break
			}
			from = i + 1
		}
		projects = d.ints[l:len(d.ints):len(d.ints)]
	}
	var points []int64
	if vc.hasPoints {
		ps = d.trimmed(ps)
		if n := bytes.Count(ps, []byte{','}) + 1; n != len(projects) && !(len(ps) == 0 && len(projects) == 0) {
			return "voter " + strconv.Quote(clip(string(voter))) + " has " + strconv.Itoa(n) + " points for " + strconv.Itoa(len(projects)) + " projects"
		}
		points = d.takePoints(len(projects))
		for k, rest := 0, ps; k < len(projects); k++ {
			f := rest
			i := bytes.IndexByte(rest, ',')
			if i >= 0 {
				f, rest = rest[:i], rest[i+1:]
			}
			n, ok := parsePoints(d.trimmed(f))
			if !ok {
				return "bad points " + strconv.Quote(clip(string(f)))
			}
			points[k] = n
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
// header (in any case, with whitespace around), else "".
func sectionName(s string) string {
	if len(s) > 16 {
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
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	return b, err
}

// metaDone reads the budget and vote type once META is over, and checks
// the documented META keys.
func (d *pbDecoder) metaDone(in *pb.Instance, line int, metaLine map[string]int) error {
	b, ok := in.Meta["budget"]
	if !ok {
		return perr("pb", line, "META lacks the budget")
	}
	if l, ok := metaLine["budget"]; ok {
		d.line = l
	}
	budget, err := d.amount(b)
	if err != nil || budget.IsNegative() {
		return perr("pb", metaLine["budget"], "bad budget %q", clip(b))
	}
	in.Budget = budget
	vt := in.Meta["vote_type"]
	switch vt {
	case "", "choose-1":
		vt = "approval"
	}
	switch pb.VoteType(vt) {
	case pb.Approval, pb.Cumulative, pb.Ordinal, pb.Scoring:
		in.VoteType = pb.VoteType(vt)
	default:
		return perr("pb", metaLine["vote_type"], "unknown vote_type %q", clip(vt))
	}
	if _, err := pb.ParseMeta(in.Meta); err != nil {
		var me *pb.MetaError
		if errors.As(err, &me) {
			return perr("pb", metaLine[me.Key], "META %s %q is %s", me.Key, clip(me.Value), me.Reason)
		}
		return perr("pb", line, "%v", err)
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
	cr.LazyQuotes = false
	f, err := cr.Read()
	if err != nil {
		return nil, "bad quoting: " + err.Error()
	}
	return append(rec, f...), ""
}

func (d *pbDecoder) parseProject(rec, header []string, col map[string]int) (pb.Project, string) {
	p := pb.Project{ID: d.trim(rec[col["project_id"]])}
	if p.ID == "" {
		return p, "empty project_id"
	}
	c, err := d.amount(rec[col["cost"]])
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

// parseVote decodes a quoted VOTES record, split by splitPB.
func (d *pbDecoder) parseVote(in *pb.Instance, rec []string, vc voteCols) string {
	at := func(k int) []byte {
		if k < 0 || k >= len(rec) {
			return nil
		}
		return []byte(rec[k])
	}
	var points []byte
	if vc.hasPoints {
		points = at(vc.points)
	}
	return d.voteFields(in, at(vc.voter), at(vc.vote), points, vc)
}
