package ballotfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

// Issue 14, item 5: a JSON Lines candidate may be named "candidates".
func TestJSONLCandidateNamedCandidates(t *testing.T) {
	for _, in := range []string{
		"{\"ranking\":[\"candidates\",\"B\"]}\n{\"ranking\":[\"B\"]}\n",
		"{\"candidates\":[\"candidates\",\"B\"]}\n{\"ranking\":[\"candidates\"]}\n",
	} {
		e, err := ballotfile.ReadJSONL(strings.NewReader(in), nil)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if e.Candidates[0] != "candidates" || len(e.Ballots) != 2 && len(e.Ballots) != 1 {
			t.Errorf("%q: got %+v", in, e)
		}
	}
}

// allocated returns the bytes allocated while f runs (by f, unless other
// goroutines allocate at the same time).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue 14, item 18: 4,000 candidates and 4,000 empty score ballots (a
// 60 KB file) took 128 MB as dense scores; sparse scores take memory in
// proportion to the file.
func TestJSONLScoresMemoryFollowsTheFile(t *testing.T) {
	const n = 4000
	var b bytes.Buffer
	b.WriteString(`{"candidates":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"c%d"`, i)
	}
	b.WriteString("]}\n")
	for range n {
		b.WriteString("{\"scores\":{}}\n")
	}
	var err error
	got := allocated(func() { _, err = ballotfile.ReadJSONL(bytes.NewReader(b.Bytes()), nil) })
	if err != nil {
		t.Fatal(err)
	}
	if limit := uint64(4<<20 + 200*b.Len()); got > limit {
		t.Errorf("decoding %d bytes allocated %d bytes, want at most %d", b.Len(), got, limit)
	}
}

// Issue 14, item 18: an unbalanced quote at the top of a large .pb file
// was re-scanned once per following line (57 s for 5.7 MB); the scan is
// linear now. The bound is generous (linear takes milliseconds), so that
// only quadratic behaviour fails it.
func TestPBUnbalancedQuoteIsLinear(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n\"v0;p1\n")
	for i := range 400_000 {
		fmt.Fprintf(&b, "v%d;p1\n", i+1)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ballotfile.ReadPB(bytes.NewReader(b.Bytes()))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "line 9: unterminated quoted field") {
			t.Errorf("got %v, want an unterminated quote at line 9", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("an unbalanced quote in a 4 MB file took over 20 s: the quote scan is not linear")
	}
}

// TestPBReadErrorIsReported: a read error is reported, as a *ParseError
// naming it, even when it reaches the decoder while it runs through the
// ballots in its buffer (iotest.TimeoutReader fails its second read once
// and then reads on).
func TestPBReadErrorIsReported(t *testing.T) {
	data := "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1\n2;p1\n"
	if _, err := ballotfile.ReadPB(strings.NewReader(data)); err != nil {
		t.Fatalf("the file itself: %v", err)
	}
	_, err := ballotfile.ReadPB(iotest.TimeoutReader(strings.NewReader(data)))
	var pe *ballotfile.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), iotest.ErrTimeout.Error()) {
		t.Fatalf("err = %v, want a *ParseError naming %v", err, iotest.ErrTimeout)
	}
}
