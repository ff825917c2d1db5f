// Package stream moves records from a producer goroutine to a consumer in batches, so
// that Go-side work (generating, parsing, checking rows) and SQLite writes use both
// cores of a laptop.
package stream

import "context"

// Pipe runs produce on its own goroutine and consume on this one, in batches, so
// drawing records (Go) and writing them (SQLite) use both cores. produce stops when
// emit returns false (consume failed or ctx ended); Pipe returns the first error.
// consume is handed each record where it lies in its batch, which is never reused: a
// record of a few hundred bytes copied into consume's argument escaped to the heap,
// one allocation per row (264 MB over a million call reports).
func Pipe[T any](ctx context.Context, produce func(emit func(T) bool), consume func(*T) error) error {
	return pipe(ctx, produce, consume, false)
}

// PipeReusing is Pipe for a consume that keeps nothing of a record past its call (it
// copies what it keeps): a batch consumed is cleared and filled again, where Pipe
// allocates each batch anew (264 MB over a million call reports, for the collector
// to sweep).
func PipeReusing[T any](ctx context.Context, produce func(emit func(T) bool), consume func(*T) error) error {
	return pipe(ctx, produce, consume, true)
}

func pipe[T any](ctx context.Context, produce func(emit func(T) bool), consume func(*T) error, reuse bool) error {
	const batch, ahead = 256, 8
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []T, ahead)
	var free chan []T // consumed batches, when reused
	if reuse {
		free = make(chan []T, ahead+2)
	}
	fresh := func() []T {
		select {
		case b := <-free: // a nil channel is never ready
			return b
		default:
			return make([]T, 0, batch)
		}
	}
	go func() {
		defer close(batches)
		buf := fresh()
		produce(func(rec T) bool {
			buf = append(buf, rec)
			if len(buf) < batch {
				return true
			}
			select {
			case batches <- buf:
				buf = fresh()
				return true
			case <-ctx.Done():
				return false
			}
		})
		select {
		case batches <- buf:
		case <-ctx.Done():
		}
	}()
	for b := range batches {
		for i := range b {
			if err := consume(&b[i]); err != nil {
				cancel()
				for range batches { // let the producer see the cancel and finish
				}
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			cancel()
			for range batches {
			}
			return err
		}
		if reuse {
			clear(b) // no strings kept alive by a batch waiting to be filled
			select {
			case free <- b[:0]:
			default:
			}
		}
	}
	return ctx.Err()
}
