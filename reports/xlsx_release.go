package reports

import (
	"bytes"
	"os"
	"reflect"
	"unsafe"

	"github.com/xuri/excelize/v2"
)

// releaseStreamBuffer lets go of a flushed stream writer's empty in-memory buffer.
//
// excelize keeps a sheet's XML in a bytes.Buffer until it passes 16 MB, then moves
// it to a temporary file; the buffer is emptied but keeps its capacity (32 MB after
// its last doubling), and a flushed sheet's writer is kept until the workbook is
// saved. A call log of 3 million calls is three such sheets beside the roster: over
// 100 MB of empty buffers held to the end, above the report's soft memory limit, so
// the collector ran back to back (1,247 cycles for 3M calls). Once the sheet is on
// disk (a temporary file), its buffer holds nothing excelize will read again, and
// this swaps it for a new, empty one. A sheet that stayed in memory (no temporary
// file) is left alone: its buffer is the sheet.
//
// excelize has no exported way to do this, so it reaches into the writer's
// unexported rawData{tmp *os.File; buf bytes.Buffer} by reflection; if that shape
// changes it does nothing and reports false (TestReleaseStreamBuffer fails then).
func releaseStreamBuffer(sw *excelize.StreamWriter) bool {
	raw := reflect.ValueOf(sw).Elem().FieldByName("rawData")
	if !raw.IsValid() || raw.Kind() != reflect.Struct {
		return false
	}
	tmp, buf := raw.FieldByName("tmp"), raw.FieldByName("buf")
	if !tmp.IsValid() || tmp.Type() != reflect.TypeFor[*os.File]() ||
		!buf.IsValid() || buf.Type() != reflect.TypeFor[bytes.Buffer]() || !buf.CanAddr() {
		return false
	}
	if tmp.IsNil() {
		return true // the sheet is this buffer
	}
	b := (*bytes.Buffer)(unsafe.Pointer(buf.UnsafeAddr()))
	if b.Len() != 0 {
		return true // not flushed: keep what is still to be written
	}
	*b = bytes.Buffer{}
	return true
}
