package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestOpenAPIMatchesRoutes walks the gin route table: every /api/v1 route
// is in the served document and every operation of the document is a
// route, and every $ref in it resolves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	b := setup(t, options{})
	e := gin.New()
	b.api.Mount(e)
	var routes []string
	param := regexp.MustCompile(`:(\w+)`)
	for _, r := range e.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			routes = append(routes, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
		}
	}

	res, err := http.Get(b.srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	var raw map[string]any
	dec := json.NewDecoder(res.Body)
	if err := dec.Decode(&raw); err != nil || res.StatusCode != 200 {
		t.Fatalf("document: %d %v", res.StatusCode, err)
	}
	buf, _ := json.Marshal(raw)
	if err := json.Unmarshal(buf, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %q %v", doc.OpenAPI, err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(routes)
	slices.Sort(documented)
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("openapi.json documents %s, which is no route", d)
		}
	}
	for _, ref := range regexp.MustCompile(`"\$ref":"#/([^"]+)"`).FindAllStringSubmatch(string(buf), -1) {
		var node any = raw
		for _, part := range strings.Split(ref[1], "/") {
			m, _ := node.(map[string]any)
			node = m[part]
		}
		if node == nil {
			t.Errorf("$ref #/%s does not resolve", ref[1])
		}
	}
}
