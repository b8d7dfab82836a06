package agenda

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// Minutes are the record of a meeting, ready to render as text (Text) or
// JSON (encoding/json).
type Minutes struct {
	Meeting      MeetingID        `json:"meeting"`
	Kind         string           `json:"kind"`
	KindLabel    string           `json:"kind_label,omitempty"`
	Grid         grid.ID          `json:"grid"`
	Title        string           `json:"title"`
	Place        string           `json:"place,omitempty"`
	At           time.Time        `json:"at"`
	Status       MeetingStatus    `json:"status"`
	NoticeDue    time.Time        `json:"notice_due"`
	NoticePosted time.Time        `json:"notice_posted,omitzero"`
	Quorum       QuorumResult     `json:"quorum"`
	Present      []Participant    `json:"present"`
	Absent       []Participant    `json:"absent"`
	Topics       []TopicID        `json:"topics,omitempty"`
	Inquiries    []MinutesInquiry `json:"inquiries,omitempty"`
	Motions      []MinutesMotion  `json:"motions,omitempty"`
}

// MinutesInquiry is an inquiry with the names of those involved.
type MinutesInquiry struct {
	Inquiry
	AskerName      string `json:"asker_name"`
	ToName         string `json:"to_name,omitempty"`
	AnsweredByName string `json:"answered_by_name,omitempty"`
}

// MinutesMotion is a motion's text and result.
type MinutesMotion struct {
	ID      MotionID      `json:"id"`
	Topic   TopicID       `json:"topic,omitempty"`
	Text    string        `json:"text"`
	Options []vote.Option `json:"options,omitempty"`
	Result  *MotionResult `json:"result,omitempty"`
}

// BuildMinutes assembles the minutes of m under kind k. Pure.
func BuildMinutes(m Meeting, k Kind) Minutes {
	invited, present := m.Representatives()
	out := Minutes{Meeting: m.ID, Kind: m.Kind, KindLabel: k.Label, Grid: m.Grid, Title: m.Title, Place: m.Place,
		At: m.At, Status: m.Status, NoticeDue: m.NoticeDue, NoticePosted: m.NoticePosted,
		Quorum: Quorum(k.Quorum, invited, present), Present: []Participant{}, Absent: []Participant{}, Topics: m.Topics}
	for _, p := range m.Participants {
		if m.IsPresent(p.ID) {
			out.Present = append(out.Present, p)
		} else {
			out.Absent = append(out.Absent, p)
		}
	}
	name := func(id grid.PersonID) string {
		if p, ok := m.Participant(id); ok {
			return p.Name
		}
		return string(id)
	}
	for _, q := range m.Inquiries {
		mi := MinutesInquiry{Inquiry: q, AskerName: name(q.Asker)}
		if q.To != "" {
			mi.ToName = name(q.To)
		}
		if q.AnsweredBy != "" {
			mi.AnsweredByName = name(q.AnsweredBy)
		}
		out.Inquiries = append(out.Inquiries, mi)
	}
	for _, mo := range m.Motions {
		mm := MinutesMotion{ID: mo.ID, Topic: mo.Topic, Text: mo.Text, Options: mo.Options}
		if mo.Result != nil {
			r := mo.Result.clone()
			mm.Result = &r
		}
		out.Motions = append(out.Motions, mm)
	}
	return out
}

// Text renders the minutes for people.
func (m Minutes) Text() string {
	var b strings.Builder
	label := m.Kind
	if m.KindLabel != "" {
		label = m.KindLabel + " (" + m.Kind + ")"
	}
	fmt.Fprintf(&b, "%s\n%s, %s, %s\n", m.Title, label, m.At.Format("2006-01-02 15:04"), m.Place)
	if m.NoticePosted.IsZero() {
		fmt.Fprintf(&b, "Notice: not posted (due %s)\n", m.NoticeDue.Format(time.DateOnly))
	} else {
		fmt.Fprintf(&b, "Notice: posted %s (due %s)\n", m.NoticePosted.Format(time.DateOnly), m.NoticeDue.Format(time.DateOnly))
	}
	fmt.Fprintf(&b, "Attendance: %s\n", m.Quorum)
	if len(m.Absent) > 0 {
		names := make([]string, len(m.Absent))
		for i, p := range m.Absent {
			names[i] = p.Name
		}
		fmt.Fprintf(&b, "Absent: %s\n", strings.Join(names, ", "))
	}
	for _, t := range m.Topics {
		fmt.Fprintf(&b, "Topic: %s\n", t)
	}
	for _, q := range m.Inquiries {
		to := q.ToName
		if q.Unit != "" {
			if to != "" {
				to += ", "
			}
			to += q.Unit
		}
		fmt.Fprintf(&b, "Inquiry %s: %s asks %s: %s\n", q.ID, q.AskerName, to, q.Question)
		if q.Answered() {
			fmt.Fprintf(&b, "  Answer by %s: %s\n", q.AnsweredByName, q.Answer)
			if q.Satisfied != nil {
				verdict := "not satisfied"
				if *q.Satisfied {
					verdict = "satisfied"
				}
				fmt.Fprintf(&b, "  Asker %s\n", verdict)
			}
		} else {
			b.WriteString("  Unanswered\n")
		}
	}
	for _, mo := range m.Motions {
		fmt.Fprintf(&b, "Motion %s: %s\n", mo.ID, mo.Text)
		if r := mo.Result; r != nil {
			if r.Method == YesNo {
				fmt.Fprintf(&b, "  yes %d, no %d, abstain %d\n", r.Votes(vote.Yes), r.Votes(vote.No), r.Votes(vote.Abstain))
			} else {
				for _, o := range r.Ranked() {
					mark := ""
					if o.Selected {
						mark = " [priority]"
					} else if o.Passed {
						mark = " [passed]"
					}
					fmt.Fprintf(&b, "  %s %s: %d%s\n", o.Option, optionName(mo.Options, o.Option), o.Votes, mark)
				}
			}
			fmt.Fprintf(&b, "  %s\n", r.Reason)
		} else {
			b.WriteString("  vote open\n")
		}
	}
	return b.String()
}

// Minutes returns the minutes of a meeting.
func (s *Service) Minutes(ctx context.Context, id MeetingID) (Minutes, error) {
	m, err := s.store.Meeting(ctx, id)
	if err != nil {
		return Minutes{}, err
	}
	k, _ := s.policy.Kind(m.Kind)
	return BuildMinutes(m, k), nil
}

// optionName returns the name of option id among opts.
func optionName(opts []vote.Option, id vote.OptionID) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}
