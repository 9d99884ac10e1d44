package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/prophasis/prophasis/alert/channels"
	"github.com/prophasis/prophasis/internal/secretbox"
)

// FuzzNotifierBody feeds arbitrary bodies to the decoding and validation
// of POST/PUT /notifiers: never a panic, and a body that passes has a
// known kind whose settings split into plain JSON without any secret
// field and sealed secrets that open to single-line strings.
func FuzzNotifierBody(f *testing.F) {
	for _, s := range []string{
		`{"name":"ops","kind":"webhook","settings":{"url":"https://x/y","secret":"k","timeout_seconds":5}}`,
		`{"name":"m","kind":"email","enabled":false,"settings":{"password":null,"host":"smtp"}}`,
		`{"name":"n","kind":"ntfy","settings":{"token":"a\nb"}}`, `{"name":"s","kind":"slack","settings":{"url":42}}`,
		`{"name":"x","kind":"pager","settings":{}}`, `{"name":"x","kind":"script"}`, `{"settings":[]}`, `[`, "",
	} {
		f.Add([]byte(s))
	}
	box, err := secretbox.New(bytes.Repeat([]byte{7}, 32), channels.SecretPurpose)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in notifierInput
		if decodeJSON(bytes.NewReader(body), &in) != nil {
			return
		}
		fields, _ := channels.SecretFields(in.Kind)
		if in.validate(fields) != nil {
			return
		}
		all, err := mergeSettings(fields, in.Settings, nil, nil, false)
		if err != nil {
			t.Fatalf("create merge: %v", err)
		}
		settings, sealed, err := channels.Split(box, in.Kind, all)
		if err != nil {
			t.Fatalf("valid body does not split: %v", err)
		}
		var plain map[string]json.RawMessage
		if err := json.Unmarshal(settings, &plain); err != nil {
			t.Fatalf("plain settings are not an object: %v", err)
		}
		for _, name := range fields {
			if _, ok := plain[name]; ok {
				t.Fatalf("secret %q left in plain settings %s", name, settings)
			}
		}
		if sealed == nil {
			return
		}
		opened, err := box.Open(sealed)
		var secrets map[string]string
		if err != nil || json.Unmarshal(opened, &secrets) != nil {
			t.Fatalf("sealed secrets do not open to strings: %v %s", err, opened)
		}
	})
}
