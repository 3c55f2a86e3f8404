package main

import (
	"fmt"
	"io/fs"
	"syscall"
	"time"
)

// fileState is what tells a file from its later self: which file it is
// (device and inode), its type and permissions, size, and the times of its
// last change of content (mtime) and of anything (ctime, which no one can
// set back). changed is the later of the two times.
func fileState(fi fs.FileInfo) (state string, changed time.Time) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Sprintf("%v %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano()), fi.ModTime()
	}
	m, c := time.Unix(st.Mtim.Unix()), time.Unix(st.Ctim.Unix())
	return fmt.Sprintf("%d:%d %v %d %d %d", st.Dev, st.Ino, fi.Mode(), fi.Size(), m.UnixNano(), c.UnixNano()), later(m, c)
}
