package api

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"unicode/utf8"
)

// hostnamePattern accepts DNS names; IP addresses are checked separately.
var hostnamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$`)

// checker collects the first validation error of a request body, so
// handlers read as a list of rules.
type checker struct{ err error }

// text requires s to be valid UTF-8 without control characters, at most
// max characters, and non-blank when required.
func (k *checker) text(field, s string, required bool, max int) {
	switch {
	case k.err != nil:
	case required && strings.TrimSpace(s) == "":
		k.err = invalid(field, "required")
	case !utf8.ValidString(s) || utf8.RuneCountInString(s) > max:
		k.err = invalid(field, fmt.Sprintf("must be at most %d characters of valid UTF-8", max))
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }):
		k.err = invalid(field, "must not contain control characters")
	}
}

// address requires a host name or IP address.
func (k *checker) address(field, s string) {
	k.text(field, s, true, 253)
	if k.err == nil && net.ParseIP(s) == nil && !hostnamePattern.MatchString(s) {
		k.err = invalid(field, "must be a host name (e.g. web1.example.com) or an IP address")
	}
}

// intRange requires min <= n <= max.
func (k *checker) intRange(field string, n, min, max int64) {
	if k.err == nil && (n < min || n > max) {
		k.err = invalid(field, fmt.Sprintf("must be from %d to %d", min, max))
	}
}

// rule records msg for field when bad holds.
func (k *checker) rule(field string, bad bool, msg string) {
	if k.err == nil && bad {
		k.err = invalid(field, msg)
	}
}
