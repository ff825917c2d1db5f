package db

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// The coalition server: many chapters in one PostgreSQL database, each lead on their
// own chapter's people. The walls are the database's (migrations/postgres/
// 0004_coalition.sql: row-level security, grants, the coordinator's views); this file
// is what the owner runs to give and take logins:
//
//   - a login is a PostgreSQL role of that name (LOGIN, INHERIT), member of the group
//     role chapterdesk_lead or chapterdesk_coordinator, which carry the table grants;
//   - which chapters a lead works on is a row per chapter in chapter_leads, which the
//     policies read; a coordinator has a row in coalition_coordinators;
//   - a new login's password is generated here, shown once, and sent to the server only
//     as a SCRAM-SHA-256 verifier: neither ChapterDesk nor the server's statement log
//     ever holds it in plain text.
//
// Roles belong to the whole PostgreSQL cluster, not to one database: a login's name is
// unique on the server, and `server remove` drops the role itself.

// ErrNotOwner: a coalition command was run by a login that does not own the database.
var ErrNotOwner = errors.New("only the database's owner can do this")

// CoalitionLogin is a lead's or coordinator's login and what it may work on.
type CoalitionLogin struct {
	Login       string
	Coordinator bool     // else a lead
	Chapters    []string // a lead's chapters, by name
}

// CoalitionChapter is a chapter of a coalition server with its leads.
type CoalitionChapter struct {
	ID    int64
	Name  string
	Self  bool // the owner's own chapter (the one a single-chapter server has)
	Leads []string
}

// loginName is compiled at its first use, not at every start of the program: its
// counted repeat made it the costliest pattern of the package's init.
var loginName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_.-]{0,62}$`) })

func checkLoginName(login string) error {
	if !loginName().MatchString(login) {
		return &ValidationError{"login", "A login is a lower-case letter, then letters, digits, '_', '.' or '-' (at most 63)."}
	}
	if strings.HasPrefix(login, "pg_") || strings.HasPrefix(login, "chapterdesk_") || login == "postgres" || login == "public" {
		return &ValidationError{"login", fmt.Sprintf("%q is a name PostgreSQL or ChapterDesk keeps for itself.", login)}
	}
	return nil
}

// coalitionTx runs fn as the database's owner, in one write transaction.
func (s *Store) coalitionTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.server == nil {
		return errors.New("chapters and logins are for a coalition server (--db postgres://...); a data file is one chapter's")
	}
	if s.w == nil {
		return ErrReadOnly
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var owner bool
		if err := tx.QueryRowContext(ctx, `SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class
			WHERE oid = 'chapters'::regclass`).Scan(&owner); err != nil {
			return err
		}
		if !owner {
			return fmt.Errorf("%w (the login that ran `server init`), not %s", ErrNotOwner, s.actor)
		}
		return fn(tx)
	})
}

// AddChapter adds a chapter to a coalition server.
func (s *Store) AddChapter(ctx context.Context, name string) (Chapter, error) {
	c := Chapter{Name: name}
	if err := c.validate(); err != nil {
		return Chapter{}, err
	}
	err := s.coalitionTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM chapters WHERE name = ? COLLATE NOCASE`, c.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &ValidationError{"name", fmt.Sprintf("There is a chapter named %q already.", c.Name)}
		}
		now := nowUnix()
		c.UUID = newUUID()
		return tx.QueryRowContext(ctx, `INSERT INTO chapters (uuid, is_self, name, created_at, updated_at)
			VALUES (?, 0, ?, ?, ?) RETURNING id`, c.UUID, c.Name, now, now).Scan(&c.ID)
	})
	if err != nil {
		return Chapter{}, fmt.Errorf("add chapter: %w", err)
	}
	return c, nil
}

// PrepareCoalitionRoles makes the coalition's two group roles, chapterdesk_lead and
// chapterdesk_coordinator, and gives them their grants on this database, when the
// owner's login may create roles (CREATEROLE, or a superuser). It reports whether it
// did; a login that may not leaves them to the first `server add-lead` or
// `server add-coordinator` (which will then say what it needs), and a single chapter's
// server needs none.
func (s *Store) PrepareCoalitionRoles(ctx context.Context) (bool, error) {
	made := false
	err := s.coalitionTx(ctx, func(tx *sql.Tx) error {
		var may bool
		if err := tx.QueryRowContext(ctx, `SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&may); err != nil {
			return err
		}
		if !may {
			return nil
		}
		made = true
		return ensureGroupRoles(ctx, tx)
	})
	if err != nil {
		return false, fmt.Errorf("prepare the coalition's roles: %w", err)
	}
	return made, nil
}

// ensureGroupRoles makes the two group roles when the cluster lacks them, and sets
// their grants on this database afresh.
func ensureGroupRoles(ctx context.Context, tx *sql.Tx) error {
	for _, role := range []string{"chapterdesk_lead", "chapterdesk_coordinator"} {
		// Another database of the cluster may make it at the same moment.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DO $$ BEGIN
			IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
				CREATE ROLE %s NOLOGIN;
			END IF;
		EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
		END $$`, role, role)); err != nil {
			return roleError(err)
		}
	}
	_, err := tx.ExecContext(ctx, `SELECT chapterdesk_coalition_grants()`)
	return roleError(err)
}

