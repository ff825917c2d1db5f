package db

import (
	"errors"
	"slices"
	"testing"
)

// inChunks hands every value once, in order, in pieces no longer than inListChunk,
// and stops at the first error.
func TestInChunks(t *testing.T) {
	list := make([]int, 2*inListChunk+201)
	for i := range list {
		list[i] = i
	}
	var sizes []int
	var got []int
	if err := inChunks(list, func(c []int) error { sizes, got = append(sizes, len(c)), append(got, c...); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, list) || !slices.Equal(sizes, []int{inListChunk, inListChunk, 201}) {
		t.Errorf("pieces of %v; %d values handed, in order: %v", sizes, len(got), slices.Equal(got, list))
	}
	stop := errors.New("stop")
	calls := 0
	if err := inChunks(list, func([]int) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("after an error: %v, %d calls", err, calls)
	}
	if err := inChunks[int](nil, func([]int) error { t.Error("called on nothing"); return nil }); err != nil {
		t.Error(err)
	}
}
