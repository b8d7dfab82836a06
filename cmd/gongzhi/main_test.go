package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/catalog"
)

const elections = "../../vote/testdata/elections"

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, false)
	return code, out.String(), errb.String()
}

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTallyMinneapolisJSON(t *testing.T) {
	code, out, errs := runCLI(t, "tally", filepath.Join(elections, "rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt"), "--rule", "minneapolis-irv", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Winners []string          `json:"winners"`
		Rounds  []json.RawMessage `json:"rounds"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, []string{"Jacob Frey"}) || len(res.Rounds) != 6 {
		t.Errorf("winners %q, %d rounds", res.Winners, len(res.Rounds))
	}
}

func TestTallyPBPresets(t *testing.T) {
	pbFile := filepath.Join(elections, "pb_katowice_2021_koszutka/poland_katowice_2021_koszutka.pb")
	code, out, errs := runCLI(t, "tally", "--rule", "greedy", "--json", pbFile)
	if code != exitOK || !strings.Contains(out, `"L12/13/VIII"`) {
		t.Fatalf("exit %d: %s %s", code, errs, out)
	}
	code, out, _ = runCLI(t, "tally", "--rule", "mes", "--explain", pbFile)
	if code != exitOK || !strings.Contains(out, "Method: mes") {
		t.Errorf("mes: exit %d\n%s", code, out)
	}
}

func TestChineseNamesRoundTrip(t *testing.T) {
	csv := write(t, "ballots.csv", "\uFEFF选票编号,第一选择,第二选择\n1,张三,李四\n2,张三,\n3,李四,张三\n4,\"王五 <A&B>\",张三\n")
	rule := write(t, "rule.json", `{"method":"irv"}`)
	code, out, errs := runCLI(t, "tally", "--rule", rule, "--json", csv)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"winners": [
    "张三"
  ]`) || !strings.Contains(out, `"王五 <A&B>"`) {
		t.Errorf("names did not round-trip:\n%s", out)
	}
}

func TestClerkErrors(t *testing.T) {
	blt := filepath.Join(elections, "stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")
	pbFile := filepath.Join(elections, "pb_katowice_2021_koszutka/poland_katowice_2021_koszutka.pb")
	bad := write(t, "bad.json", `{"method":"stv","transfer":"gregory"}`)
	unknown := write(t, "unknown.json", `{"method":"stv","seat":4}`)
	broken := write(t, "broken.blt", "2 1\n1 1 2 0\n1 1 3 0\n0\n\"A\"\n\"B\"\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no args", nil, exitUsage, "Usage"},
		{"unknown command", []string{"count"}, exitUsage, "unknown command"},
		{"no rule", []string{"tally", blt}, exitUsage, "usage"},
		{"unknown preset", []string{"tally", "--rule", "nope", blt}, exitUsage, "gongzhi presets"},
		{"bad field", []string{"tally", "--rule", bad, blt}, exitRule, `field "transfer"`},
		{"unknown field", []string{"validate", unknown}, exitRule, `field "seat": unknown field`},
		{"malformed file", []string{"tally", "--rule", "scottish-stv", broken}, exitInput, "broken.blt:3: unknown candidate number \"3\""},
		{"missing file", []string{"tally", "--rule", "scottish-stv", "nowhere.blt"}, exitInput, "cannot open"},
		{"pb with irv", []string{"tally", "--rule", "minneapolis-irv", pbFile}, exitCount, "count them with greedy or mes"},
		{"greedy on blt", []string{"tally", "--rule", "greedy", blt}, exitCount, "not a .pb file"},
		{"timeout ranked", []string{"tally", "--rule", "meek-stv", "--timeout", "1ns", blt}, exitCount, "did not finish within --timeout 1ns"},
		{"unknown extension", []string{"tally", "--rule", "schulze", "ballots.ods"}, exitUsage, "--format"},
		{"timeout pb", []string{"tally", "--rule", "mes", "--timeout", "1ns", pbFile}, exitCount, "did not finish within --timeout 1ns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d containing %q", code, errs, tc.code, tc.msg)
			}
		})
	}
}

