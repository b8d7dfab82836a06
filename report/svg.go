package report

import (
	"fmt"
	"html"
	"math"
	"strings"
	"unicode/utf8"
)

// The charts are drawn as inline SVG strings: every text is escaped with
// html.EscapeString and every number is formatted with a fixed precision,
// so equal inputs give identical bytes.

// palette colours the series of a chart (colour-blind safe, Okabe-Ito).
var palette = [...]string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"}

// dashes tell series apart when the palette repeats.
var dashes = [...]string{"", "6 3", "2 3", "8 3 2 3"}

const (
	colSelected = "#1b7837"
	colPassed   = "#7fbf7b"
	colFailed   = "#bdbdbd"
	colYes      = "#1b7837"
	colNo       = "#c51b7d"
	colAbstain  = "#bdbdbd"
	colLine     = "#d6604d"
	colText     = "#222222"
	colMuted    = "#666666"
)

func esc(s string) string { return html.EscapeString(s) }

func f1(x float64) string { return fmt.Sprintf("%.1f", x) }

// clip shortens s to at most n characters for a chart label (the table
// below the chart has the full name).
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// svg wraps a chart body in an SVG element that scales to its container.
func svg(w, h float64, label string, body string) string {
	return svgClass("chart", w, h, label, body)
}

func svgClass(class string, w, h float64, label string, body string) string {
	return fmt.Sprintf(`<svg class="%s" viewBox="0 0 %s %s" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">%s</svg>`,
		class, f1(w), f1(h), esc(label), body)
}

func text(x, y float64, anchor, class, s string) string {
	return fmt.Sprintf(`<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, f1(x), f1(y), anchor, class, esc(s))
}

func rect(x, y, w, h float64, fill string) string {
	return fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, f1(x), f1(y), f1(math.Max(w, 0)), f1(h), fill)
}

// bar is one row of a bar chart.
type bar struct {
	label string
	value string  // printed after the bar
	share float64 // 0..1 of the full width
	fill  string
}

// barChart draws one horizontal bar per row, with an optional vertical
// threshold line at share line (negative: none) labelled lineLabel.
func barChart(title string, rows []bar, line float64, lineLabel string) string {
	const w, labelW, valueW, rowH, top = 720.0, 250.0, 150.0, 28.0, 26.0
	plotW := w - labelW - valueW
	h := top + rowH*float64(len(rows)) + 10
	var b strings.Builder
	b.WriteString(text(0, 16, "start", "ct", title))
	for i, r := range rows {
		y := top + rowH*float64(i)
		b.WriteString(text(labelW-8, y+18, "end", "cl", clip(r.label, 18)))
		b.WriteString(rect(labelW, y+5, plotW, rowH-10, "#f0f0f0"))
		b.WriteString(rect(labelW, y+5, plotW*r.share, rowH-10, r.fill))
		b.WriteString(text(labelW+plotW+6, y+18, "start", "cv", r.value))
	}
	if line >= 0 {
		x := labelW + plotW*line
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="5 3"/>`, f1(x), f1(top-4), f1(x), f1(h-6), colLine)
		b.WriteString(text(x, top-8, "middle", "cm", lineLabel))
	}
	return svg(w, h, title, b.String())
}

// segment is one part of a stacked bar.
type segment struct {
	share float64
	fill  string
	label string
}

// stackedChart draws one stacked bar per row with a legend.
func stackedChart(title string, labels []string, rows [][]segment, legend []segment, line float64, lineLabel string) string {
	const w, labelW, rowH, top = 720.0, 250.0, 28.0, 26.0
	plotW := w - labelW - 20
	h := top + rowH*float64(len(rows)) + 34
	var b strings.Builder
	b.WriteString(text(0, 16, "start", "ct", title))
	for i, segs := range rows {
		y := top + rowH*float64(i)
		b.WriteString(text(labelW-8, y+18, "end", "cl", clip(labels[i], 18)))
		b.WriteString(rect(labelW, y+5, plotW, rowH-10, "#f0f0f0"))
		x := labelW
		for _, s := range segs {
			b.WriteString(rect(x, y+5, plotW*s.share, rowH-10, s.fill))
			x += plotW * s.share
		}
	}
	if line >= 0 {
		x := labelW + plotW*line
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="5 3"/>`, f1(x), f1(top-4), f1(x), f1(top+rowH*float64(len(rows))), colLine)
		b.WriteString(text(x, top-8, "middle", "cm", lineLabel))
	}
	ly := top + rowH*float64(len(rows)) + 16
	lx := labelW
	for _, s := range legend {
		b.WriteString(rect(lx, ly-10, 12, 12, s.fill))
		b.WriteString(text(lx+16, ly, "start", "cv", s.label))
		lx += 24 + 13*float64(utf8.RuneCountInString(s.label))
	}
	return svg(w, h, title, b.String())
}

// arc returns the path of a semicircular arc from share a to share b (0 is
// the left end, 1 the right end) of radius r around (cx, cy).
func arc(cx, cy, r, a, b float64) string {
	pt := func(s float64) (float64, float64) {
		ang := math.Pi * (1 - s)
		return cx + r*math.Cos(ang), cy - r*math.Sin(ang)
	}
	x1, y1 := pt(a)
	x2, y2 := pt(b)
	return fmt.Sprintf("M %s %s A %s %s 0 0 1 %s %s", f1(x1), f1(y1), f1(r), f1(r), f1(x2), f1(y2))
}

// gaugeRing is one ring of a gauge: a share against a threshold.
type gaugeRing struct {
	label     string
	share     float64
	threshold float64
	met       bool
	value     string
}

// gauge draws a semicircular gauge with one ring per measure (outer
// first), each with its threshold tick.
func gauge(title string, rings []gaugeRing) string {
	const w, h, cx, cy = 340.0, 200.0, 170.0, 160.0
	var b strings.Builder
	b.WriteString(text(cx, 18, "middle", "ct", title))
	for i, g := range rings {
		r := 130.0 - 38*float64(i)
		fill := colFailed
		if g.met {
			fill = colSelected
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#eeeeee" stroke-width="24"/>`, arc(cx, cy, r, 0, 1))
		if g.share > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="24"/>`, arc(cx, cy, r, 0, math.Min(g.share, 0.9999)), fill)
		}
		ang := math.Pi * (1 - g.threshold)
		x1, y1 := cx+(r-15)*math.Cos(ang), cy-(r-15)*math.Sin(ang)
		x2, y2 := cx+(r+15)*math.Cos(ang), cy-(r+15)*math.Sin(ang)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`, f1(x1), f1(y1), f1(x2), f1(y2), colLine)
		b.WriteString(text(cx, cy+26+20*float64(i), "middle", "cv", g.label+" "+g.value))
	}
	return svgClass("chart gauge", w, h+float64(len(rings))*20, title, b.String())
}

