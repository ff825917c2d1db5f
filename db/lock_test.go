//go:build unix

package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestMain lets the test binary play a second ChapterDesk that holds a file and is
// killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("CHAPTERDESK_HOLD_DB"); path != "" {
		s, err := db.Open(context.Background(), path, db.Options{})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		defer s.Close()
		fmt.Println("holding")
		select {} // until killed
	}
	os.Exit(m.Run())
}

func TestOneWriter(t *testing.T) {
	ctx := context.Background()

	t.Run("a second writer is told the file is in use, and who has it", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "chapter.db")
		first, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Open(ctx, path, db.Options{})
		if !errors.Is(err, db.ErrInUse) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
			t.Errorf("second open: %v", err)
		}
		t.Run("while a reader may still look", func(t *testing.T) {
			r, err := db.Open(ctx, path, db.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			r.Close()
		})
		first.Close()
		again, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("after the first closed: %v", err)
		}
		again.Close()
	})

	t.Run("a writer that crashed does not lock the lead out", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "chapter.db")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "CHAPTERDESK_HOLD_DB="+path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 64)
		n, _ := out.Read(buf)
		if !strings.HasPrefix(string(buf[:n]), "holding") {
			t.Fatalf("the holder said %q", buf[:n])
		}
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrInUse) {
			t.Errorf("while held: %v", err)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("after the holder was killed: %v", err)
		}
		s.Close()
	})
}