func TestValidateAndPresets(t *testing.T) {
	good := write(t, "good.json", `{"method":"stv","seats":4,"decimals":5}`)
	if code, out, _ := runCLI(t, "validate", good); code != exitOK || !strings.Contains(out, "valid stv rule") {
		t.Errorf("validate: %d %q", code, out)
	}
	code, out, _ := runCLI(t, "presets")
	if code != exitOK || !strings.Contains(out, "scottish-stv") || !strings.Contains(out, "equalshares/add1") {
		t.Errorf("presets: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "presets", "--json")
	var list []map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &list) != nil || len(list) < 8 {
		t.Errorf("presets --json: %d\n%s", code, out)
	}
}

func TestTallyVoteRule(t *testing.T) {
	rule := write(t, "approval.json", `{"method":"approval","votes":2,"select":1}`)
	ballots := write(t, "ballots.jsonl", `{"marks":[{"option":"路灯"},{"option":"长椅"}]}
{"marks":[{"option":"路灯"}]}
{"marks":[{"option":"长椅"}]}
{"marks":[{"option":"路灯"}]}
`)
	code, out, errs := runCLI(t, "tally", "--rule", rule, "--json", ballots)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Winners []string `json:"winners"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || !slices.Equal(res.Winners, []string{"路灯"}) {
		t.Errorf("winners %q (%v)\n%s", res.Winners, err, out)
	}
}

func TestProgressOnStderr(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"tally", "--rule", "scottish-stv", "--progress", filepath.Join(elections, "stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")}, &out, &errb, false)
	if code != exitOK || !strings.Contains(errb.String(), "100%") || strings.Contains(out.String(), "%") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	// Not on a terminal and not asked: no progress.
	errb.Reset()
	run([]string{"tally", "--rule", "scottish-stv", filepath.Join(elections, "stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")}, &out, &errb, false)
	if errb.Len() != 0 {
		t.Errorf("unexpected stderr %q", errb.String())
	}
}

// TestTallyPollStrict checks that --poll is decoded strictly: a misspelt
// "voter_list" used to drop the voter list silently, so that ballots of
// people not on the roll were counted.
func TestTallyPollStrict(t *testing.T) {
	rule := write(t, "approval.json", `{"method":"approval","votes":1,"select":1}`)
	ballots := write(t, "ballots.jsonl", `{"voter":"v1","marks":[{"option":"路灯"}]}
{"voter":"v2","marks":[{"option":"长椅"}]}
`)
	good := write(t, "poll.json", `{"id":"p","options":[{"id":"路灯"},{"id":"长椅"}],"voters":[{"id":"v1"},{"id":"v2"}]}`)
	if code, _, errs := runCLI(t, "tally", "--rule", rule, "--poll", good, ballots); code != exitOK {
		t.Fatalf("good poll: exit %d: %s", code, errs)
	}
	for name, doc := range map[string]string{
		"misspelt voters": `{"id":"p","options":[{"id":"路灯"},{"id":"长椅"}],"voter_list":[{"id":"v1"}]}`,
		"case variant":    `{"id":"p","Options":[{"id":"路灯"},{"id":"长椅"}]}`,
		"duplicate key":   `{"id":"p","options":[{"id":"路灯"},{"id":"长椅"}],"voters":[{"id":"v1"}],"voters":[]}`,
		"other rule":      `{"id":"p","rule":{"method":"approval","votes":2},"options":[{"id":"路灯"},{"id":"长椅"}]}`,
	} {
		poll := write(t, "poll.json", doc)
		if code, _, errs := runCLI(t, "tally", "--rule", rule, "--poll", poll, ballots); code != exitInput {
			t.Errorf("%s: exit %d, want %d (%s)", name, code, exitInput, errs)
		}
	}
}

func TestPresetsKindAndShow(t *testing.T) {
	code, out, errs := runCLI(t, "presets", "--kind", "vote", "--lang", "en")
	if code != exitOK || !strings.Contains(out, "owners-special") || strings.Contains(out, "scottish-stv") || !strings.Contains(out, "verified") {
		t.Errorf("presets --kind vote: %d %s\n%s", code, errs, out)
	}
	// Columns line up by display width: the source column starts at the
	// same display column on every row, Chinese titles included.
	code, out, _ = runCLI(t, "presets", "--kind", "sharing")
	if code != exitOK {
		t.Fatalf("presets --kind sharing: %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := -1
	for _, l := range lines[:4] {
		i := strings.Index(l, "Civil Code")
		if i < 0 {
			i = strings.Index(l, "zjtcn")
		}
		if i < 0 {
			i = strings.Index(l, "依据")
		}
		w := displayWidth(l[:i])
		if col >= 0 && w != col {
			t.Errorf("column at %d, want %d:\n%s", w, col, out)
		}
		col = w
	}
	if code, _, errs := runCLI(t, "presets", "--kind", "polls"); code != exitUsage || !strings.Contains(errs, "unknown kind") {
		t.Errorf("bad kind: %d %s", code, errs)
	}
	code, out, _ = runCLI(t, "presets", "show", "committee-election", "--seats", "7")
	if code != exitOK || !strings.Contains(out, `"seats": 7`) || !strings.Contains(out, "居（村）民委员会差额选举") {
		t.Errorf("show: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "presets", "show", "--json", "owners-special")
	if code != exitOK || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"matter": "rebuild"`) {
		t.Errorf("show --json: %d\n%s", code, out)
	}
	rule := write(t, "rule.json", out)
	if code, out, errs := runCLI(t, "validate", rule); code != exitOK {
		t.Errorf("shown rule does not validate: %s %s", out, errs)
	}
	if code, _, _ := runCLI(t, "presets", "show", "nope"); code != exitUsage {
		t.Errorf("show unknown: %d", code)
	}
}

