package stream

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
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
		}, func(i *int) error { got = append(got, *i); return nil })
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
		}, func(i *int) error {
			if *i == 10 {
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
		}, func(i *int) error {
			if *i == 5 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v", err)
		}
	})
}

// TestPipeReusing: a batch is filled again only once consumed, so every record
// arrives whole and in order though the batches are used again and again.
func TestPipeReusing(t *testing.T) {
	type rec struct {
		n    int
		text string
	}
	var got []rec
	err := PipeReusing(context.Background(), func(emit func(rec) bool) {
		for i := range 100_000 {
			if !emit(rec{i, fmt.Sprint("row ", i)}) {
				return
			}
		}
	}, func(r *rec) error {
		got = append(got, *r) // a copy: the batch is used again
		return nil
	})
	if err != nil || len(got) != 100_000 {
		t.Fatalf("%d records, err %v", len(got), err)
	}
	for i, r := range got {
		if r.n != i || r.text != fmt.Sprint("row ", i) {
			t.Fatalf("record %d is %+v", i, r)
		}
	}
}

func TestProgress(t *testing.T) {
	if ProgressFrom(context.Background()) != nil {
		t.Error("a bare context carries a Progress")
	}
	var got [][2]int64
	ctx := WithProgress(context.Background(), func(done, total int64) { got = append(got, [2]int64{done, total}) })
	p := Throttle(ProgressFrom(ctx), time.Hour)
	for i := int64(1); i <= 1000; i++ {
		p(i, 1000)
	}
	// The first report goes through, the rest wait for the hour, except the last.
	if want := [][2]int64{{1, 1000}, {1000, 1000}}; !reflect.DeepEqual(got, want) {
		t.Errorf("reports %v, want %v", got, want)
	}
	if Throttle(nil, time.Second) != nil {
		t.Error("Throttle(nil) is not nil")
	}
}
