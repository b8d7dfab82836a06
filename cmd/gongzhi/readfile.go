package main

import (
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Bounds of the files the command reads whole (a file named by mistake,
// or /dev/zero, grew in memory until the process was killed).
const (
	maxConfigBytes = 16 << 20  // rules, polls, policies, categories, calendars
	maxResultBytes = 256 << 20 // a saved result (--result)
	maxExportBytes = 512 << 20 // a ticket export (report tickets)
)

// readFileMax reads the JSON file at path, refusing one of more than limit
// bytes or one that is not UTF-8 (naming the line).
func readFileMax(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB", path, limit>>20)
	}
	// Every file read whole is JSON, which is UTF-8: a config saved as GBK
	// (Notepad's ANSI on Chinese Windows) would decode with its names as
	// U+FFFD.
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: line %d is not UTF-8 text; save the file as UTF-8", path, firstBadUTF8Line(data))
	}
	return data, nil
}
