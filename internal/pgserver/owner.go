package pgserver

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// owner is the system account PostgreSQL runs as. PostgreSQL refuses to run
// as root, so a root caller hands the cluster to the `postgres` user; any
// other caller runs it as itself (nil owner).
type owner struct {
	uid, gid uint32
	name     string
}

// processOwner picks the account for initdb and postgres.
func processOwner() (*owner, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgserver: running as root, PostgreSQL must run as the postgres system user, "+
			"which does not exist (installing the postgresql package creates it; or run as a normal user): %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("pgserver: postgres user ids: %w", err)
	}
	return &owner{uid: uint32(uid), gid: uint32(gid), name: u.Username}, nil
}

// apply makes cmd run as the owner.
func (o *owner) apply(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	if o != nil {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: o.uid, Gid: o.gid}
	}
}

// prepare creates dir (mode 0700) and gives it to the owner. As root it also
// checks that every parent lets the owner through, because initdb's own error
// for that case ("permission denied") does not say which directory is wrong.
func (o *owner) prepare(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pgserver: create data directory: %w", err)
	}
	if o == nil {
		return nil
	}
	if err := os.Chown(dir, int(o.uid), int(o.gid)); err != nil {
		return fmt.Errorf("pgserver: give %s to %s: %w", dir, o.name, err)
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		if !o.canTraverse(p) {
			return fmt.Errorf("pgserver: the %s user cannot enter %s (PostgreSQL runs as %s because "+
				"this process is root): chmod o+x %s, or choose a data directory elsewhere (e.g. under /var/lib)",
				o.name, p, o.name, p)
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// canTraverse reports whether the owner may search directory p.
func (o *owner) canTraverse(p string) bool {
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	mode := fi.Mode().Perm()
	switch {
	case st.Uid == o.uid:
		return mode&0o100 != 0
	case st.Gid == o.gid:
		return mode&0o010 != 0
	default:
		return mode&0o001 != 0
	}
}
