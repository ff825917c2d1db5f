package db

import "testing"

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Nguyễn":              "nguyen",
		"  José   María  ":    "jose maria",
		"ĐẶNG Thị":            "dang thi",
		"Siobhán Ó Briain":    "siobhan o briain",
		"Søren Łukasz":        "soren lukasz",
		"O'Brien":             "o'brien",
		"Conceição Gonçalves": "conceicao goncalves",
		"":                    "",
	}
	for in, want := range cases {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
