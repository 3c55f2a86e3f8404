//go:build !linux

package main

import "errors"

// syncfs is Linux's; elsewhere the staged files are fsynced one by one.
func syncfs(dir string) error { return errors.ErrUnsupported }
