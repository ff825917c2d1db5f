package db

// SetDenseMatches lets tests make a small roster's searches dense.
func SetDenseMatches(n int) (restore func()) {
	old := denseMatches
	denseMatches = n
	return func() { denseMatches = old }
}
