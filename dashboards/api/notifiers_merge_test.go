package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestMergeSettings(t *testing.T) {
	fields := []string{"url", "token"}
	stored := map[string]json.RawMessage{"url": json.RawMessage(`"old-url"`), "token": json.RawMessage(`"old-token"`)}
	for _, tc := range []struct {
		name, sent  string
		replace     bool
		storedErr   error
		want, field string
	}{
		{"create drops null secrets", `{"url":"u","token":null,"topic":null}`, false, nil, `map[topic:null url:"u"]`, ""},
		{"create ignores stored", `{}`, false, nil, `map[]`, ""},
		{"replace keeps omitted", `{"topic":"t"}`, true, nil, `map[token:"old-token" topic:"t" url:"old-url"]`, ""},
		{"replace sets and clears", `{"url":"new","token":null}`, true, nil, `map[url:"new"]`, ""},
		{"unreadable omitted", `{"url":"new"}`, true, errors.New("bad key"), "", "settings.token"},
		{"unreadable all sent", `{"url":"new","token":null}`, true, errors.New("bad key"), `map[url:"new"]`, ""},
	} {
		var sent map[string]json.RawMessage
		if err := json.Unmarshal([]byte(tc.sent), &sent); err != nil {
			t.Fatal(err)
		}
		got, err := mergeSettings(fields, sent, stored, tc.storedErr, tc.replace)
		var fe *fieldError
		switch {
		case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field):
			t.Errorf("%s: error %v, want field %s", tc.name, err, tc.field)
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field == "" && fmt.Sprintf("%s", got) != tc.want:
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}
