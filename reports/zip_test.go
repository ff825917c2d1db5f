package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

// Entries of every size around the chunk boundaries read back whole, CRC checked,
// through the standard library's zip reader.
func TestParallelZipReadsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, deflateChunk - 1, deflateChunk, deflateChunk + 1, 5*deflateChunk + 12345}
	want := map[string][]byte{}
	var out bytes.Buffer
	z := newParallelZip(&out)
	for i, n := range sizes {
		data := make([]byte, n)
		for j := range data { // half repetitive XML-like text, half noise
			if j%2048 < 1024 {
				const xml = `<c r="A1"><v>42</v></c>`
				data[j] = xml[j%len(xml)]
			} else {
				data[j] = byte(rng.IntN(256))
			}
		}
		name := "part" + strconv.Itoa(i) + ".xml"
		want[name] = data
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 { // as io.Copy from a file does: ReadFrom, in odd read sizes
			if _, err := io.Copy(w, &oddReader{data: data, rng: rng}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		for len(data) > 0 { // odd write sizes, as io.Copy's are not
			k := min(len(data), 1+rng.IntN(100_000))
			if _, err := w.Write(data[:k]); err != nil {
				t.Fatal(err)
			}
			data = data[k:]
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) != len(sizes) {
		t.Fatalf("%d entries, want %d", len(r.File), len(sizes))
	}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC at the end
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got, want[f.Name]) {
			t.Errorf("%s: %d bytes back, want %d", f.Name, len(got), len(want[f.Name]))
		}
		if f.Method != zip.Deflate || f.UncompressedSize64 != uint64(len(got)) {
			t.Errorf("%s: method %d, size %d", f.Name, f.Method, f.UncompressedSize64)
		}
	}
}

// oddReader hands out its data a random number of bytes at a time.
type oddReader struct {
	data []byte
	rng  *rand.Rand
}

func (r *oddReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 1+r.rng.IntN(300_000))], r.data)
	r.data = r.data[n:]
	return n, nil
}
