package trace_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
	"github.com/google/go-cmp/cmp"
)

// stores holds one chain: tickets t-1, t-2 (and t-3, cited by nothing),
// topic "ebike" citing t-1 and t-2 with resolution r-ebike adopted at
// meeting m1, and project "shed" citing them.
func stores(t *testing.T) trace.Sources {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tickets := ticket.NewMemStore()
	for _, id := range []ticket.ID{"t-1", "t-2", "t-3"} {
		if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: at, Location: "b3"}); err != nil {
			t.Fatal(err)
		}
	}
	ag := agenda.NewMemStore()
	if _, err := ag.PutTopic(ctx, agendatest.FullTopic("ebike")); err != nil {
		t.Fatal(err)
	}
	m := agendatest.FullMeeting("m1", at)
	m.Topics = []agenda.TopicID{"ebike"}
	if _, err := ag.PutMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	other := agendatest.FullMeeting("m2", at)
	other.Topics, other.Motions = nil, nil
	if _, err := ag.PutMeeting(ctx, other); err != nil {
		t.Fatal(err)
	}
	ps := project.NewMemStore()
	p := projecttest.Sample("shed")
	p.Topic, p.Resolution, p.Vote, p.Review = "ebike", "r-ebike", nil, nil
	if _, err := ps.PutProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	return trace.Sources{Tickets: tickets, Agenda: ag, Projects: ps}
}

func TestBack(t *testing.T) {
	src := stores(t)
	c, err := trace.Back(context.Background(), src, "shed")
	if err != nil {
		t.Fatal(err)
	}
	var tickets []ticket.ID
	for _, tk := range c.Tickets {
		tickets = append(tickets, tk.ID)
	}
	var meetings []agenda.MeetingID
	for _, m := range c.Meetings {
		meetings = append(meetings, m.ID)
	}
	if c.Topic == nil || c.Topic.ID != "ebike" || c.Resolution == nil || c.Resolution.ID != "r-ebike" {
		t.Fatalf("topic %v resolution %v", c.Topic, c.Resolution)
	}
	if d := cmp.Diff([]ticket.ID{"t-1", "t-2"}, tickets); d != "" {
		t.Errorf("tickets (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]agenda.MeetingID{"m1"}, meetings); d != "" {
		t.Errorf("meetings (-want +got):\n%s", d)
	}
	out := c.Explain()
	for _, want := range []string{"project shed", "<- resolution r-ebike", "<- meeting m1", "<- topic ebike", "<- ticket t-1", "<- ticket t-2"} {
		if !strings.Contains(out, want) {
			t.Errorf("Explain lacks %q:\n%s", want, out)
		}
	}
}

func TestFrom(t *testing.T) {
	src := stores(t)
	f, err := trace.From(context.Background(), src, "t-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Topics) != 1 || f.Topics[0].ID != "ebike" || len(f.Projects) != 1 || f.Projects[0].ID != "shed" {
		t.Fatalf("t-2 led to %d topics, %d projects", len(f.Topics), len(f.Projects))
	}
	f, err = trace.From(context.Background(), src, "t-3")
	if err != nil || len(f.Topics) != 0 || len(f.Projects) != 0 {
		t.Fatalf("t-3 led to %+v, %v", f, err)
	}
	if _, err := trace.From(context.Background(), src, "nope"); !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("unknown ticket: %v", err)
	}
}

// TestBackBroken: a project citing a topic, resolution or ticket that the
// stores do not hold yields a *BrokenError naming both ends.
func TestBackBroken(t *testing.T) {
	ctx := context.Background()
	for name, edit := range map[string]func(p *project.Project){
		"topic":      func(p *project.Project) { p.Topic = "gone" },
		"resolution": func(p *project.Project) { p.Resolution = "r-other" },
		"ticket":     func(p *project.Project) { p.Tickets = []ticket.ID{"t-404"} },
	} {
		t.Run(name, func(t *testing.T) {
			src := stores(t)
			p, _ := src.Projects.Project(ctx, "shed")
			edit(&p)
			ps := project.NewMemStore()
			p.Version = 0
			if _, err := ps.PutProject(ctx, p); err != nil {
				t.Fatal(err)
			}
			src.Projects = ps
			_, err := trace.Back(ctx, src, "shed")
			var be *trace.BrokenError
			if !errors.As(err, &be) || !errors.Is(err, trace.ErrBroken) || be.From != "project shed" {
				t.Fatalf("broken %s: %v", name, err)
			}
		})
	}
}
