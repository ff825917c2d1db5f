package main

import (
	"archive/tar"
	"bytes"
	"testing"
)

// tarOf is a tar of the files named, as git archive writes data/.
func tarOf(t *testing.T, files map[string]string) *tar.Reader {
	t.Helper()
	var b bytes.Buffer
	w := tar.NewWriter(&b)
	for name, text := range files {
		if err := w.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(text))}); err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
	}
	w.Close()
	return tar.NewReader(&b)
}

func TestConvert(t *testing.T) {
	files := map[string]string{
		"data/nh/legislature/a.yml": `id: ocd-person/a
name: Ann Sitting
party:
- name: Republican
  end_date: 2024-01-01
- name: Democratic
roles:
- type: lower
  district: Rockingham 1
  end_date: 2022-12-06
- type: lower
  district: Rockingham 30
offices:
- classification: capitol
  address: State House
  voice: 603-271-3661
- classification: capitol
  address: Another
links:
- url: https://first.example
- url: https://second.example
`,
		"data/nh/legislature/b.yml":  "id: ocd-person/b\nname: Ben Gone\nroles:\n- type: upper\n  district: '4'\n  end_date: 2026-01-01\n",
		"data/ne/legislature/c.yml":  "id: ocd-person/c\nname: Cy Uni\nroles:\n- type: legislature\n  district: '13'\n",
		"data/nh/retired/d.yml":      "id: ocd-person/d\nname: Di Retired\nroles:\n- type: lower\n  district: '1'\n",
		"data/us/legislature/e.yml":  "id: ocd-person/e\nname: Ed Congress\nroles:\n- type: upper\n  district: NH\n",
		"data/nh/municipalities.yml": "- id: x\n",
	}
	rows, counts, err := convert(tarOf(t, files), "2026-08-05")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || counts["NH"] != 1 || counts["NE"] != 1 {
		t.Fatalf("rows %v, counts %v", rows, counts)
	}
	ne, nh := rows[0], rows[1]
	if ne[0] != "NE" || ne[1] != "ocd-person/c" || ne[5] != "upper" || ne[4] != "13" {
		t.Errorf("NE: %q", ne)
	}
	want := map[string]string{"id": "ocd-person/a", "name": "Ann Sitting", "current_party": "Democratic",
		"current_district": "Rockingham 30", "current_chamber": "lower", "links": "https://first.example",
		"capitol_address": "State House", "capitol_voice": "603-271-3661", "district_address": ""}
	for i, col := range header {
		if w, ok := want[col]; ok && nh[i+1] != w {
			t.Errorf("NH %s: %q, want %q", col, nh[i+1], w)
		}
	}
}
