package db_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestGuardQueries(t *testing.T) {
	var calls atomic.Int64
	db.GuardQueries(func() { calls.Add(1) })
	s := dbtest.Open(t) // opened after: its pools go through the guard
	before := calls.Load()
	if _, err := s.CreateVolunteer(context.Background(), db.NewVolunteer("Ana", "Souza")); err != nil {
		t.Fatal(err)
	}
	rows, err := s.SearchVolunteers(context.Background(), "ana", 5)
	if err != nil || len(rows) != 1 {
		t.Fatalf("search through the guard: %v, %v", rows, err)
	}
	if calls.Load() <= before {
		t.Error("the guard was not called for a write and a search")
	}
}
