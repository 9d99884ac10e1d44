package storage

import (
	"time"

	"github.com/prophasis/prophasis/alert"
)

// alertSubjectRef reads the host_id / service_id column pair of alert tables.
func alertSubjectRef(host, service *int64) alert.SubjectRef {
	if service != nil {
		return alert.SubjectRef{Kind: alert.SubjectService, ID: *service}
	}
	if host != nil {
		return alert.SubjectRef{Kind: alert.SubjectHost, ID: *host}
	}
	return alert.SubjectRef{}
}

// alertSubjectIDs writes a subject as the host_id / service_id column pair; a
// zero id (a test notification) is neither.
func alertSubjectIDs(s alert.SubjectRef) (host, service *int64) {
	if s.ID == 0 {
		return nil, nil
	}
	id := s.ID
	if s.Kind == alert.SubjectService {
		return nil, &id
	}
	return &id, nil
}

func alertDeref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func alertZeroTime(p *time.Time) time.Time { return alertDeref(p) }

func alertNilTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func alertNilString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func alertNilID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
