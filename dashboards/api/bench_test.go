package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// pushBatch is a full batch of maxPushed results as a client sends it.
func pushBatch(b *testing.B) []byte {
	b.Helper()
	var in pushIn
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxPushed {
		v := float64(i)
		in.Results = append(in.Results, pushedResult{Host: fmt.Sprintf("host%d", i%50), Plugin: "com.example.disk",
			Time: &at, Value: &v, Message: "disk usage 42% on /var"})
	}
	body, err := json.Marshal(in)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkPushDecode measures strict decoding and validation of one full
// POST /results batch (the per-request CPU cost before the database).
func BenchmarkPushDecode(b *testing.B) {
	body := pushBatch(b)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var in pushIn
		if err := decodeJSON(bytes.NewReader(body), &in); err != nil {
			b.Fatal(err)
		}
		if err := in.validate(now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*maxPushed), "ns/result")
}
