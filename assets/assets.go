// Package assets holds the files bundled into the ChapterDesk binary: the app icon,
// the starter campaign and the legislators of the 50 states. It is plain Go (no Fyne) so
// every layer may use it.
package assets

import _ "embed"

// StarterCampaign is the campaign file of the Massachusetts Safe Communities Act
// (S.1305 / H.3269) that a new chapter starts with, in English, Spanish and Portuguese.
//
//go:embed campaigns/safe-communities-act.json
var StarterCampaign []byte

// Icon is the app icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
