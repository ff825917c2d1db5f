//go:build (linux || freebsd || openbsd || netbsd) && !ci

package main

import "os"

// noDisplay says why the window cannot open when there is no X11 or Wayland display
// to open it on (over ssh, in a bare console); "" when there is one. Without it GLFW
// panics with a stack trace.
func noDisplay() string {
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). " +
		"Start ChapterDesk from your desktop, or use its commands, which need none: chapterdesk --help"
}
