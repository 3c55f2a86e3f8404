package timeexpr

import (
	"fmt"
	"github.com/sessionfeed/sessionfeed/tzdb"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // zones resolve on machines without a system zoneinfo
)

// zoneKind says what a written zone name promises about daylight saving.
type zoneKind uint8

const (
	// kindRegion is a region's wall clock, whatever the season: "ET",
	// "Pacific", "Berlin time", an IANA name.
	kindRegion zoneKind = iota
	// kindStandard names the region's standard time ("EST", "CET"). Written
	// for a date when the region is on daylight time, it is still read as the
	// region's wall clock (that is what people mean), with a warning.
	kindStandard
	// kindDaylight names the region's daylight time ("EDT", "BST"); the
	// mirror image of kindStandard.
	kindDaylight
	// kindFixed is a fixed offset: "UTC", "GMT", "Z", "UTC+2", "-04:00".
	kindFixed
)

// zone is one entry of the table: what a name stands for.
type zone struct {
	loc  *time.Location
	kind zoneKind
	// region describes loc for warnings ("US Eastern time").
	region string
	// abbr entries are matched in running text only when written in capitals
	// ("ET", not "et"), so ordinary words are not read as zones.
	abbr bool
	// city entries ("Berlin") are zones in running text only when followed by
	// "time" ("Berlin time").
	city bool
}

// Zones maps zone abbreviations and names people write ("ET", "PT",
// "Eastern time", "CEST") to tz database zones. The zero value is not usable:
// build one with NewZones.
//
// The built-in table reads abbreviations the way a person in the region
// means them:
//
//   - A region abbreviation (ET, PT, CT, MT, AET, …) is that region's wall
//     clock across daylight saving changes.
//   - A standard or daylight abbreviation (EST/EDT, CET/CEST, GMT/BST …) is
//     also read as the region's wall clock; when it does not fit the date
//     ("EST" in July) the reading carries a warning.
//   - GMT alone is UTC: most people who write GMT mean the universal clock.
//     "GMT/BST", "UK time" and "London time" are the London wall clock.
//   - IST is India (Asia/Kolkata); a site that means Israel or Ireland
//     overrides it in its configuration.
//
// Besides the table, Lookup reads IANA names ("Europe/Berlin") and UTC
// offsets ("UTC+2", "GMT-05:00", "+0530"). A Zones is safe for concurrent use.
type Zones struct {
	names  map[string]*zone // key: lower case, single spaces
	iana   sync.Map         // string → *time.Location (nil: no such zone); LoadLocation is slow
	misses atomic.Int32     // names stored as unknown in iana
	key    string           // the entries added to the built-in table, as text (Key)
}

// Key is the table as text: in one program, two tables with one Key
// resolve every name alike.
func (z *Zones) Key() string {
	if z == nil {
		return ""
	}
	return z.key
}

// region tables: the abbreviations and names of one wall clock.
type regionDef struct {
	iana     string
	region   string
	regional []string // kindRegion abbreviations
	standard []string // kindStandard abbreviations
	daylight []string // kindDaylight abbreviations
	names    []string // kindRegion names, matched in any case
	stdNames []string
	dstNames []string
	cities   []string // need "time" after them in running text
}

