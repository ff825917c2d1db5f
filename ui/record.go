package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// recordStore is what the Record screen reads.
type recordStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	RecordVsWhip(ctx context.Context, campaignID int64) ([]db.RollCallCompared, error)
}

// recordScreen sets a roll call on the campaign's bills beside the whip count: where
// the count predicted the vote, who voted against the stance counted (with the call
// that led to it), who was never called.
type recordScreen struct {
	w       fyne.Window
	store   recordStore
	choice  *campaignPicker
	content fyne.CanvasObject

	rollCall *widget.Select
	summary  *widget.Label
	empty    *widget.Label
	body     *fyne.Container
	against  *fyne.Container
	right    *widget.Label
	open     *widget.Label
	never    *widget.Label
	missing  *widget.Label
	cards    []*widget.Card // the lists of a roll call given member by member

	data []db.RollCallCompared
	gen  int

	importSession *widget.Button // Import a session export…
	linkBill      *widget.Button // Link a bill to a session…
	session       *sessionImport // the last session import's dialog (tests)
	link          *linkForm      // the last bill link form (tests)
}

func newRecordScreen(w fyne.Window, s recordStore) *recordScreen {
	r := &recordScreen{w: w, store: s}
	r.buildUI()
	return r
}

func (r *recordScreen) buildUI() {
	title := widget.NewLabelWithStyle("Record vs. whip count", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	r.rollCall = widget.NewSelect(nil, func(string) { r.onRollCall() })
	r.rollCall.PlaceHolder = "No roll call"
	r.summary = widget.NewLabel("")
	r.summary.Wrapping = fyne.TextWrapWord
	r.empty = lowLabel(emptyRecordText(nil))
	r.empty.Wrapping = fyne.TextWrapWord
	wrapped := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	r.against = container.NewVBox()
	r.right, r.open, r.never, r.missing = wrapped(), wrapped(), wrapped(), wrapped()
	r.cards = []*widget.Card{
		widget.NewCard("", "Voted against the count", r.against),
		widget.NewCard("", "Predicted right", r.right),
		widget.NewCard("", "Never called before the vote", r.never),
		widget.NewCard("", "No prediction", r.open),
		widget.NewCard("", "Not matched to a legislator", r.missing)}
	r.body = container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Roll call:"), nil, r.rollCall), r.summary)
	for _, c := range r.cards {
		r.body.Add(c)
	}
	r.body.Hide()
	r.importSession = widget.NewButtonWithIcon("Import a session export…", theme.DownloadIcon(), r.onImportSession)
	r.linkBill = widget.NewButtonWithIcon("Link a bill to a session…", theme.ContentAddIcon(), r.onLinkBill)
	r.content = container.NewVScroll(container.NewPadded(container.NewVBox(title,
		container.NewHBox(r.importSession, r.linkBill), r.empty, r.body)))
}

// refreshAsync reads the chosen campaign's record; the channel closes once shown.
func (r *recordScreen) refreshAsync() <-chan struct{} {
	r.gen++
	gen := r.gen
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		var data []db.RollCallCompared
		var links []db.BillLink
		campaigns, err := r.store.Campaigns(ctx)
		if c, ok := r.choice.pick(campaigns); err == nil && ok {
			data, err = r.store.RecordVsWhip(ctx, c.ID)
			if ss, ok := r.store.(sessionStore); ok && err == nil && len(data) == 0 {
				links, err = ss.BillLinks(ctx, c.ID)
			}
		}
		if err != nil {
			showErrorAsync(r.w, err)
			return
		}
		doUIAndWait(func() {
			if gen == r.gen {
				r.empty.SetText(emptyRecordText(links))
				r.show(data)
			}
		})
	})
	return done
}

