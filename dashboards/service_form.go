package dashboards

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/prophasis/prophasis/dashboards/view"
	"github.com/prophasis/prophasis/internal/storage"
)

// maxRedundancyGroups bounds how many redundancy groups one form may carry.
const maxRedundancyGroups = 50

// serviceFormData is the add/edit page: the service being edited, one
// card per redundancy group (the last one blank, for adding), and every
// host and host group to tick.
type serviceFormData struct {
	ID         int64
	In         storage.ServiceInput
	Redundancy []redundancyCard
	Hosts      []storage.Host
	Groups     []storage.HostGroup
	Diagram    serviceDiagram // of In; static/js/service_diagram.js redraws it as the form changes
}

// redundancyCard is one redundancy group's fields; Index names them
// (rg-name-0, rg-hosts-0...).
type redundancyCard struct {
	Index int
	storage.RedundancyGroup
	Error string
}

// HasID reports whether id is among ids, for ticking checkboxes.
func (serviceFormData) HasID(ids []int64, id int64) bool { return slices.Contains(ids, id) }

// serviceForm builds the page data with a blank redundancy card appended.
func (w *Web) serviceForm(ctx context.Context, id int64, in storage.ServiceInput, f view.Form) (serviceFormData, error) {
	d := serviceFormData{ID: id, In: in}
	for i, r := range append(slices.Clone(in.Redundancy), storage.RedundancyGroup{}) {
		d.Redundancy = append(d.Redundancy, redundancyCard{Index: i, RedundancyGroup: r, Error: f.Errors["rg-"+strconv.Itoa(i)]})
	}
	var known subjectNames
	var err error
	d.Hosts, d.Groups, known, err = w.subjects(ctx)
	d.Diagram = newServiceDiagram(structureDiagram(in, known))
	return d, err
}

// serviceFields reads and checks the form. Unknown host and group ids are
// dropped; a redundancy card left blank is ignored; one ticked "remove"
// is dropped.
func serviceFields(c *gin.Context, f view.Form, known subjectNames) storage.ServiceInput {
	in := storage.ServiceInput{Name: text(c, f, "name", true, 200), Hosts: knownIDs(ids(c, "hosts"), known.Hosts),
		Groups: knownIDs(ids(c, "groups"), known.Groups)}
	in.Description = strings.TrimSpace(c.PostForm("description"))
	f.Values["description"] = in.Description
	if len([]rune(in.Description)) > 2000 {
		f.Errors["description"] = "At most 2000 characters."
	}
	for i := 0; i < maxRedundancyGroups; i++ {
		key := strconv.Itoa(i)
		name, present := c.GetPostForm("rg-name-" + key)
		if !present {
			break
		}
		r := storage.RedundancyGroup{Name: strings.TrimSpace(name), Hosts: knownIDs(ids(c, "rg-hosts-"+key), known.Hosts),
			Groups: knownIDs(ids(c, "rg-groups-"+key), known.Groups)}
		members := len(r.Hosts) + len(r.Groups)
		if c.PostForm("rg-remove-"+key) == "on" || (r.Name == "" && members == 0) {
			continue
		}
		errKey := "rg-" + strconv.Itoa(len(in.Redundancy))
		switch {
		case r.Name == "" || len([]rune(r.Name)) > 200 || strings.ContainsAny(r.Name, "\x00\r\n"):
			f.Errors[errKey] = "Give the redundancy group a one-line name of at most 200 characters."
		case members == 0:
			f.Errors[errKey] = "Tick at least one member host or host group."
		case slices.ContainsFunc(in.Redundancy, func(o storage.RedundancyGroup) bool { return o.Name == r.Name }):
			f.Errors[errKey] = fmt.Sprintf("Another redundancy group is already called %q.", r.Name)
		}
		in.Redundancy = append(in.Redundancy, r)
	}
	if len(in.Hosts)+len(in.Groups)+len(in.Redundancy) == 0 {
		f.Errors["deps"] = "Tick at least one host or host group, or add a redundancy group."
	}
	return in
}

// knownIDs keeps the ids present in names, in order, without repeats.
func knownIDs(ids []int64, names map[int64]string) []int64 {
	var out []int64
	for _, id := range ids {
		if _, ok := names[id]; ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
