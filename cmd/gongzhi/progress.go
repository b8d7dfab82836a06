package main

import (
	"fmt"
	"io"
)

// progressReader reports how much of a file has been read, each whole
// percent, on a terminal.
type progressReader struct {
	r     io.Reader
	w     io.Writer
	name  string
	total int64
	read  int64
	shown int64
}

// Read reads from the file and reports each new whole percent.
func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if p.total > 0 {
		pct := p.read * 100 / p.total
		if pct > p.shown {
			p.shown = pct
			fmt.Fprintf(p.w, "\rgongzhi: reading %s: %3d%% (%.1f of %.1f MB)", p.name, pct, float64(p.read)/1e6, float64(p.total)/1e6)
		}
	}
	if err == io.EOF && p.shown > 0 {
		fmt.Fprintln(p.w)
		p.shown = -1
	}
	return n, err
}
