package ballotfile_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// check fails unless err is nil or a *ParseError, and a decoded election is
// valid and countable.
func check(t *testing.T, e ranked.Election, err error) {
	t.Helper()
	if err != nil {
		var pe *ballotfile.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *ParseError", err, err)
		}
		return
	}
	if verr := e.Validate(); verr != nil {
		t.Fatalf("decoded an invalid election: %v", verr)
	}
	// A file may hold no ballot for an eligible candidate, which every
	// method refuses rather than decide by lot.
	method := ranked.IRV
	for _, b := range e.Ballots {
		if b.HasEqual() {
			method = ranked.Schulze // IRV refuses equal rankings
		}
	}
	if _, terr := ranked.Tally(ranked.Rule{Method: method}, e); terr != nil && !errors.Is(terr, ranked.ErrNoBallots) && !errors.Is(terr, ranked.ErrInvalidElection) {
		t.Fatalf("decoded election does not count: %v", terr)
	}
}

func FuzzReadBLT(f *testing.F) {
	f.Add([]byte(sampleBLT))
	f.Add([]byte("2 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n\"t\"\n"))
	f.Add([]byte("1 0\n0\n\"A\"\n"))
	f.Add([]byte("\uFEFF3 1\r\n-2\r\n# comment\r\n2 1=3 2 0\r\n\r\n0\r\nAlice\r\n\"Bob \"\"Green\"\"\"\r\n\"\"\"Carol\"\" \"\"Red\"\"\"\"\r\nWard 6\r\n"))
	for _, name := range []string{"openstv_extensions.blt", "ward_unquoted_names.blt", "ers_comments_equal_ranks.blt"} {
		addFile(f, "testdata/published/"+name)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ballotfile.ReadBLT(bytes.NewReader(data))
		check(t, e, err)
		roundTrip(t, data, ballotfile.BLT)
	})
}

func FuzzReadCVR(f *testing.F) {
	f.Add([]byte("id,r1,r2\n1,A,B\n2,B,overvote\n3,,A\n"))
	f.Add([]byte("\uFEFF选票编号;第一;第二\n1;张三;李四\n"))
	f.Add([]byte("weight,r1\n3,\"A|B\"\n"))
	addFile(f, "testdata/published/nyc_style_cvr.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ballotfile.ReadCVR(bytes.NewReader(data), ballotfile.CVROptions{Overvote: ballotfile.SkipOvervote, MaxSkips: 1})
		check(t, e, err)
		roundTrip(t, data, ballotfile.CSV)
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"candidates\":[\"A\",\"B\"]}\n{\"ranking\":[\"B\",\"A\"],\"weight\":2}\n"))
	f.Add([]byte("{\"scores\":{\"A\":1}}\n"))
	f.Add([]byte("{\"candidates\":[\"A\",\"B\",\"C\"],\"parties\":[\"x\",\"\",\"y\"],\"withdrawn\":[\"C\"]}\n{\"ranking\":[\"A\",\"C\",\"B\"],\"equal\":[false,true,true]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ballotfile.ReadJSONL(bytes.NewReader(data), nil)
		check(t, e, err)
		roundTrip(t, data, ballotfile.JSONL)
	})
}

func FuzzReadPB(f *testing.F) {
	f.Add([]byte("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;5\np2;6\nVOTES\nvoter_id;vote\n1;p1,p2\n2;p2\n"))
	f.Add([]byte("META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost;name\np1;5;\"a;b\"\nVOTES\nvoter_id;vote;points\n1;p1;3\n"))
	f.Add([]byte("\uFEFFMETA\r\nbudget; 10,5 \r\nmax_length;2\r\ncustom;x\r\n\r\nPROJECTS\r\nproject_id;cost;selected\r\np1;5,25;1\r\np2;3;0\r\nVOTES\r\nvoter_id;vote\r\n\"a;1\";p1,p2\r\nb;p2\r\n"))
	addFile(f, "testdata/published/pabutools_minimal_layout.pb")
	addFile(f, "testdata/published/warszawa_style_meta_without_header.pb")
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ballotfile.ReadPB(bytes.NewReader(data))
		if err != nil {
			var pe *ballotfile.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if verr := in.Validate(); verr != nil {
			t.Fatalf("decoded an invalid instance: %v", verr)
		}
		roundTrip(t, data, ballotfile.PB)
	})
}

// addFile adds a published-layout file to the seed corpus.
func addFile(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}
