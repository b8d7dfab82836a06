package agenda

import (
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// TaskID identifies an execution task within its topic.
type TaskID string

// Task is a piece of work a resolution assigns to a responsible unit, with
// a deadline (办).
type Task struct {
	ID    TaskID  `json:"id"`
	Title string  `json:"title"`
	Unit  string  `json:"unit"`           // responsible unit, e.g. "物业公司", "街道城管科"
	Grid  grid.ID `json:"grid,omitempty"` // where, if narrower than the topic
	// Person and Assignment name the grid assignment that made Unit
	// responsible, when the task was assigned from the grid (AssignFromGrid).
	Person     grid.PersonID `json:"person,omitempty"`
	Assignment string        `json:"assignment,omitempty"`
	Assigned   time.Time     `json:"assigned"`
	Deadline   time.Time     `json:"deadline"` // last day
	Reports    []Report      `json:"reports,omitempty"`
	Done       time.Time     `json:"done,omitzero"` // when the unit reported it finished
}

// Report is a progress report on a task.
type Report struct {
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Note    string    `json:"note"`
	Percent int       `json:"percent"` // 0-100
}

// Overdue reports whether the task is unfinished after its deadline day at
// time t, or was finished after it.
func (k Task) Overdue(t time.Time) bool {
	loc := k.Deadline.Location() // days are cut in the deadline's zone
	if !k.Done.IsZero() {
		return dayIn(k.Done, loc).After(k.Deadline)
	}
	return dayIn(t, loc).After(k.Deadline)
}

// Summons is a call on departments to report (吹哨报到): the subdistrict
// or township "blows the whistle" and each department must check in.
// Departments are referred to by id, as in the ticket package.
type Summons struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
	// By is the body that blows the whistle (its grid node) and ByLevel
	// the name of its grid level. Only a subdistrict or township summons
	// (grid.MaySummon; 北京市接诉即办工作条例 art. 16): a community asks its
	// subdistrict to.
	By          grid.ID   `json:"by"`
	ByLevel     string    `json:"by_level"`
	Departments []string  `json:"departments"`
	At          time.Time `json:"at"`
	Due         time.Time `json:"due"`                // last day to report
	Reported    []string  `json:"reported,omitempty"` // departments that checked in, sorted
	// CheckedIn holds when each department of Reported checked in, on the
	// service's clock, so that supervisors can tell a late report from a
	// timely one (records made before it was kept have none).
	CheckedIn map[string]time.Time `json:"checked_in,omitempty"`
}

// Missing returns the departments that have not checked in, in call order.
func (s Summons) Missing() []string {
	var out []string
	for _, d := range s.Departments {
		if _, ok := slices.BinarySearch(s.Reported, d); !ok {
			out = append(out, d)
		}
	}
	return out
}

// WarningKind classifies a Warning.
type WarningKind string

// Warning kinds.
const (
	TaskOverdue      WarningKind = "task-overdue"      // a task past its deadline
	SummonsUnheeded  WarningKind = "summons-unheeded"  // a department that did not report by the due day
	InquiryPending   WarningKind = "inquiry-pending"   // an inquiry of a closed meeting without answer
	PublicityElapsed WarningKind = "publicity-elapsed" // publicity over but the resolution not put in effect
)

// Warning is something a supervisor (督) must look at.
type Warning struct {
	Kind    WarningKind `json:"kind"`
	Topic   TopicID     `json:"topic,omitempty"`
	Meeting MeetingID   `json:"meeting,omitempty"`
	Ref     string      `json:"ref"`  // task, summons+department or inquiry id
	Days    int         `json:"days"` // days late at the time asked
	Message string      `json:"message"`
}
