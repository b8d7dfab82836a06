package ballotfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
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

// samePB fails unless ReadPB and the reference decoder agree on data.
func samePB(t *testing.T, data []byte) {
	t.Helper()
	got, gerr := ReadPB(bytes.NewReader(data))
	want, werr := readPBRef(bytes.NewReader(data))
	if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
		t.Fatalf("error %v, reference %v", gerr, werr)
	}
	var pe *ParseError
	if gerr != nil && !errors.As(gerr, &pe) {
		t.Fatalf("error %v is not a *ParseError", gerr)
	}
	if reflect.DeepEqual(want, got) {
		return // the fast check; cmp explains any difference
	}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); d != "" {
		t.Fatalf("instance differs from the reference (-want +got):\n%s", d)
	}
}

func TestReadPBMatchesReference(t *testing.T) {
	for _, c := range pbCases {
		samePB(t, []byte(c))
	}
	// Enough ballots for several voter-id chunks, then a second VOTES
	// section that starts the ballots afresh, as the reference does.
	var big bytes.Buffer
	big.WriteString("META\nkey;value\nbudget;10\nnum_votes;3\nPROJECTS\nproject_id;cost\np1;5\np2;6\nVOTES\nvoter_id;vote\n")
	for i := range 30000 {
		fmt.Fprintf(&big, "voter%06d;p%d\n", i, i%2+1)
	}
	big.WriteString("VOTES\nvoter_id;vote\nlast;p1,p2\n")
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

func FuzzReadPBMatchesReference(f *testing.F) {
	for _, c := range pbCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { samePB(t, data) })
}

// BenchmarkReadPBLodzReference times the reference decoder on the Łódź
// 2022 file, to compare with BenchmarkReadPBLodz.
func BenchmarkReadPBLodzReference(b *testing.B) {
	data, err := os.ReadFile("../testdata/elections/pb_lodz_2022_large/poland_lodz_2022_.pb")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readPBRef(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