var builtinRegions = []regionDef{
	{iana: "America/New_York", region: "US Eastern time",
		regional: []string{"ET"}, standard: []string{"EST"}, daylight: []string{"EDT"},
		names:    []string{"eastern", "us eastern", "us/eastern", "eastern us", "us east coast", "east coast"},
		stdNames: []string{"eastern standard time"}, dstNames: []string{"eastern daylight time"},
		cities: []string{"new york", "nyc", "boston", "washington", "atlanta", "miami", "toronto", "montreal", "detroit", "philadelphia"}},
	{iana: "America/Chicago", region: "US Central time",
		regional: []string{"CT"}, standard: []string{"CST"}, daylight: []string{"CDT"},
		names:    []string{"central", "us central", "us/central"},
		stdNames: []string{"central standard time"}, dstNames: []string{"central daylight time"},
		cities: []string{"chicago", "dallas", "houston", "austin", "minneapolis", "winnipeg"}},
	{iana: "America/Denver", region: "US Mountain time",
		regional: []string{"MT"}, standard: []string{"MST"}, daylight: []string{"MDT"},
		names:    []string{"mountain", "us mountain", "us/mountain"},
		stdNames: []string{"mountain standard time"}, dstNames: []string{"mountain daylight time"},
		cities: []string{"denver", "salt lake city", "calgary", "edmonton"}},
	{iana: "America/Phoenix", region: "Arizona time", cities: []string{"phoenix", "arizona"}},
	{iana: "America/Los_Angeles", region: "US Pacific time",
		regional: []string{"PT"}, standard: []string{"PST"}, daylight: []string{"PDT"},
		names:    []string{"pacific", "us pacific", "us/pacific", "us west coast", "west coast"},
		stdNames: []string{"pacific standard time"}, dstNames: []string{"pacific daylight time"},
		cities: []string{"los angeles", "san francisco", "seattle", "portland", "vancouver", "silicon valley", "bay area"}},
	{iana: "America/Anchorage", region: "Alaska time",
		regional: []string{"AKT"}, standard: []string{"AKST"}, daylight: []string{"AKDT"},
		names: []string{"alaska"}, cities: []string{"anchorage"}},
	{iana: "Pacific/Honolulu", region: "Hawaii time",
		regional: []string{"HT", "HST"}, names: []string{"hawaii"}, cities: []string{"honolulu"}},
	{iana: "America/Halifax", region: "Atlantic time",
		daylight: []string{"ADT"}, names: []string{"atlantic"}, cities: []string{"halifax"}},
	{iana: "America/St_Johns", region: "Newfoundland time",
		standard: []string{"NST"}, daylight: []string{"NDT"}, names: []string{"newfoundland"}},
	{iana: "America/Sao_Paulo", region: "Brasília time", regional: []string{"BRT"},
		names: []string{"brasilia", "brazil", "brazilian"}, cities: []string{"sao paulo", "rio", "rio de janeiro"}},
	{iana: "America/Argentina/Buenos_Aires", region: "Argentina time", regional: []string{"ART"},
		names: []string{"argentina"}, cities: []string{"buenos aires"}},
	{iana: "America/Mexico_City", region: "Mexico City time", cities: []string{"mexico city", "mexico"}},
	{iana: "America/Bogota", region: "Colombia time", regional: []string{"COT"}, cities: []string{"bogota"}},
	{iana: "America/Lima", region: "Peru time", regional: []string{"PET"}, cities: []string{"lima"}},
	{iana: "America/Santiago", region: "Chile time", cities: []string{"santiago"}},
	{iana: "Europe/London", region: "UK time",
		daylight: []string{"BST"},
		names:    []string{"uk", "british", "united kingdom", "england"},
		dstNames: []string{"british summer time"},
		cities:   []string{"london", "edinburgh", "manchester"}},
	{iana: "Europe/Dublin", region: "Irish time", names: []string{"irish", "ireland"}, cities: []string{"dublin"}},
	{iana: "Europe/Lisbon", region: "Western European time",
		standard: []string{"WET"}, daylight: []string{"WEST"},
		names: []string{"western european", "portugal", "portuguese"}, stdNames: []string{"western european standard time"},
		dstNames: []string{"western european summer time"}, cities: []string{"lisbon", "porto"}},
	{iana: "Europe/Berlin", region: "Central European time",
		standard: []string{"CET", "MEZ"}, daylight: []string{"CEST", "MESZ"},
		names: []string{"central european", "central europe", "europe/central", "german", "germany"}, stdNames: []string{"central european standard time"},
		dstNames: []string{"central european summer time", "central european daylight time"},
		cities:   []string{"berlin", "munich", "hamburg", "frankfurt", "cologne", "amsterdam", "brussels", "paris", "madrid", "barcelona", "rome", "milan", "vienna", "zurich", "geneva", "bern", "prague", "warsaw", "krakow", "budapest", "stockholm", "oslo", "copenhagen", "belgrade", "zagreb", "ljubljana", "bratislava", "luxembourg"}},
	{iana: "Europe/Paris", region: "French time", names: []string{"french", "france"}},
	{iana: "Europe/Athens", region: "Eastern European time",
		standard: []string{"EET"}, daylight: []string{"EEST"},
		names: []string{"eastern european", "eastern europe"}, stdNames: []string{"eastern european standard time"},
		dstNames: []string{"eastern european summer time"},
		cities:   []string{"athens", "helsinki", "kyiv", "kiev", "bucharest", "sofia", "riga", "tallinn", "vilnius"}},
	{iana: "Europe/Istanbul", region: "Turkey time", names: []string{"turkey", "turkish"}, cities: []string{"istanbul", "ankara"}},
	{iana: "Europe/Moscow", region: "Moscow time", regional: []string{"MSK"}, names: []string{"russian"}, cities: []string{"moscow", "saint petersburg", "st petersburg"}},
	{iana: "Asia/Jerusalem", region: "Israel time", names: []string{"israel", "israeli"}, cities: []string{"jerusalem", "tel aviv"}},
	{iana: "Africa/Cairo", region: "Egypt time", cities: []string{"cairo"}},
	{iana: "Africa/Johannesburg", region: "South Africa time", regional: []string{"SAST"}, cities: []string{"johannesburg", "cape town"}},
	{iana: "Africa/Lagos", region: "West Africa time", regional: []string{"WAT"}, cities: []string{"lagos"}},
	{iana: "Africa/Nairobi", region: "East Africa time", regional: []string{"EAT"}, cities: []string{"nairobi"}},
	{iana: "Asia/Dubai", region: "Gulf time", regional: []string{"GST"}, cities: []string{"dubai", "abu dhabi"}},
	{iana: "Asia/Karachi", region: "Pakistan time", regional: []string{"PKT"}, names: []string{"pakistan"}, cities: []string{"karachi", "lahore", "islamabad"}},
	{iana: "Asia/Kolkata", region: "India time", regional: []string{"IST"},
		names:  []string{"india", "indian", "india standard time", "indian standard time"},
		cities: []string{"kolkata", "mumbai", "delhi", "new delhi", "bangalore", "bengaluru", "chennai", "hyderabad", "pune"}},
	{iana: "Asia/Dhaka", region: "Bangladesh time", cities: []string{"dhaka"}},
	{iana: "Asia/Bangkok", region: "Indochina time", regional: []string{"ICT"}, cities: []string{"bangkok", "hanoi", "ho chi minh city"}},
	{iana: "Asia/Jakarta", region: "Western Indonesia time", regional: []string{"WIB"}, cities: []string{"jakarta"}},
	{iana: "Asia/Singapore", region: "Singapore time", regional: []string{"SGT"}, names: []string{"singapore"}, cities: []string{"kuala lumpur"}},
	{iana: "Asia/Hong_Kong", region: "Hong Kong time", regional: []string{"HKT"}, cities: []string{"hong kong"}},
	{iana: "Asia/Shanghai", region: "China time", names: []string{"china", "chinese", "china standard time", "beijing"}, cities: []string{"shanghai", "shenzhen"}},
	{iana: "Asia/Taipei", region: "Taiwan time", names: []string{"taiwan"}, cities: []string{"taipei"}},
	{iana: "Asia/Manila", region: "Philippine time", regional: []string{"PHT"}, names: []string{"philippines", "philippine"}, cities: []string{"manila"}},
	{iana: "Asia/Tokyo", region: "Japan time", regional: []string{"JST"},
		names: []string{"japan", "japanese", "japan standard time"}, cities: []string{"tokyo", "osaka", "kyoto"}},
	{iana: "Asia/Seoul", region: "Korea time", regional: []string{"KST"},
		names: []string{"korea", "korean", "korea standard time"}, cities: []string{"seoul"}},
	{iana: "Australia/Perth", region: "Australian Western time", regional: []string{"AWST", "AWT"}, cities: []string{"perth"}},
	{iana: "Australia/Adelaide", region: "Australian Central time",
		standard: []string{"ACST"}, daylight: []string{"ACDT"}, cities: []string{"adelaide"}},
	{iana: "Australia/Brisbane", region: "Queensland time", cities: []string{"brisbane"}},
	{iana: "Australia/Sydney", region: "Australian Eastern time",
		regional: []string{"AET"}, standard: []string{"AEST"}, daylight: []string{"AEDT"},
		names:    []string{"australian eastern", "australia eastern"},
		stdNames: []string{"australian eastern standard time"}, dstNames: []string{"australian eastern daylight time"},
		cities: []string{"sydney", "melbourne", "canberra", "hobart"}},
	{iana: "Pacific/Auckland", region: "New Zealand time",
		regional: []string{"NZT"}, standard: []string{"NZST"}, daylight: []string{"NZDT"},
		names: []string{"new zealand", "nz"}, cities: []string{"auckland", "wellington", "christchurch"}},
}

