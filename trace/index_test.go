package trace_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

var errStreamed = errors.New("streamed every record")

// indexedAgenda answers TopicsCiting from its index and refuses to stream
// every topic, so a From that scans fails.
type indexedAgenda struct {
	trace.Agenda
	asked *[]ticket.ID
}

func (a indexedAgenda) Topics(context.Context) iter.Seq2[agenda.Topic, error] {
	return func(yield func(agenda.Topic, error) bool) { yield(agenda.Topic{}, errStreamed) }
}

func (a indexedAgenda) TopicsCiting(ctx context.Context, id ticket.ID) iter.Seq2[agenda.Topic, error] {
	*a.asked = append(*a.asked, id)
	return func(yield func(agenda.Topic, error) bool) {
		for t, err := range a.Agenda.Topics(ctx) {
			if (err != nil || slices.Contains(t.Source.Ticket, id)) && !yield(t, err) {
				return
			}
		}
	}
}

// indexedProjects is indexedAgenda for projects.
type indexedProjects struct {
	inner trace.Projects
	asked *[]agenda.TopicID
}

func (p indexedProjects) Project(ctx context.Context, id project.ID) (project.Project, error) {
	return p.inner.Project(ctx, id)
}

func (p indexedProjects) Projects(context.Context) iter.Seq2[project.Project, error] {
	return func(yield func(project.Project, error) bool) { yield(project.Project{}, errStreamed) }
}

func (p indexedProjects) ProjectsCiting(ctx context.Context, id ticket.ID, topics []agenda.TopicID) iter.Seq2[project.Project, error] {
	*p.asked = append(*p.asked, topics...)
	return func(yield func(project.Project, error) bool) {
		for pr, err := range p.inner.Projects(ctx) {
			if (err != nil || slices.Contains(pr.Tickets, id) || slices.Contains(topics, pr.Topic)) && !yield(pr, err) {
				return
			}
		}
	}
}

var (
	_ trace.TopicIndex   = indexedAgenda{}
	_ trace.ProjectIndex = indexedProjects{}
)

// TestFromIndexed: with stores that implement TopicIndex and ProjectIndex,
// From asks them for the citing records, with the topics it found, and
// streams nothing; the answer is the one a scan gives.
func TestFromIndexed(t *testing.T) {
	ctx := context.Background()
	src := stores(t)
	want, err := trace.From(ctx, src, "t-2")
	if err != nil {
		t.Fatal(err)
	}
	var tickets []ticket.ID
	var topics []agenda.TopicID
	src.Agenda = indexedAgenda{src.Agenda, &tickets}
	src.Projects = indexedProjects{src.Projects, &topics}
	got, err := trace.From(ctx, src, "t-2")
	if err != nil {
		t.Fatalf("From with indexed stores streamed instead of asking the index: %v", err)
	}
	if !slices.Equal(tickets, []ticket.ID{"t-2"}) || !slices.Equal(topics, []agenda.TopicID{"ebike"}) {
		t.Errorf("index asked for tickets %v and topics %v, want [t-2] and [ebike]", tickets, topics)
	}
	ids := func(f trace.Forward) (out []string) {
		for _, t := range f.Topics {
			out = append(out, "topic "+string(t.ID))
		}
		for _, p := range f.Projects {
			out = append(out, "project "+string(p.ID))
		}
		return out
	}
	if !slices.Equal(ids(got), ids(want)) || len(ids(got)) != 2 {
		t.Errorf("From through the index = %v, by scanning = %v", ids(got), ids(want))
	}
}
