package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

// peekText is how much of a ballot file is looked at to tell its encoding.
const peekText = 64 << 10

// ballotText makes a ballot file UTF-8 for the readers of ballotfile: a
// UTF-8 file (with or without BOM) is streamed and checked as it is read; a
// file that starts with a UTF-16 byte-order mark (Excel's "Unicode text") or
// that is GBK (Excel's CSV on Chinese Windows) is decoded whole, as tally
// sheets are (decodeText, at most maxSheetBytes). A file in neither is
// refused naming its first line that is not UTF-8: the readers would keep
// the bytes as they are, and names would print and export as U+FFFD.
func ballotText(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, peekText)
	head, err := br.Peek(peekText)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	utf16 := bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF"))
	if !utf16 && utf8.Valid(trimPartialRune(head, len(head) == peekText)) {
		return &utf8Reader{r: br, line: 1}, nil
	}
	data, err := io.ReadAll(io.LimitReader(br, maxSheetBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSheetBytes {
		return nil, &ballotfile.ParseError{Msg: fmt.Sprintf("not UTF-8 (line %d is not), and larger than the %d MB a GBK or UTF-16 file is decoded from; save it as UTF-8", firstBadUTF8Line(data), maxSheetBytes>>20)}
	}
	text, _, err := decodeText(data)
	if err != nil {
		return nil, &ballotfile.ParseError{Msg: strings.NewReplacer("the sheet is", "the file is", " or .xlsx", "").Replace(err.Error())}
	}
	return strings.NewReader(text), nil
}

// trimPartialRune drops a rune cut off at the end of b when more follows.
func trimPartialRune(b []byte, more bool) []byte {
	if !more {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// utf8Reader passes a UTF-8 stream through and fails with a
// notUTF8Error naming the line at the first byte that is not
// UTF-8 (such a byte further down than the first look reached).
type utf8Reader struct {
	r    io.Reader
	line int               // the line the next byte is on
	tail [utf8.UTFMax]byte // a rune begun at the end of the last read
	nt   int
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	b := p[:n]
	for u.nt > 0 && len(b) > 0 {
		u.tail[u.nt] = b[0]
		u.nt++
		b = b[1:]
		if utf8.FullRune(u.tail[:u.nt]) {
			if r, _ := utf8.DecodeRune(u.tail[:u.nt]); r == utf8.RuneError {
				return 0, u.bad()
			}
			u.nt = 0
		}
	}
	body := trimPartialRune(b, true)
	if !utf8.Valid(body) {
		for i, r := range string(body) {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRune(body[i:]); size == 1 {
					u.line += bytes.Count(body[:i], []byte("\n"))
					return 0, u.bad()
				}
			}
		}
	}
	u.line += bytes.Count(body, []byte("\n"))
	u.nt = copy(u.tail[:], b[len(body):])
	if err == io.EOF && u.nt > 0 {
		return 0, u.bad()
	}
	return n, err
}

func (u *utf8Reader) bad() error { return notUTF8Error(u.line) }

// notUTF8Error says which line of a ballot file is not UTF-8.
type notUTF8Error int

func (e notUTF8Error) Error() string {
	return fmt.Sprintf("line %d is not UTF-8 text; save the file as UTF-8 (or as GBK or UTF-16 throughout)", int(e))
}
