package reports

import (
	"errors"
	"testing"
)

func TestPipe(t *testing.T) {
	each := func(n int, readErr error) func(func(*int) error) error {
		return func(fn func(*int) error) error {
			for i := range n {
				v := i
				if err := fn(&v); err != nil {
					return err
				}
			}
			return readErr
		}
	}
	t.Run("hands every row over in order", func(t *testing.T) {
		var got []int
		if err := pipe(each(20000, nil), func(v *int) error { got = append(got, *v); return nil }); err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("row %d is %d", i, v)
			}
		}
		if len(got) != 20000 {
			t.Errorf("%d rows", len(got))
		}
	})
	t.Run("stops the reader when a write fails", func(t *testing.T) {
		boom := errors.New("disk full")
		n := 0
		err := pipe(each(1_000_000, nil), func(*int) error { n++; return boom })
		if !errors.Is(err, boom) || n != 1 {
			t.Errorf("err %v after %d writes", err, n)
		}
	})
	t.Run("reports the reader's error", func(t *testing.T) {
		bad := errors.New("database is locked")
		if err := pipe(each(10, bad), func(*int) error { return nil }); !errors.Is(err, bad) {
			t.Errorf("err %v", err)
		}
	})
}
