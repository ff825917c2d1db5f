package db

import (
	"database/sql"
	"fmt"
	"strings"
)

// trashedVolunteers finds the chapter's volunteers in the trash again in a roster
// import's rows. The match index holds the live roster only, so a re-import of the
// roster re-created every person the lead had put in the trash, with no word (t7 F9).
// A row is a person in the trash by the same UUID (the app's own export), id in the
// file's system, email, or phone with the same name: the ways the index matches a
// live person, but for the lone name and zip, which only makes a possible duplicate.
type trashedVolunteers struct {
	byUUID  map[string]int64
	byKey   map[uint64]int64    // email keys (emailKey) and external ids (key64(system, id))
	byPhone map[[2]uint64]int64 // phone or mobile key, with the name key
	names   map[int64]string
}

// loadTrashedVolunteers reads the chapter's volunteers in the trash; nil when there
// are none.
func loadTrashedVolunteers(l *Loader) (*trashedVolunteers, error) {
	t := &trashedVolunteers{byUUID: map[string]int64{}, byKey: map[uint64]int64{}, byPhone: map[[2]uint64]int64{}, names: map[int64]string{}}
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var uuid, email, phone, mobile, nameKey, first, last string
		if err := r.Scan(&id, &uuid, &email, &phone, &mobile, &nameKey, &first, &last); err != nil {
			return err
		}
		t.names[id] = strings.TrimSpace(first + " " + last)
		t.byUUID[uuid] = id
		if email != "" {
			t.byKey[emailKey(email)] = id
		}
		for _, p := range [...]string{phone, mobile} {
			if p != "" {
				t.byPhone[[2]uint64{key64(p), key64(nameKey)}] = id
			}
		}
		return nil
	}, `SELECT id, uuid, email, phone_e164, mobile_e164, name_key, first_name, last_name FROM volunteers
		WHERE deleted_at IS NOT NULL AND chapter_id = ? ORDER BY id`, l.chapterID)
	if err != nil || len(t.names) == 0 {
		return nil, err
	}
	err = eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var system, ext string
		if err := r.Scan(&id, &system, &ext); err != nil {
			return err
		}
		t.byKey[key64(system, ext)] = id
		return nil
	}, `SELECT e.volunteer_id, e.system, e.external_id FROM volunteer_external_ids e
		JOIN volunteers v ON v.id = e.volunteer_id WHERE v.deleted_at IS NOT NULL AND v.chapter_id = ?`, l.chapterID)
	return t, err
}

// find is the volunteer in the trash the row is, and why it is said to be; 0 for none.
func (t *trashedVolunteers) find(in *IncomingVolunteer) (int64, string) {
	if t == nil {
		return 0, ""
	}
	k := &in.keys
	if id, ok := t.byUUID[in.UUID]; ok && in.UUID != "" {
		return id, "same UUID"
	}
	if id, ok := t.byKey[k.external]; ok && k.external != 0 {
		return id, "same " + systemLabel(in.System) + " id"
	}
	if id, ok := t.byKey[k.email]; ok && k.email != 0 {
		return id, "same email"
	}
	for _, p := range [...]uint64{k.phone, k.mobile} {
		if id, ok := t.byPhone[[2]uint64{p, k.name}]; ok && p != 0 {
			return id, "same phone and name"
		}
	}
	return 0, ""
}

// leftInTrash lists the row as a person in the trash, not added again.
func (t *trashedVolunteers) leftInTrash(in *IncomingVolunteer, id int64, why string, sum *VolunteerImportSummary) {
	sum.InTrash = append(sum.InTrash, PossibleDuplicate{Line: in.Line, Name: in.Name(), VolunteerID: id,
		Why: fmt.Sprintf("%s as %s, volunteer %d", why, t.names[id], id)})
}
