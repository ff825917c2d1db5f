package ui

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// notInFile is the column choice of a field the file does not have.
const notInFile = "(not in this file)"

// fieldLabels name ChapterDesk's import fields (importer/format) as the lead knows
// them; a field not listed is shown by its name.
var fieldLabels = map[string]string{
	"external_id": "ID in the other system", "first_name": "First name", "last_name": "Last name",
	"full_name": "Full name", "email": "Email", "phone": "Phone", "mobile": "Mobile", "address1": "Address",
	"address2": "Address line 2", "city": "City", "state": "State", "zip": "Zip", "country": "Country", "senate_district": "Senate district",
	"house_district": "House district", "tags": "Tags", "languages": "Languages", "notes": "Notes",
	"joined_on": "Joined on", "do_not_call": "Do not call", "do_not_email": "Do not email",
	"do_not_contact": "Do not contact", "do_not_text": "Do not text", "email_opt_in": "Email opt-in", "text_opt_in": "Text opt-in",
	"ok_call": "May call (no: do not call)", "no_bulk_email": "No bulk email", "deceased": "Deceased",
	"in_trash": "In the trash", "contact_type": "Contact type (person or organization)",
	"recruiter_external_id": "Recruiter's ID", "status": "Status", "recruiter": "Recruiter's name",
	"skills": "Skills", "uuid": "ChapterDesk UUID", "recruiter_uuid": "Recruiter's ChapterDesk UUID",

	"openstates_id": "Open States ID", "name": "Name", "given_name": "Given name", "family_name": "Family name",
	"party": "Party", "chamber": "Chamber", "district": "District", "legislator_email": "Email",
	"capitol_address": "State House address", "capitol_phone": "State House phone", "capitol_fax": "State House fax",
	"district_address": "District office address", "district_phone": "District office phone",
	"district_fax": "District office fax", "url": "Web page", "image_url": "Photo",

	"called_at": "When called", "caller_name": "Caller's name", "caller_email": "Caller's email",
	"caller_town": "Caller's town", "legislator": "Legislator called", "office": "Office", "outcome": "Outcome",
	"stance_heard": "Stance heard", "call_notes": "Notes",
}

func fieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	l := strings.ReplaceAll(field, "_", " ")
	return strings.ToUpper(l[:min(1, len(l))]) + l[min(1, len(l)):]
}

// mappingForm is the wizard's file step: the file's format and encoding, and for
// every field of its kind a choice of the file's columns with a sample of what the
// first rows hold there. Preview stays disabled, with the reason by the field, until
// the fields the rows need have a column.
type mappingForm struct {
	file    ImportFile
	content fyne.CanvasObject
	columns map[string]*widget.Select
	samples map[string]*widget.Label
	reasons map[string]*widget.Label // under the first field of each need
	saveAs  *widget.Entry            // shown for a file no known export fits
	// encoding chooses how the file's text is read, the detected encoding first;
	// asRead shows the first accented values as the chosen encoding reads them.
	encoding *widget.Select
	asRead   *widget.Label
	missing  *widget.Label  // why Preview is disabled
	notRead  *widget.Label  // a plain spreadsheet's columns no field takes
	next     *widget.Button // set by the wizard
	options  *importOptions // the state, the campaign…, under the columns
}

func newMappingForm(f ImportFile) *mappingForm {
	m := &mappingForm{file: f, columns: map[string]*widget.Select{}, samples: map[string]*widget.Label{},
		reasons: map[string]*widget.Label{}}
	m.buildUI()
	return m
}

func (m *mappingForm) buildUI() {
	f := m.file
	options := []string{notInFile}
	for _, h := range f.Header {
		if !slices.Contains(options, h) {
			options = append(options, h)
		}
	}
	form := container.New(layout.NewFormLayout(), boldLow("ChapterDesk field"),
		container.NewGridWithColumns(2, boldLow("Column in your file"), boldLow("In the first rows")))
	for _, field := range f.Fields {
		sel := widget.NewSelect(options, nil)
		sel.PlaceHolder = notInFile
		if h, ok := f.Columns[field]; ok {
			sel.SetSelected(h)
		} else {
			sel.SetSelected(notInFile)
		}
		sel.OnChanged = func(string) { m.onColumnChanged(field) }
		sample := lowLabel("")
		sample.Wrapping = fyne.TextWrapOff
		sample.Truncation = fyne.TextTruncateEllipsis
		reason := widget.NewLabel("")
		reason.Importance = widget.DangerImportance
		reason.Wrapping = fyne.TextWrapWord
		reason.Hide()
		m.columns[field], m.samples[field], m.reasons[field] = sel, sample, reason
		name := widget.NewLabel(fieldLabel(field))
		if m.needed(field) {
			name.TextStyle.Bold = true
		}
		form.Add(name)
		form.Add(container.NewVBox(container.NewGridWithColumns(2, sel, sample), reason))
		m.showSample(field)
	}
	top := []fyne.CanvasObject{boldLabel(m.describeFile()), wrapped(m.explain())}
	if f.FormatID == plainFormat {
		m.notRead = wrapped("")
		top = append(top, m.notRead)
	}
	if enc := m.buildEncoding(); enc != nil {
		top = append(top, enc)
	}
	m.missing = widget.NewLabel("")
	m.missing.Importance = widget.DangerImportance
	m.missing.Wrapping = fyne.TextWrapWord
	m.missing.Hide()
	var bottom []fyne.CanvasObject
	if f.FormatID == "custom" || f.FormatID == plainFormat {
		m.saveAs = widget.NewEntry()
		m.saveAs.PlaceHolder = "e.g. Spring sign-up sheet (optional)"
		bottom = append(bottom, container.New(layout.NewFormLayout(), widget.NewLabel("Save this mapping as"), m.saveAs),
			lowLabel("Saved under a name, this mapping is used by itself for the next file with the same columns."))
	}
	m.options = newImportOptions(f)
	m.options.onChanged = m.check
	if m.options.content != nil {
		bottom = append(bottom, widget.NewSeparator(), m.options.content)
	}
	bottom = append(bottom, m.missing)
	m.content = container.NewBorder(container.NewVBox(top...), container.NewVBox(bottom...), nil, nil,
		container.NewVScroll(form))
}