// Every vote preset is reachable from tally --rule NAME.
func TestEveryVotePresetTallies(t *testing.T) {
	ballots := write(t, "b.jsonl", `{"voter":"a","choice":"yes","marks":[]}`+"\n")
	for _, e := range catalog.OfKind(catalog.KindVote) {
		code, _, errs := runCLI(t, "tally", "--rule", e.Name, "--seats", "1", ballots)
		// The ballots need not fit every rule: the rule must be found and
		// the failure, if any, be about counting, not about the name.
		if code == exitUsage || code == exitRule {
			t.Errorf("%s: exit %d: %s", e.Name, code, errs)
		}
	}
}

// A file named by mistake (here 17 MB of zeros for a rule or a notice)
// was read whole, however large: /dev/zero grew until the process was
// killed. Files read whole are bounded and the bound named.
func TestInputFilesBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxConfigBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	for _, args := range [][]string{
		{"validate", path},
		{"tally", "--rule", path, filepath.Join(sheets, "annual-meeting-ballots.csv")},
	} {
		code, _, errs := runCLI(t, args...)
		if code == exitOK || !strings.Contains(errs, "is larger than 16 MB") {
			t.Errorf("%v: exit %d\n%s", args, code, errs)
		}
	}
}

// In a round-by-round table a round's mark (✔, ✘) made its number stand
// two columns left of the others; the mark now hangs after the number,
// so each column's numbers end in one column.
func TestRoundMarksHang(t *testing.T) {
	var b strings.Builder
	err := writeTable(&b, []string{"Candidate", "Round 1", "Round 2"},
		[][]string{{"王志刚", "3", "5 ✔"}, {"Bob", "2 ✘", ""}, {"欧阳娜娜", "12", "3"}}, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := "Candidate  Round 1  Round 2\n" +
		"王志刚         3        5 ✔\n" +
		"Bob            2 ✘\n" +
		"欧阳娜娜      12        3\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// Round tables aligned decimals by their right edge (1204 over 757.70123):
// numbers now line up on the decimal point, by display width, with a
// round's mark after its number and cells that are not plain numbers
// right-aligned.
func TestDecimalsAlignOnPoint(t *testing.T) {
	var b strings.Builder
	err := writeTable(&b, []string{"候选人", "第1轮"},
		[][]string{{"王志刚", "1204"}, {"Bob", "757.70123 ✔"}, {"欧阳娜娜", "12.5"}, {"弃权", "-3.25"}, {"合计", "1,974.2"}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := "候选人            第1轮\n" +
		"王志刚     1204\n" +
		"Bob         757.70123 ✔\n" +
		"欧阳娜娜     12.5\n" +
		"弃权         -3.25\n" +
		"合计      1,974.2\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if ip, fp := splitDecimal("80.43 % (37/46)"); fp != "" {
		t.Errorf("a rate split as a number: %q %q", ip, fp)
	}
}
