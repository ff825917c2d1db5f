//go:build race

package db_test

// raceBuild: the race detector slows a test some ten to forty times. A test that runs
// one goroutine through thousands of SQLite opens learns nothing from it; it skips under
// -race and runs in make test's plain pass (the store's suite on PostgreSQL).
func init() { raceBuild = true }
