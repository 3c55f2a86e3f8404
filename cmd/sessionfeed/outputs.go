package main

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// The outputs beside the Atom feed and calendar.ics: where each goes, and
// whether it is written at all. Their keys are optional; an empty string
// turns one off.

// orDefault is p, or a pointer to def when the key was not written.
func orDefault(p *string, def string) *string {
	if p == nil {
		return &def
	}
	return p
}

// deref is *p, "" for nil (before defaults).
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// checkOutputs checks the optional output paths: each inside the output
// directory, and no two outputs in the same file.
func (c *Config) checkOutputs() *checkError {
	type output struct {
		key   toml.Key
		value string
	}
	outputs := []output{
		{toml.Key{"feed", "path"}, c.Feed.Path},
		{toml.Key{"calendar", "path"}, c.Calendar.Path},
		{toml.Key{"feed", "rss_path"}, deref(c.Feed.RSSPath)},
		{toml.Key{"feed", "json_path"}, deref(c.Feed.JSONPath)},
		{toml.Key{"calendar", "sessions_json"}, deref(c.Calendar.SessionsJSON)},
		{toml.Key{"calendar", "page"}, c.Calendar.Page},
	}
	seen := map[string]toml.Key{}
	for _, o := range outputs {
		if o.value == "" {
			continue
		}
		name := strings.Join(o.key, ".")
		if !isLocalPath(o.value) {
			return &checkError{o.key, fmt.Sprintf("%s %q must be a relative path inside the output directory", name, o.value)}
		}
		if other, ok := seen[o.value]; ok {
			return &checkError{o.key, fmt.Sprintf("%s and %s name the same file %q", strings.Join(other, "."), name, o.value)}
		}
		seen[o.value] = o.key
	}
	return nil
}

// maxCalendarSize is about where Google Calendar stops reading a
// subscribed calendar.
const maxCalendarSize = 1 << 20

// calendarSizeWarning is the warning for a calendar.ics too big for some
// subscribers; "" when it is not.
func calendarSizeWarning(data []byte) string {
	if len(data) <= maxCalendarSize {
		return ""
	}
	return fmt.Sprintf("%d bytes: Google Calendar stops reading subscribed calendars over about 1 MB; keep older sessions out with [calendar] past = \"365d\"", len(data))
}
