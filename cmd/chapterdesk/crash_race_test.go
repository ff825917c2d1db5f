//go:build race && unix

package main

// The race detector makes a process some forty times slower; a kill test learns
// nothing from it (each child is a process of its own), so under -race the crash
// tests skip and `make test` runs them in a second, plain `go test`.
func init() { raceBuild = true }
