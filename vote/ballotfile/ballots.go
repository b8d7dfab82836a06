package ballotfile

import (
	"bufio"
	"bytes"

	"io"

	"github.com/gongzhi/gongzhi/vote"
)

// ReadBallots decodes the vote package's ballots as JSON Lines: one
// vote.Ballot per line ({"id":"b1","marks":[{"option":"p3"}]} or
// {"voter":"o1","choice":"yes"}), decoded strictly by vote.DecodeBallot.
// Blank lines and a leading byte-order mark are skipped. Errors are
// *ParseError naming the line.
func ReadBallots(r io.Reader) ([]vote.Ballot, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var out []vote.Ballot
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(b) == 0 {
			continue
		}
		ballot, err := vote.DecodeBallot(b)
		if err != nil {
			return nil, perr("jsonl", line, "%v", err)
		}
		out = append(out, ballot)
	}
	if err := sc.Err(); err != nil {
		return nil, perr("jsonl", line+1, "%v", err)
	}
	return out, nil
}