// utcNames are the names of the universal clock. GMT is among them on
// purpose: see the Zones documentation.
var utcNames = []string{"utc", "gmt", "z", "ut", "zulu", "coordinated universal time", "universal time", "greenwich mean time"}

// NewZones returns the built-in table extended (or overridden) by extra,
// which maps abbreviations to IANA zone names, as the config's [zones] does.
// A key written in capitals ("IST") is an abbreviation, matched in running
// text only in capitals; any other key ("Berlin", "office time") is a name,
// matched in any case. Every entry of extra is the region's wall clock.
func NewZones(extra map[string]string) (*Zones, error) {
	z := &Zones{names: make(map[string]*zone, 512)}
	locs := make(map[string]*time.Location, len(builtinRegions))
	load := func(name string) (*time.Location, error) {
		if l, ok := locs[name]; ok {
			return l, nil
		}
		l, err := tzdb.Load(name)
		if err != nil {
			return nil, err
		}
		locs[name] = l
		return l, nil
	}
	for _, r := range builtinRegions {
		loc, err := load(r.iana)
		if err != nil {
			return nil, fmt.Errorf("timeexpr: built-in zone %s: %v", r.iana, err)
		}
		add := func(keys []string, kind zoneKind, abbr, city bool) {
			for _, k := range keys {
				z.names[k2(k)] = &zone{loc: loc, kind: kind, region: r.region, abbr: abbr, city: city}
			}
		}
		add(r.regional, kindRegion, true, false)
		add(r.standard, kindStandard, true, false)
		add(r.daylight, kindDaylight, true, false)
		add(r.names, kindRegion, false, false)
		add(r.stdNames, kindStandard, false, false)
		add(r.dstNames, kindDaylight, false, false)
		add(r.cities, kindRegion, false, true)
	}
	for _, n := range utcNames {
		z.names[n] = &zone{loc: time.UTC, kind: kindFixed, region: "UTC", abbr: n == "utc" || n == "gmt" || n == "z" || n == "ut"}
	}
	// Pairs that name a region across the year ("EST/EDT", "GMT/BST").
	for _, pair := range []string{"gmt/bst", "est/edt", "cst/cdt", "mst/mdt", "pst/pdt", "cet/cest", "wet/west", "eet/eest", "aest/aedt", "nzst/nzdt", "akst/akdt", "mez/mesz"} {
		std, dst, _ := strings.Cut(pair, "/")
		d := *z.names[dst]
		d.kind = kindRegion
		z.names[pair] = &d
		z.names[dst+"/"+std] = &d
	}
	// In a fixed order: two keys may name one entry ("IST", "ist").
	var text strings.Builder
	for _, key := range slices.Sorted(maps.Keys(extra)) {
		name := extra[key]
		fmt.Fprintf(&text, "%q=%q\n", key, name)
		k := k2(key)
		if k == "" {
			return nil, fmt.Errorf("timeexpr: zones: empty abbreviation for %q", name)
		}
		loc, err := loadIANA(name)
		if err != nil {
			if off, ok := parseOffsetName(name); ok {
				loc, err = off, nil
			}
		}
		if err != nil {
			return nil, fmt.Errorf("timeexpr: zones: %s = %q: not a tz database zone name (like \"Asia/Kolkata\")", key, name)
		}
		z.names[k] = &zone{loc: loc, kind: kindRegion, region: loc.String(), abbr: isUpperWord(key)}
	}
	z.key = text.String()
	return z, nil
}

