package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxSheetBytes bounds a tally sheet file read into memory.
const maxSheetBytes = 64 << 20

// maxUnzippedBytes bounds the unzipped parts of an .xlsx workbook
// (excelize's default is 16 GB: a 3 MB file of compressed spaces kept the
// command busy for minutes and took gigabytes of memory). A sheet of
// MaxRows ballots with a few marks each unzips to less.
const maxUnzippedBytes = 256 << 20

// isSheet reports whether path names a spreadsheet or CSV tally sheet.
func isSheet(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".xlsx", ".txt":
		return true
	}
	return false
}

// readSheet reads a tally sheet's rows: .xlsx through excelize (the named
// worksheet, or the first), anything else as CSV in UTF-8 (with or without
// a byte-order mark), UTF-16 with a byte-order mark, or GBK/GB18030 (what
// Excel on Chinese Windows saves), separated by commas or tabs.
func readSheet(r io.Reader, path, worksheet string) (rows [][]string, encoding string, err error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSheetBytes+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) > maxSheetBytes {
		return nil, "", fmt.Errorf("the sheet is larger than %d MB", maxSheetBytes>>20)
	}
	if strings.EqualFold(filepath.Ext(path), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err := readXLSX(data, worksheet)
		return rows, "xlsx", err
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, "", err
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if first, _, _ := strings.Cut(text, "\n"); strings.EqualFold(filepath.Ext(path), ".tsv") || strings.Count(first, "\t") > strings.Count(first, ",") {
		cr.Comma = '\t'
	}
	rows, err = cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, enc, fmt.Errorf("row %d: %v", pe.Line, pe.Err)
		}
		return nil, enc, err
	}
	return rows, enc, nil
}

// decodeText turns a CSV file's bytes into text and names the encoding it
// found.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		if !utf8.Valid(data[3:]) {
			return "", "", fmt.Errorf("the sheet starts with a UTF-8 byte-order mark but is not valid UTF-8; save it again as CSV UTF-8")
		}
		return string(data[3:]), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err == nil && !utf8.Valid(out) {
			err = fmt.Errorf("invalid UTF-16")
		}
		if err != nil {
			return "", "", fmt.Errorf("not valid UTF-16: %v", err)
		}
		return string(out), "UTF-16", nil
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	// The decoder replaces a byte sequence that is not GB18030 with U+FFFD
	// instead of failing: such a file (typically UTF-8 with one damaged or
	// Latin-1 byte) would be read as GBK mojibake, so it is refused.
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", fmt.Errorf("the sheet is neither UTF-8 (line %d is not) nor GBK text; save it as CSV UTF-8 or .xlsx", firstBadUTF8Line(data))
	}
	return string(out), "GBK", nil
}

// readXLSX returns the rows of one worksheet of an .xlsx workbook, as the
// cells are displayed.
func readXLSX(data []byte, worksheet string) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzippedBytes})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	defer f.Close()
	if worksheet == "" {
		names := f.GetSheetList()
		if len(names) == 0 {
			return nil, errors.New("the workbook has no worksheet")
		}
		// Counting the first of several filled worksheets (a draft, last
		// year's count) would be a guess: the clerk names the one to count.
		var filled []string
		for _, name := range names {
			rows, err := f.GetRows(name)
			if err != nil {
				return nil, fmt.Errorf("worksheet %q: %v", name, err)
			}
			if slices.ContainsFunc(rows, func(r []string) bool {
				return slices.ContainsFunc(r, func(c string) bool { return strings.TrimSpace(c) != "" })
			}) {
				filled = append(filled, name)
			}
		}
		if len(filled) > 1 {
			return nil, fmt.Errorf("the workbook has %d worksheets with data (%s): name the one to count with --sheet", len(filled), strings.Join(filled, ", "))
		}
		worksheet = names[0]
		if len(filled) == 1 {
			worksheet = filled[0]
		}
	}
	rows, err := f.GetRows(worksheet)
	if err != nil {
		return nil, fmt.Errorf("worksheet %q: %v", worksheet, err)
	}
	if hasFormulas(data) {
		if err := uncalculated(f, worksheet, rows); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// hasFormulas reports whether any worksheet of the workbook may hold a
// formula (an <f> element), reading the zipped XML as a stream; when in
// doubt it says yes. It spares uncalculated's cell-by-cell look-up on the
// usual sheet of plain values.
func hasFormulas(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return true
		}
		found, err := containsFormula(rc)
		rc.Close()
		if found || err != nil {
			return true
		}
	}
	return false
}

// containsFormula scans r for the start of an <f> element, with or without
// a namespace prefix.
func containsFormula(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	keep := 0
	for {
		n, err := r.Read(buf[keep:])
		chunk := buf[:keep+n]
		for _, tag := range [][]byte{[]byte("<f>"), []byte("<f "), []byte(":f>"), []byte(":f ")} {
			if bytes.Contains(chunk, tag) {
				return true, nil
			}
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		keep = copy(buf, chunk[max(0, len(chunk)-2):])
	}
}

// uncalculated refuses a worksheet with a formula whose value was never
// computed: a workbook written by a program (not saved by Excel or WPS)
// stores the formula without its result, so the cell reads as empty and
// a mark made by a formula would silently count as no vote.
func uncalculated(f *excelize.File, worksheet string, rows [][]string) error {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i, r := range rows {
		for j := range width {
			if j < len(r) && r[j] != "" {
				continue
			}
			name, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if formula, err := f.GetCellFormula(worksheet, name); err == nil && formula != "" {
				return fmt.Errorf("worksheet %q, cell %s: the formula =%s has no computed value (the workbook was not saved by a spreadsheet program); open and save it in Excel or WPS, or paste the values", worksheet, name, formula)
			}
		}
	}
	return nil
}

// firstBadUTF8Line returns the 1-based line of the first byte of data that
// is not UTF-8.
func firstBadUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
