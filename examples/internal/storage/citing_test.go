package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// TestCitingThroughWrappers: the stores of a -db run answer trace.From's
// reverse lookups from the file's index, through the write counters.
func TestCitingThroughWrappers(t *testing.T) {
	ctx := context.Background()
	s, err := OpenWith(ctx, filepath.Join(t.TempDir(), "office.sqlite"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	topics, ok := s.Agenda().(trace.TopicIndex)
	if !ok {
		t.Fatal("the -db agenda store hides trace.TopicIndex")
	}
	if _, ok := s.Project().(trace.ProjectIndex); !ok {
		t.Fatal("the -db project store hides trace.ProjectIndex")
	}
	if _, _, err := s.Ticket().CreateTicket(ctx, ticket.Ticket{ID: "k-1", ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Agenda().PutTopic(ctx, agenda.Topic{ID: "a", Source: agenda.Source{Ticket: []ticket.ID{"k-1"}}}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for tp, err := range topics.TopicsCiting(ctx, "k-1") {
		if err != nil || tp.ID != "a" {
			t.Fatalf("TopicsCiting(k-1): %v, %v", tp.ID, err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("TopicsCiting(k-1) yielded %d topics, want 1", n)
	}
}