// k2 is the table key for a name: lower case, single spaces.
func k2(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// tableKey appends the table key of text (ASCII words separated by blanks)
// to buf, so that looking a name up needs no allocation.
func tableKey(buf []byte, text string) []byte {
	space := false
	for i := 0; i < len(text); {
		if j := skipSpaces(text, i); j > i {
			space, i = true, j
			continue
		}
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		c := text[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
		i++
	}
	return buf
}

func isUpperWord(s string) bool {
	hasUpper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			hasUpper = true
		}
	}
	return hasUpper
}

// loadIANA loads a tz database zone by name. It refuses the names
// LoadLocation gives a special meaning ("", "Local") and anything that is not
// shaped like a zone name.
func loadIANA(name string) (*time.Location, error) {
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(isLetter(c) || isDigit(c) || c == '/' || c == '_' || c == '-' || c == '+') {
			return nil, fmt.Errorf("unknown time zone %q", name)
		}
	}
	return tzdb.Load(name)
}

// LookupPlace finds the zone of a city or country written as a word
// ("Brussels", "Ireland"), not of an abbreviation or an IANA name.
func (z *Zones) LookupPlace(name string) (*time.Location, bool) {
	e, ok := z.lookup(name)
	if !ok || e.loc == nil || !e.city {
		return nil, false
	}
	return e.loc, true
}

