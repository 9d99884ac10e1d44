package view

import (
	"encoding/json"
	"fmt"
	"html/template"
	"time"
)

// funcs are the helpers every template may call. None of them returns
// template.HTML built from data, so user input is always escaped.
func funcs(assets AssetURLer) template.FuncMap {
	return template.FuncMap{
		"asset": assets.URL,
		"time": func(t time.Time) string {
			if t.IsZero() {
				return "never"
			}
			return t.UTC().Format("2006-01-02 15:04:05 UTC")
		},
		// json shows structured details (system log) as indented text.
		"json": func(v any) string {
			b, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				return fmt.Sprint(v)
			}
			return string(b)
		},
		// dict builds a map in a template, e.g. for option lists.
		"dict": func(kv ...string) map[string]string {
			m := make(map[string]string, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i]] = kv[i+1]
			}
			return m
		},
		"input": func(f Form, name, label, typ string) Input {
			return Input{Name: name, Label: label, Type: typ, Value: f.Values[name], Error: f.Errors[name]}
		},
	}
}
