package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The samples the README's commands read (testdata/samples, see its
// SOURCES.md) are what the tests build: the ticket export is the replay
// of exportTickets (2025-2026) and the grid is testGrid. go test -update rewrites the
// export.
func TestSamplesUpToDate(t *testing.T) {
	export, err := os.ReadFile(exportTickets(t, 2025)) // inside the working calendar
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "samples", "tickets-export.jsonl")
	if *update {
		if err := os.WriteFile(path, export, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{path: string(export), filepath.Join("testdata", "samples", "grid.csv"): testGrid} {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s differs from what the tests build (go test -update rewrites the export)", name)
		}
	}
}

// Every gongzhi command in the README's shell blocks runs from a fresh
// clone and exits 0: the README once named files that do not exist
// (ballots.blt, my-rule.json, ward.blt, mayor.blt, budget.pb,
// district.json, a ticket export and grid). The commands run through the
// CLI's entry point in a scratch directory that links the repository's
// top-level folders, so the files they write land there.
func TestReadmeCommands(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := readmeCommands(filepath.Join(root, "README.md"))
	if os.IsNotExist(err) {
		t.Skip("not in a checkout of the repository (no README.md two levels up)")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 20 {
		t.Fatalf("found %d gongzhi commands in the README; the parser missed some", len(cmds))
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := os.Symlink(filepath.Join(root, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, c := range cmds {
		args, out := c.args, ""
		if i := indexOf(args, ">"); i >= 0 && i == len(args)-2 {
			args, out = args[:i], args[i+1]
		}
		code, stdout, stderr := runCLI(t, args[1:]...)
		if code != exitOK {
			t.Errorf("README line %d: %s\nexit %d\n%s", c.line, strings.Join(c.args, " "), code, stderr)
			continue
		}
		if out != "" {
			if err := os.WriteFile(out, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// readmeCommand is one gongzhi command of the README: its words and the
// line it starts on.
type readmeCommand struct {
	line int
	args []string
}

// readmeCommands returns the lines of the ```sh blocks that start with
// "gongzhi", continuation lines (\) joined and # comments dropped, split
// into words as a shell would (single and double quotes).
func readmeCommands(path string) ([]readmeCommand, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cmds []readmeCommand
	inBlock, cont := false, false
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			inBlock = !inBlock && (trimmed == "```sh" || trimmed == "```bash" || trimmed == "```shell")
			continue
		case !inBlock:
			continue
		case !cont && !strings.HasPrefix(trimmed, "gongzhi "):
			continue
		}
		if !cont {
			start = n
			cur.Reset()
		}
		body, more := strings.CutSuffix(trimmed, "\\")
		cur.WriteString(body + " ")
		if cont = more; !cont {
			cmds = append(cmds, readmeCommand{line: start, args: shellWords(cur.String())})
		}
	}
	return cmds, sc.Err()
}

// shellWords splits s into words, honouring quotes and stopping at a #
// that starts a word (a comment).
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == '#' && !inWord:
			return words
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func TestShellWords(t *testing.T) {
	got := strings.Join(shellWords(`gongzhi report --period "5 working days" --objections '有异议，请反映' --out n.html   # a comment "x"`), "|")
	if want := "gongzhi|report|--period|5 working days|--objections|有异议，请反映|--out|n.html"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
