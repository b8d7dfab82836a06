package agenda

import (
	"maps"
	"slices"
	"time"
)

// This file rebuilds what a topic's or a meeting's records said at an
// earlier instant. The records are append-only enough for that: every
// transition is a dated Step, every task, report, summons, check-in,
// acceptance and evaluation carries its date, and a meeting keeps when it
// closed. Supervision warnings (TopicWarnings, MeetingWarnings) are always
// computed on such a view, so the live warnings and the warnings of a past
// instant are one computation.

// prefix returns the number of leading elements of s dated at or before
// at: the records made by then, taken in the order they were made (a
// record dated after at ends the prefix even if a later one carries an
// earlier date, as it would if a clock were set back).
func prefix[T any](s []T, at time.Time, date func(T) time.Time) int {
	for i, x := range s {
		if date(x).After(at) {
			return i
		}
	}
	return len(s)
}

// asOf returns t as its records stood at instant at: the history up to at
// and the status it led to (the first step's From before it, the stored
// status if t has no history); the resolution adopted last by then, if not
// yet withdrawn, with the objections filed by then; the tasks assigned by
// then with their reports and their done state by then; the summons made
// by then with the departments that checked in by then; the acceptances,
// evaluations and solved date by then. A department in Reported without a
// CheckedIn time (a record made before check-in times were kept) counts as
// checked in from the summons on. Fields no warning reads (Screening,
// Meeting, MergedFrom) are left as stored. For an instant after every
// record, asOf returns t unchanged in every field it rebuilds.
func (t Topic) asOf(at time.Time) Topic {
	c := t.Clone()
	stepAt := func(s Step) time.Time { return s.At }
	n := prefix(t.History, at, stepAt)
	c.History = c.History[:n]
	switch {
	case n > 0:
		c.Status = t.History[n-1].To
	case len(t.History) > 0:
		c.Status = t.History[0].From
	}

	// Resolutions: the i-th ActResolve step adopted the i-th of Withdrawn
	// followed by Resolution, and each ActSendBack withdrew the one then
	// current.
	resolved, withdrawn := 0, 0
	for _, s := range c.History {
		switch s.Action {
		case ActResolve:
			resolved++
		case ActSendBack:
			withdrawn++
		}
	}
	all := slices.Clone(t.Withdrawn)
	if t.Resolution != nil {
		all = append(all, *t.Resolution)
	}
	if resolved > len(all) || withdrawn > len(t.Withdrawn) {
		// Records not written by the Service: fall back on the dates.
		resolved = prefix(all, at, func(r Resolution) time.Time { return r.Adopted })
		withdrawn = min(withdrawn, len(t.Withdrawn), resolved)
	}
	c.Withdrawn = c.Withdrawn[:withdrawn]
	if len(c.Withdrawn) == 0 {
		c.Withdrawn = nil
	}
	c.Resolution = nil
	if resolved > withdrawn {
		r := all[resolved-1].clone()
		r.Withdrawn = ""
		r.Objections = r.Objections[:prefix(r.Objections, at, func(o Objection) time.Time { return o.At })]
		c.Resolution = &r
	}

	c.Acceptance = c.Acceptance[:prefix(t.Acceptance, at, func(a Acceptance) time.Time { return a.At })]
	c.Evaluation = c.Evaluation[:prefix(t.Evaluation, at, func(e Evaluation) time.Time { return e.At })]
	if c.Solved.After(at) {
		c.Solved = time.Time{}
	}

	var failed []time.Time // failed acceptances, each reopening every task
	for _, a := range t.Acceptance {
		if !a.Passed {
			failed = append(failed, a.At)
		}
	}
	c.Tasks = slices.DeleteFunc(c.Tasks, func(k Task) bool { return k.Assigned.After(at) })
	for i := range c.Tasks {
		c.Tasks[i] = c.Tasks[i].asOf(at, failed)
	}
	if len(c.Tasks) == 0 {
		c.Tasks = nil
	}

	c.Summons = slices.DeleteFunc(c.Summons, func(s Summons) bool { return s.At.After(at) })
	for i, s := range c.Summons {
		s.Reported = slices.DeleteFunc(s.Reported, func(d string) bool { return s.CheckedIn[d].After(at) })
		if len(s.Reported) == 0 {
			s.Reported = nil
		}
		maps.DeleteFunc(s.CheckedIn, func(_ string, when time.Time) bool { return when.After(at) })
		if len(s.CheckedIn) == 0 {
			s.CheckedIn = nil
		}
		c.Summons[i] = s
	}
	if len(c.Summons) == 0 {
		c.Summons = nil
	}
	return c
}

// asOf returns task k as it stood at instant at, given the dates of the
// failed acceptances of its topic (each reopened every task). A report of
// 100 percent marks a task done and only a failed acceptance reopens it,
// so the reports of 100 percent and the failed acceptances since the task
// was assigned alternate: the j-th such failure reopened the task that the
// j-th such report closed. Whether the failures since the assignment are
// the last ones is read from the stored Done (set when the last report of
// 100 percent is not yet undone), so equal dates need no tie-break. Records
// that do not alternate so (not written by the Service) fall back on the
// stored Done and its date.
func (k Task) asOf(at time.Time, failed []time.Time) Task {
	var full []time.Time // reports of 100 percent
	for _, r := range k.Reports {
		if r.Percent == 100 {
			full = append(full, r.At)
		}
	}
	k.Reports = k.Reports[:prefix(k.Reports, at, func(r Report) time.Time { return r.At })]
	if len(k.Reports) == 0 {
		k.Reports = nil
	}
	undone := len(full)
	if !k.Done.IsZero() {
		undone--
	}
	if undone < 0 || undone > len(failed) {
		if k.Done.After(at) {
			k.Done = time.Time{}
		}
		return k
	}
	failed = failed[len(failed)-undone:]
	done := prefix(full, at, func(t time.Time) time.Time { return t })
	reopened := prefix(failed, at, func(t time.Time) time.Time { return t })
	k.Done = time.Time{}
	if done > reopened {
		k.Done = full[done-1]
	}
	return k
}

// closedBy reports whether meeting m was closed at instant at: it is
// closed and ClosedAt is at or before at. A meeting closed before ClosedAt
// was kept counts as closed from its start (At).
func (m Meeting) closedBy(at time.Time) bool {
	if m.Status != Closed {
		return false
	}
	if m.ClosedAt.IsZero() {
		return !m.At.After(at)
	}
	return !m.ClosedAt.After(at)
}
