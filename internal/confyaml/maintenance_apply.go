package confyaml

import (
	"context"
	"fmt"

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
