package runner

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// drain gives the child the write end of a pipe as *dst and copies the read
// end into w until EOF. Passing an *os.File makes Wait return as soon as the
// plugin exits, instead of waiting for children that still hold the pipe;
// those are killed with the group right after.
func drain(cmd *exec.Cmd, dst *io.Writer, w io.Writer) (*os.File, <-chan struct{}, error) {
	r, pw, err := os.Pipe()
	if err != nil {
		return nil, nil, fmt.Errorf("runner: pipe: %w", err)
	}
	*dst = pw
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(w, r)
	}()
	return r, done, nil
}

// closeWriters closes the parent's copies of the write ends so EOF arrives
// when the last process holding them is gone.
func closeWriters(cmd *exec.Cmd) {
	for _, w := range []io.Writer{cmd.Stdout, cmd.Stderr} {
		if f, ok := w.(*os.File); ok {
			_ = f.Close()
		}
	}
}

// finish waits for a drain to reach EOF, giving up after waitDelay when a
// process that escaped the group still holds the pipe.
func finish(r *os.File, done <-chan struct{}) {
	t := time.NewTimer(waitDelay)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		_ = r.Close()
		<-done
	}
}
