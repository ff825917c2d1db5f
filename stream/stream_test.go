package stream

import (
	"context"
	"errors"
	"testing"
)

func TestPipe(t *testing.T) {
	t.Run("hands every record over in order", func(t *testing.T) {
		var got []int
		err := Pipe(context.Background(), func(emit func(int) bool) {
			for i := range 1000 {
				if !emit(i) {
					return
				}
			}
		}, func(i int) error { got = append(got, i); return nil })
		if err != nil || len(got) != 1000 || got[999] != 999 {
			t.Fatalf("%d records, err %v", len(got), err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("record %d is %d", i, v)
			}
		}
	})
	t.Run("stops the producer at the consumer's first error", func(t *testing.T) {
		boom := errors.New("boom")
		produced := 0
		err := Pipe(context.Background(), func(emit func(int) bool) {
			for i := 0; ; i++ {
				produced++
				if !emit(i) {
					return
				}
			}
		}, func(i int) error {
			if i == 10 {
				return boom
			}
			return nil
		})
		if !errors.Is(err, boom) || produced > 10000 {
			t.Errorf("err %v after %d produced", err, produced)
		}
	})
	t.Run("stops when the context ends", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		err := Pipe(ctx, func(emit func(int) bool) {
			for i := 0; ; i++ {
				if !emit(i) {
					return
				}
			}
		}, func(i int) error {
			if i == 5 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v", err)
		}
	})
}
