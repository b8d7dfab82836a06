package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/vote"
)

func cmdValidate(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: gongzhi validate RULE.json|CALENDAR.json|NOTICE.json")
		return exitUsage
	}
	data, err := readFileMax(args[0], maxConfigBytes)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot read the rule: %v\n", err)
		return exitInput
	}
	if code, ok := validateCalendar(args[0], data, stdout, stderr); ok { // calendar.go
		return code
	}
	r, err := catalog.ParseRule(data, 0)
	if err != nil {
		return ruleError(stderr, args[0], err)
	}
	fmt.Fprintf(stdout, "%s: valid %s rule\n", args[0], r.Method())
	return exitOK
}

// ruleError reports an invalid rule, naming the field.
func ruleError(stderr io.Writer, name string, err error) int {
	var ce *vote.ConfigError
	if errors.As(err, &ce) {
		fmt.Fprintf(stderr, "gongzhi: %s: field %q: %s\n", name, ce.Field, ce.Reason)
		fmt.Fprintln(stderr, "Fix that field and run \"gongzhi validate\" again.")
		return exitRule
	}
	fmt.Fprintf(stderr, "gongzhi: %s: %v\n", name, err)
	return exitRule
}
