package report_test

import (
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
)

// Numbers columns of a page lined up by their right edge (89.4 under
// 766.15 ended one digit to the right of the point): plain decimals are
// now padded with a figure space per missing digit and a punctuation
// space for a missing point, so the points line up in tabular figures.
func TestPageDecimalsAlignOnPoint(t *testing.T) {
	out := sheetOutcome(t, "owners-special", 0, "elevator-households.csv", sheet.Options{})
	b, err := report.Page(out, report.PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`<td class="n"><span class="i">766</span><span class="f w3">.15</span></td>`, `<td class="n"><span class="i">89</span><span class="f w3">.4</span></td>`, `<td class="n">8.33 % (89.4/1073.4)</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("missing %q", want)
		}
	}
}
