//go:build !(linux || freebsd || openbsd || netbsd) || ci

package main

// noDisplay is "": macOS and Windows always have a display for a desktop app, and
// the ci build's test driver needs none.
func noDisplay() string { return "" }
