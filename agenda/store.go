package agenda

import (
	"context"
	"iter"
	"time"
)

// Store persists topics and meetings for a Service. Both are versioned
// records: a write carries the version it read and gets the next one.
// Implementations must be safe for concurrent use and must return
// ctx.Err() when ctx is done before the operation starts.
type Store interface {
	// PutTopic writes t if t.Version equals the stored version (0 = create)
	// and returns the new version (the old one plus 1). A stale version, or
	// creating an id that exists, returns ErrConflict and changes nothing.
	PutTopic(ctx context.Context, t Topic) (int64, error)
	// Topic returns the topic with the stored version, or an error wrapping
	// ErrNotFound.
	Topic(ctx context.Context, id TopicID) (Topic, error)
	// Topics streams every topic in id order. An empty store yields nothing.
	Topics(ctx context.Context) iter.Seq2[Topic, error]
	// PutMeeting writes m under the same version rule as PutTopic.
	PutMeeting(ctx context.Context, m Meeting) (int64, error)
	// Meeting returns the meeting, or an error wrapping ErrNotFound.
	Meeting(ctx context.Context, id MeetingID) (Meeting, error)
	// Meetings streams the meetings whose At lies in [from, to), ordered by
	// At then id. A zero from or to leaves that side open.
	Meetings(ctx context.Context, from, to time.Time) iter.Seq2[Meeting, error]
}
