package perfdata

import (
	"strings"
	"testing"
)

func f(v float64) *float64 { return &v }

func eqf(a, b *float64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Point
		wantErr bool
	}{
		{"load", "load1=0.120;5.000;10.000;0; load5=0.080;4.000;6.000;0; load15=0.050;3.000;4.000;0;",
			[]Point{{Label: "load1", Value: f(0.12), Warn: "5.000", Crit: "10.000", Min: f(0)},
				{Label: "load5", Value: f(0.08), Warn: "4.000", Crit: "6.000", Min: f(0)},
				{Label: "load15", Value: f(0.05), Warn: "3.000", Crit: "4.000", Min: f(0)}}, false},
		{"uom and max", "/=2643MB;5948;5958;0;5968", []Point{{Label: "/", Value: f(2643), UOM: "MB", Warn: "5948", Crit: "5958", Min: f(0), Max: f(5968)}}, false},
		{"quoted label with space and quote", "'free space'=56% 'it''s'=1c", []Point{{Label: "free space", Value: f(56), UOM: "%"}, {Label: "it's", Value: f(1), UOM: "c"}}, false},
		{"ranges", "time=0.5s;@1:2;~:10", []Point{{Label: "time", Value: f(0.5), UOM: "s", Warn: "@1:2", Crit: "~:10"}}, false},
		{"undetermined", "x=U;;;0;1", []Point{{Label: "x", Min: f(0), Max: f(1)}}, false},
		{"negative exponent", "t=-1.5e-3", []Point{{Label: "t", Value: f(-0.0015)}}, false},
		{"bad item skipped", "a=1 b=xyz c=3", []Point{{Label: "a", Value: f(1)}, {Label: "c", Value: f(3)}}, true},
		{"no equals", "garbage a=1", []Point{{Label: "a", Value: f(1)}}, true},
		{"unterminated quote", "'abc=1", nil, true},
		{"empty", "   ", nil, false},
		{"inf rejected", "a=1e999", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d points %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Label != w.Label || !eqf(g.Value, w.Value) || g.UOM != w.UOM || g.Warn != w.Warn ||
					g.Crit != w.Crit || !eqf(g.Min, w.Min) || !eqf(g.Max, w.Max) {
					t.Errorf("point %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestSplitMultiLine(t *testing.T) {
	out := "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n" +
		"/ 15272 MB (77%);\n/boot 68 MB (69%);\n/var/log 819 MB (84%); | /boot=68MB;88;93;0;98\n" +
		"/home=69357MB;253404;253409;0;253414 \n/var/log=818MB;970;975;0;980\n"
	o := Split(out)
	if o.Text != "DISK OK - free space: / 3326 MB (56%);" {
		t.Errorf("text %q", o.Text)
	}
	if !strings.HasPrefix(o.Long, "/ 15272 MB") || !strings.HasSuffix(o.Long, "(84%);") {
		t.Errorf("long %q", o.Long)
	}
	labels := []string{}
	for _, p := range o.Points {
		labels = append(labels, p.Label)
	}
	if strings.Join(labels, ",") != "/,/boot,/home,/var/log" || o.Err != nil {
		t.Fatalf("labels %v err %v", labels, o.Err)
	}
	if p, ok := Find(o.Points, "/var/log"); !ok || *p.Max != 980 {
		t.Fatalf("find /var/log: %+v", p)
	}
}

func TestSplitNoPerfdata(t *testing.T) {
	o := Split("OK: all good\n")
	if o.Text != "OK: all good" || len(o.Points) != 0 || o.Err != nil {
		t.Fatalf("%+v", o)
	}
}

func TestParseBoundsPoints(t *testing.T) {
	got, _ := Parse(strings.Repeat("a=1 ", MaxPoints*3))
	if len(got) != MaxPoints {
		t.Fatalf("kept %d points, want %d", len(got), MaxPoints)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("DISK OK | /=2643MB;5948;5958;0;5968\nlong | 'a b'=1;2;3;4;5 x=U")
	f.Add("'it''s'=1c;@1:2;~:3")
	f.Add("| = ;;;; '")
	f.Fuzz(func(t *testing.T, s string) {
		o := Split(s)
		if len(o.Points) > MaxPoints {
			t.Fatalf("%d points", len(o.Points))
		}
		for _, p := range o.Points {
			if p.Label == "" || len(p.Label) > maxLabel || len(p.Warn) > 64 || len(p.UOM) > 64 {
				t.Fatalf("bad point %+v", p)
			}
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	out := "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n" +
		"/ 15272 MB (77%);\n/boot 68 MB (69%); | /boot=68MB;88;93;0;98\n" +
		"'/home dir'=69357MB;253404;253409;0;253414 \n/var/log=818MB;970;975;0;980\n"
	b.ReportAllocs()
	for b.Loop() {
		if o := Split(out); len(o.Points) != 4 {
			b.Fatal(o)
		}
	}
}
