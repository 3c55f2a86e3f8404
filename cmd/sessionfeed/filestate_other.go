//go:build !linux

package main

import (
	"fmt"
	"io/fs"
	"time"
)

// fileState is what tells a file from its later self where the inode and
// the ctime are not at hand: its type and permissions, size and mtime.
func fileState(fi fs.FileInfo) (state string, changed time.Time) {
	return fmt.Sprintf("%v %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano()), fi.ModTime()
}