// emptyRecordText says why there is no roll call to show, from the campaign's links:
// none yet, a link whose session's export is not here, or a bill an export brought
// with no roll call on it; and what to click (a window names its buttons, not verbs).
func emptyRecordText(links []db.BillLink) string {
	lines := []string{"No roll call on this campaign's bills yet."}
	if len(links) == 0 {
		return lines[0] + " No bill of this campaign is linked to a session yet. Click Link a bill to a session… to say " +
			"which bill of a session stands for each of its bills, then Import a session export… to bring in that " +
			"session's record from Open States."
	}
	waiting := false
	for _, l := range links {
		if !l.Here {
			waiting = true
			lines = append(lines, fmt.Sprintf("%s is linked to %s in session %s of %s, but no export of that session imported "+
				"here has brought it yet.", l.CampaignBill, l.SessionNumber, l.Session, l.State))
			continue
		}
		lines = append(lines, fmt.Sprintf("%s is %s in session %s of %s, here since the session's export of %s: no roll call "+
			"on it is on record yet.", l.CampaignBill, l.SessionNumber, l.Session, l.State, l.ExportedOn))
	}
	if waiting {
		lines = append(lines, "Click Import a session export… to bring in the session's export from Open States.")
	} else {
		lines = append(lines, "When the legislature votes on it, import a newer export of the session (Import a session export…).")
	}
	return strings.Join(lines, "\n")
}

// rollCallLabel names a roll call in the menu.
func rollCallLabel(rc db.RollCallCompared) string {
	s := fmt.Sprintf("%s · %s · %s (%s)", rc.Date, rc.Bill, rc.Motion, rc.Result)
	if rc.Chamber != "" {
		s += " · " + rc.Chamber.Label()
	}
	if rc.CountsOnly() {
		s += " · no member votes"
	}
	return s
}

// rollCallLabels name the roll calls in the menu, each once: the menu tells a choice
// by its text, so two roll calls of the same day and motion are numbered.
func rollCallLabels(data []db.RollCallCompared) []string {
	names := make([]string, len(data))
	seen := map[string]int{}
	for i, rc := range data {
		names[i] = rollCallLabel(rc)
		seen[names[i]]++
		if n := seen[names[i]]; n > 1 {
			names[i] += fmt.Sprintf(" (%d)", n)
		}
	}
	return names
}

// show lists the roll calls, the newest chosen. UI goroutine only.
func (r *recordScreen) show(data []db.RollCallCompared) {
	r.data = data
	if len(data) == 0 {
		r.body.Hide()
		r.empty.Show()
		return
	}
	r.empty.Hide()
	r.body.Show()
	names := rollCallLabels(data)
	keep := r.rollCall.Selected
	r.rollCall.OnChanged = nil
	r.rollCall.SetOptions(names)
	r.rollCall.SetSelectedIndex(len(names) - 1)
	for i, n := range names {
		if n == keep {
			r.rollCall.SetSelectedIndex(i)
		}
	}
	r.rollCall.OnChanged = func(string) { r.onRollCall() }
	r.onRollCall()
}

// onRollCall shows the chosen roll call against the count.
func (r *recordScreen) onRollCall() {
	i := r.rollCall.SelectedIndex()
	if i < 0 || i >= len(r.data) {
		return
	}
	rc := r.data[i]
	if rc.CountsOnly() {
		r.showCountsOnly(rc)
		return
	}
	for _, c := range r.cards {
		c.Show()
	}
	predicted := ""
	if rc.Right+rc.Against > 0 {
		predicted = fmt.Sprintf(" The count predicted %.0f%% of the votes it had a stance for.", 100*rc.Predicted())
	}
	by := rc.CalledBy
	if by == "" {
		by = "this campaign"
	}
	counted := ""
	if rc.CallsCounted != "" {
		counted = " " + rc.CallsCounted
	}
	if rc.NotJudged != "" {
		// An amendment or a procedural motion: the stance counted is the one on the bill.
		// (MotionNotJudged's words are ASCII: the first letter is one byte.)
		r.summary.SetText(fmt.Sprintf("%s. %d voted yes or no, %d did not vote; "+
			"%d were never called by %s before the vote, %d votes are not matched to a legislator.%s",
			strings.ToUpper(rc.NotJudged[:1])+rc.NotJudged[1:], rc.Unjudged, rc.Absent, rc.NeverCalled, by, rc.Unmatched, counted))
	} else {
		r.summary.SetText(fmt.Sprintf("%d voted as counted, %d against the count, %d with no prediction, %d did not vote; "+
			"%d were never called by %s before the vote, %d votes are not matched to a legislator.%s%s",
			rc.Right, rc.Against, rc.Open, rc.Absent, rc.NeverCalled, by, rc.Unmatched, predicted, counted))
	}
	r.against.RemoveAll()
	var right, open, never, missing []string
	for _, v := range rc.Votes {
		who := v.Name
		if v.District != "" {
			who += " (" + v.District + ")"
		}
		if v.OtherChamber() != "" { // a vote of their term in this chamber; their district is the other's
			who += ", now in the " + v.MemberChamber.Label()
		}
		switch v.Verdict {
		case db.VerdictAgainst:
			r.against.Add(againstLine(v, who, by))
		case db.VerdictRight:
			right = append(right, who+": "+voteWord(v.Role))
		case db.VerdictOpen:
			open = append(open, who+": "+voteWord(v.Role))
		case db.VerdictUnknown:
			missing = append(missing, v.ExportName+": "+v.Unmatched)
		}
		if v.LegislatorID != 0 && v.Calls == 0 {
			never = append(never, who)
		}
	}
	switch {
	case rc.NotJudged != "":
		r.against.Add(lowLabel("Not judged: the stance counted is the one on the bill, not on this motion."))
	case len(r.against.Objects) == 0:
		r.against.Add(lowLabel("No one voted against the stance the count had for them."))
	}
	setList := func(l *widget.Label, items []string, none string) {
		sort.Strings(items)
		if len(items) == 0 {
			l.SetText(none)
			return
		}
		l.SetText(strings.Join(items, "\n"))
	}
	setList(r.right, right, "None.")
	setList(r.open, open, "None.")
	setList(r.never, never, "Everyone who voted had been called before the vote.")
	setList(r.missing, missing, "Every vote is matched.")
}

