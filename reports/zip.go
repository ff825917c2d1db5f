package reports

import (
	"archive/zip"
	"bytes"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// deflateChunk is how much of a zip entry one goroutine compresses at a time.
const deflateChunk = 1 << 20

// parallelZip is the zip writer excelize saves the workbook through. excelize
// writes the parts one after the other, the streamed sheets last, by copying each
// sheet's temporary file into its entry; that single-threaded deflate is a few
// seconds for a million-row call log. Here each entry is cut into 1 MB chunks
// compressed by up to GOMAXPROCS goroutines at once (flate.BestSpeed) and written
// in order: every chunk but the last ends with a sync flush, which leaves the
// stream byte-aligned and unfinished, so the pieces join into one deflate stream
// (as pigz does). The CRC and sizes go in the data descriptor after the data.
type parallelZip struct {
	zw   *zip.Writer
	open *chunkedDeflate // the entry being written, finished by the next Create or Close
}

func newParallelZip(w io.Writer) *parallelZip { return &parallelZip{zw: zip.NewWriter(w)} }

// Create starts an entry as zip.Writer.Create does: deflated, no time, a data
// descriptor, the UTF-8 flag only for a name that needs it.
func (z *parallelZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20, Flags: 0x8}
	if !isASCII(name) && utf8.ValidString(name) {
		fh.Flags |= 0x800
	}
	w, err := z.zw.CreateRaw(fh)
	if err != nil {
		return nil, err
	}
	z.open = &chunkedDeflate{out: w, fh: fh, crc: crc32.NewIEEE(), buf: chunks.Get().(*[]byte)}
	return z.open, nil
}

func (z *parallelZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *parallelZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *parallelZip) finish() error {
	if z.open == nil {
		return nil
	}
	d := z.open
	z.open = nil
	return d.finish()
}

// chunkedDeflate compresses one zip entry in chunks, several at once.
type chunkedDeflate struct {
	out     io.Writer
	fh      *zip.FileHeader
	crc     hash.Hash32
	buf     *[]byte // the chunk being filled
	pending []chan compressed
	raw     uint64
	comp    uint64
	err     error
}

type compressed struct {
	data *bytes.Buffer
	err  error
}

func (d *chunkedDeflate) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n := len(p)
	d.crc.Write(p)
	d.raw += uint64(n)
	for len(p) > 0 {
		b := *d.buf
		k := copy(b[len(b):cap(b)], p)
		*d.buf, p = b[:len(b)+k], p[k:]
		if len(b)+k == cap(b) {
			if err := d.dispatch(false); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// ReadFrom reads r to its end into the entry, straight into the chunk being filled:
// io.Copy uses it for excelize's streamed sheets, which it reads back from temporary
// files, so each megabyte is read in one call instead of 32 and copied once less.
func (d *chunkedDeflate) ReadFrom(r io.Reader) (int64, error) {
	var total int64
	for d.err == nil {
		b := *d.buf
		n, err := r.Read(b[len(b):cap(b)])
		if n > 0 {
			d.crc.Write(b[len(b) : len(b)+n])
			d.raw += uint64(n)
			total += int64(n)
			*d.buf = b[:len(b)+n]
			if len(b)+n == cap(b) {
				if err := d.dispatch(false); err != nil {
					return total, err
				}
			}
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
	return total, d.err
}

// dispatch hands the filled chunk to a goroutine and writes out the oldest
// results while too many are in flight (all of them after the last chunk).
func (d *chunkedDeflate) dispatch(last bool) error {
	chunk := d.buf
	d.buf = nil
	if !last {
		d.buf = chunks.Get().(*[]byte)
	}
	done := make(chan compressed, 1)
	go func() {
		done <- deflate(*chunk, last)
		*chunk = (*chunk)[:0]
		chunks.Put(chunk)
	}()
	d.pending = append(d.pending, done)
	for len(d.pending) > runtime.GOMAXPROCS(0) || last && len(d.pending) > 0 {
		r := <-d.pending[0]
		d.pending = d.pending[1:]
		if r.err == nil {
			var n int64
			n, r.err = r.data.WriteTo(d.out)
			d.comp += uint64(n)
			buffers.Put(r.data)
		}
		if r.err != nil && d.err == nil {
			d.err = r.err
		}
	}
	return d.err
}

// finish compresses what is left, ending the stream, and fills in the header.
func (d *chunkedDeflate) finish() error {
	if err := d.dispatch(true); err != nil {
		return err
	}
	fh := d.fh
	fh.CRC32, fh.UncompressedSize64, fh.CompressedSize64 = d.crc.Sum32(), d.raw, d.comp
	// The 32-bit sizes are what zip.Writer puts in the data descriptor and the
	// central directory of an entry under 4 GB, as its own fileWriter.close sets them.
	small := fh.UncompressedSize64 < 1<<32-1 && fh.CompressedSize64 < 1<<32-1
	sizes := [2]uint32{1<<32 - 1, 1<<32 - 1}
	if small {
		sizes = [2]uint32{uint32(fh.CompressedSize64), uint32(fh.UncompressedSize64)}
	} else {
		fh.ReaderVersion = 45
	}
	//lint:ignore SA1019 zip.Writer reads the 32-bit sizes of a raw entry from the header.
	fh.CompressedSize, fh.UncompressedSize = sizes[0], sizes[1]
	return nil
}

var (
	chunks = sync.Pool{New: func() any {
		b := make([]byte, 0, deflateChunk)
		return &b
	}}
	buffers  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	deflates = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
		return w
	}}
)

// deflate compresses one chunk: a sync flush ends all but the last, Close the last.
func deflate(chunk []byte, last bool) compressed {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	w := deflates.Get().(*flate.Writer)
	defer deflates.Put(w)
	w.Reset(buf)
	if _, err := w.Write(chunk); err != nil {
		return compressed{err: err}
	}
	var err error
	if last {
		err = w.Close()
	} else {
		err = w.Flush()
	}
	return compressed{data: buf, err: err}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
