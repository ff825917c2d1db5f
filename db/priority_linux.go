package db

import "syscall"

// lowerThreadPriority gives the calling OS thread (locked by the caller) the nice
// value 10, so a background check yields the cores to the app and other programs.
func lowerThreadPriority() {
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10)
}
