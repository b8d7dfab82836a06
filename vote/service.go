package vote

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	mrand "math/rand/v2"
	"sync"
	"time"
)

// Options configures a Service. The zero Options (or nil) is valid.
type Options struct {
	// Now is the clock used for the casting window. Nil means time.Now;
	// inject a clock for deterministic replays.
	Now func() time.Time
	// Rand supplies the receipt salts and the unpredictable ballot tokens
	// of secret polls when the caller gives none. Nil means generators
	// seeded from crypto/rand (math/rand/v2's ChaCha8).
	// The Service reads it in batches of 512 bytes (32 salts), each byte
	// used once, and serialises its reads, so Rand need not be safe for
	// concurrent use.
	Rand io.Reader
	// Retries is how many times a state transition (open, close, tally)
	// that lost an optimistic-concurrency race (ErrConflict) is re-read,
	// re-checked and retried; 0 means 3. Update, whose version the caller
	// supplies, is never retried.
	Retries int
}

// Service runs ballot boxes: it moves polls through draft, open, closed
// and tallied, checks every cast against the rule and the eligibility
// list, and persists through a Store. It is safe for concurrent use.
type Service struct {
	store   Store
	now     func() time.Time
	retries int
	randMu  sync.Mutex // guards rand and randBuf: Rand need not be safe for concurrent use
	rand    io.Reader  // nil: csprng
	randBuf randBuffer // bytes read ahead from rand
	csprng  sync.Pool  // of *mrand.ChaCha8 seeded from crypto/rand

	mu       sync.RWMutex
	counters map[PollID]*counter // compiled polls that are open or later
}

// NewService returns a Service over s. A nil opts means the defaults.
func NewService(s Store, opts *Options) *Service {
	svc := &Service{store: s, now: time.Now, retries: 3, counters: make(map[PollID]*counter)}
	if opts != nil {
		if opts.Retries > 0 {
			svc.retries = opts.Retries
		}
		if opts.Now != nil {
			svc.now = opts.Now
		}
		if opts.Rand != nil {
			svc.rand = opts.Rand
		}
	}
	return svc
}

// Create validates p and stores it as a draft. The state, count, digest
// and result of p must be empty. It returns the stored poll (version 1).
func (s *Service) Create(ctx context.Context, p Poll) (Poll, error) {
	if p.State != "" && p.State != StateDraft {
		return Poll{}, &StateError{Poll: p.ID, State: p.State, Op: "create", Reason: "a new poll starts as a draft"}
	}
	if p.Count != 0 || p.Digest != "" || p.Result != nil {
		return Poll{}, &PollError{Poll: p.ID, Field: "result", Reason: "a new poll has no ballots, digest or result"}
	}
	p.State = StateDraft
	if err := p.Validate(); err != nil {
		return Poll{}, err
	}
	if err := s.store.CreatePoll(ctx, p); err != nil {
		return Poll{}, fmt.Errorf("vote: create poll %s: %w", p.ID, err)
	}
	return s.store.Poll(ctx, p.ID)
}

// Update replaces a draft poll's definition (rule, options, voters,
// window). p.Version must be the stored version (ErrConflict otherwise).
func (s *Service) Update(ctx context.Context, p Poll) (Poll, error) {
	cur, err := s.store.Poll(ctx, p.ID)
	if err != nil {
		return Poll{}, err
	}
	if cur.State != StateDraft {
		return Poll{}, &StateError{Poll: p.ID, State: cur.State, Op: "update"}
	}
	p.State, p.Count, p.Digest, p.Result = StateDraft, 0, "", nil
	if err := p.Validate(); err != nil {
		return Poll{}, err
	}
	if _, err := s.store.UpdatePoll(ctx, p); err != nil {
		return Poll{}, fmt.Errorf("vote: update poll %s: %w", p.ID, err)
	}
	return s.store.Poll(ctx, p.ID)
}