// roleError says what a server's refusal to make or drop a role means to the owner.
func roleError(err error) error {
	if err != nil && strings.Contains(err.Error(), "permission denied to create role") {
		return fmt.Errorf("this login may not create logins: give it CREATEROLE (ALTER ROLE ... CREATEROLE, as a superuser) or use your host's admin login: %w", err)
	}
	return err
}

// newLogin creates login as a member of group, with a new password, which it returns.
func newLogin(ctx context.Context, tx *sql.Tx, login, group string) (string, error) {
	password, verifier, err := newPassword()
	if err != nil {
		return "", err
	}
	// CREATE ROLE takes no parameters; the name is quoted, the verifier is base64.
	if _, err := tx.ExecContext(ctx, `CREATE ROLE `+pgx.Identifier{login}.Sanitize()+` LOGIN INHERIT PASSWORD '`+verifier+`'`); err != nil {
		return "", roleError(err)
	}
	if _, err := tx.ExecContext(ctx, `GRANT `+group+` TO `+pgx.Identifier{login}.Sanitize()); err != nil {
		return "", roleError(err)
	}
	return password, nil
}

// roleState tells what login is on this server: none, one of ours (lead or
// coordinator here), or some other role.
func roleState(ctx context.Context, tx *sql.Tx, login string) (exists, lead, coordinator bool, err error) {
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?),
		EXISTS (SELECT 1 FROM chapter_leads WHERE role_name = ?),
		EXISTS (SELECT 1 FROM coalition_coordinators WHERE role_name = ?)`, login, login, login).Scan(&exists, &lead, &coordinator)
	return
}

// AddLead gives login the chapter named chapter. A new login is created, and its
// temporary password returned; a lead already here gets one more chapter and "".
func (s *Store) AddLead(ctx context.Context, login, chapter string) (password string, err error) {
	if err := checkLoginName(login); err != nil {
		return "", err
	}
	err = s.coalitionTx(ctx, func(tx *sql.Tx) error {
		// Every chapter of that name, not the first: a server upgraded with two of one
		// name would give the lead one of them without a word.
		var ids []int64
		err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		}, `SELECT id FROM chapters WHERE name = ? COLLATE NOCASE ORDER BY id`, strings.TrimSpace(chapter))
		if err != nil {
			return err
		}
		switch {
		case len(ids) == 0:
			return &ValidationError{"chapter", fmt.Sprintf("There is no chapter named %q (add it with `server add-chapter`).", chapter)}
		case len(ids) > 1:
			return &ValidationError{"chapter", fmt.Sprintf("%d chapters are named %q (ids %s); rename all but one first, so the lead gets the one you mean.",
				len(ids), chapter, strings.Trim(strings.Join(strings.Fields(fmt.Sprint(ids)), ", "), "[]"))}
		}
		chapterID := ids[0]
		exists, lead, coordinator, err := roleState(ctx, tx, login)
		if err != nil {
			return err
		}
		switch {
		case coordinator:
			return &ValidationError{"login", fmt.Sprintf("%s is the coalition's coordinator; a lead needs a login of their own.", login)}
		case exists && !lead:
			return &ValidationError{"login", fmt.Sprintf("The server has a login named %s already, which is not a lead here; choose another name.", login)}
		}
		if err := ensureGroupRoles(ctx, tx); err != nil {
			return err
		}
		if !exists {
			if password, err = newLogin(ctx, tx, login, "chapterdesk_lead"); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO chapter_leads (role_name, chapter_id, added_at) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, login, chapterID, nowUnix())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &ValidationError{"login", fmt.Sprintf("%s leads %s already.", login, chapter)}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("add lead: %w", err)
	}
	return password, nil
}

// AddCoordinator creates a coordinator's login and returns its temporary password.
func (s *Store) AddCoordinator(ctx context.Context, login string) (password string, err error) {
	if err := checkLoginName(login); err != nil {
		return "", err
	}
	err = s.coalitionTx(ctx, func(tx *sql.Tx) error {
		exists, lead, coordinator, err := roleState(ctx, tx, login)
		if err != nil {
			return err
		}
		switch {
		case coordinator:
			return &ValidationError{"login", fmt.Sprintf("%s is a coordinator already.", login)}
		case lead:
			return &ValidationError{"login", fmt.Sprintf("%s is a lead; a coordinator needs a login of their own.", login)}
		case exists:
			return &ValidationError{"login", fmt.Sprintf("The server has a login named %s already; choose another name.", login)}
		}
		if err := ensureGroupRoles(ctx, tx); err != nil {
			return err
		}
		if password, err = newLogin(ctx, tx, login, "chapterdesk_coordinator"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO coalition_coordinators (role_name, added_at) VALUES (?, ?)`, login, nowUnix())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("add coordinator: %w", err)
	}
	return password, nil
}