// Lookup finds the zone an abbreviation, IANA name or written name stands for.
// It ignores case and a trailing "time": "CEST", "Europe/Berlin", "UTC+2",
// "Eastern time" and "berlin" all resolve.
func (z *Zones) Lookup(name string) (*time.Location, bool) {
	e, ok := z.lookup(name)
	return e.loc, ok
}

func (z *Zones) lookup(name string) (zone, bool) {
	if z == nil {
		return zone{}, false
	}
	k := k2(name)
	if e, ok := z.names[k]; ok {
		return *e, true
	}
	for _, suffix := range []string{" time zone", " timezone", " time"} {
		if base, ok := strings.CutSuffix(k, suffix); ok {
			if e, ok := z.names[base]; ok {
				return *e, true
			}
		}
	}
	if loc, ok := parseOffsetName(name); ok {
		return zone{loc: loc, kind: kindFixed, region: loc.String()}, true
	}
	if name = strings.TrimSpace(name); ianaSpan(name, 0) == len(name) {
		if loc, ok := z.lookupIANA(name); ok {
			return zone{loc: loc, kind: kindRegion, region: loc.String()}, true
		}
	}
	return zone{}, false
}

// lookupIANA loads an IANA zone, remembering the answer: LoadLocation reads
// and parses zone data on every call.
func (z *Zones) lookupIANA(name string) (*time.Location, bool) {
	if v, ok := z.iana.Load(name); ok {
		loc := v.(*time.Location)
		return loc, loc != nil
	}
	loc, err := loadIANA(name)
	if err != nil {
		loc = nil
	}
	// Zones that exist are all remembered (there are a few hundred); names
	// that do not, only the first few hundred, so hostile input cannot grow
	// the cache without bound.
	if loc != nil || z.misses.Add(1) <= 512 {
		z.iana.Store(name, loc)
	}
	return loc, loc != nil
}

// parseOffsetName reads a whole UTC offset: "UTC+2", "GMT-05:00", "+0530".
func parseOffsetName(s string) (*time.Location, bool) {
	s = strings.TrimSpace(s)
	i := 0
	if w, j := word(s, 0); w != "" {
		if lw := strings.ToLower(w); lw != "utc" && lw != "gmt" {
			return nil, false
		}
		i = skipSpaces(s, j)
	}
	off, j, ok, bad := parseOffset(s, i, i > 0)
	if !ok || bad != "" || j != len(s) {
		return nil, false
	}
	return fixedZone(off), true
}

// fixedZone is the zone of a written UTC offset, named like "UTC+05:30" so
// that it is not mistaken for a tz database zone (and reads back as itself).
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone(offsetName(off), off)
}

// parseOffset reads a signed UTC offset at s[i:]: "+05:30", "-0400", and,
// when short is set (after "UTC"/"GMT"), "+2" and "-5:30". It returns the
// offset in seconds; bad is set for a well-formed but impossible offset.
func parseOffset(s string, i int, short bool) (off, j int, ok bool, bad string) {
	sign := 0
	switch {
	case i < len(s) && s[i] == '+':
		sign, i = 1, i+1
	case i < len(s) && s[i] == '-':
		sign, i = -1, i+1
	case strings.HasPrefix(s[i:], "−"): // U+2212 minus sign
		sign, i = -1, i+len("−")
	default:
		return 0, i, false, ""
	}
	h, nd, k := digits(s, i, 4)
	var m int
	switch {
	case nd == 4:
		h, m = h/100, h%100
	case nd == 2 || (nd == 1 && short):
		if k < len(s) && s[k] == ':' {
			mm, nm, k2 := digits(s, k+1, 2)
			if nm != 2 {
				return 0, i, false, ""
			}
			m, k = mm, k2
		} else if nd == 2 && !short {
			// "+05" alone is too easily something else.
			return 0, i, false, ""
		}
	default:
		return 0, i, false, ""
	}
	if k < len(s) && (isDigit(s[k]) || isLetter(s[k])) {
		return 0, i, false, ""
	}
	if h > 14 || m > 59 {
		return 0, k, true, fmt.Sprintf("UTC offset %s out of range", s[i-1:k])
	}
	return sign * (h*3600 + m*60), k, true, ""
}
