// Package keyset streams query results a page at a time in key order
// (keyset pagination), the way the storage adapters read long results: a
// page is read after the last key of the one before, and a page shorter
// than the page size is the last. It imports no database driver: a page is
// whatever the adapter's next function reads, and next keeps its own
// cursor (the last key it returned).
package keyset

import (
	"context"
	"errors"
	"iter"
)

// Next reads the page after the one it returned last (the first page on
// its first call). A page shorter than the stream's size, an empty one
// included, is the last.
type Next[T any] func(ctx context.Context) ([]T, error)

// Pages yields the items of the pages next reads, one page after another,
// until a short page. An error of ctx before the first read, or of next,
// is yielded and ends the stream. Memory holds one page.
func Pages[T any](ctx context.Context, size int, next Next[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := ctx.Err(); err != nil {
			yield(zero, err)
			return
		}
		for {
			page, err := next(ctx)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, v := range page {
				if !yield(v, nil) {
					return
				}
			}
			if len(page) < size {
				return
			}
		}
	}
}

// Prefetch is Pages with the next page read (and decoded, if next decodes)
// in a goroutine while the consumer works through the current one, so
// memory holds two pages. next runs on that goroutine, one call at a time.
// When the consumer stops early the goroutine is cancelled and waited for
// before the stream returns, so no read outlives it (a database connection
// is given back). A stream cut short by ctx ends with ctx's error.
func Prefetch[T any](ctx context.Context, size int, next Next[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := ctx.Err(); err != nil {
			yield(zero, err)
			return
		}
		type page struct {
			items []T
			err   error
		}
		pages := make(chan page, 1)
		fetchCtx, cancel := context.WithCancel(ctx)
		go func() {
			defer close(pages)
			for {
				items, err := next(fetchCtx)
				select {
				case pages <- page{items, err}:
				case <-fetchCtx.Done():
					return
				}
				if err != nil || len(items) < size {
					return
				}
			}
		}()
		defer func() {
			cancel()
			for range pages { // wait for the fetcher to give its connection back
			}
		}()
		complete := false // the short last page arrived
		for pg := range pages {
			if pg.err != nil {
				yield(zero, pg.err)
				return
			}
			complete = len(pg.items) < size
			for _, v := range pg.items {
				if !yield(v, nil) {
					return
				}
			}
		}
		if !complete { // the fetcher stopped because ctx is done
			err := ctx.Err()
			if err == nil {
				err = errors.New("keyset: stream stopped early")
			}
			yield(zero, err)
		}
	}
}