// series is one line of a line chart.
type series struct {
	label  string
	points []float64 // NaN: no point (not yet or no longer counted)
	marks  []string  // per point: "", "elected" or "eliminated"
}

// lineChart draws the series against rounds 1..n with a legend, on a
// scale from 0 to the largest value (or top when larger).
// xLabels, when set, name the points (every k-th shown when crowded);
// otherwise xLabel formats the 1-based point number.
func lineChart(title, xLabel string, xLabels []string, ss []series, top float64, dashed []float64, dashedLabel string) string {
	n := 0
	for _, s := range ss {
		n = max(n, len(s.points))
		for _, v := range s.points {
			if !math.IsNaN(v) {
				top = math.Max(top, v)
			}
		}
	}
	for _, v := range dashed {
		top = math.Max(top, v)
	}
	step := niceStep(top / 4)
	top = step * math.Ceil(top/step)
	const w, left, right, plotTop, plotH = 720.0, 60.0, 44.0, 30.0, 260.0
	plotW := w - left - right
	legendRows := (len(ss) + 2) / 3
	h := plotTop + plotH + 40 + 20*float64(legendRows)
	x := func(i int) float64 {
		if n <= 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return plotTop + plotH*(1-v/top) }
	var b strings.Builder
	b.WriteString(text(0, 16, "start", "ct", title))
	for k := 0; k <= int(math.Round(top/step)); k++ {
		v := step * float64(k)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e0e0e0"/>`, f1(left), f1(y(v)), f1(w-right), f1(y(v)))
		b.WriteString(text(left-6, y(v)+4, "end", "cs", fmt.Sprintf("%.0f", v)))
	}
	every := (n + 11) / 12
	for i := range n {
		if i%every != 0 && i != n-1 {
			continue
		}
		label := fmt.Sprintf(xLabel, i+1)
		if i < len(xLabels) {
			label = xLabels[i]
		}
		b.WriteString(text(x(i), plotTop+plotH+18, "middle", "cs", label))
	}
	if len(dashed) > 0 {
		var pts []string
		for i, v := range dashed {
			pts = append(pts, f1(x(i))+","+f1(y(v)))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="5 3"/>`, strings.Join(pts, " "), colLine)
		b.WriteString(text(w-right, y(dashed[len(dashed)-1])-5, "end", "cm", dashedLabel))
	}
	for si, s := range ss {
		col := palette[si%len(palette)]
		dash := dashes[(si/len(palette))%len(dashes)]
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="%s"/>`, strings.Join(pts, " "), col, dash)
			}
			pts = nil
		}
		for i, v := range s.points {
			if math.IsNaN(v) {
				flush()
				continue
			}
			pts = append(pts, f1(x(i))+","+f1(y(v)))
			switch s.marks[i] {
			case "elected":
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="5" fill="%s"/>`, f1(x(i)), f1(y(v)), col)
			case "eliminated":
				fmt.Fprintf(&b, `<path d="M %s %s l 8 8 m 0 -8 l -8 8" stroke="%s" stroke-width="2"/>`, f1(x(i)-4), f1(y(v)-4), col)
			}
		}
		flush()
		lx := left + float64(si%3)*(plotW/3)
		ly := plotTop + plotH + 40 + 20*float64(si/3)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" stroke-dasharray="%s"/>`, f1(lx), f1(ly-4), f1(lx+18), f1(ly-4), col, dash)
		b.WriteString(text(lx+24, ly, "start", "cs", clip(s.label, 24)))
	}
	return svg(w, h, title, b.String())
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten, for axis ticks.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}
