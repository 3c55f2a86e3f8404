package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncfs flushes the file system holding dir: every file written on it is
// durable when it returns (and since Linux 5.8 a failed writeback is
// reported, as fsync would).
func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	err = unix.Syncfs(int(d.Fd()))
	if errors.Is(err, unix.ENOSYS) {
		return errors.ErrUnsupported
	}
	if err != nil {
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}
