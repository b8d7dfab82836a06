package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// a4Width is the width of an A4 page in CSS pixels (210 mm at 96 dpi).
const a4Width = 794

// checker is injected into a copy of each page (the pages themselves have
// no script): it records script errors, failed loads and console errors,
// and after layout measures the page and its charts into the root
// element's data-check attribute, which --dump-dom prints.
const checkerHead = `<script>
window.__errors = [];
addEventListener('error', function (e) { __errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || 'load failed')); }, true);
(function () { var ce = console.error; console.error = function () { __errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); }; })();
</script>`

const checkerTail = `<script>
(function () {
  var drawn = 0, charts = document.querySelectorAll('svg.chart');
  charts.forEach(function (s) {
    s.querySelectorAll('rect,path,polyline,circle,line').forEach(function (el) {
      var b = el.getBBox(); if (b.width > 0.5 || b.height > 0.5) drawn++;
    });
  });
  var hidden = 0;
  document.querySelectorAll('.scroll').forEach(function (el) { if (el.scrollWidth > el.clientWidth + 1) hidden++; });
  var res = performance.getEntriesByType('resource').map(function (r) { return r.name; });
  document.documentElement.setAttribute('data-check', JSON.stringify({
    width: document.documentElement.scrollWidth, viewport: innerWidth,
    charts: charts.length, drawn: drawn, hiddenTables: hidden, resources: res, errors: __errors}));
})();
</script>`

type check struct {
	Width        int      `json:"width"`
	Viewport     int      `json:"viewport"`
	Charts       int      `json:"charts"`
	Drawn        int      `json:"drawn"`
	HiddenTables int      `json:"hiddenTables"`
	Resources    []string `json:"resources"`
	Errors       []string `json:"errors"`
}

// chromium finds Debian's chromium (or $CHROMIUM).
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func runChromium(t *testing.T, bin string, args ...string) ([]byte, []byte) {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.Command(bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
		}
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("chromium %v did not finish in 90 s", args)
	}
	return out.Bytes(), errb.Bytes()
}

var checkAttr = regexp.MustCompile(`data-check="([^"]*)"`)

// measure loads page with the checker at a window width and returns what
// it found; png, if not empty, receives a screenshot of that window.
func measure(t *testing.T, bin, page string, width int, png string) check {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "<head>", "<head>"+checkerHead, 1)
	s = strings.Replace(s, "</body>", checkerTail+"</body>", 1)
	probe := filepath.Join(t.TempDir(), "probe.html")
	if err := os.WriteFile(probe, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--virtual-time-budget=3000", "--window-size=" + itoa(width) + ",1500", "--dump-dom"}
	if png != "" {
		args = append(args, "--screenshot="+png)
	}
	out, _ := runChromium(t, bin, append(args, "file://"+probe)...)
	m := checkAttr.FindSubmatch(out)
	if m == nil {
		t.Fatalf("%s: the checker did not run; DOM:\n%.2000s", page, out)
	}
	js := strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(string(m[1]))
	var c check
	if err := json.Unmarshal([]byte(js), &c); err != nil {
		t.Fatalf("%s: %v: %s", page, err, js)
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBrowser renders every kind of page in headless Chromium, takes a
// screenshot at A4 width, and fails on script or console errors, on any
// network fetch, on a page wider than A4 (or than a phone), on a table cut
// off at A4 width, and on a page without a drawn chart. It skips when
// Chromium is not installed, except under CI=true, where it fails.
// Screenshots go to $GONGZHI_SCREENSHOTS when set. .ci/run runs it in its
// own section and sets GONGZHI_BROWSER_DONE=1 for the full test run, so
// that CI renders the pages once.
func TestBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; CI installs it (apt-get install chromium)")
		}
		t.Skip("chromium not installed")
	}
	if testing.Short() {
		t.Skip("renders in a browser")
	}
	if os.Getenv("GONGZHI_BROWSER_DONE") == "1" {
		t.Skip("rendered in CI's browser section")
	}
	shots := os.Getenv("GONGZHI_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sem := make(chan struct{}, 3) // at most three browsers at once
	for _, p := range pages(t) {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			sem <- struct{}{}
			defer func() { <-sem }()
			path := filepath.Join(dir, p.name+".html")
			if err := os.WriteFile(path, p.html, 0o644); err != nil {
				t.Fatal(err)
			}
			png := filepath.Join(shots, p.name+".png")
			a4 := measure(t, bin, path, a4Width, png)
			if len(a4.Errors) > 0 {
				t.Errorf("console or script errors: %q", a4.Errors)
			}
			if len(a4.Resources) > 0 {
				t.Errorf("the page fetched %q; it must be self-contained", a4.Resources)
			}
			if a4.Width > a4.Viewport || a4.Viewport > a4Width {
				t.Errorf("page %d px wide at an A4 width of %d px", a4.Width, a4.Viewport)
			}
			if a4.HiddenTables > 0 {
				t.Errorf("%d table(s) wider than the A4 page (cut off when printed)", a4.HiddenTables)
			}
			if a4.Charts == 0 || a4.Drawn < 3 {
				t.Errorf("no chart drawn: %d charts, %d shapes", a4.Charts, a4.Drawn)
			}
			if phone := measure(t, bin, path, 390, ""); phone.Width > phone.Viewport {
				t.Errorf("page %d px wide on a %d px phone", phone.Width, phone.Viewport)
			}
			if st, err := os.Stat(png); err != nil || st.Size() < 10_000 {
				t.Errorf("screenshot %s missing or blank (%v)", png, err)
			}
		})
	}
}
