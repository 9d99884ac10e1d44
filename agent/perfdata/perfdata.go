// Package perfdata parses the output of Nagios / Monitoring Plugins checks:
// the status text, the long output and the performance data
// ('label'=value[UOM];[warn];[crit];[min];[max]) as described by the
// Monitoring Plugins development guidelines. Plugin output is untrusted, so
// the parser never panics, bounds what it keeps, and skips what it cannot read.
package perfdata

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// MaxPoints bounds the points kept from one output; a plugin printing
// millions of labels must not turn into millions of stored values.
const MaxPoints = 256

const maxLabel = 200

// Point is one performance data item. Warn and Crit stay strings because
// they are Nagios ranges ("10", "10:", "~:10", "@10:20"), not numbers.
type Point struct {
	Label string `json:"label"`
	// Value is nil when the plugin reported "U" (undetermined).
	Value *float64 `json:"value"`
	UOM   string   `json:"uom,omitempty"`
	Warn  string   `json:"warn,omitempty"`
	Crit  string   `json:"crit,omitempty"`
	Min   *float64 `json:"min,omitempty"`
	Max   *float64 `json:"max,omitempty"`
}

var valuePattern = regexp.MustCompile(`^([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)([^0-9;=\s]{0,16})$`)

// Parse reads a perfdata string made of space-separated items. It returns
// every item it could read and an error naming the first one it could not.
func Parse(s string) ([]Point, error) {
	var points []Point
	var errs []error
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" || len(points) >= MaxPoints {
			break
		}
		var item string
		var p Point
		var err error
		p.Label, item, s, err = splitItem(s)
		if err == nil {
			err = p.parseData(item)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		points = append(points, p)
	}
	if len(errs) > 0 {
		return points, fmt.Errorf("perfdata: %w", errs[0])
	}
	return points, nil
}

// splitItem cuts one "label=data" item off the front of s.
func splitItem(s string) (label, data, rest string, err error) {
	if s[0] == '\'' {
		label, rest, err = quotedLabel(s[1:])
		if err != nil {
			return "", "", "", err
		}
	} else {
		end := strings.IndexAny(s, "= \t\r\n")
		if end < 0 || s[end] != '=' {
			word, after, _ := strings.Cut(s, " ")
			return "", "", after, fmt.Errorf("item %.40q has no '='", word)
		}
		label, rest = s[:end], s[end:]
	}
	if rest == "" || rest[0] != '=' {
		return "", "", rest, fmt.Errorf("label %.40q is not followed by '='", label)
	}
	rest = rest[1:]
	end := strings.IndexAny(rest, " \t\r\n")
	if end < 0 {
		end = len(rest)
	}
	data, rest = rest[:end], rest[end:]
	if label == "" || len(label) > maxLabel {
		return "", "", rest, fmt.Errorf("label must be 1 to %d bytes", maxLabel)
	}
	return label, data, rest, nil
}

// quotedLabel reads a label after its opening quote; a doubled quote stands
// for one literal quote.
func quotedLabel(s string) (label, rest string, err error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), s[i+1:], nil
	}
	return "", "", errors.New("unterminated quoted label")
}

func (p *Point) parseData(data string) error {
	fields := strings.Split(data, ";")
	if len(fields) > 5 {
		fields = fields[:5]
	}
	for len(fields) < 5 {
		fields = append(fields, "")
	}
	if fields[0] != "U" {
		m := valuePattern.FindStringSubmatch(fields[0])
		if m == nil {
			return fmt.Errorf("label %.40q: value %.40q is not a number", p.Label, fields[0])
		}
		v, err := number(m[1])
		if err != nil {
			return fmt.Errorf("label %.40q: %w", p.Label, err)
		}
		p.Value, p.UOM = v, m[2]
	}
	p.Warn, p.Crit = bounded(fields[1]), bounded(fields[2])
	p.Min, _ = number(fields[3])
	p.Max, _ = number(fields[4])
	return nil
}

func number(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return nil, fmt.Errorf("%.40q is not a finite number", s)
	}
	return &v, nil
}

func bounded(s string) string {
	if len(s) > 64 {
		return s[:64]
	}
	return s
}
