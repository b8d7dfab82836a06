package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// A cast-vote record or BLT file saved by Excel on Chinese Windows (GBK) or
// as "Unicode text" (UTF-16) was read byte for byte: the winner printed as
// "Winners: ����" (and two names alike as U+FFFD in --json). It is decoded
// as tally sheets are; a byte that is not UTF-8 further down a UTF-8 file
// is refused naming its line.
func TestBallotFileEncodings(t *testing.T) {
	const cvr = "weight,rank1,rank2\n3,张三,李四\n2,李四,张三\n2,王五,\n1,赵六,张三\n"
	const blt = "4 1\n3 1 2 0\n2 2 1 0\n2 3 0\n1 4 1 0\n0\n\"张三\"\n\"李四\"\n\"王五\"\n\"赵六\"\n\"测试\"\n"
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct{ name, text string }{
		{"cvr.csv", cvr}, {"gbk.csv", gbk(cvr)}, {"utf16.csv", utf16(cvr)}, {"bom.csv", "\ufeff" + cvr},
		{"ward.blt", blt}, {"gbk.blt", gbk(blt)},
	} {
		code, out, errs := runCLI(t, "tally", "--rule", "minneapolis-irv", "--json", write(t, tc.name, tc.text))
		if code != exitOK || !strings.Contains(out, `"winners": [`+"\n"+`    "张三"`) {
			t.Errorf("%s: exit %d %s\n%s", tc.name, code, errs, out)
		}
	}
	code, _, errs := runCLI(t, "convert", "--seats", "1", write(t, "gbk.csv", gbk(cvr)), t.TempDir()+"/out.blt")
	if code != exitOK {
		t.Errorf("convert GBK: exit %d %s", code, errs)
	}
	late := cvr + strings.Repeat("1,张三,\n", 20000) + "1,\xd5\xc5,\n" // GBK 张 on line 20006, past the first look
	for name, text := range map[string]string{"late.csv": late, "latin1.csv": "weight,rank1\n1,Jos\xe9 \xff\n"} {
		code, _, errs := runCLI(t, "tally", "--rule", "minneapolis-irv", write(t, name, text))
		if code != exitInput || !strings.Contains(errs, "UTF-8 (line") && !strings.Contains(errs, "is not UTF-8") {
			t.Errorf("%s: exit %d %s", name, code, errs)
		}
	}
	if _, _, errs := runCLI(t, "tally", "--rule", "minneapolis-irv", write(t, "late.csv", late)); !strings.Contains(errs, "line 20006 is not UTF-8") {
		t.Errorf("late.csv: %s", errs)
	}
}

// FuzzBallotText: a UTF-8 file (no UTF-16 byte-order mark) comes through
// unchanged however the reads cut it, and anything else is refused or
// decoded to valid UTF-8.
func FuzzBallotText(f *testing.F) {
	f.Add([]byte("weight,rank1\n1,张三\n"), uint8(1))
	f.Add([]byte("1,\xd5\xc5\n"), uint8(3))
	f.Add([]byte("a\n\xe5\xbc"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		var r io.Reader = bytes.NewReader(data)
		switch cut % 3 {
		case 1:
			r = iotest.OneByteReader(r)
		case 2:
			r = iotest.HalfReader(r)
		}
		text, err := ballotText(r)
		var out []byte
		if err == nil {
			out, err = io.ReadAll(text)
		}
		utf16 := bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF"))
		switch {
		case utf8.Valid(data) && !utf16:
			if err != nil || !bytes.Equal(out, data) {
				t.Fatalf("valid UTF-8 changed: %v %q", err, out)
			}
		case err == nil && !utf8.Valid(out):
			t.Fatalf("not UTF-8 out: %q", out)
		}
	})
}

// A JSON file saved as GBK (Notepad's ANSI on Chinese Windows): a rule,
// poll, policy or saved result decoded with its names as U+FFFD, and
// "gongzhi validate" called a GBK notice valid. Refused naming the line.
func TestJSONFilesNotUTF8(t *testing.T) {
	notice := "{\"year\": 2028, \"source\": \"test\",\n \"holidays\": [{\"name\": \"\xd4\xaa\xb5\xa9\", \"from\": \"2028-01-01\", \"to\": \"2028-01-03\"}]}"
	code, out, errs := runCLI(t, "validate", write(t, "notice.json", notice))
	if code != exitInput || !strings.Contains(errs, "line 2 is not UTF-8 text") {
		t.Errorf("validate: exit %d %s %s", code, out, errs)
	}
	poll := "{\"id\": \"p\", \"options\": [{\"id\": \"a\", \"name\": \"\xbc\xd7\"}]}"
	code, _, errs = runCLI(t, "tally", "--rule", "project-priorities", "--poll", write(t, "poll.json", poll), "../../sheet/testdata/annual-meeting-counts.csv")
	if code == exitOK || !strings.Contains(errs, "line 1 is not UTF-8 text") {
		t.Errorf("--poll: exit %d %s", code, errs)
	}
}