// buildEncoding is the choice of the file's encoding, with the first accented values
// as each reads them, so that the lead sees "José" or "JosÃ©" before anything is
// written; nil when the file gives no choice.
func (m *mappingForm) buildEncoding() fyne.CanvasObject {
	if len(m.file.Encodings) == 0 {
		return nil
	}
	var names []string
	for _, e := range m.file.Encodings {
		names = append(names, e.Encoding)
	}
	m.asRead = lowLabel("")
	m.asRead.Wrapping = fyne.TextWrapOff
	m.asRead.Truncation = fyne.TextTruncateEllipsis
	m.encoding = widget.NewSelect(names, func(string) {
		m.onEncodingChanged()
		if m.missing != nil {
			m.check()
		}
	})
	if m.file.EncodingUndecided != "" {
		// Nothing chosen for the lead: the names as each encoding reads them decide.
		m.encoding.PlaceHolder = "Choose: the one whose names read right"
		m.asRead.SetText(m.file.EncodingUndecided)
		m.asRead.Wrapping, m.asRead.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
		m.asRead.Importance = widget.DangerImportance
	} else {
		m.encoding.SetSelectedIndex(0)
	}
	if len(names) == 1 {
		m.encoding.Disable()
	}
	return container.New(layout.NewFormLayout(), widget.NewLabel("Encoding"),
		container.NewBorder(nil, nil, m.encoding, nil, m.asRead))
}

// onEncodingChanged shows the first accented values as the chosen encoding reads them.
func (m *mappingForm) onEncodingChanged() {
	i := m.encoding.SelectedIndex()
	if i < 0 {
		return
	}
	e := m.file.Encodings[i]
	m.asRead.Importance = widget.LowImportance // not the reason an undecided file gave
	switch {
	case len(e.Values) == 0:
		m.asRead.SetText("No accented letters in the first rows: the encodings read them alike.")
	case e.Names:
		m.asRead.SetText("Names as read: " + strings.Join(e.Values, ", "))
	default:
		m.asRead.SetText("Accented text as read: " + strings.Join(e.Values, ", "))
	}
}

// chosenEncoding is the encoding the lead chose, "" for the detected one. Call it
// on the UI goroutine.
func (m *mappingForm) chosenEncoding() string {
	if m.encoding == nil || m.encoding.SelectedIndex() < 0 || m.encoding.SelectedIndex() == 0 && m.file.EncodingUndecided == "" {
		return ""
	}
	return m.encoding.Selected
}

func boldLow(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.LowImportance
	return l
}

// plainFormat is the FormatID of a spreadsheet whose columns were guessed from their
// names (importer/format's PlainID; ui does not import the importer).
const plainFormat = "plain"

// describeFile says what the file is: "people.csv: NationBuilder people export,
// UTF-8, 218 columns, 4 KB".
func (m *mappingForm) describeFile() string {
	f := m.file
	what := f.Format
	if f.FormatID == "custom" && f.Preset == "" {
		what = "columns not recognised"
	}
	return fmt.Sprintf("%s: %s, %s, %d columns, %s", filepath.Base(f.Path), what, f.Encoding, len(f.Header), byteSize(f.Size))
}

// explain says where the mapping below comes from and what to do with it.
func (m *mappingForm) explain() string {
	f := m.file
	switch {
	case f.Preset != "":
		return fmt.Sprintf("Recognised by your saved column mapping “%s”. Check the columns below, then preview.", f.Preset)
	case f.FormatID == plainFormat:
		return "Read as a plain spreadsheet: ChapterDesk chose these columns by their names. Check them, change any that are wrong, then preview: nothing is written until you import."
	case f.FormatID == "custom":
		return "ChapterDesk does not recognise this file's columns. Choose the column that holds each field; a field left at “" +
			notInFile + "” stays empty. Fields in bold are required."
	case f.Unmapped != "":
		return fmt.Sprintf("Recognised as a %s, but a column ChapterDesk needs is missing: choose it below.", f.Format)
	}
	return "ChapterDesk recognised the file and chose these columns. Change any that are wrong, then preview: nothing is written until you import."
}

