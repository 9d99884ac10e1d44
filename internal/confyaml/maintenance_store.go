package confyaml

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/prophasis/prophasis/internal/storage"
)

// saveWindows creates and replaces maintenance windows once the hosts,
// groups and services they name exist; an update keeps the window's id
// and creator, so a window in progress is not ended and restarted.
func (a applier) saveWindows(ctx context.Context, todo map[string]string, ids map[string]map[string]int64) error {
	for _, w := range a.want.Windows {
		action := todo[w.Name]
		if action == "" {
			continue
		}
		in, err := w.input(ids)
		if err == nil && action == "create" {
			_, err = storage.CreateMaintenanceWindow(ctx, a.tx, in)
		} else if err == nil {
			err = storage.UpdateMaintenanceWindow(ctx, a.tx, a.cur.windows[w.Name], in)
		}
		if err != nil {
			return fmt.Errorf("confyaml: maintenance window %q: %w", w.Name, err)
		}
	}
	return nil
}

// deleteWindows removes the windows the file no longer lists.
func (a applier) deleteWindows(ctx context.Context, todo map[string]string) error {
	for name, action := range todo {
		if action != "delete" {
			continue
		}
		if err := storage.DeleteMaintenanceWindow(ctx, a.tx, a.cur.windows[name]); err != nil {
			return fmt.Errorf("confyaml: delete maintenance window %q: %w", name, err)
		}
	}
	return nil
}

// loadWindows reads every window with scope names. Windows sharing a name
// (the web app allows it) are told apart as "name #2", "name #3"... in
// the order they were created; one created or updated from the file takes
// that name.
func loadWindows(ctx context.Context, db storage.DBTX, c *current, byID map[string]map[int64]string) error {
	rows, err := storage.ListMaintenanceWindowRows(ctx, db, 0)
	if err != nil {
		return fmt.Errorf("confyaml: export: %w", err)
	}
	for _, r := range rows {
		name := r.Name
		for n := 2; c.windows[name] != 0; n++ {
			name = r.Name + " #" + strconv.Itoa(n)
		}
		c.windows[name] = r.ID
		w := Window{Name: name, Description: r.Description, StartsAt: rfc3339(r.StartsAt), EndsAt: rfc3339(r.EndsAt),
			StartTime: r.StartTime, EndTime: r.EndTime, TimeZone: r.TimeZone, Hosts: names(r.Hosts, byID["host"]),
			Groups: names(r.HostGroups, byID["host_group"]), Services: names(r.Services, byID["service"])}
		slices.Sort(r.Days)
		for _, d := range r.Days {
			w.Days = append(w.Days, dayNames[d])
		}
		c.file.Windows = append(c.file.Windows, normalizeWindow(w))
	}
	return nil
}

func rfc3339(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
