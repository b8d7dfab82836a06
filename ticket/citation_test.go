package ticket_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// Issue 18 item 5: every preset labels every figure with its source or as
// illustrative, field by field.
func TestPresetsCiteEveryField(t *testing.T) {
	for _, pr := range ticket.Catalog() {
		p := pr.Policy()
		if u := p.Uncited(); len(u) != 0 {
			t.Errorf("%s: uncited fields %v", pr.Name, u)
		}
		if err := p.Validate(nil); err != nil {
			t.Errorf("%s: %v", pr.Name, err)
		}
	}
}

func TestBeijingPresetLabels(t *testing.T) {
	p := ticket.BeijingIllustrative()
	grade := func(field string) ticket.Grade {
		c, ok := p.Cite(field)
		if !ok {
			t.Fatalf("%s uncited", field)
		}
		return c.Grade
	}
	// The four quoted figures are cited to their source; "answered or fed
	// back within 2 hours" is a contact limit, not a resolution deadline.
	urgent := p.Rules[0]
	if urgent.FirstContact != (calendar.Period{N: 2, Unit: calendar.Hours}) || grade("rules[0].first_contact") != ticket.Unverified {
		t.Errorf("urgent 2 hours: first contact %s, %s", urgent.FirstContact, grade("rules[0].first_contact"))
	}
	if urgent.Resolution == (calendar.Period{N: 2, Unit: calendar.Hours}) || grade("rules[0].resolution") != ticket.Illustrative {
		t.Errorf("urgent resolution %s (%s): 2 hours is not a resolution deadline", urgent.Resolution, grade("rules[0].resolution"))
	}
	for _, f := range []string{"rules[1].resolution", "rules[2].resolution", "rules[3].resolution"} {
		if c, _ := p.Cite(f); c.Grade != ticket.Unverified || !strings.Contains(c.Source, "fudaoke.com") {
			t.Errorf("%s: %+v", f, c)
		}
	}
	// Everything else the preset adds is labelled illustrative.
	n := 0
	for _, c := range p.Citations {
		if c.Grade == ticket.Illustrative {
			n++
		}
	}
	if n < 10 {
		t.Errorf("%d illustrative fields, want the response, co-report, extension, pause limits and warn labelled", n)
	}
}

// The objection to a wrong assignment (5 working days) was cited from
// memory as art. 24 (in the code) and art. 22 (in the notes); the text of
// 信访工作条例 (2022) has it in art. 23 para. 3 ("不属于本机关、单位或者本系统
// 职权范围的，有关机关、单位应当自收到之日起5个工作日内提出异议"); art. 22 is
// the petition office's 15 days, art. 24 matters shared by several bodies.
func TestNationalPetitionObjectionIsArt23(t *testing.T) {
	p := ticket.NationalPetition()
	c, ok := p.Cite("rules[0].objection")
	if !ok || c.Grade != ticket.Verified || !strings.Contains(c.Source, "art. 23 para. 3") {
		t.Errorf("objection citation %+v", c)
	}
	if d, _ := p.Cite("rules[0].dispatch"); !strings.Contains(d.Source, "art. 22") {
		t.Errorf("dispatch citation %+v", d)
	}
	if strings.Contains(p.Source, "24") {
		t.Errorf("source %q cites art. 24", p.Source)
	}
}

func TestCitationsValidate(t *testing.T) {
	for _, tc := range []struct {
		c     ticket.Citation
		field string
	}{
		{ticket.Citation{Field: "rules[0].dispatch", Grade: ticket.Illustrative}, "citations[0].field"}, // Shandong has no dispatch limit
		{ticket.Citation{Field: "rules[0].resolution", Grade: "maybe", Source: "x"}, "citations[0].grade"},
		{ticket.Citation{Field: "rules[0].resolution", Grade: ticket.Verified}, "citations[0].source"},
	} {
		p := ticket.Shandong()
		p.Citations = []ticket.Citation{tc.c}
		var ce *ticket.ConfigError
		if err := p.Validate(nil); !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%+v: %v, want an error on %s", tc.c, err, tc.field)
		}
	}
	p := ticket.Shandong()
	p.Citations = append(p.Citations, p.Citations[1])
	if err := p.Validate(nil); !errors.Is(err, ticket.ErrInvalidConfig) {
		t.Errorf("a field cited twice: %v", err)
	}
}
