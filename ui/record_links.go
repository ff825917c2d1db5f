package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// linkForm ties a campaign bill to a session's bill by hand, as `chapterdesk campaign
// link ID BILL --session S --to NUMBER` does: numbers change between sessions (the
// 2025–26 successor of H.3269 is H 5293), and a number alone never ties them.
type linkForm struct {
	r        *recordScreen
	campaign db.CampaignSummary
	d        dialog.Dialog
	bill     *widget.SelectEntry
	session  *widget.Entry
	to       *widget.Entry
	problem  *widget.Label // the refusal, one line ("" when none)
	said     *widget.Label // what the last save did ("" after a refusal)
	links    *widget.Label // the campaign's links
	save     *widget.Button
}

// onLinkBill opens the form on the chosen campaign.
func (r *recordScreen) onLinkBill() { r.linkBillAsync() }

// linkBillAsync reads the chosen campaign and its links and opens the form; the
// channel closes once it is shown (or the error).
func (r *recordScreen) linkBillAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		ss, ok := r.store.(sessionStore)
		if !ok {
			showErrorAsync(r.w, errors.New("this data file cannot link bills"))
			return
		}
		campaigns, err := r.store.Campaigns(ctx)
		if err != nil {
			showErrorAsync(r.w, err)
			return
		}
		c, ok := r.choice.pick(campaigns)
		if !ok {
			showErrorAsync(r.w, errors.New("there is no campaign yet: add one on the Campaign screen first"))
			return
		}
		links, err := ss.BillLinks(ctx, c.ID)
		if err != nil {
			showErrorAsync(r.w, err)
			return
		}
		doUIAndWait(func() {
			f := &linkForm{r: r, campaign: c}
			r.link = f
			f.show(links)
		})
	})
	return done
}

// campaignBills are the bill numbers of a campaign's summary ("S.1305 / H.3269").
func campaignBills(c db.CampaignSummary) []string {
	var out []string
	for _, n := range strings.Split(c.BillNumbers, "/") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// show builds and opens the form. UI goroutine only.
func (f *linkForm) show(links []db.BillLink) {
	bills := campaignBills(f.campaign)
	f.bill = widget.NewSelectEntry(bills)
	f.bill.PlaceHolder = "H.3269"
	if len(bills) > 0 {
		f.bill.SetText(bills[0])
	}
	f.session = widget.NewEntry()
	f.session.PlaceHolder = "194th (as Open States names it)"
	f.to = widget.NewEntry()
	f.to.PlaceHolder = "H 5293 (empty: the same number)"
	f.bill.OnSubmitted = func(string) { f.saveAsync() }
	f.session.OnSubmitted = func(string) { f.saveAsync() }
	f.to.OnSubmitted = func(string) { f.saveAsync() }
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.said = widget.NewLabel("")
	f.said.Wrapping = fyne.TextWrapWord
	f.links = lowLabel("")
	f.links.Wrapping = fyne.TextWrapWord
	f.showLinks(links)
	f.save = widget.NewButtonWithIcon("Save link", theme.DocumentSaveIcon(), func() { f.saveAsync() })
	f.save.Importance = widget.HighImportance
	name := f.campaign.Name
	if name == "" {
		name = fmt.Sprintf("campaign %d", f.campaign.ID)
	}
	form := widget.NewForm(
		widget.NewFormItem("Campaign", widget.NewLabel(name)),
		widget.NewFormItem("Campaign bill", f.bill),
		widget.NewFormItem("Session", f.session),
		widget.NewFormItem("Its number there", f.to))
	intro := lowLabel("Say which bill of a session stands for the campaign's bill. Numbers are reused from one " +
		"session to the next, so a number alone never ties them; then import the session's export.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, form, f.problem, f.said, container.NewHBox(f.save), widget.NewSeparator(), f.links)
	f.d = dialog.NewCustom("Link a bill to a session", "Close", container.NewGridWrap(fyne.NewSize(560, 420), body), f.r.w)
	f.d.Show()
	f.r.w.Canvas().Focus(f.session)
}

// showLinks lists the campaign's links. UI goroutine only.
func (f *linkForm) showLinks(links []db.BillLink) {
	if len(links) == 0 {
		f.links.SetText("No bill of this campaign is linked to a session yet.")
		return
	}
	var lines []string
	for _, l := range links {
		lines = append(lines, fmt.Sprintf("%s is %s in session %s of %s", l.CampaignBill, l.SessionNumber, l.Session, l.State))
	}
	f.links.SetText("Linked:\n" + strings.Join(lines, "\n"))
}

// saveAsync saves the link through the store's LinkBill, as `campaign link` does; a
// refusal is said in one line under the form and nothing is saved. The channel closes
// once the form says what happened.
func (f *linkForm) saveAsync() <-chan struct{} {
	l := db.BillLink{CampaignID: f.campaign.ID, CampaignBill: strings.TrimSpace(f.bill.Text), Session: f.session.Text,
		SessionNumber: f.to.Text}
	f.save.Disable()
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		ss := f.r.store.(sessionStore)
		var links []db.BillLink
		var err error
		if l.CampaignBill == "" {
			err = &db.ValidationError{Field: "bill", Message: "Say which of the campaign's bills to link."}
		} else if l, err = ss.LinkBill(ctx, l); err == nil {
			links, err = ss.BillLinks(ctx, f.campaign.ID)
		}
		doUIAndWait(func() {
			f.save.Enable()
			if err != nil {
				var v *db.ValidationError
				msg := oneLine(err)
				if errors.As(err, &v) {
					msg = v.Message
				}
				f.problem.SetText(msg)
				f.said.SetText("")
				return
			}
			f.problem.SetText("")
			said := fmt.Sprintf("Saved: %s is %s in session %s of %s. Import the session's export to bring its record.",
				l.CampaignBill, l.SessionNumber, l.Session, l.State)
			for _, note := range []string{l.ReplacedNote(), l.NotHereNote(), l.WaitingNote()} {
				if note != "" {
					said += " " + strings.ToUpper(note[:1]) + note[1:] + "."
				}
			}
			f.said.SetText(said)
			f.showLinks(links)
		})
	})
	return done
}
