//go:build !linux

package db

// lowerThreadPriority does nothing here: the background check still runs on its own
// connection and gives way to every write.
func lowerThreadPriority() {}
