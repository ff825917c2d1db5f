package assets

import _ "embed"

// FontRegular and FontBold are Liberation Sans 2.1.5 (SIL Open Font License 1.1, see
// fonts/OFL.txt), the typeface of every printed leaflet and call sheet. It was chosen
// over the Go fonts because it covers Latin Extended Additional: Vietnamese prints
// with its stacked diacritics (ạ ấ ộ ư ơ), besides Spanish, Portuguese and Haitian
// Creole. Its metrics match Arial, so a leaflet looks familiar to the person reading it.
//
//go:embed fonts/LiberationSans-Regular.ttf
var FontRegular []byte

// FontBold is the bold face of FontRegular.
//
//go:embed fonts/LiberationSans-Bold.ttf
var FontBold []byte

// FallbackRegular and FallbackBold are DejaVu Sans 2.37 (Bitstream Vera license, see
// fonts/DejaVu-LICENSE.txt), drawn where Liberation Sans has no glyph: Arabic (in its
// presentation forms, which the reports package joins letters into), Hebrew, Armenian,
// Georgian and more. A call sheet for "محمد العلي" printed "? ?" without it.
//
//go:embed fonts/DejaVuSans.ttf
var FallbackRegular []byte

// FallbackBold is the bold face of FallbackRegular.
//
//go:embed fonts/DejaVuSans-Bold.ttf
var FallbackBold []byte

// FontCJK is Droid Sans Fallback (Apache License 2.0, see
// fonts/DroidSansFallback-LICENSE.txt; Debian's fonts-droid-fallback), TrueType
// outlines as fpdf needs: Chinese, Japanese and Korean (Hangul, which the "Full"
// variant of the font lacks), drawn where neither face above has a glyph. It has one
// weight, used for bold too. fpdf embeds only the glyphs a PDF uses, so a sheet stays
// small; the font is parsed only when a text needs it.
//
//go:embed fonts/DroidSansFallback.ttf
var FontCJK []byte
