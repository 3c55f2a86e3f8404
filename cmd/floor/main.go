// Command floor is the physical floor a sessionfeed build is measured
// against (issue 12): it reads every Markdown file under a folder and
// decodes its front matter (YAML between "---", TOML between "+++", or a
// JSON object), and does nothing else. It prints how many posts it read.
//
//	go run ./cmd/floor SITE/content
//
// docs/performance.md compares sessionfeed with it.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DIR")
		os.Exit(2)
	}
	posts, failed := 0, 0
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".md" && ext != ".markdown" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var m map[string]any
		if err := decode(data, &m); err != nil {
			failed++
		}
		posts++
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d posts, %d without readable front matter\n", posts, failed)
}

// decode decodes the front matter at the start of data into m.
func decode(data []byte, m *map[string]any) error {
	for _, d := range []struct {
		fence  string
		decode func([]byte, any) error
	}{{"---", yaml.Unmarshal}, {"+++", toml.Unmarshal}} {
		if !bytes.HasPrefix(data, []byte(d.fence+"\n")) {
			continue
		}
		rest := data[len(d.fence)+1:]
		end := bytes.Index(rest, []byte("\n"+d.fence))
		if end < 0 {
			return fmt.Errorf("unclosed %s", d.fence)
		}
		return d.decode(rest[:end+1], m)
	}
	if bytes.HasPrefix(data, []byte("{")) {
		return json.NewDecoder(bytes.NewReader(data)).Decode(m)
	}
	return fmt.Errorf("no front matter")
}