// transition moves poll id from state from to state to, applying edit.
// A write that loses a version race is re-read and re-checked, up to
// Options.Retries times.
func (s *Service) transition(ctx context.Context, id PollID, op string, from, to State, edit func(*Poll) error) (Poll, error) {
	for attempt := 0; ; attempt++ {
		p, err := s.store.Poll(ctx, id)
		if err != nil {
			return Poll{}, err
		}
		if p.State != from {
			return Poll{}, &StateError{Poll: id, State: p.State, Op: op}
		}
		p.State = to
		if edit != nil {
			if err := edit(&p); err != nil {
				return Poll{}, err
			}
		}
		v, err := s.store.UpdatePoll(ctx, p)
		if errors.Is(err, ErrConflict) && attempt < s.retries {
			continue
		}
		if err != nil {
			return Poll{}, fmt.Errorf("vote: %s poll %s: %w", op, id, err)
		}
		p.Version = v
		return p, nil
	}
}

// Open starts accepting ballots for a draft poll.
func (s *Service) Open(ctx context.Context, id PollID) (Poll, error) {
	var c *counter
	p, err := s.transition(ctx, id, "open", StateDraft, StateOpen, func(p *Poll) error {
		var err error
		c, err = newCounter(*p) // validates, and compiles the poll for casting
		return err
	})
	if err != nil {
		return Poll{}, err
	}
	s.mu.Lock()
	s.counters[id] = c
	s.mu.Unlock()
	return p, nil
}

// counter returns the compiled poll for casting; the definition no longer
// changes once a poll is open.
func (s *Service) counter(ctx context.Context, id PollID) (*counter, error) {
	s.mu.RLock()
	c := s.counters[id]
	s.mu.RUnlock()
	if c != nil {
		return c, nil
	}
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.State == StateDraft {
		return nil, &StateError{Poll: id, State: p.State, Op: "cast"}
	}
	c, err = newCounter(p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.counters[id] = c
	s.mu.Unlock()
	return c, nil
}

// fork returns a copy of c with its own scratch space, from c's pool;
// give it back with release.
func (c *counter) fork() *counter {
	if f, ok := c.pool.Get().(*counter); ok {
		return f
	}
	f := &counter{}
	*f = *c
	f.pool = nil
	f.gen = 0
	f.stamp = make([]uint64, len(c.opts))
	f.used = make([]int, len(c.opts))
	f.idx, f.cnt = nil, nil
	return f
}

func (c *counter) release(f *counter) { c.pool.Put(f) }

// Cast records voter's first ballot b in poll id and returns its receipt
// (version 1).
//
// The poll must be open and the clock within its window (*StateError); the
// voter must be on a non-empty eligibility list (ErrNotEligible); b must
// be valid under the rule (*BallotError). In a public poll the ballot is
// stored under the voter's id (b.ID is set to the voter id); in a secret
// poll b.Voter is dropped and b.ID is the voter's token: give one to be
// able to retry, or leave it empty for a fresh random token.
//
// A retry of the same ballot returns the first receipt (with its salt);
// a different second ballot is ErrAlreadyVoted, also when the rule allows
// changing one's vote: a change goes through Change, which names the
// version it replaces, so that a delayed retry of an old Cast can never
// revert a later change. Any error leaves the store unchanged.
func (s *Service) Cast(ctx context.Context, id PollID, voter VoterID, b Ballot) (Receipt, error) {
	return s.cast(ctx, id, voter, b, 1, false)
}

// Change replaces voter's ballot in a public poll whose rule allows
// changes (Rule.AllowChange) with b, and returns the new receipt. prev is
// the receipt of the ballot being replaced: the change applies only if the
// voter's stored ballot is still prev's version, so a delayed retry of an
// older Cast or Change is refused with ErrConflict instead of reverting a
// newer ballot. A retry of this Change returns its receipt. Otherwise
// Change checks what Cast checks; a poll that does not allow changes is
// ErrAlreadyVoted.
func (s *Service) Change(ctx context.Context, voter VoterID, prev Receipt, b Ballot) (Receipt, error) {
	if prev.Version < 1 {
		return Receipt{}, fmt.Errorf("%w: receipt of poll %s has no version", ErrConflict, prev.Poll)
	}
	if prev.Ballot != BallotID(voter) {
		return Receipt{}, &BallotError{Ballot: prev.Ballot, Reason: "the receipt is not this voter's"}
	}
	return s.cast(ctx, prev.Poll, voter, b, prev.Version+1, true)
}

// cast is Cast and Change: version is the version the ballot will have.
func (s *Service) cast(ctx context.Context, id PollID, voter VoterID, b Ballot, version int64, change bool) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	if voter == "" {
		return Receipt{}, fmt.Errorf("%w: no voter given", ErrNotEligible)
	}
	c, err := s.counter(ctx, id)
	if err != nil {
		return Receipt{}, err
	}
	e, err := s.entry(c, voter, b, s.now)
	if err != nil {
		return Receipt{}, err
	}
	if change {
		if c.poll.Secret || !c.poll.Rule.AllowChange {
			return Receipt{}, fmt.Errorf("%w: poll %s does not allow changing a ballot", ErrAlreadyVoted, id)
		}
		e.Replace = true
	}
	if version != 1 {
		e.Receipt.Version = version
		e.Receipt.Hash = e.Ballot.receiptHash(id, version, e.Receipt.Salt) // e.Ballot is canonical
	}
	return s.store.AppendBallot(ctx, e)
}

