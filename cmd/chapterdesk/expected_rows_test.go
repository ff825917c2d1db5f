package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExpectedRows: the estimate of a file's rows comes from its size and its first
// 64 KiB: near for a big file (its first rows are shorter here), exact for a small one, and 0 for what is not a file.
func TestExpectedRows(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines int) *os.File {
		var b strings.Builder
		b.WriteString("first_name,last_name,email\n")
		for i := range lines {
			fmt.Fprintf(&b, "Ana%d,Souza,ana%d@example.org\n", i, i)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	if got := expectedRows(write("small.csv", 99)); got != 100 {
		t.Errorf("100 lines: %d", got)
	}
	big := write("big.csv", 200_000)
	if got := expectedRows(big); got < 180_000 || got > 230_000 {
		t.Errorf("200,001 lines: %d", got)
	}
	if got := expectedRows(&progressReader{r: big}); got < 180_000 || got > 230_000 {
		t.Errorf("200,001 lines read with progress: %d", got)
	}
	if pos, _ := big.Seek(0, 1); pos != 0 {
		t.Errorf("the estimate moved the reader to %d", pos)
	}
	if got := expectedRows(strings.NewReader("a\nb\n")); got != 0 {
		t.Errorf("not a file: %d", got)
	}
}