// RemoveLogin takes a lead's or coordinator's login away: its memberships go and the
// role is dropped, so it can no longer connect; sessions it has open are ended where
// the server lets the owner end them. Only logins made by add-lead or add-coordinator
// are removed.
func (s *Store) RemoveLogin(ctx context.Context, login string) (CoalitionLogin, error) {
	var gone CoalitionLogin
	var oid int64
	err := s.coalitionTx(ctx, func(tx *sql.Tx) error {
		exists, lead, coordinator, err := roleState(ctx, tx, login)
		if err != nil {
			return err
		}
		if !lead && !coordinator {
			if exists {
				return &ValidationError{"login", fmt.Sprintf("%s is not a lead's or coordinator's login of this coalition; ChapterDesk leaves it alone.", login)}
			}
			return &ValidationError{"login", fmt.Sprintf("There is no login named %s.", login)}
		}
		gone = CoalitionLogin{Login: login, Coordinator: coordinator}
		gone.Chapters, err = strings1(ctx, tx, `SELECT c.name FROM chapter_leads l JOIN chapters c ON c.id = l.chapter_id
			WHERE l.role_name = ? ORDER BY c.name`, login)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM chapter_leads WHERE role_name = ?`, login); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM coalition_coordinators WHERE role_name = ?`, login); err != nil {
			return err
		}
		if exists {
			if err := tx.QueryRowContext(ctx, `SELECT oid::bigint FROM pg_roles WHERE rolname = ?`, login).Scan(&oid); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DROP ROLE `+pgx.Identifier{login}.Sanitize()); err != nil {
				return roleError(err)
			}
		}
		return nil
	})
	if err != nil {
		return CoalitionLogin{}, fmt.Errorf("remove login: %w", err)
	}
	if oid != 0 {
		// Best effort: a non-superuser owner may not signal other roles' sessions.
		s.w.ExecContext(ctx, fmt.Sprintf(`DO $$ BEGIN
			PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid = %d;
		EXCEPTION WHEN insufficient_privilege THEN NULL;
		END $$`, oid))
	}
	return gone, nil
}

// CoalitionChapters lists the chapters of a server with their leads, by name.
func (s *Store) CoalitionChapters(ctx context.Context) ([]CoalitionChapter, error) {
	var out []CoalitionChapter
	err := s.coalitionTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name, c.is_self, coalesce(string_agg(l.role_name, ' ' ORDER BY l.role_name), '')
			FROM chapters c LEFT JOIN chapter_leads l ON l.chapter_id = c.id
			GROUP BY c.id, c.name, c.is_self ORDER BY c.name, c.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c CoalitionChapter
			var leads string
			if err := rows.Scan(&c.ID, &c.Name, &c.Self, &leads); err != nil {
				return err
			}
			c.Leads = strings.Fields(leads)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// CoalitionLogins lists the leads' and coordinators' logins, coordinators first.
func (s *Store) CoalitionLogins(ctx context.Context) ([]CoalitionLogin, error) {
	byLogin := map[string]*CoalitionLogin{}
	err := s.coalitionTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT role_name, 1, '' FROM coalition_coordinators
			UNION ALL SELECT l.role_name, 0, c.name FROM chapter_leads l JOIN chapters c ON c.id = l.chapter_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var login, chapter string
			var coord bool
			if err := rows.Scan(&login, &coord, &chapter); err != nil {
				return err
			}
			l := byLogin[login]
			if l == nil {
				l = &CoalitionLogin{Login: login}
				byLogin[login] = l
			}
			l.Coordinator = l.Coordinator || coord
			if chapter != "" {
				l.Chapters = append(l.Chapters, chapter)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := make([]CoalitionLogin, 0, len(byLogin))
	for _, l := range byLogin {
		sort.Strings(l.Chapters)
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Coordinator != out[j].Coordinator {
			return out[i].Coordinator
		}
		return out[i].Login < out[j].Login
	})
	return out, nil
}

// passwordAlphabet leaves out letters and digits that are easily misread (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// newPassword makes a random 20-character password (about 116 bits) and its
// SCRAM-SHA-256 verifier in PostgreSQL's form:
// SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (RFC 5802, RFC 7677).
func newPassword() (password, verifier string, err error) {
	b := make([]byte, 20)
	for i := range b {
		b[i] = passwordAlphabet[randIndex(len(passwordAlphabet))]
	}
	password = string(b)
	verifier, err = scramVerifier(password, nil, 4096)
	return password, verifier, err
}

// randIndex is a uniform random number below n (n < 256), from crypto/rand.
func randIndex(n int) int {
	limit := 256 - 256%n
	var one [1]byte
	for {
		rand.Read(one[:])
		if int(one[0]) < limit {
			return int(one[0]) % n
		}
	}
}

// scramVerifier computes what PostgreSQL stores for a SCRAM-SHA-256 password; salt
// nil draws 16 random bytes. The password is ASCII, which SASLprep leaves as it is.
func scramVerifier(password string, salt []byte, iterations int) (string, error) {
	if salt == nil {
		salt = make([]byte, 16)
		rand.Read(salt)
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	server := mac(salted, "Server Key")
	enc := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, enc(salt), enc(stored[:]), enc(server)), nil
}

// selfChapterQuery is the one place that says which chapter the store works on, the
// one whose records a new volunteer, report or stance change belongs to and whose
// profile is printed: in a data file the chapter marked is_self; on a server the
// login's, as the database decides it (chapterdesk_self_chapter(): a lead's chapter,
// the owner's is_self chapter for the owner, as before coalitions), and the
// coordinator, who works on none, refused (chapterdesk_working_chapter(), 0014).
func selfChapterQuery(server bool) string {
	if server {
		return `SELECT chapterdesk_working_chapter()`
	}
	return `SELECT id FROM chapters WHERE is_self = 1`
}

// writerChapterSQL is the chapter a stance change written without one belongs to
// (a sponsor marked by an import, the official record's sponsorships): in a data file
// the chapter marked is_self; on a server the login's as the database decides it,
// chapterdesk_self_chapter(), which is none for the coordinator: its imports are the
// coalition's, and the policies let it write no change in a chapter's name.
func writerChapterSQL(server bool) string {
	if server {
		return `chapterdesk_self_chapter()`
	}
	return `(SELECT id FROM chapters WHERE is_self = 1)`
}

// isCoordinator reports whether the login is a coalition's coordinator (on a
// server; a data file has no logins).
func isCoordinator(ctx context.Context, q queryer, server bool) (bool, error) {
	if !server {
		return false, nil
	}
	var yes bool
	err := q.QueryRowContext(ctx, `SELECT chapterdesk_is_coordinator()`).Scan(&yes)
	return yes, err
}

// The kinds of login CoalitionRole tells apart.
const (
	RoleFile        = ""            // a data file: no logins
	RoleOwner       = "owner"       // a server's owner (and any login the coalition's walls do not apply to)
	RoleLead        = "lead"        // a coalition's lead: their chapters' people and reports
	RoleCoordinator = "coordinator" // a coalition's coordinator: every chapter's calls, no roster
)

// CoalitionRole says what kind of login the store is connected as.
func (s *Store) CoalitionRole(ctx context.Context) (string, error) {
	role, err := loginRole(ctx, s.r, s.server != nil)
	if err != nil {
		return "", fmt.Errorf("who is this login: %w", err)
	}
	return role, nil
}

// loginRole is CoalitionRole read through q (a transaction's snapshot, say).
func loginRole(ctx context.Context, q queryer, server bool) (string, error) {
	if !server {
		return RoleFile, nil
	}
	var coordinator, lead bool
	if err := q.QueryRowContext(ctx, `SELECT chapterdesk_is_coordinator(), EXISTS (SELECT 1 FROM chapterdesk_lead_chapters())`).
		Scan(&coordinator, &lead); err != nil {
		return "", err
	}
	switch {
	case coordinator:
		return RoleCoordinator, nil
	case lead:
		return RoleLead, nil
	}
	return RoleOwner, nil
}
