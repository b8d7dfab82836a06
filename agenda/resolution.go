package agenda

import (
	"slices"

	"github.com/gongzhi/gongzhi/calendar"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// ResolutionID identifies a resolution.
type ResolutionID string

// Objection is a resident's objection to a resolution during its publicity
// period.
type Objection struct {
	By   grid.PersonID `json:"by"`
	Name string        `json:"name,omitempty"`
	Text string        `json:"text"`
	At   time.Time     `json:"at"`
}

// Resolution is what a meeting decided on a topic (决议): a passed motion of
// a quorate meeting, posted for a publicity period (公示) before it takes
// effect.
type Resolution struct {
	ID      ResolutionID `json:"id"`
	Topic   TopicID      `json:"topic"`
	Meeting MeetingID    `json:"meeting"`
	Motion  MotionID     `json:"motion"`
	Text    string       `json:"text"`
	Adopted time.Time    `json:"adopted"`
	// Vote is the motion's result; it records the quorum met and the
	// approval reached.
	Vote MotionResult `json:"vote"`
	// Publicity is the posting period and PublicityEnds its last day (00:00
	// in the calendar's zone); the resolution takes effect after it.
	// PublicityProvisional is set when PublicityEnds rests on a year without
	// a loaded holiday notice (Service.Rebase recomputes it).
	Publicity            calendar.Period      `json:"publicity"`
	PublicityEnds        time.Time            `json:"publicity_ends"`
	PublicityProvisional calendar.Provisional `json:"publicity_provisional,omitzero"`
	Objections           []Objection          `json:"objections,omitempty"`
	// Withdrawn gives the reason when the resolution was sent back.
	Withdrawn string `json:"withdrawn,omitempty"`
}

func (r Resolution) clone() Resolution {
	c := r
	c.Vote = r.Vote.clone()
	c.Objections = slices.Clone(r.Objections)
	c.PublicityProvisional = r.PublicityProvisional.Clone()
	return c
}

// InPublicity reports whether the day of t falls within the publicity
// period: after adoption, up to and including PublicityEnds. The day of t
// is taken in the zone of PublicityEnds (the calendar's), whatever t's own
// zone.
func (r Resolution) InPublicity(t time.Time) bool {
	return !dayIn(t, r.PublicityEnds.Location()).After(r.PublicityEnds)
}
