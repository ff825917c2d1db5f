package reports

import (
	"errors"
)

// pipeBatch is how many rows cross from the reading goroutine to the writing one at
// a time: enough to make the hand-over cheap, few enough to stay small in memory.
const pipeBatch = 512

// errStopped ends the reading side when the writing side has failed.
var errStopped = errors.New("stopped")

// pipe streams rows from each (the database side) to write (the sheet side) with
// the two in their own goroutines, so SQLite and the XML writer of a long sheet run
// on two cores at once instead of taking turns. each reuses its row between calls,
// so rows are copied into batches; the batches are reused too, so write must not
// keep its row after it returns. Errors from either side are returned; a failed
// write stops the reading.
func pipe[T any](each func(func(*T) error) error, write func(*T) error) error {
	ch := make(chan []T, 4)
	// Written batches come back to the reader to be filled again: a million rows
	// would otherwise allocate a new batch (hundreds of KB) every 512 rows.
	free := make(chan []T, cap(ch)+2)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(ch)
		buf := make([]T, 0, pipeBatch)
		send := func() error {
			select {
			case ch <- buf:
				select {
				case buf = <-free:
					buf = buf[:0]
				default:
					buf = make([]T, 0, pipeBatch)
				}
				return nil
			case <-stop:
				return errStopped
			}
		}
		readErr = each(func(r *T) error {
			buf = append(buf, *r)
			if len(buf) == pipeBatch {
				return send()
			}
			return nil
		})
		if readErr == nil && len(buf) > 0 {
			readErr = send()
		}
	}()
	var writeErr error
	for rows := range ch {
		for i := 0; writeErr == nil && i < len(rows); i++ {
			if writeErr = write(&rows[i]); writeErr != nil {
				close(stop) // the reader stops at its next batch; the loop drains what is queued
			}
		}
		select {
		case free <- rows:
		default:
		}
	}
	if writeErr != nil {
		return writeErr
	}
	return readErr
}