// entry checks a cast of b by voter in the compiled poll c (window,
// eligibility, content) and returns the Entry for the store, with a fresh
// salt and the receipt hash of version 1.
func (s *Service) entry(c *counter, voter VoterID, b Ballot, now func() time.Time) (Entry, error) {
	p := &c.poll
	id := p.ID
	if !p.Opens.IsZero() || !p.Closes.IsZero() {
		t := now()
		if !p.Opens.IsZero() && t.Before(p.Opens) {
			return Entry{}, &StateError{Poll: id, State: StateOpen, Op: "cast", Reason: "before the opening time"}
		}
		if !p.Closes.IsZero() && !t.Before(p.Closes) {
			return Entry{}, &StateError{Poll: id, State: StateOpen, Op: "cast", Reason: "after the closing time"}
		}
	}
	if b.Voter != "" && b.Voter != voter {
		return Entry{}, &BallotError{Ballot: b.ID, Reason: "the ballot names another voter"}
	}
	// One read gives the salt and, in a secret poll without a token, the
	// token.
	var rnd [2 * saltBytes]byte
	need := rnd[:saltBytes]
	if p.Secret && b.ID == "" {
		need = rnd[:]
	}
	if err := s.fill(need); err != nil {
		return Entry{}, err
	}
	if p.Secret {
		b.Voter = ""
		if b.ID == "" {
			var tok [2 * saltBytes]byte
			hex.Encode(tok[:], rnd[saltBytes:])
			b.ID = BallotID(tok[:])
		}
	} else {
		b.Voter = voter
		b.ID = BallotID(voter)
	}
	hint := int32(-1) // the voter's position in the eligibility list
	if c.roll != nil {
		i, ok := c.roll.position(voter)
		if !ok {
			return Entry{}, fmt.Errorf("%w: %q in poll %s", ErrNotEligible, voter, id)
		}
		hint = int32(i)
	}
	f := c.fork()
	rej := f.checkContent(&b)
	c.release(f)
	if rej != nil {
		return Entry{}, &BallotError{Ballot: b.ID, Option: rej.Option, Reason: rej.Reason}
	}
	b = b.Canonical()
	// The salt and the hash share one allocation.
	var out [2*saltBytes + 2*sha256.Size]byte
	hex.Encode(out[:2*saltBytes], rnd[:saltBytes])
	b.receiptHexRaw(out[2*saltBytes:], id, 1, (*[saltBytes]byte)(rnd[:saltBytes]))
	both := string(out[:])
	r := Receipt{Poll: id, Ballot: b.ID, Version: 1, Salt: both[:2*saltBytes], Hash: both[2*saltBytes:]}
	return Entry{Poll: id, Voter: voter, Ballot: b, Receipt: r, Secret: p.Secret, hint: hint + 1, rcpt: both}, nil
}

// saltBytes is the length of a receipt salt and of a secret ballot token.
const saltBytes = 16

