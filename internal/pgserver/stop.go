package pgserver

import (
	"context"
	"fmt"
	"syscall"
	"time"
)

// Stop shuts the server down with a fast shutdown (sessions are disconnected,
// data is checkpointed); if ctx ends first it escalates to an immediate
// shutdown. Calling Stop again is harmless.
func (s *Server) Stop(ctx context.Context) error {
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		<-s.exited
		return nil
	}
	select {
	case <-s.exited:
	case <-ctx.Done():
		_ = s.kill()
		return fmt.Errorf("pgserver: fast shutdown did not finish: %w", ctx.Err())
	}
	s.logger.Info("postgresql stopped", "dir", s.dir)
	return nil
}

// kill stops the server immediately (it will run crash recovery next time).
func (s *Server) kill() error {
	_ = s.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	return s.waitErr
}
