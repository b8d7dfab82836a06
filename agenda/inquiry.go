package agenda

import (
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// InquiryID identifies an inquiry within its meeting.
type InquiryID string

// Inquiry is a question put by a named representative to a named official
// or unit (质询), with its answer and whether the asker was satisfied.
type Inquiry struct {
	ID       InquiryID     `json:"id"`
	Asker    grid.PersonID `json:"asker"`           // a representative of the meeting
	To       grid.PersonID `json:"to,omitempty"`    // the official asked, if a participant
	Unit     string        `json:"unit,omitempty"`  // the unit asked, e.g. "街道办事处"
	Topic    TopicID       `json:"topic,omitempty"` // the topic it concerns, if any
	Question string        `json:"question"`
	Asked    time.Time     `json:"asked"`

	Answer     string        `json:"answer,omitempty"`
	AnsweredBy grid.PersonID `json:"answered_by,omitempty"`
	AnsweredAt time.Time     `json:"answered_at,omitzero"`
	// Satisfied is the asker's verdict on the answer; nil until given.
	Satisfied *bool `json:"satisfied,omitempty"`
}

// Answered reports whether the inquiry has an answer.
func (q Inquiry) Answered() bool { return q.Answer != "" }