// fill fills dst with unpredictable bytes: from Options.Rand if set, else
// from a ChaCha8 generator (math/rand/v2's cryptographically strong one)
// seeded from crypto/rand, one per concurrent caster, which spares a
// system call per cast.
func (s *Service) fill(dst []byte) error {
	if s.rand == nil {
		g, _ := s.csprng.Get().(*mrand.ChaCha8)
		if g == nil {
			var seed [32]byte
			if _, err := rand.Read(seed[:]); err != nil {
				return fmt.Errorf("vote: reading randomness: %w", err)
			}
			g = mrand.NewChaCha8(seed)
		}
		_, _ = g.Read(dst) // never fails
		s.csprng.Put(g)
		return nil
	}
	s.randMu.Lock()
	err := s.randBuf.take(s.rand, dst)
	s.randMu.Unlock()
	if err != nil {
		return fmt.Errorf("vote: reading randomness: %w", err)
	}
	return nil
}

// randBuffer holds bytes read ahead from an Options.Rand, so that a
// Service reads it once per randBatch bytes (32 salts) instead of once per
// ballot. Bytes are handed out once, in the order read, and cleared when
// taken.
type randBuffer struct {
	buf        [randBatch]byte
	start, end int // buf[start:end] is unused
}

// randBatch is how many bytes a Service reads from Options.Rand at once.
const randBatch = 32 * saltBytes

// take fills dst (at most randBatch bytes) from b, reading from r when b
// holds too few.
func (b *randBuffer) take(r io.Reader, dst []byte) error {
	if b.end-b.start < len(dst) {
		n := copy(b.buf[:], b.buf[b.start:b.end])
		clear(b.buf[n:b.end])
		b.start, b.end = 0, n
		got, err := io.ReadAtLeast(r, b.buf[n:], len(dst)-n)
		b.end += got
		if err != nil {
			return err
		}
	}
	copy(dst, b.buf[b.start:b.end])
	clear(b.buf[b.start : b.start+len(dst)])
	b.start += len(dst)
	return nil
}

// Close stops a poll accepting ballots and fixes its ballot count and
// audit digest. Closing a closed poll whose digest is missing (an earlier
// Close was interrupted) completes it.
func (s *Service) Close(ctx context.Context, id PollID) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	if p.State == StateOpen {
		if p, err = s.transition(ctx, id, "close", StateOpen, StateClosed, nil); err != nil {
			return Poll{}, err
		}
	} else if p.State != StateClosed || p.Digest != "" {
		return Poll{}, &StateError{Poll: id, State: p.State, Op: "close"}
	}
	s.mu.Lock()
	delete(s.counters, id) // no more casts: free the compiled poll
	s.mu.Unlock()
	d, n, err := Digest(p, s.store.Ballots(ctx, id))
	if err != nil {
		return Poll{}, err
	}
	var voted int64 // the participation marks: 投票人数
	for _, err := range s.store.Participants(ctx, id) {
		if err != nil {
			return Poll{}, err
		}
		voted++
	}
	p.Digest, p.Count, p.Voted = d, n, voted
	v, err := s.store.UpdatePoll(ctx, p)
	if err != nil {
		return Poll{}, fmt.Errorf("vote: close poll %s: %w", id, err)
	}
	p.Version = v
	return p, nil
}

// Tally counts a closed poll, records the result and marks it tallied.
// The ballots are streamed from the store once; their digest must equal
// the one fixed at close (ErrDigestMismatch otherwise: the store was
// altered).
func (s *Service) Tally(ctx context.Context, id PollID) (Result, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if p.State != StateClosed || p.Digest == "" {
		return Result{}, &StateError{Poll: id, State: p.State, Op: "tally"}
	}
	res, digest, err := TallyAudited(p, s.store.Ballots(ctx, id))
	if err != nil {
		return Result{}, s.mismatchOr(ctx, p, err)
	}
	if digest != p.Digest {
		return Result{}, fmt.Errorf("%w: poll %s closed with %s, ballots now give %s", ErrDigestMismatch, id, p.Digest, digest)
	}
	p.Result = &res
	p.State = StateTallied
	p.Publicity = publicityAt(p.Rule, s.now())
	if _, err := s.store.UpdatePoll(ctx, p); err != nil {
		return Result{}, fmt.Errorf("vote: tally poll %s: %w", id, err)
	}
	return res.clone(), nil
}

