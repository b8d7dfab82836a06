package grid

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Options configures a Service. The zero value is valid.
type Options struct {
	// Hierarchy of the grid; nil means DefaultHierarchy.
	Hierarchy *Hierarchy
	// Now gives the instant of a batch whose At is zero; nil means
	// time.Now. Inject a clock for deterministic replays.
	Now func() time.Time
	// Retries is how many times Apply re-validates a batch after losing an
	// optimistic-concurrency race with another writer of the same Store;
	// 0 means 3.
	Retries int
}

// Service keeps a Tree in step with a Store: it loads the log, checks
// every new batch against the tree before appending it, and serves
// queries. It is safe for concurrent use; several Services (processes)
// may share one Store.
type Service struct {
	store Store
	opts  Options

	mu      sync.RWMutex
	tree    *Tree
	version int64
	view    *View // cache of the latest View asked for
	viewVer int64
}

// NewService returns a Service over s. A nil opts means the defaults.
// Call Sync (or any method, which syncs lazily) to load the log.
func NewService(s Store, opts *Options) *Service {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	if o.Hierarchy == nil {
		h := DefaultHierarchy()
		o.Hierarchy = &h
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Retries <= 0 {
		o.Retries = 3
	}
	return &Service{store: s, opts: o}
}

// Sync applies the batches appended to the Store since the last sync (all
// of them the first time). It fails with the batch's *ChangeError if the
// log holds a batch the tree rejects, and a *ConfigError for a bad
// Hierarchy.
func (s *Service) Sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncLocked(ctx)
}

func (s *Service) syncLocked(ctx context.Context) error {
	if s.tree == nil {
		t, err := NewTree(*s.opts.Hierarchy)
		if err != nil {
			return err
		}
		s.tree = t
	}
	for e, err := range s.store.Batches(ctx, s.version) {
		if err != nil {
			return err
		}
		if err := s.tree.Apply(e.Batch); err != nil {
			return err
		}
		s.version = e.Version
	}
	return nil
}

// Apply validates b against the current tree and appends it to the Store:
// it returns the batch's version, or a *ChangeError / ErrOutOfOrder and
// changes nothing. Retrying a batch that was already appended returns its
// version (idempotent by b.ID). If another writer appended first, Apply
// catches up and re-validates, up to Options.Retries times, then returns
// ErrConflict.
func (s *Service) Apply(ctx context.Context, b Batch) (int64, error) {
	if b.At.IsZero() {
		b.At = s.opts.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if err := s.syncLocked(ctx); err != nil {
			return 0, err
		}
		if s.tree.HasBatch(b.ID) {
			return s.store.AppendBatch(ctx, b, s.version)
		}
		tx, err := s.tree.stage(b)
		if err != nil {
			return 0, err
		}
		v, err := s.store.AppendBatch(ctx, b, s.version)
		if err == nil {
			s.version = v
			return v, nil
		}
		s.tree.unstage(tx)
		if !errors.Is(err, ErrConflict) || attempt >= s.opts.Retries {
			return 0, err
		}
	}
}

// loaded syncs once, on first use.
func (s *Service) loaded(ctx context.Context) error {
	s.mu.RLock()
	ok := s.tree != nil
	s.mu.RUnlock()
	if ok {
		return nil
	}
	return s.Sync(ctx)
}

// Read runs f with the tree under a read lock. Reads see the tree as of
// the last Sync or Apply (the first read loads the log); call Sync to see
// batches appended by other Services. f must not keep the tree or call
// Apply on it.
func (s *Service) Read(ctx context.Context, f func(t *Tree) error) error {
	if err := s.loaded(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return f(s.tree)
}

// View returns an immutable View at instant at (see Read for freshness).
// The latest View is cached until the tree changes or another instant is
// asked for; building one costs a pass over the whole tree, so ask for a
// stable instant (the start of the day, the end of a reporting period)
// rather than the current time.
func (s *Service) View(ctx context.Context, at time.Time) (*View, error) {
	if err := s.loaded(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.view != nil && s.viewVer == s.version && s.view.at.Equal(at) {
		return s.view, nil
	}
	s.view, s.viewVer = s.tree.At(at), s.version
	return s.view, nil
}

// Node is Tree.Node (see Read for freshness).
func (s *Service) Node(ctx context.Context, id ID, at time.Time) (n Node, err error) {
	err = s.Read(ctx, func(t *Tree) error { n, err = t.Node(id, at); return err })
	return n, err
}

// ByCode is Tree.ByCode (see Read for freshness).
func (s *Service) ByCode(ctx context.Context, c Code, at time.Time) (n Node, err error) {
	err = s.Read(ctx, func(t *Tree) error { n, err = t.ByCode(c, at); return err })
	return n, err
}

// Path is Tree.Path (see Read for freshness).
func (s *Service) Path(ctx context.Context, id ID, at time.Time) (p []ID, err error) {
	err = s.Read(ctx, func(t *Tree) error { p, err = t.Path(id, at); return err })
	return p, err
}

// AncestorAt is Tree.AncestorAt (see Read for freshness).
func (s *Service) AncestorAt(ctx context.Context, id ID, l Level, at time.Time) (a ID, err error) {
	err = s.Read(ctx, func(t *Tree) error { a, err = t.AncestorAt(id, l, at); return err })
	return a, err
}

// Responsible is Tree.Responsible (see Read for freshness).
func (s *Service) Responsible(ctx context.Context, id ID, at time.Time, q Query) (r Responsibility, err error) {
	err = s.Read(ctx, func(t *Tree) error { r, err = t.Responsible(id, at, q); return err })
	return r, err
}

// Scan is Tree.Scan (see Read for freshness).
func (s *Service) Scan(ctx context.Context, kr Keyring, payload string, at time.Time) (n Node, p Payload, err error) {
	err = s.Read(ctx, func(t *Tree) error { n, p, err = t.Scan(kr, payload, at); return err })
	return n, p, err
}

// Version returns the store version the service's tree reflects.
func (s *Service) Version() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}