// needed reports whether field is part of something the rows need.
func (m *mappingForm) needed(field string) bool {
	for _, n := range m.file.Needs {
		for _, alt := range n.Alternatives {
			if slices.Contains(alt, field) {
				return true
			}
		}
	}
	return false
}

func (m *mappingForm) onColumnChanged(field string) {
	m.showSample(field)
	m.check()
}

// showSample shows what the first rows hold in the column chosen for field.
func (m *mappingForm) showSample(field string) {
	col := slices.Index(m.file.Header, m.columns[field].Selected)
	var seen []string
	for _, row := range m.file.Samples {
		if col < 0 || col >= len(row) {
			break
		}
		v := strings.Join(strings.Fields(row[col]), " ")
		if v != "" && !slices.Contains(seen, v) && len(seen) < 3 {
			seen = append(seen, v)
		}
	}
	text := strings.Join(seen, " · ")
	if text == "" && col >= 0 {
		text = "(empty in the first rows)"
	}
	m.samples[field].SetText(text)
}

// column is the column chosen for field ("" for none).
func (m *mappingForm) column(field string) string {
	if s := m.columns[field].Selected; s != notInFile {
		return s
	}
	return ""
}

// check shows, by the first field of each need no column meets, what to choose, and
// enables Preview once every need is met.
func (m *mappingForm) check() {
	for _, r := range m.reasons {
		r.Hide()
	}
	m.showNotRead()
	var unmet []string
	for _, n := range m.file.Needs {
		if slices.ContainsFunc(n.Alternatives, func(alt []string) bool {
			return !slices.ContainsFunc(alt, func(f string) bool { return m.column(f) == "" })
		}) {
			continue
		}
		var alts []string
		for _, alt := range n.Alternatives {
			var names []string
			for _, f := range alt {
				names = append(names, fieldLabel(f))
			}
			alts = append(alts, strings.Join(names, " and "))
		}
		what := strings.Join(alts, ", or ")
		unmet = append(unmet, what)
		if len(n.Alternatives) > 0 && len(n.Alternatives[0]) > 0 {
			r := m.reasons[n.Alternatives[0][0]]
			if len(n.Alternatives) == 1 && len(n.Alternatives[0]) == 1 {
				r.SetText("Required: choose the column that holds " + what + ".")
			} else {
				r.SetText("Required: choose the columns that hold " + what + ".")
			}
			r.Show()
		}
	}
	var why []string
	if len(unmet) > 0 {
		why = append(why, fmt.Sprintf("To preview, choose the columns for %s.", strings.Join(unmet, "; ")))
	}
	if p := m.options.problem(); p != "" {
		why = append(why, p)
	}
	if m.file.EncodingUndecided != "" && m.encoding != nil && m.encoding.SelectedIndex() < 0 {
		why = append(why, "Choose the file's encoding: ChapterDesk cannot tell it from the file, and the wrong one garbles its accented names.")
	}
	if len(why) == 0 {
		m.missing.Hide()
		if m.next != nil {
			m.next.Enable()
		}
		return
	}
	m.missing.SetText(strings.Join(why, " "))
	m.missing.Show()
	if m.next != nil {
		m.next.Disable()
	}
}

// showNotRead lists the columns of a plain spreadsheet that no field takes, as the
// import's output does: as the file was read while the lead has changed nothing,
// else those the lead's own mapping leaves out.
func (m *mappingForm) showNotRead() {
	if m.notRead == nil {
		return
	}
	cols := m.file.NotRead
	if mine, _ := m.chosen(); mine != nil {
		cols = nil
		for _, h := range m.file.Header {
			if h = strings.TrimSpace(h); h != "" && !slices.Contains(cols, h) &&
				!slices.ContainsFunc(m.file.Fields, func(f string) bool { return strings.TrimSpace(m.column(f)) == h }) {
				cols = append(cols, h)
			}
		}
	}
	if len(cols) == 0 {
		m.notRead.Hide()
		return
	}
	m.notRead.SetText("Not read: " + strings.Join(cols, ", ") + ". To read one, choose it for a field below.")
	m.notRead.Show()
}

// chosen is the lead's mapping for the import: nil when it is the one the file was
// read with (the import then detects it again, keeping an export's own reading of its
// columns), else every field with its column ("" for none); and the name to save it
// under. It reads the widgets: call it on the UI goroutine.
func (m *mappingForm) chosen() (map[string]string, string) {
	name := ""
	if m.saveAs != nil {
		name = strings.TrimSpace(m.saveAs.Text)
	}
	cols := map[string]string{}
	same := true
	for _, field := range m.file.Fields {
		cols[field] = m.column(field)
		if cols[field] != m.file.Columns[field] {
			same = false
		}
	}
	if same && name == "" && m.file.Unmapped == "" {
		return nil, ""
	}
	maps.DeleteFunc(cols, func(_, h string) bool {
		return h == "" && (m.file.FormatID == "custom" || m.file.FormatID == plainFormat)
	})
	return cols, name
}