// mismatchOr explains a count of closed poll p that failed with err: if
// the stored ballots and roll no longer give p's digest (a voter removed
// from the roll makes their ballot ineligible), the failure is
// ErrDigestMismatch; otherwise err.
func (s *Service) mismatchOr(ctx context.Context, p Poll, err error) error {
	if ctx.Err() != nil {
		return err
	}
	if d, _, derr := Digest(p, s.store.Ballots(ctx, p.ID)); derr == nil && d != p.Digest {
		return fmt.Errorf("%w: poll %s closed with %s, ballots and roll now give %s (%v)", ErrDigestMismatch, p.ID, p.Digest, d, err)
	}
	return err
}

// TallyAudited is TallySeq that also computes the digest of the ballots
// (see Digest) in the same pass and records it in the result. The ballots
// must come in canonical order.
func TallyAudited(p Poll, ballots iter.Seq2[Ballot, error]) (Result, string, error) {
	d := newDigester(p)
	var derr error
	res, err := TallySeq(p, func(yield func(Ballot, error) bool) {
		for b, err := range ballots {
			if err == nil {
				if derr = d.add(b); derr != nil {
					return
				}
			}
			if !yield(b, err) {
				return
			}
		}
	})
	if err == nil {
		err = derr
	}
	if err != nil {
		return Result{}, "", err
	}
	res.Digest = d.sum()
	return res, res.Digest, nil
}

// Verify checks a voter's receipt against the stored ballot and the salt
// stored with it: nil if the ballot is there unchanged, ErrNotFound if no
// ballot has the receipt's id, and ErrDigestMismatch if the receipt does
// not match (wrong salt, version or content, or a ballot altered in the
// store). The error never shows what is stored, and without the secret
// salt no made-up receipt matches, so Verify reveals nothing about a
// ballot to someone who does not hold its receipt.
func (s *Service) Verify(ctx context.Context, r Receipt) error {
	b, stored, err := s.store.Ballot(ctx, r.Poll, r.Ballot)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("vote: receipt for ballot %q of poll %s: %w", r.Ballot, r.Poll, err)
		}
		return err
	}
	if !r.matches(b, stored) {
		return fmt.Errorf("%w: ballot %q of poll %s does not match the receipt", ErrDigestMismatch, r.Ballot, r.Poll)
	}
	return nil
}

// Poll returns the stored poll.
func (s *Service) Poll(ctx context.Context, id PollID) (Poll, error) {
	return s.store.Poll(ctx, id)
}

// Ballots streams the poll's published ballots in canonical order, once
// it is closed (a *StateError before).
func (s *Service) Ballots(ctx context.Context, id PollID) iter.Seq2[Ballot, error] {
	return func(yield func(Ballot, error) bool) {
		p, err := s.store.Poll(ctx, id)
		if err != nil {
			yield(Ballot{}, err)
			return
		}
		if p.State != StateClosed && p.State != StateTallied {
			yield(Ballot{}, &StateError{Poll: id, State: p.State, Op: "publish ballots"})
			return
		}
		for b, err := range s.store.Ballots(ctx, id) {
			if !yield(b, err) {
				return
			}
		}
	}
}

// Audit re-counts a tallied poll from the stored ballots and checks that
// both the digest and the result are the ones recorded. It returns nil if
// they are, an error wrapping ErrDigestMismatch if not, and a *StateError
// for a poll not yet tallied.
func (s *Service) Audit(ctx context.Context, id PollID) error {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return err
	}
	if p.State != StateTallied || p.Result == nil {
		return &StateError{Poll: id, State: p.State, Op: "audit"}
	}
	res, digest, err := TallyAudited(p, s.store.Ballots(ctx, id))
	if err != nil {
		return s.mismatchOr(ctx, p, err)
	}
	if digest != p.Digest {
		return fmt.Errorf("%w: poll %s closed with %s, ballots now give %s", ErrDigestMismatch, id, p.Digest, digest)
	}
	want, err := json.Marshal(p.Result)
	if err != nil {
		return err
	}
	got, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if !bytes.Equal(want, got) {
		return fmt.Errorf("%w: poll %s: re-counting gives a different result", ErrDigestMismatch, id)
	}
	return nil
}

// Participants streams the voters who cast a ballot in the poll, in id
// order (the sign-in list; in a secret poll it says who voted, never how).
func (s *Service) Participants(ctx context.Context, id PollID) iter.Seq2[VoterID, error] {
	return s.store.Participants(ctx, id)
}
