// Package reports writes the chapter's workbooks, CSV exports and printable PDFs. It
// never imports Fyne; every function writes to an io.Writer.
package reports
