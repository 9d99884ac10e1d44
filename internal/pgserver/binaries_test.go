package pgserver

import (
	"errors"
	"strings"
	"testing"
)

func TestParseMajor(t *testing.T) {
	tests := []struct {
		name, out string
		want      int
		wantErr   bool
	}{
		{name: "debian", out: "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n", want: 15},
		{name: "plain", out: "postgres (PostgreSQL) 17.2", want: 17},
		{name: "beta", out: "postgres (PostgreSQL) 18beta1", want: 18},
		{name: "old scheme", out: "postgres (PostgreSQL) 9.6.24", want: 9},
		{name: "garbage", out: "command not found", wantErr: true},
		{name: "empty", out: "", wantErr: true},
		{name: "huge", out: "postgres (PostgreSQL) 99999999999999999999", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMajor(tt.out)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("parseMajor(%q) = %d, %v; want %d, err %v", tt.out, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func FuzzParseMajor(f *testing.F) {
	f.Add("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")
	f.Add("(PostgreSQL) 0")
	f.Fuzz(func(t *testing.T, out string) {
		if n, err := parseMajor(out); err == nil && (n <= 0 || n > 1000) {
			t.Fatalf("accepted major %d from %q", n, out)
		}
	})
}

func FuzzParsePidFile(f *testing.F) {
	f.Add([]byte("12345\n/var/lib/prophasis/pg\n1700000000\n5432\n"))
	f.Add([]byte(""))
	f.Add([]byte("-1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pid, ok := parsePidFile(data); ok && pid <= 0 {
			t.Fatalf("accepted pid %d", pid)
		}
	})
}

func TestMissingVersionSaysWhatToInstall(t *testing.T) {
	_, err := FindBinaries(99)
	if !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "apt-get install postgresql-99") {
		t.Fatalf("err = %v", err)
	}
}

// TestTimescalePreloadedWhenInstalled checks the server preloads TimescaleDB
// exactly when the extension's files are installed.
func TestTimescalePreloadedWhenInstalled(t *testing.T) {
	t.Parallel()
	s := start(t, dataDir(t))
	var libs string
	if err := exec1(t, s, `SHOW shared_preload_libraries`).Scan(&libs); err != nil {
		t.Fatal(err)
	}
	if got := strings.Contains(libs, "timescaledb"); got != s.bin.HasTimescale() || got != s.Timescale() {
		t.Fatalf("shared_preload_libraries=%q but extension installed=%v", libs, s.bin.HasTimescale())
	}
	var ok bool
	err := exec1(t, s, `SELECT current_setting('listen_addresses') = '127.0.0.1'`).Scan(&ok)
	if err != nil || !ok {
		t.Fatalf("server listens beyond loopback: %v", err)
	}
}
