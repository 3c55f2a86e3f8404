package schedule

import (
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/internal/wire"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// AppendResult appends r in the wire form ReadResult reads back as the
// same Result, for a cache of what Scan found (posts.ScanCache). A
// session in a zone that cannot be written so (see timeexpr.AppendWhen)
// is an error: that result is not kept.
func AppendResult(b []byte, r Result) ([]byte, error) {
	var err error
	b = wire.AppendLen(b, len(r.Entries), r.Entries == nil)
	for _, e := range r.Entries {
		b = wire.AppendInt(b, int64(e.Line))
		b = wire.AppendString(b, e.Text)
		if b, err = timeexpr.AppendWhen(b, e.When); err != nil {
			return nil, err
		}
		b = wire.AppendString(b, e.Topic)
		b = wire.AppendString(b, e.Host)
		b = wire.AppendString(b, e.Location)
		b = wire.AppendStrings(b, e.Details)
		b = wire.AppendLen(b, len(e.Links), e.Links == nil)
		for _, l := range e.Links {
			b = wire.AppendString(b, l.Text)
			b = wire.AppendString(b, l.URL)
		}
		b = wire.AppendString(b, e.Form)
		b = wire.AppendString(b, e.From)
	}
	b = wire.AppendLen(b, len(r.Diagnostics), r.Diagnostics == nil)
	for _, d := range r.Diagnostics {
		b = wire.AppendString(b, d.File)
		b = wire.AppendInt(b, int64(d.Line))
		b = wire.AppendInt(b, int64(d.Severity))
		b = wire.AppendString(b, d.Message)
	}
	b = wire.AppendLen(b, len(r.Rejected), r.Rejected == nil)
	for _, j := range r.Rejected {
		b = wire.AppendInt(b, int64(j.Line))
		b = wire.AppendString(b, j.Text)
		b = wire.AppendString(b, j.Reason)
	}
	return b, nil
}

// ReadResult reads an AppendResult that is the whole of data.
func ReadResult(data []byte) (Result, error) {
	r := wire.NewReader(data)
	var res Result
	if n, isNil := r.Len(8); !isNil {
		res.Entries = make([]Entry, n)
		for i := range res.Entries {
			e := &res.Entries[i]
			e.Line = r.Small()
			e.Text = r.String()
			e.When = timeexpr.ReadWhen(r)
			e.Topic = r.String()
			e.Host = r.String()
			e.Location = r.String()
			e.Details = r.Strings()
			if n, isNil := r.Len(2); !isNil {
				e.Links = make([]Link, n)
				for j := range e.Links {
					e.Links[j].Text = r.String()
					e.Links[j].URL = r.String()
				}
			}
			e.Form = r.String()
			e.From = r.String()
		}
	}
	if n, isNil := r.Len(4); !isNil {
		res.Diagnostics = make([]Diagnostic, n)
		for i := range res.Diagnostics {
			d := &res.Diagnostics[i]
			d.File = r.String()
			d.Line = r.Small()
			if d.Severity = diag.Severity(r.Small()); d.Severity != diag.Error && d.Severity != diag.Warning {
				r.Fail()
			}
			d.Message = r.String()
		}
	}
	if n, isNil := r.Len(3); !isNil {
		res.Rejected = make([]Rejection, n)
		for i := range res.Rejected {
			j := &res.Rejected[i]
			j.Line = r.Small()
			j.Text = r.String()
			j.Reason = r.String()
		}
	}
	if err := r.Done(); err != nil {
		return Result{}, err
	}
	return res, nil
}
