package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// exportTickets replays a few tickets at two buildings of two communities,
// on the hotline in year and by scan code in the year after, and writes
// their export (ticket.Export) as JSON Lines.
func exportTickets(t *testing.T, year int) string {
	t.Helper()
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		t.Fatal(err)
	}
	rtc := calendar.RoundTheClock()
	cfg := ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: rtc, RoundTheClock: rtc}}
	cst := time.FixedZone("CST", 8*3600)
	hotline := ticket.Actor{ID: "12345", Role: ticket.HotlineRole}
	var lines []string
	for i := range 12 {
		loc := grid.ID("b1")
		unit := ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}
		if i%3 == 0 {
			loc, unit = "b2", ticket.Unit{ID: "c2", Level: ticket.CommunityLevel}
		}
		ch, y := ticket.Hotline, year
		if i >= 8 {
			ch, y = ticket.ScanCode, year+1
		}
		at := time.Date(y, time.Month(1+i%12), 3, 9, 0, 0, 0, cst)
		tk, err := ticket.NewTicket(cfg, ticket.Intake{ID: ticket.ID(fmt.Sprintf("t%02d", i)), Channel: ch, Kind: ticket.Complaint,
			Category: "housing.property", Location: loc, Contact: ticket.Contact{Name: "居民", Phone: "13900000000"}, Text: "x", At: at, By: hotline})
		if err != nil {
			t.Fatal(err)
		}
		staff := ticket.Actor{ID: "s", Role: ticket.UnitRole, Unit: unit.ID}
		rating := ticket.Rating{Solved: i != 5, Satisfaction: ticket.Satisfied}
		for _, e := range []ticket.Event{
			{Kind: ticket.EvDispatch, At: at.Add(10 * time.Minute), Actor: hotline, Unit: unit},
			{Kind: ticket.EvAccept, At: at.Add(time.Hour), Actor: staff},
			{Kind: ticket.EvContact, At: at.Add(time.Hour), Actor: staff},
			{Kind: ticket.EvResolve, At: at.Add(30 * time.Hour), Actor: staff, Note: "ok"},
			{Kind: ticket.EvCallback, At: at.Add(50 * time.Hour), Actor: hotline, Rating: &rating},
		} {
			if tk, err = ticket.Apply(cfg, tk, e); err != nil {
				t.Fatal(err)
			}
		}
		b, err := json.Marshal(ticket.Export(tk))
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	return write(t, "export.jsonl", strings.Join(lines, "\n")+"\n")
}

const testGrid = `id,code,name,level,parent_id,parent_code,valid_from,valid_to
bj,110000,北京市,city,,,2020-01-01,
dx,110115,大兴区,district,bj,110000,2020-01-01,
tgy,110115001,天宫院街道,subdistrict,dx,110115,2020-01-01,
c1,110115001001,中里社区,community,tgy,110115001,2020-01-01,
c2,110115001002,西里社区,community,tgy,110115001,2020-01-01,
g1,110115001001001,第一网格,grid,c1,110115001001,2020-01-01,
g2,110115001002001,第一网格,grid,c2,110115001002,2020-01-01,
b1,1101150010010010001,1号楼,building,g1,110115001001001,2020-01-01,
b2,1101150010020010001,1号楼,building,g2,110115001002001,2020-01-01,
`

func TestReportTickets(t *testing.T) {
	export := exportTickets(t, 2023)
	gridCSV := write(t, "grid.csv", testGrid)
	code, page, errs := runCLI(t, "report", "tickets", "--round-the-clock", "--grid", gridCSV, "--by", "year", export)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"各社区三率", "中里社区", "西里社区 第一网格", "12345热线诉求量：2023 8 件 → 2024 0 件（-100.00 %）", "<svg"} {
		if !strings.Contains(page, want) {
			t.Errorf("missing %q", want)
		}
	}
	// The 2023 days are outside the working calendar: the error says what
	// to do.
	if code, _, errs := runCLI(t, "report", "tickets", export); code != exitInput || !strings.Contains(errs, "--round-the-clock") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, _, _ := runCLI(t, "report", "tickets", "--by", "week", export); code != exitUsage {
		t.Errorf("--by week: %d", code)
	}
}

// A ticket export (JSON Lines) with a GBK line was imported with its words
// replaced by U+FFFD, and a line over the scanner's limit said only
// "bufio.Scanner: token too long": both now name the line.
func TestReportTicketsBadLines(t *testing.T) {
	good := `{"intake":{"id":"a","channel":"patrol","kind":"report","category":"x","text":"t","at":"2025-01-01T00:00:00Z"}}`
	bad := strings.Replace(good, `"text":"t"`, "\"text\":\"\xbe\xd3\xc3\xf1\"", 1)
	for name, tc := range map[string]struct{ text, says string }{
		"gbk.jsonl":  {good + "\n\n" + bad + "\n", "line 3 is not UTF-8"},
		"long.jsonl": {good + "\n" + strings.Repeat(" ", 17<<20) + good + "\n", "line 2 is longer than 16 MB"},
	} {
		code, _, errs := runCLI(t, "report", "tickets", "--round-the-clock", write(t, name, tc.text))
		if code != exitInput || !strings.Contains(errs, tc.says) {
			t.Errorf("%s: exit %d %s", name, code, errs)
		}
	}
}
