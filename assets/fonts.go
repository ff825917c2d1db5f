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
