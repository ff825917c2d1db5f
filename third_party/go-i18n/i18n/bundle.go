package i18n

import (
	"fmt"
	"log"
	"os"
	"sync"
	"sync/atomic"

	"github.com/nicksnyder/go-i18n/v2/internal/plural"

	"golang.org/x/text/language"
)

// UnmarshalFunc unmarshals data into v.
type UnmarshalFunc func(data []byte, v interface{}) error

// Bundle stores a set of messages and pluralization rules.
// Most applications only need a single bundle
// that is initialized early in the application's lifecycle.
// It is not goroutine safe to modify the bundle while Localizers
// are reading from it.
type Bundle struct {
	defaultLanguage  language.Tag
	unmarshalFuncs   map[string]UnmarshalFunc
	messageTemplates map[language.Tag]map[string]*MessageTemplate
	pluralRules      plural.Rules
	tags             []language.Tag
	matcher          language.Matcher

	// ChapterDesk's patch: the files given to ParseMessageFileBytes, parsed at the
	// first lookup (loadPending), not when they are given. Fyne gives its bundle every
	// one of its translations in a package init, which every start of the program paid
	// for, also the command-line verbs that never show a word of Fyne's.
	pendingMu  sync.Mutex
	hasPending atomic.Bool
	pending    []pendingFile
}

// pendingFile is a message file given to ParseMessageFileBytes and not parsed yet.
type pendingFile struct {
	buf  []byte
	path string
}

// artTag is the language tag used for artificial languages
// https://en.wikipedia.org/wiki/Codes_for_constructed_languages
var artTag = language.MustParse("art")

// NewBundle returns a bundle with a default language and a default set of plural rules.
func NewBundle(defaultLanguage language.Tag) *Bundle {
	b := &Bundle{
		defaultLanguage: defaultLanguage,
		pluralRules:     plural.DefaultRules(),
	}
	b.pluralRules[artTag] = b.pluralRules.Rule(language.English)
	b.addTag(defaultLanguage)
	return b
}

// RegisterUnmarshalFunc registers an UnmarshalFunc for format.
func (b *Bundle) RegisterUnmarshalFunc(format string, unmarshalFunc UnmarshalFunc) {
	if b.unmarshalFuncs == nil {
		b.unmarshalFuncs = make(map[string]UnmarshalFunc)
	}
	b.unmarshalFuncs[format] = unmarshalFunc
}

// LoadMessageFile loads the bytes from path
// and then calls ParseMessageFileBytes.
func (b *Bundle) LoadMessageFile(path string) (*MessageFile, error) {
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return b.ParseMessageFileBytes(buf, path)
}

// MustLoadMessageFile is similar to LoadMessageFile
// except it panics if an error happens.
func (b *Bundle) MustLoadMessageFile(path string) {
	if _, err := b.LoadMessageFile(path); err != nil {
		panic(err)
	}
}

// ParseMessageFileBytes parses the bytes in buf to add translations to the bundle.
//
// The format of the file is everything after the last ".".
//
// The language tag of the file is everything after the second to last "." or after the last path separator, but before the format.
//
// ChapterDesk's patch: the file is parsed, and its language and messages added to the
// bundle, at the bundle's first lookup (loadPending); the MessageFile returned has no
// Messages. A file that then fails to parse is logged, and its messages are missing:
// a lookup falls back to the default message, as for any message a translation lacks.
func (b *Bundle) ParseMessageFileBytes(buf []byte, path string) (*MessageFile, error) {
	lang, format := parsePath(path)
	messageFile := &MessageFile{Path: path, Tag: language.Make(lang), Format: format}
	if len(buf) == 0 {
		return messageFile, nil
	}
	if b.unmarshalFuncs[format] == nil && format != "json" {
		return nil, fmt.Errorf("no unmarshaler registered for %s", format)
	}
	if b.pluralRules.Rule(messageFile.Tag) == nil {
		return nil, fmt.Errorf("no plural rule registered for %s", messageFile.Tag)
	}
	b.pendingMu.Lock()
	b.pending = append(b.pending, pendingFile{buf: buf, path: path})
	b.hasPending.Store(true)
	b.pendingMu.Unlock()
	return messageFile, nil
}

// loadPending parses the files ParseMessageFileBytes was given, in the order given,
// before the first lookup and before any other change of the bundle's messages.
func (b *Bundle) loadPending() {
	if !b.hasPending.Load() {
		return
	}
	b.pendingMu.Lock()
	defer b.pendingMu.Unlock()
	files := b.pending
	b.pending = nil
	for _, f := range files {
		messageFile, err := ParseMessageFileBytes(f.buf, f.path, b.unmarshalFuncs)
		if err == nil {
			err = b.addMessages(messageFile.Tag, messageFile.Messages...)
		}
		if err != nil {
			log.Printf("i18n: %s: %v", f.path, err)
		}
	}
	b.hasPending.Store(false)
}

// MustParseMessageFileBytes is similar to ParseMessageFileBytes
// except it panics if an error happens.
func (b *Bundle) MustParseMessageFileBytes(buf []byte, path string) {
	if _, err := b.ParseMessageFileBytes(buf, path); err != nil {
		panic(err)
	}
}

// AddMessages adds messages for a language.
// It is useful if your messages are in a format not supported by ParseMessageFileBytes.
func (b *Bundle) AddMessages(tag language.Tag, messages ...*Message) error {
	b.loadPending()
	return b.addMessages(tag, messages...)
}

func (b *Bundle) addMessages(tag language.Tag, messages ...*Message) error {
	pluralRule := b.pluralRules.Rule(tag)
	if pluralRule == nil {
		return fmt.Errorf("no plural rule registered for %s", tag)
	}
	if b.messageTemplates == nil {
		b.messageTemplates = map[language.Tag]map[string]*MessageTemplate{}
	}
	if b.messageTemplates[tag] == nil {
		b.messageTemplates[tag] = map[string]*MessageTemplate{}
		b.addTag(tag)
	}
	for _, m := range messages {
		b.messageTemplates[tag][m.ID] = NewMessageTemplate(m)
	}
	return nil
}

// MustAddMessages is similar to AddMessages except it panics if an error happens.
func (b *Bundle) MustAddMessages(tag language.Tag, messages ...*Message) {
	if err := b.AddMessages(tag, messages...); err != nil {
		panic(err)
	}
}

func (b *Bundle) addTag(tag language.Tag) {
	for _, t := range b.tags {
		if t == tag {
			// Tag already exists
			return
		}
	}
	b.tags = append(b.tags, tag)
	b.matcher = language.NewMatcher(b.tags)
}

// LanguageTags returns the list of language tags
// of all the translations loaded into the bundle
func (b *Bundle) LanguageTags() []language.Tag {
	b.loadPending()
	return b.tags
}

func (b *Bundle) getMessageTemplate(tag language.Tag, id string) *MessageTemplate {
	b.loadPending()
	templates := b.messageTemplates[tag]
	if templates == nil {
		return nil
	}
	return templates[id]
}
