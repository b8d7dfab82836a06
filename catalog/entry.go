package catalog

import (
	"fmt"
	"slices"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// Kind says which package a preset belongs to and what it configures.
type Kind string

// The kinds of presets.
const (
	KindVote       Kind = "vote"       // vote.Rule: community votes, owners' decisions, elections
	KindRanked     Kind = "ranked"     // ranked.Rule: IRV, STV, Condorcet methods
	KindPB         Kind = "pb"         // pb.Rule: participatory budgeting
	KindSLA        Kind = "sla"        // ticket.Policy: time limits of resident requests
	KindSharing    Kind = "sharing"    // project.SharingRule: cost sharing among households
	KindObligation Kind = "obligation" // agenda.Obligations: yearly deliberation quotas
)

// Kinds lists the kinds in catalogue order.
func Kinds() []Kind {
	return []Kind{KindVote, KindRanked, KindPB, KindSLA, KindSharing, KindObligation}
}

// ParseKind checks a kind name given by a user.
func ParseKind(s string) (Kind, error) {
	if slices.Contains(Kinds(), Kind(s)) {
		return Kind(s), nil
	}
	return "", fmt.Errorf("%w: unknown kind %q; one of %v", ErrUnknown, s, Kinds())
}

// Label says whether a preset's figures were read in its primary source.
type Label string

// The labels.
const (
	Verified     Label = "verified"     // every figure read in the primary text or reproduced from a published count
	Illustrative Label = "illustrative" // a reported or assumed default: adapt it before relying on it
)

// Entry is one preset in the catalogue.
type Entry struct {
	Kind      Kind   `json:"kind"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	TitleZH   string `json:"title_zh"`
	Summary   string `json:"summary"`
	SummaryZH string `json:"summary_zh"`
	Source    string `json:"source"`
	Label     Label  `json:"label"`
	// Seats says that the preset counts seats: give their number.
	Seats bool `json:"seats,omitempty"`

	config func(seats int) any
}

// Config returns the preset's rule as data (a vote.Rule, ranked.Rule,
// pb.Rule, ticket.Policy, project.SharingRule or agenda.Obligations),
// fresh on every call. seats is used by presets that count seats.
func (e Entry) Config(seats int) any {
	if e.config == nil {
		return nil
	}
	return e.config(seats)
}

func label(verified bool) Label {
	if verified {
		return Verified
	}
	return Illustrative
}

// All returns every preset of the library, by kind in the order of Kinds,
// then in each package's catalogue order. Names are unique.
func All() []Entry {
	var out []Entry
	for _, p := range vote.Catalog() {
		out = append(out, Entry{Kind: KindVote, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), Seats: p.Seats, config: func(s int) any { return p.Rule(s) }})
	}
	for _, p := range ranked.Catalog() {
		out = append(out, Entry{Kind: KindRanked, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), config: func(s int) any { return p.Rule(s) }})
	}
	for _, p := range pb.Catalog() {
		out = append(out, Entry{Kind: KindPB, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), config: func(int) any { return p.Rule() }})
	}
	for _, p := range ticket.Catalog() {
		out = append(out, Entry{Kind: KindSLA, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), config: func(int) any { return p.Policy() }})
	}
	for _, p := range project.Catalog() {
		out = append(out, Entry{Kind: KindSharing, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), config: func(int) any { return p.Rule() }})
	}
	for _, p := range agenda.Catalog() {
		out = append(out, Entry{Kind: KindObligation, Name: p.Name, Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, SummaryZH: p.SummaryZH,
			Source: p.Source, Label: label(p.Verified), config: func(int) any { return p.Obligations() }})
	}
	return out
}

// OfKind returns the presets of kind k, in catalogue order.
func OfKind(k Kind) []Entry {
	var out []Entry
	for _, e := range All() {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Find returns the preset named name.
func Find(name string) (Entry, bool) {
	for _, e := range All() {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
