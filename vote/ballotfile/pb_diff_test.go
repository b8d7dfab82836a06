package ballotfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// pbCases are small .pb inputs that walk the decoder's edge cases: quoted
// and unquoted ballots, spaces, points, CRLF, blank lines, errors.
var pbCases = []string{
	"META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;5\np2;6\nVOTES\nvoter_id;vote\n1;p1,p2\n2;p2\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost;name\np1;5;\"a;b\"\np2;1;x\nVOTES\nvoter_id;vote;points\n1;p1;3\n 2 ; p2 , p1 ; 4 , 0 \n3;\"p1\";-0\n",
	"META\r\nkey;value\r\nbudget;10,5\r\nvote_type;scoring\r\nPROJECTS\r\nproject_id;cost\r\np1;5\r\n\r\nVOTES\r\nvoter_id;vote;points\r\n1;p1;+7\r\n2;;\r\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote;points\n1;p1;-1\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote;points\n1;p1;99999999999999999999\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote;points\n1;p1;1,2\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote;points\n1;;\n",
	"META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote;points\n1;p1;1_0\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1;x\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p9\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1,p1\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1,\n",
	"META\nkey;value\nbudget;10\nnum_votes;2\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1\nVOTES\nvoter_id;vote\n2;p1\nvotes\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvote;voter_id;vote\nx;1;p1\n",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n\"1\n2\";p1\n3;p1",
	"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;\"p1\n",
	"\uFEFFMETA\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n   PROJECTS  \n",
}

// quoteVotes quotes every field of every VOTES record, so that the
// records take the quoted (encoding/csv) path instead of the fast one.
// A line is a record of its own only outside a quoted field: a quote left
// open on an earlier line (in any section) continues onto it, section
// names included, so such lines are left as they are.
func quoteVotes(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	votes := -1
	open := false // inside a quoted field at the start of the line
	for i, l := range lines {
		quotes := bytes.Count(l, []byte{'"'})
		wasOpen := open
		open = open != (quotes%2 == 1)
		if wasOpen {
			continue
		}
		t := bytes.TrimSpace(l)
		if sectionName(string(t)) != "" {
			votes = -1
			if sectionName(string(t)) == "VOTES" {
				votes = i + 1 // the header line
			}
			continue
		}
		if votes < 0 || i <= votes || len(t) == 0 || quotes > 0 {
			continue
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		fields := bytes.Split(l, []byte(";"))
		for k, f := range fields {
			fields[k] = append(append([]byte{'"'}, f...), '"')
		}
		lines[i] = bytes.Join(fields, []byte(";"))
	}
	return bytes.Join(lines, []byte("\n"))
}

// samePB fails unless data decodes as it does with its VOTES quoted, and
// (a small file) as it does read a byte at a time or in halves.
func samePB(t *testing.T, data []byte) {
	t.Helper()
	got, gerr := ReadPB(bytes.NewReader(quoteVotes(data)))
	want, werr := ReadPB(bytes.NewReader(data))
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("quoted: error %v, unquoted %v", gerr, werr)
	}
	var pe *ParseError
	if gerr != nil && !errors.As(gerr, &pe) {
		t.Fatalf("error %v is not a *ParseError", gerr)
	}
	sameInstance(t, "quoted VOTES", want, got)
	if len(data) <= 64<<10 {
		// Read a byte at a time, and in halves, the decoder meets every
		// line cut by its buffer's edge.
		one, oerr := ReadPB(iotest.OneByteReader(bytes.NewReader(data)))
		if (oerr == nil) != (werr == nil) || (oerr != nil && oerr.Error() != werr.Error()) {
			t.Fatalf("read a byte at a time: error %v, whole %v", oerr, werr)
		}
		sameInstance(t, "read a byte at a time", want, one)
		half, herr := ReadPB(iotest.HalfReader(bytes.NewReader(data)))
		if (herr == nil) != (werr == nil) || (herr != nil && herr.Error() != werr.Error()) {
			t.Fatalf("read in halves: error %v, whole %v", herr, werr)
		}
		sameInstance(t, "read in halves", want, half)
	}
}

// sameInstance fails unless got is want.
func sameInstance(t *testing.T, what string, want, got pb.Instance) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return // the fast check; cmp explains any difference
	}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); d != "" {
		t.Fatalf("%s decode differently (-as is +%s):\n%s", what, what, d)
	}
}

func TestReadPBQuotedMatchesUnquoted(t *testing.T) {
	for _, c := range pbCases {
		samePB(t, []byte(c))
	}
	// Enough ballots for several voter-id chunks.
	var big bytes.Buffer
	big.WriteString("META\nkey;value\nbudget;10\nnum_votes;3\nPROJECTS\nproject_id;cost\np1;5\np2;6\nVOTES\nvoter_id;vote\n")
	for i := range 30000 {
		fmt.Fprintf(&big, "voter%06d;p%d\n", i, i%2+1)
	}
	samePB(t, big.Bytes())
	files, err := filepath.Glob("../testdata/elections/pb_*/*.pb")
	if err != nil || len(files) == 0 {
		t.Fatalf("no .pb test files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		samePB(t, data)
	}
}

func FuzzReadPBQuotedMatchesUnquoted(f *testing.F) {
	for _, c := range pbCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { samePB(t, data) })
}
