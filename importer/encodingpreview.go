package importer

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// EncodingSample is how the start of a file reads in one encoding: the first few
// values that hold letters beyond ASCII, where the encodings differ ("José Núñez" in
// UTF-8 is "JosÃ© NÃºÃ±ez" read as Windows-1252). The lead sees them before choosing.
type EncodingSample struct {
	// Encoding names the encoding as Options.Encoding takes it: "UTF-8",
	// "Windows-1252", "UTF-16LE" or "UTF-16BE".
	Encoding string
	// Values are up to maxEncodingValues distinct cells, as read in Encoding; bytes
	// that do not read in it show as U+FFFD "�".
	Values []string
	// Names: the values are names (from the columns mapped to a person's name); else
	// any cells that differ.
	Names bool
}

const (
	// encodingHead is how much of the start of a file the samples are read from.
	encodingHead = 64 << 10
	// maxEncodingValues is how many values a sample shows.
	maxEncodingValues = 4
	// maxValueRunes is where a long value is cut for the sample.
	maxValueRunes = 40
)

// nameFields are the fields that hold a person's name, whose values show the
// encoding best.
var nameFields = []format.Field{format.FirstName, format.LastName, format.FullName, format.Name,
	format.GivenName, format.FamilyName, format.CallerName}

// encodingSamples reads head, the start of a file detected as encoding detected, in
// each encoding the file could be in: UTF-8 and Windows-1252, the detected one first.
// A file in UTF-16 has one reading (its NULs rule out the others).
func encodingSamples(head []byte, detected string, m format.Mapping) []EncodingSample {
	choices := []string{"UTF-8", "Windows-1252"}
	switch {
	case strings.HasPrefix(detected, "UTF-16"):
		choices = []string{detected}
	case detected == "Windows-1252":
		choices = []string{"Windows-1252", "UTF-8"}
	case detected == "Mac Roman":
		choices = []string{"Mac Roman", "Windows-1252", "UTF-8"}
	}
	var nameCols []int
	for _, f := range nameFields {
		if i, ok := m.Columns[f]; ok {
			nameCols = append(nameCols, i)
		}
	}
	out := make([]EncodingSample, 0, len(choices))
	for _, enc := range choices {
		out = append(out, sampleIn(head, enc, nameCols))
	}
	return out
}

// sampleIn reads the rows of head in enc, keeping the first values beyond ASCII:
// those in the name columns if any hold such a value, else any.
func sampleIn(head []byte, enc string, nameCols []int) EncodingSample {
	s := EncodingSample{Encoding: enc}
	r, err := csvfile.NewReader(bytes.NewReader(head), csvfile.Options{Encoding: enc})
	if err != nil {
		return s
	}
	var names, others []string
	keep := func(list *[]string, v string) {
		v = strings.ToValidUTF8(strings.Join(strings.Fields(v), " "), "\uFFFD")
		if utf8.RuneCountInString(v) > maxValueRunes {
			v = string([]rune(v)[:maxValueRunes]) + "…"
		}
		if len(*list) < maxEncodingValues && !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	for len(names) < maxEncodingValues {
		row, err := r.Next()
		var pe *csvfile.Error
		if err == io.EOF || (err != nil && (!errors.As(err, &pe) || pe.Fatal)) {
			break // the end of head may cut a row: what came before is enough
		}
		for i, v := range row.Cells {
			if isASCII(v) {
				continue
			}
			if slices.Contains(nameCols, i) {
				keep(&names, v)
			} else {
				keep(&others, v)
			}
		}
	}
	s.Values, s.Names = others, false
	if len(names) > 0 {
		s.Values, s.Names = names, true
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