// againstLine is a vote against the count, with what led the count to its stance and
// the calls of by (whose calls the record counts: RollCallCompared.CalledBy) before
// it; CountedAt is on the legislature's clock, as the store gives it.
func againstLine(v db.ComparedVote, who, by string) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s voted %s; the count had %s since %s", who, voteWord(v.Role),
		v.Counted.Label(), v.CountedAt.Format("Jan 2, 2006")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	why := []string{}
	if v.StanceReason != "" {
		why = append(why, "Why: "+v.StanceReason)
	}
	if v.StanceBy != "" {
		why = append(why, "set by "+v.StanceBy)
	}
	if v.StanceCall != "" {
		why = append(why, "the call: "+v.StanceCall)
	}
	switch v.Calls {
	case 0:
		why = append(why, "no call of "+by+" before the vote")
	case 1:
		why = append(why, "1 call of "+by+" before the vote")
	default:
		why = append(why, fmt.Sprintf("%d calls of %s before the vote", v.Calls, by))
	}
	detail := lowLabel(strings.Join(why, " · "))
	detail.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(head, detail)
	if len(v.CallsBefore) > 0 {
		head := "The calls before the vote, newest first:"
		if v.Calls > len(v.CallsBefore) {
			head = fmt.Sprintf("The newest %d calls before the vote:", len(v.CallsBefore))
		}
		calls := lowLabel(head + "\n" + strings.Join(v.CallsBefore, "\n"))
		calls.Wrapping = fyne.TextWrapWord
		box.Add(calls)
	}
	return box
}

// showCountsOnly shows a roll call the export gives by its counts only: there is no
// member's vote to set beside the count. UI goroutine only.
func (r *recordScreen) showCountsOnly(rc db.RollCallCompared) {
	r.summary.SetText(noMemberVotes(rc))
	r.against.RemoveAll()
	for _, c := range r.cards {
		c.Hide()
	}
}

// voteWord is a vote as a person says it.
func voteWord(option string) string {
	switch option {
	case "yes":
		return "Yes"
	case "no":
		return "No"
	}
	return option
}

// noMemberVotes says what the export gives of a roll call without its members' votes.
func noMemberVotes(rc db.RollCallCompared) string {
	what := "roll call"
	if rc.Chamber != "" {
		what = rc.Chamber.Label() + " roll call"
	}
	if rc.Yes+rc.No+rc.Other+rc.NotVoting == 0 {
		return fmt.Sprintf("The export gives this %s by its result only (%s): neither its counts nor how each member voted, "+
			"so there is no vote to set beside the whip count.", what, rc.Result)
	}
	return fmt.Sprintf("The export gives this %s by its counts only (%d yes, %d no, %d other, %d not voting), not member by member: "+
		"there is no vote to set beside the whip count.", what, rc.Yes, rc.No, rc.Other, rc.NotVoting)
}
